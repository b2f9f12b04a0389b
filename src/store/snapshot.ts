/**
 * The snapshot `store.json`: the projection at a journal position, read and written through lowdb
 * with an adapter of our own. steno (lowdb's writer) renames a temp file without any fsync, so a
 * power cut can leave an empty or old file behind a "saved" state; this adapter writes a temp file,
 * fsyncs it, renames it over the old one and fsyncs the directory. The file is JSON Lines
 * (snapshot-lines.ts), written and read a line at a time, so the register never holds the whole
 * serialisation in memory. The journal stays the record of truth: a snapshot only saves replay time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { FILE_MODE, fsyncDir, writeAll, writeAllSync, type FsOps } from './fs-ops.js';
import { corrupt, fromFsError, snapshotFix } from './errors.js';
import { OUTDATED_FORMATS, SnapshotDecoder, SnapshotFormatError, SNAPSHOT_FORMAT, type SnapshotDoc } from './snapshot-lines.js';
import { crash, hit } from './failpoints.js';
import { cutSnapshot, snapshotPieces } from './snapshot-cut.js';

export { SNAPSHOT_FORMAT, type SnapshotDoc, type LinePos } from './snapshot-lines.js';
export const SNAPSHOT_FILE = 'store.json';

/** A snapshot written by an earlier version: not read, the journal is replayed instead. */
export interface OutdatedSnapshot {
  format: string;
  outdated: true;
}

export type SnapshotRead = SnapshotDoc | OutdatedSnapshot;

export const isOutdated = (d: SnapshotRead): d is OutdatedSnapshot => (d as OutdatedSnapshot).outdated === true;

/** Bytes read at a time; lines longer than this are assembled from pieces. */
const READ_BYTES = 1024 * 1024;
/** Lines are gathered into writes of at most this size. */
const WRITE_BYTES = 1024 * 1024;
/**
 * The temp file is synced through the thread pool after every this many bytes written, so that the
 * final fsync before the rename flushes at most this much: one 40 MB flush at the end queued beside
 * the journal's fdatasync and held the commits behind it (issue 12).
 */
export const SYNC_BYTES = 4 * 1024 * 1024;
/**
 * Encoding time a snapshot takes before it lets commits run (the target: a commit during a snapshot
 * waits at most a few ms). Writes go through the thread pool in between, so they do not block either.
 */
export const SLICE_MS = 2;

let tmpSeq = 0;

/** Removes temp files a crash in the middle of a snapshot write left behind (call with the lock held). */
export function removeStaleTemps(dataDir: string): void {
  for (const n of fs.readdirSync(dataDir)) if (n.startsWith(`${SNAPSHOT_FILE}.tmp-`)) fs.rmSync(path.join(dataDir, n), { force: true });
}

/** Calls `fn` with each line of a file (without its newline), reading a megabyte at a time. */
function forEachLine(fd: number, fn: (line: string, n: number) => void): void {
  const buf = Buffer.allocUnsafe(READ_BYTES);
  let carry: Buffer[] = [];
  let n = 0;
  let pos = 0;
  for (;;) {
    const got = fs.readSync(fd, buf, 0, buf.length, pos);
    if (got === 0) break;
    pos += got;
    let start = 0;
    for (let nl = buf.indexOf(10, 0); nl !== -1 && nl < got; nl = buf.indexOf(10, start)) {
      const text = carry.length ? Buffer.concat([...carry, buf.subarray(start, nl)]).toString('utf8') : buf.toString('utf8', start, nl);
      carry = [];
      fn(text, ++n);
      start = nl + 1;
    }
    if (start < got) carry.push(Buffer.from(buf.subarray(start, got)));
  }
  if (carry.length) fn(Buffer.concat(carry).toString('utf8'), ++n);
}

/** Reads a snapshot file; null when there is none. Damage throws STORE_CORRUPT naming the file and line. */
export function readSnapshotFile(file: string, dataDir: string): SnapshotRead | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fromFsError(e, file, 'reading the snapshot');
  }
  try {
    const head = Buffer.alloc(64);
    const got = fs.readSync(fd, head, 0, head.length, 0);
    const m = /^\{"format":"([^"]+)"/.exec(head.toString('latin1', 0, got));
    if (m && OUTDATED_FORMATS.includes(m[1])) return { format: m[1], outdated: true };
    const dec = new SnapshotDecoder();
    let at = 0;
    try {
      forEachLine(fd, (line, n) => {
        at = n;
        dec.line(line);
      });
      return dec.finish();
    } catch (e) {
      if (!(e instanceof SnapshotFormatError)) throw e;
      const what = at <= 1 && e.message.includes('not a till snapshot') ? e.message : `the snapshot does not parse: ${e.message}`;
      throw corrupt(file, at || undefined, what, snapshotFix(dataDir));
    }
  } catch (e) {
    throw fromFsError(e, file, 'reading the snapshot');
  } finally {
    fs.closeSync(fd);
  }
}

/** lowdb adapter: streamed durable write (temp + fsync + rename + dir fsync), strict streamed read. */
export class DurableSnapshotFile implements Adapter<SnapshotRead | null> {
  constructor(
    readonly file: string,
    private readonly ops: FsOps,
    private readonly dataDir: string,
    /** Encoding time between two yields to the event loop (ms). */
    private readonly sliceMs = SLICE_MS,
    /** Bytes written between two syncs of the temp file. */
    private readonly syncBytes = SYNC_BYTES,
  ) {}

  async read(): Promise<SnapshotRead | null> {
    return readSnapshotFile(this.file, this.dataDir);
  }

  /**
   * Takes the cut in the synchronous run of this call, before its first await (snapshot-cut.ts: a
   * consistent state at its journal position, cheap to take), then encodes and writes the file in
   * slices: at most `sliceMs` of encoding at a time, then the bytes so far go out through the thread
   * pool (or, when there are none, a setImmediate) and commits run; every SYNC_BYTES the temp file
   * is synced, also through the thread pool. Temp file, fsync, rename, directory fsync: until the
   * rename the old snapshot is the one start-up reads.
   */
  async write(data: SnapshotRead | null): Promise<void> {
    if (!data || isOutdated(data)) throw new Error('only a current snapshot can be written');
    const cut = cutSnapshot(data);
    const pieces = snapshotPieces(cut);
    const tmp = `${this.file}.tmp-${process.pid}-${(tmpSeq = (tmpSeq + 1) % 1e9)}`;
    let fd: number | undefined;
    try {
      fd = this.ops.openSync(tmp, 'w', FILE_MODE);
      // Failpoint: die with a random prefix of the file written, as a power cut mid-write leaves it.
      const cutAt = hit('snapshot-temp') ? Math.floor(Math.random() * Math.max(1, fs.statSync(this.file, { throwIfNoEntry: false })?.size ?? 4096)) : -1;
      // Fragments are encoded straight into one reused buffer: no joined strings (a megabyte string
      // lands in V8's large-object space and stays until a full GC).
      const buf = Buffer.allocUnsafe(WRITE_BYTES);
      let used = 0;
      let written = 0;
      let synced = 0;
      const put = async (bytes: Buffer) => {
        if (cutAt >= 0 && written + bytes.length > cutAt) {
          writeAllSync(this.ops, fd!, bytes.subarray(0, cutAt - written), written);
          crash();
        }
        await writeAll(this.ops, fd!, bytes, written, true);
        written += bytes.length;
        if (written - synced >= this.syncBytes) {
          await this.ops.fsync(fd!);
          synced = written;
        }
      };
      const flush = async () => {
        if (used > 0) await put(buf.subarray(0, used));
        used = 0;
      };
      let sliceStart = performance.now();
      for (const f of pieces) {
        const need = Buffer.byteLength(f);
        if (used + need > buf.length) await flush();
        if (need > buf.length) await put(Buffer.from(f));
        else used += buf.write(f, used);
        if (performance.now() - sliceStart >= this.sliceMs) {
          // Let commits in: the write of what is encoded so far yields, or an empty turn does.
          if (used > 0) await flush();
          else await new Promise<void>((r) => setImmediate(r));
          sliceStart = performance.now();
        }
      }
      await flush();
      if (cutAt >= 0) crash();
      await this.ops.fsync(fd);
      await this.ops.close(fd);
      fd = undefined;
      await this.ops.rename(tmp, this.file);
      if (hit('snapshot-renamed')) crash();
      await fsyncDir(this.ops, path.dirname(this.file));
    } catch (e) {
      pieces.return(undefined);
      cut.release();
      if (fd !== undefined) await this.ops.close(fd).catch(() => {});
      await this.ops.unlink(tmp).catch(() => {});
      throw fromFsError(e, this.file, 'writing the snapshot');
    }
  }
}

/**
 * Runs `steps` to the end, letting the event loop run whenever `sliceMs` of them have gone by. Steps
 * that fit in one slice run in the caller's synchronous run (undefined is returned, no promise).
 */
export function runInSlices(steps: Iterator<unknown>, sliceMs = SLICE_MS): Promise<void> | undefined {
  const until = performance.now() + sliceMs;
  for (;;) {
    if (steps.next().done) return undefined;
    if (performance.now() >= until) break;
  }
  return new Promise<void>((r) => setImmediate(r)).then(() => runInSlices(steps, sliceMs));
}

export function snapshotDb(dataDir: string, ops: FsOps, sliceMs = SLICE_MS, syncBytes = SYNC_BYTES): Low<SnapshotRead | null> {
  return new Low<SnapshotRead | null>(new DurableSnapshotFile(path.join(dataDir, SNAPSHOT_FILE), ops, dataDir, sliceMs, syncBytes), null);
}

/** Checks the journal position a snapshot must carry before any of it is trusted. */
export function checkSnapshot(d: SnapshotDoc, file: string, dataDir: string): SnapshotDoc {
  const bad = (what: string) => corrupt(file, undefined, what, snapshotFix(dataDir));
  if (d.format !== SNAPSHOT_FORMAT) throw bad('the file is not a till snapshot');
  const s = d.state;
  if (!s || typeof s !== 'object' || !s.meta || !Number.isSafeInteger(s.meta.seq) || typeof s.meta.hash !== 'string')
    throw bad('the snapshot has no journal position');
  if (s.meta.seq > 0 && (!d.pos || typeof d.pos.segment !== 'string' || !Number.isSafeInteger(d.pos.start) || !Number.isSafeInteger(d.pos.end)))
    throw bad('the snapshot has no journal position');
  return d;
}
