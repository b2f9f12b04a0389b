/**
 * The write-side file operations of the store, as one injectable object, so tests can make a write
 * fail (ENOSPC, EROFS, a short write) deterministically. Reads at start-up use node:fs directly.
 */
import fs from 'node:fs';
import { promisify } from 'node:util';

export interface FsOps {
  open(path: string, flags: string, mode?: number): Promise<number>;
  /** Writes part of buf at position; returns bytes written (may be short). Journal appends. */
  write(fd: number, buf: Buffer, offset: number, length: number, position: number): Promise<number>;
  /** The same through the thread pool, for big writes that should not block (snapshot, backup). */
  writeBulk(fd: number, buf: Buffer, offset: number, length: number, position: number): Promise<number>;
  datasync(fd: number): Promise<void>;
  fsync(fd: number): Promise<void>;
  ftruncate(fd: number, len: number): Promise<void>;
  close(fd: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /**
   * Synchronous open and write, for the snapshot: its state is serialised and written in one
   * synchronous run, so it is a consistent cut while commits continue, without holding the whole
   * serialisation in memory (see snapshot.ts).
   */
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buf: Buffer, offset: number, length: number, position: number): number;
}


/**
 * The journal's write and sync are synchronous calls behind the promise interface: a commit is the
 * one thing the register waits for anyway, and a round trip through libuv's thread pool would add
 * about 0.1 ms to every sale (better-sqlite3 blocks the same way). Snapshot writes go through the
 * same calls; they run between commits.
 */
const syncCall = <A extends unknown[], R>(f: (...a: A) => R) => (...a: A): Promise<R> => {
  try {
    return Promise.resolve(f(...a));
  } catch (e) {
    return Promise.reject(e);
  }
};

export const nodeFsOps: FsOps = {
  open: promisify(fs.open) as FsOps['open'],
  write: syncCall((fd: number, buf: Buffer, offset: number, length: number, position: number) => fs.writeSync(fd, buf, offset, length, position)),
  writeBulk: promisify(fs.write) as unknown as FsOps['writeBulk'],
  datasync: syncCall((fd: number) => fs.fdatasyncSync(fd)),
  fsync: promisify(fs.fsync),
  ftruncate: promisify(fs.ftruncate) as FsOps['ftruncate'],
  close: promisify(fs.close),
  rename: promisify(fs.rename),
  unlink: promisify(fs.unlink),
  openSync: (p: string, flags: string, mode?: number) => fs.openSync(p, flags, mode),
  writeSync: (fd: number, buf: Buffer, offset: number, length: number, position: number) => fs.writeSync(fd, buf, offset, length, position),
};

export const withFs = (over?: Partial<FsOps>): FsOps => ({ ...nodeFsOps, ...(over ?? {}) });

/** Writes all of buf at position, looping over short writes. */
export async function writeAll(ops: FsOps, fd: number, buf: Buffer, position: number, bulk = false): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const n = await (bulk ? ops.writeBulk : ops.write)(fd, buf, done, buf.length - done, position + done);
    if (n <= 0) throw Object.assign(new Error('write returned no progress'), { code: 'EIO' });
    done += n;
  }
}

/** Writes all of buf at position with synchronous writes, looping over short writes. */
export function writeAllSync(ops: FsOps, fd: number, buf: Buffer, position: number): void {
  let done = 0;
  while (done < buf.length) {
    const n = ops.writeSync(fd, buf, done, buf.length - done, position + done);
    if (n <= 0) throw Object.assign(new Error('write returned no progress'), { code: 'EIO' });
    done += n;
  }
}

/** fsync of a directory makes a create/rename in it durable. */
export async function fsyncDir(ops: FsOps, dir: string): Promise<void> {
  const fd = await ops.open(dir, 'r');
  try {
    await ops.fsync(fd);
  } finally {
    await ops.close(fd);
  }
}

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;
