/**
 * The outbox's notes on this register's replication (`DATA/sync-state.json`, 0600): the last position
 * the chain database acknowledged, when, and since when it has been unreachable. The database's own
 * record of the position is the truth (src/sync/ledger.ts): this file only lets `till sync status`
 * answer while the database is away, so a missing or damaged file is read as "never pushed" and
 * rewritten at the next push; writing it never throws.
 */
import { readStateFile, writeStateFile } from './state-file.js';

export const SYNC_STATE_FILE = 'sync-state.json';

export interface SyncState {
  /** Last journal seq the database acknowledged (0 = none yet). */
  acked: number;
  ackedAt: string | null;
  /** When the database stopped answering (null = it answered last time). */
  offlineSince: string | null;
  /** The code and message of the last failure. */
  lastError: { code: string; message: string } | null;
}

export const emptySyncState = (): SyncState => ({ acked: 0, ackedAt: null, offlineSince: null, lastError: null });

export function readSyncState(dataDir: string): SyncState {
  const raw = readStateFile(dataDir, SYNC_STATE_FILE) as Partial<SyncState> | null;
  if (raw === null || typeof raw !== 'object') return emptySyncState();
  const s = emptySyncState();
  if (Number.isSafeInteger(raw.acked) && raw.acked! >= 0) s.acked = raw.acked!;
  if (typeof raw.ackedAt === 'string') s.ackedAt = raw.ackedAt;
  if (typeof raw.offlineSince === 'string') s.offlineSince = raw.offlineSince;
  if (raw.lastError && typeof raw.lastError.code === 'string' && typeof raw.lastError.message === 'string') s.lastError = { code: raw.lastError.code, message: raw.lastError.message };
  return s;
}

/** Temp file + fsync + rename; false when it could not be written (the register goes on). */
export function writeSyncState(dataDir: string, state: SyncState): boolean {
  return writeStateFile(dataDir, SYNC_STATE_FILE, state);
}
