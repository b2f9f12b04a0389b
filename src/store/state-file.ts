/**
 * Small state files beside the store (`DATA/sync-state.json`, `DATA/hq-pull.json`): shortcuts whose
 * truth lives elsewhere, so reading a missing or damaged file gives null (the caller falls back to its
 * empty state) and writing never throws. One JSON line, 0600, temp file + fsync + rename: a reader sees
 * the old file or the new one, never half of one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FILE_MODE } from './fs-ops.js';

/** The parsed JSON of `DATA/<name>`, or null when it is missing, unreadable or not JSON. */
export function readStateFile(dataDir: string, name: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, name), 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Writes `DATA/<name>` atomically; false when it could not be written (no temp file is left). */
export function writeStateFile(dataDir: string, name: string, state: unknown): boolean {
  const file = path.join(dataDir, name);
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    const fd = fs.openSync(tmp, 'w', FILE_MODE);
    try {
      fs.writeSync(fd, `${JSON.stringify(state)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    return true;
  } catch {
    fs.rmSync(tmp, { force: true });
    return false;
  }
}
