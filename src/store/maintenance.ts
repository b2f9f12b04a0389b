/**
 * Maintenance entry points for the admin commands: verify, rebuild, backup, restore.
 */
import path from 'node:path';
import { openStore } from './open.js';
import { listSegments, readFrom } from './segments.js';
import { JOURNAL_DIR } from './load.js';
import type { JournalEvent, RecoveryReport } from './types.js';

export { verifyStore, firstDifference, type VerifyReport, type VerifyProblem } from './verify.js';
export { backupStore, restoreBackup, type BackupManifest, MANIFEST_FILE } from './backup.js';
export { INCOMPLETE_TX, repairStore, STORE_REPAIRED, type RepairReport, type RepairLoss } from './repair.js';

/**
 * Rebuilds `store.json` from the whole journal (the snapshot is not even read). Takes the store's
 * lock: the register must be closed. A damaged journal is refused like at start-up.
 */
export async function rebuildSnapshot(dir: string): Promise<{ seq: number; events: number; recovery: RecoveryReport }> {
  const store = await openStore(path.resolve(dir), { register: '-', fromZero: true, idleCheckpointMs: 0 });
  const out = { seq: store.state.meta.seq, events: store.recovery.replayed, recovery: store.recovery };
  await store.close();
  return out;
}

/** The last `n` complete events of the journal, oldest first (reads segments from the end). */
export async function readTail(dir: string, n: number): Promise<JournalEvent[]> {
  const out: JournalEvent[] = [];
  const segs = listSegments(path.join(path.resolve(dir), JOURNAL_DIR)).reverse();
  for (const seg of segs) {
    const lines = readFrom(seg.file, 0).toString('utf8').split('\n');
    for (let i = lines.length - 1; i >= 0 && out.length < n; i--) {
      try {
        const ev = JSON.parse(lines[i]);
        if (ev && typeof ev.seq === 'number') out.push(ev);
      } catch {
        /* an incomplete last line */
      }
    }
    if (out.length >= n) break;
  }
  return out.reverse();
}
