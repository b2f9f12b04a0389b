/**
 * The snapshot `store.json`: the projection at a journal position, written through lowdb with an
 * adapter of our own. steno (lowdb's writer) renames a temp file without any fsync, so a power cut can
 * leave an empty or old file behind a "saved" state; this adapter writes a temp file, fsyncs it,
 * renames it over the old one and fsyncs the directory. The journal stays the record of truth: a
 * snapshot only saves replay time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { FILE_MODE, fsyncDir, writeAll, type FsOps } from './fs-ops.js';
import { corrupt, fromFsError, snapshotFix } from './errors.js';
import type { StoreState } from './types.js';
import { crash, hit } from './failpoints.js';

export const SNAPSHOT_FORMAT = 'till-snapshot/1';
export const SNAPSHOT_FILE = 'store.json';

export interface SnapshotDoc {
  format: typeof SNAPSHOT_FORMAT;
  /** Journal position of the last folded event: its segment and the byte range of its line. */
  pos: { segment: string; start: number; end: number } | null;
  /** Projection name -> version that built `state`. */
  projections: Record<string, number>;
  /** Committed transaction ids (see tx-set.ts), base64. */
  txs: string;
  writtenAt: string;
  state: StoreState;
}

let tmpSeq = 0;

/** Removes temp files a crash in the middle of a snapshot write left behind (call with the lock held). */
export function removeStaleTemps(dataDir: string): void {
  for (const n of fs.readdirSync(dataDir)) if (n.startsWith(`${SNAPSHOT_FILE}.tmp-`)) fs.rmSync(path.join(dataDir, n), { force: true });
}

/** lowdb adapter: durable write (temp + fsync + rename + dir fsync), strict read. */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly ops: FsOps,
    private readonly dataDir: string,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw fromFsError(e, this.file, 'reading the snapshot');
    }
    try {
      return JSON.parse(text) as T;
    } catch (e) {
      throw corrupt(this.file, undefined, `the snapshot does not parse (${(e as Error).message})`, snapshotFix(this.dataDir));
    }
  }

  async write(data: T): Promise<void> {
    const tmp = `${this.file}.tmp-${process.pid}-${(tmpSeq = (tmpSeq + 1) % 1e9)}`;
    const buf = Buffer.from(JSON.stringify(data));
    let fd: number | undefined;
    try {
      fd = await this.ops.open(tmp, 'w', FILE_MODE);
      if (hit('snapshot-temp')) {
        await writeAll(this.ops, fd, buf.subarray(0, Math.floor(Math.random() * buf.length)), 0, true);
        crash();
      }
      await writeAll(this.ops, fd, buf, 0, true);
      await this.ops.fsync(fd);
      await this.ops.close(fd);
      fd = undefined;
      await this.ops.rename(tmp, this.file);
      if (hit('snapshot-renamed')) crash();
      await fsyncDir(this.ops, path.dirname(this.file));
    } catch (e) {
      if (fd !== undefined) await this.ops.close(fd).catch(() => {});
      await this.ops.unlink(tmp).catch(() => {});
      throw fromFsError(e, this.file, 'writing the snapshot');
    }
  }
}

export function snapshotDb(dataDir: string, ops: FsOps): Low<SnapshotDoc | null> {
  return new Low<SnapshotDoc | null>(new DurableJsonFile<SnapshotDoc | null>(path.join(dataDir, SNAPSHOT_FILE), ops, dataDir), null);
}

/** Checks the shape a snapshot must have before any of it is trusted. */
export function checkSnapshot(doc: unknown, file: string, dataDir: string): SnapshotDoc {
  const d = doc as SnapshotDoc;
  const bad = (what: string) => corrupt(file, undefined, what, snapshotFix(dataDir));
  if (!d || typeof d !== 'object' || d.format !== SNAPSHOT_FORMAT) throw bad('the file is not a till snapshot');
  const s = d.state;
  if (!s || typeof s !== 'object' || !s.meta || !Number.isSafeInteger(s.meta.seq) || typeof s.meta.hash !== 'string')
    throw bad('the snapshot has no journal position');
  if (s.meta.seq > 0 && (!d.pos || typeof d.pos.segment !== 'string' || !Number.isSafeInteger(d.pos.start) || !Number.isSafeInteger(d.pos.end)))
    throw bad('the snapshot has no journal position');
  if (typeof d.txs !== 'string' || !d.projections || typeof d.projections !== 'object') throw bad('the snapshot is incomplete');
  return d;
}
