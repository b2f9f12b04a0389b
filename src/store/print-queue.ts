/**
 * The durable print queue (hardware/types.ts PrintQueue): print jobs kept as files in
 * `<dataDir>/print-queue/` so receipts waiting for the printer (paper out, offline) survive a restart
 * and print once after it.
 *
 * Why here, in src/store: the folder is part of the data folder, whose files only src/store touches;
 * the store's lock (one register per data folder) is what keeps two processes from printing the same
 * queue; and the durable-write primitives (fsync of file and folder) live here.
 *
 * One file per job, `<name>-<hash>.job`, 0600 in a 0700 folder (a receipt of a sold gift card carries
 * its whole code), one JSON object: id, state, seq (its place in line), text, bytes (base64). Every
 * change is atomic: a temp file is written and fsync'd, renamed over the job file, and the folder is
 * fsync'd. The states and what a restart makes of them:
 *
 *   sending    written before the bytes go out           -> uncertain (it may have printed): COPY
 *   waiting    refused or failed without printing         -> waiting: printed as it is
 *   uncertain  failed part-way, or loaded from `sending`  -> uncertain: COPY
 *   (no file)  printed: the file is removed (unlink, folder fsync) right after the printer took it
 *
 * So "printed once" holds across a crash except in the window between the printer taking the bytes and
 * the removal reaching the disk, and a job caught there comes out again marked COPY, never as a second
 * original. A job file that cannot be read is left where it is, named in the log, and skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { KeptJob, PrintJob, PrintQueue } from '../../hardware/types.js';
import { DIR_MODE, FILE_MODE, fsyncDir, nodeFsOps, writeAll, type FsOps } from './fs-ops.js';
import { crash, hit } from './failpoints.js';

export const PRINT_QUEUE_DIR = 'print-queue';

type State = 'sending' | 'waiting' | 'uncertain';

interface JobFile {
  v: 1;
  id: string;
  state: State;
  seq: number;
  text: string;
  bytes: string;
}

/** "receipt:R1-000042" -> "R1-000042-3f2a9c01d4.job": readable, and distinct for distinct ids. */
export function queueFileName(id: string): string {
  const readable = id.replace(/^receipt:/, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_').slice(0, 80) || 'job';
  return `${readable}-${createHash('sha256').update(id).digest('hex').slice(0, 10)}.job`;
}

function parse(text: string): JobFile | null {
  try {
    const j = JSON.parse(text) as JobFile;
    const ok = j && j.v === 1 && typeof j.id === 'string' && j.id !== '' && ['sending', 'waiting', 'uncertain'].includes(j.state) && Number.isFinite(j.seq) && typeof j.text === 'string' && typeof j.bytes === 'string';
    return ok ? j : null;
  } catch {
    return null;
  }
}

export function openPrintQueue(dataDir: string, opts: { ops?: FsOps; log?: (line: string) => void; now?: () => number } = {}): PrintQueue & { readonly dir: string } {
  const dir = path.join(dataDir, PRINT_QUEUE_DIR);
  const ops = opts.ops ?? nodeFsOps;
  const log = opts.log ?? (() => {});
  const now = opts.now ?? Date.now;
  /** Place in line of each job on disk, kept when a job is rewritten. */
  const seqOf = new Map<string, number>();
  let lastSeq = 0;
  let tmpN = 0;
  let ready = false;

  const nextSeq = () => (lastSeq = Math.max(lastSeq + 1, now()));

  async function ensureDir(): Promise<void> {
    if (ready) return;
    fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    fs.chmodSync(dir, DIR_MODE);
    await fsyncDir(ops, dataDir);
    ready = true;
  }

  async function write(job: PrintJob, state: State): Promise<void> {
    await ensureDir();
    const seq = seqOf.get(job.id) ?? nextSeq();
    seqOf.set(job.id, seq);
    const file = path.join(dir, queueFileName(job.id));
    const body: JobFile = { v: 1, id: job.id, state, seq, text: job.text, bytes: Buffer.from(job.bytes).toString('base64') };
    const tmp = `${file}.tmp-${process.pid}-${(tmpN = (tmpN + 1) % 1e9)}`;
    const fd = await ops.open(tmp, 'w', FILE_MODE);
    try {
      await writeAll(ops, fd, Buffer.from(JSON.stringify(body)), 0);
      await ops.fsync(fd);
    } catch (e) {
      await ops.close(fd).catch(() => {});
      await ops.unlink(tmp).catch(() => {});
      throw e;
    }
    await ops.close(fd);
    try {
      await ops.rename(tmp, file);
    } catch (e) {
      await ops.unlink(tmp).catch(() => {});
      throw e;
    }
    await fsyncDir(ops, dir);
  }

  return {
    dir,
    load(): KeptJob[] {
      let names: string[];
      try {
        names = fs.readdirSync(dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
      fs.chmodSync(dir, DIR_MODE); // tightened if an older copy made it wider
      ready = true;
      const found: (KeptJob & { seq: number })[] = [];
      for (const n of names.sort()) {
        const full = path.join(dir, n);
        // A temp file is a change that never reached its rename: the job file before it still holds.
        if (n.includes('.job.tmp-')) {
          fs.rmSync(full, { force: true });
          continue;
        }
        if (!n.endsWith('.job')) continue;
        const j = parse(fs.readFileSync(full, 'utf8'));
        if (!j) {
          log(`print queue: ${full} cannot be read as a print job; left in place, not printed`);
          continue;
        }
        seqOf.set(j.id, j.seq);
        lastSeq = Math.max(lastSeq, j.seq);
        found.push({ job: { id: j.id, text: j.text, bytes: new Uint8Array(Buffer.from(j.bytes, 'base64')) }, uncertain: j.state !== 'waiting', seq: j.seq });
      }
      return found.sort((a, b) => a.seq - b.seq).map(({ job, uncertain }) => ({ job, uncertain }));
    },
    sending: (job) => write(job, 'sending'),
    kept: ({ job, uncertain }) => write(job, uncertain ? 'uncertain' : 'waiting'),
    async printed(id) {
      // The crash test's moment: the printer has the bytes, the job is still on disk.
      if (hit('print-sent')) crash();
      seqOf.delete(id);
      try {
        await ops.unlink(path.join(dir, queueFileName(id)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        return;
      }
      await fsyncDir(ops, dir);
    },
  };
}
