/**
 * One process per store: `till.lock` holds the owner's pid, and what identifies that process beyond
 * its pid: the boot id (/proc/sys/kernel/random/boot_id) and the process start time (field 22 of
 * /proc/<pid>/stat, clock ticks since boot). After a power cut the pid in the lock may belong to
 * another process by the time the register starts again; a lock is taken over when its pid is not
 * running, when it was written during another boot, or when the process with that pid started at
 * another time than the one that wrote it. Where /proc is missing (not Linux) only the pid is checked.
 *
 *   12345
 *   boot=6f0c…-…
 *   start=987654
 */
import fs from 'node:fs';
import path from 'node:path';
import { FILE_MODE } from './fs-ops.js';
import { StoreError, fromFsError } from './errors.js';

export const LOCK_FILE = 'till.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The current boot's id, or '' where the kernel does not tell. */
export function bootId(procRoot = '/proc'): string {
  try {
    return fs.readFileSync(path.join(procRoot, 'sys/kernel/random/boot_id'), 'utf8').trim();
  } catch {
    return '';
  }
}

/** Start time of a process (clock ticks since boot), or '' when unknown. */
export function processStart(pid: number, procRoot = '/proc'): string {
  try {
    const stat = fs.readFileSync(path.join(procRoot, String(pid), 'stat'), 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or ')': split after the last one.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19] ?? '';
  } catch {
    return '';
  }
}

export interface LockOwner {
  pid: number;
  boot: string;
  start: string;
}

export function parseLock(text: string): LockOwner {
  const [first, ...rest] = text.split('\n');
  const kv = Object.fromEntries(rest.map((l) => l.split('=')).filter((p) => p.length === 2));
  return { pid: Number(first.trim()), boot: (kv.boot ?? '').trim(), start: (kv.start ?? '').trim() };
}

/** Why a recorded owner is no longer the owner ('' = it still holds the lock). */
export function staleReason(o: LockOwner, procRoot = '/proc'): string {
  if (!Number.isSafeInteger(o.pid) || o.pid <= 0) return 'the lock file holds no pid';
  if (!alive(o.pid)) return `process ${o.pid} is not running`;
  const boot = bootId(procRoot);
  if (o.boot && boot && o.boot !== boot) return `the lock was written before the last restart (pid ${o.pid} is now another process)`;
  const start = processStart(o.pid, procRoot);
  if (o.start && start && o.start !== start) return `pid ${o.pid} now belongs to another process`;
  return '';
}

export interface StoreLock {
  release(): void;
  /** Set when a stale lock was taken over: why it was stale. */
  readonly tookOver?: string;
}

export function acquireLock(dataDir: string, procRoot = '/proc'): StoreLock {
  const file = path.join(dataDir, LOCK_FILE);
  let tookOver: string | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', FILE_MODE);
      fs.writeSync(fd, `${process.pid}\nboot=${bootId(procRoot)}\nstart=${processStart(process.pid, procRoot)}\n`);
      fs.closeSync(fd);
      let released = false;
      return {
        tookOver,
        release() {
          if (released) return;
          released = true;
          try {
            if (parseLock(fs.readFileSync(file, 'utf8')).pid === process.pid) fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw fromFsError(e, file, 'locking the store');
    }
    let owner: LockOwner;
    try {
      owner = parseLock(fs.readFileSync(file, 'utf8'));
    } catch {
      continue; // removed meanwhile: try again
    }
    const why = staleReason(owner, procRoot);
    if (!why)
      throw new StoreError(
        'STORE_LOCKED',
        `The store in ${dataDir} is in use by another till process (pid ${owner.pid}). Close that register first; if no till is running, delete ${file}.`,
        { file, pid: owner.pid },
      );
    tookOver = why;
    try {
      fs.unlinkSync(file); // stale: its process is gone
    } catch {
      /* another process took it over first; retry decides */
    }
  }
  throw new StoreError('STORE_LOCKED', `The store in ${dataDir} could not be locked (${file} keeps changing). Is another till starting?`, { file });
}
