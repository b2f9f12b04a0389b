/**
 * Where this register's pull of head office's items stands (`DATA/hq-pull.json`): the chain it pulled
 * from and the last item applied, by (version, kind, key). Only a shortcut: every pulled item is
 * applied by comparing it with the register's own state and each page is committed under a
 * transaction id of its position, so a missing, stale or damaged file makes the next pull read
 * again from the start (or from an older page) and change nothing it has already; writing it never throws.
 */
import { readStateFile, writeStateFile } from './state-file.js';

export const HQ_PULL_FILE = 'hq-pull.json';

export interface HqPullState {
  chainId: string | null;
  version: number;
  kind: string;
  key: string;
  pulledAt: string | null;
}

export const emptyHqPullState = (): HqPullState => ({ chainId: null, version: 0, kind: '', key: '', pulledAt: null });

export function readHqPullState(dataDir: string): HqPullState {
  const raw = readStateFile(dataDir, HQ_PULL_FILE) as Partial<HqPullState> | null;
  if (raw === null || typeof raw !== 'object') return emptyHqPullState();
  const s = emptyHqPullState();
  if (typeof raw.chainId === 'string') s.chainId = raw.chainId;
  if (Number.isSafeInteger(raw.version) && raw.version! >= 0) s.version = raw.version!;
  if (typeof raw.kind === 'string') s.kind = raw.kind;
  if (typeof raw.key === 'string') s.key = raw.key;
  if (typeof raw.pulledAt === 'string') s.pulledAt = raw.pulledAt;
  return s;
}

/** Temp file + fsync + rename; false when it could not be written (the next pull reads more again). */
export function writeHqPullState(dataDir: string, state: HqPullState): boolean {
  return writeStateFile(dataDir, HQ_PULL_FILE, state);
}
