/**
 * The store's state for a read-only back-office command (`till report x|z`): the snapshot plus the
 * journal after it, folded in memory, without the lock and without writing anything (a torn tail is
 * left for the register's own start-up to cut). Safe while the register runs; what it shows is the
 * store as of the last whole transaction on disk.
 */
import path from 'node:path';
import { loadStore } from './load.js';
import { withFs } from './fs-ops.js';
import { storeExists } from './open.js';
import { StoreError } from './errors.js';
import type { StoreState } from './types.js';

export async function readStoreState(dir: string): Promise<StoreState> {
  dir = path.resolve(dir);
  if (!storeExists(dir)) throw new StoreError('STORE_MISSING', `There is no store in ${dir}. Create one with \`till init --data ${dir}\`.`, { file: dir });
  return (await loadStore(dir, withFs(), { repair: false })).state;
}
