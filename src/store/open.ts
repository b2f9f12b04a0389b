/**
 * Opening and creating a store. A store is created only when asked (initStore: `till init` or the
 * demo); opening a folder without one says how to create it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { EventDraft, ProjectionModule } from './types.js';
import { DIR_MODE, withFs, type FsOps } from './fs-ops.js';
import { StoreError, fromFsError } from './errors.js';
import { acquireLock } from './lock.js';
import { JOURNAL_DIR, loadStore } from './load.js';
import { listSegments } from './segments.js';
import { removeStaleTemps, SNAPSHOT_FILE } from './snapshot.js';
import { JournalWriter } from './journal-writer.js';
import { TillStore } from './till-store.js';
import { initialState, STORE_INITIALIZED, type StoreInitialized } from './fold.js';
import { TxSet } from './tx-set.js';
import { PROJECTIONS } from './projections/index.js';

export interface OpenOptions {
  register: string;
  operator?: string;
  /** Snapshot after this many events (default 1000). */
  checkpointEvery?: number;
  /** Start a new journal segment past this size (default 64 MiB). */
  segmentBytes?: number;
  /** Snapshot after this long without commits when events are pending (default 30 s; 0 = off). */
  idleCheckpointMs?: number;
  now?: () => Date;
  /** Write-side file operations; tests inject failures. */
  fs?: Partial<FsOps>;
  /** Ignore the snapshot and fold the whole journal (store rebuild). */
  fromZero?: boolean;
  /** Projection modules (default PROJECTIONS). */
  modules?: readonly ProjectionModule<any>[];
  /** Prove the snapshot's balances from the journal in the background after start-up (default true; false: at the first commit that lowers a balance). */
  verifyHistory?: boolean;
  /** How long after opening the background proof starts (default 5 s: the register finishes starting first). */
  proofDelayMs?: number;
  /** Encoding time of a snapshot between two yields to commits (default 2 ms; tests use 0: a yield after every piece). */
  snapshotSliceMs?: number;
  /** Bytes of a snapshot written between two syncs of its temp file (default 4 MiB; tests use less). */
  snapshotSyncBytes?: number;
  /** Where the proof's fold runs (balance-proof.ts): default 'auto', a worker thread for a big journal. */
  proofWorker?: 'auto' | 'always' | 'never';
}

export interface InitOptions {
  currency: string;
  storeId?: string;
  register: string;
  operator?: string;
}

/** The register finishes starting (first screen, first headless reply) before the proof's fold begins. */
export const PROOF_DELAY_MS = 5000;

const DEFAULTS = { checkpointEvery: 1000, segmentBytes: 64 * 1024 * 1024, idleCheckpointMs: 30_000 };

/** True if `dir` holds a store (a snapshot or a non-empty journal). */
export function storeExists(dir: string): boolean {
  if (fs.existsSync(path.join(dir, SNAPSHOT_FILE))) return true;
  return listSegments(path.join(dir, JOURNAL_DIR)).some((s) => {
    try {
      return fs.statSync(s.file).size > 0;
    } catch {
      return false;
    }
  });
}

function parts(dir: string, opts: OpenOptions) {
  return {
    dir,
    register: opts.register,
    operator: opts.operator ?? '',
    checkpointEvery: Math.max(1, opts.checkpointEvery ?? DEFAULTS.checkpointEvery),
    idleCheckpointMs: opts.idleCheckpointMs ?? DEFAULTS.idleCheckpointMs,
    now: opts.now ?? (() => new Date()),
    ops: withFs(opts.fs),
    modules: opts.modules ?? PROJECTIONS,
    snapshotSliceMs: opts.snapshotSliceMs,
    snapshotSyncBytes: opts.snapshotSyncBytes,
    proofWorker: opts.proofWorker,
  };
}

export async function openStore(dir: string, opts: OpenOptions): Promise<TillStore> {
  dir = path.resolve(dir);
  if (!storeExists(dir))
    throw new StoreError(
      'STORE_MISSING',
      `There is no store in ${dir}. Create one with \`till init --data ${dir}\`, or run \`npm start\` for the demo store.`,
      { file: dir },
    );
  const base = parts(dir, opts);
  const lock = acquireLock(dir);
  try {
    removeStaleTemps(dir);
    const loaded = await loadStore(dir, base.ops, { modules: base.modules, repair: true, fromZero: opts.fromZero });
    const journalDir = path.join(dir, JOURNAL_DIR);
    const segment = loaded.segment ?? (await JournalWriter.createSegment(base.ops, journalDir, loaded.state.meta.seq + 1));
    const writer = await JournalWriter.open(base.ops, journalDir, opts.segmentBytes ?? DEFAULTS.segmentBytes, segment, loaded.size);
    if (lock.tookOver) loaded.recovery.lockTakenOver = lock.tookOver;
    const store = new TillStore({ ...base, ...loaded, writer, lock });
    // Torn tail cut, snapshot discarded, lock taken over: reported once, on screen, in headless and in till.log.
    store.board.fromRecovery(loaded.recovery);
    // The snapshot's balances are proven from the journal in the background (balance-proof.ts); the
    // same read checks the chain of the history the snapshot covers. Without it (tests), the first
    // commit that lowers a balance starts the proof and waits for it.
    void store.startProof(opts.verifyHistory === false ? Infinity : (opts.proofDelayMs ?? PROOF_DELAY_MS));
    // A start that had to replay much (no snapshot, new projection) saves the work at once.
    if (loaded.recovery.fullReplay || store.pendingCheckpoint >= base.checkpointEvery) await store.checkpoint();
    return store;
  } catch (e) {
    lock.release();
    throw e;
  }
}

/**
 * Creates a store in `dir` (refuses if one is there) with a `store.initialized` event and the seed
 * events in one transaction, and returns it open.
 */
export async function initStore(dir: string, init: InitOptions, seed: EventDraft[] = [], opts: Partial<OpenOptions> = {}): Promise<TillStore> {
  dir = path.resolve(dir);
  if (storeExists(dir))
    throw new StoreError('STORE_EXISTS', `A store already exists in ${dir}. Open it, or choose an empty folder; nothing was changed.`, { file: dir });
  const base = parts(dir, { ...opts, register: init.register, operator: init.operator ?? opts.operator });
  const journalDir = path.join(dir, JOURNAL_DIR);
  try {
    fs.mkdirSync(journalDir, { recursive: true, mode: DIR_MODE });
    fs.chmodSync(dir, DIR_MODE);
    fs.chmodSync(journalDir, DIR_MODE);
  } catch (e) {
    throw fromFsError(e, dir, 'creating the data folder');
  }
  const lock = acquireLock(dir);
  try {
    const segment = await JournalWriter.createSegment(base.ops, journalDir, 1);
    const writer = await JournalWriter.open(base.ops, journalDir, opts.segmentBytes ?? DEFAULTS.segmentBytes, segment, fs.statSync(path.join(journalDir, segment)).size);
    const store = new TillStore({
      ...base,
      state: initialState(base.modules),
      txs: new TxSet(),
      recent: [],
      pos: null,
      writer,
      lock,
      recovery: { tornBytes: 0, replayed: 0 },
      snapshotSeq: 0,
    });
    const storeId = init.storeId ?? randomUUID();
    const at = base.now().toISOString();
    const data: StoreInitialized = { storeId, currency: init.currency, createdAt: at };
    await store.commit({ id: `init:${storeId}`, events: [{ type: STORE_INITIALIZED, data }, ...seed], at });
    await store.checkpoint();
    return store;
  } catch (e) {
    lock.release();
    throw e;
  }
}
