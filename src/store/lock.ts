/**
 * One process per store: `till.lock` holds the owner's pid. A lock whose pid is no longer running
 * (the register was killed or lost power) is taken over.
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

export interface StoreLock {
  release(): void;
}

export function acquireLock(dataDir: string): StoreLock {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', FILE_MODE);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw fromFsError(e, file, 'locking the store');
    }
    let pid = NaN;
    try {
      pid = Number(fs.readFileSync(file, 'utf8').trim());
    } catch {
      continue; // removed meanwhile: try again
    }
    if (Number.isSafeInteger(pid) && pid > 0 && alive(pid))
      throw new StoreError(
        'STORE_LOCKED',
        `The store in ${dataDir} is in use by another till process (pid ${pid}). Close that register first; if no till is running, delete ${file}.`,
        { file, pid },
      );
    try {
      fs.unlinkSync(file); // stale: its process is gone
    } catch {
      /* another process took it over first; retry decides */
    }
  }
  throw new StoreError('STORE_LOCKED', `The store in ${dataDir} could not be locked (${file} keeps changing). Is another till starting?`, { file });
}
