/**
 * The store's contract. Implementation: journal (append-only JSONL segments, fsync'd, hash-chained)
 * plus a lowdb snapshot of the projection written at checkpoints. See ../../docs/storage.md.
 */
import type { CatalogLookup, Product } from '../domain/catalog.js';
import type { GuessStateFile } from './guess-file.js';

/** One line of the journal. Never edited, never deleted. */
export interface JournalEvent<D = unknown> {
  /** Global sequence number, 1-based, gapless. */
  seq: number;
  /** UUID of this event. */
  id: string;
  /** Dot-namespaced type: "sale.committed", "catalog.upserted", "giftcard.issued", "points.earned"... */
  type: string;
  /** ISO 8601 time of the commit. */
  at: string;
  register: string;
  operator: string;
  /** Transaction id (idempotency key): a sale's UUID, a batch id. Same for every event of one commit. */
  tx: string;
  /** 1-based position of this event inside its transaction, and the transaction's event count. A
   *  transaction is written with one append; a tail with fewer than txCount lines is a torn write. */
  txIndex?: number;
  txCount?: number;
  data: D;
  /** Hash of the previous line ("" for the first); `hash` covers this line's content and `prev`. */
  prev: string;
  hash: string;
}

/** What a caller hands to commit; the store fills in the envelope. */
export interface EventDraft<D = unknown> {
  type: string;
  data: D;
}

export interface CommitRequest {
  /** Idempotency key. Committing a transaction id that is already in the journal changes nothing. */
  id: string;
  events: EventDraft[];
  operator?: string;
  /** Defaults to now; tests pass a fixed clock. */
  at?: string;
}

export interface CommitResult {
  duplicate: boolean;
  events: JournalEvent[];
}

/** Projection: what the journal folds to. Each feature owns one slice (see projections/). */
export interface StoreState {
  meta: {
    storeId: string;
    currency: string;
    createdAt: string;
    /** Last journal sequence folded into this state. */
    seq: number;
    /** Hash of that journal line (chain continues from it). */
    hash: string;
  };
  catalog: {
    products: Record<string, Product>;
    /** Barcode -> sku, folded with the products (last upsert wins) so scan lookup is O(1). */
    barcodes?: Record<string, string>;
  };
  sales: {
    count: number;
    /** Per register: last receipt sequence number issued. */
    lastReceipt: Record<string, number>;
  };
  /** Slices owned by feature modules (gift cards, loyalty...). */
  [slice: string]: unknown;
}

export interface Store {
  readonly dir: string;
  /** The projection. Read it; never mutate it outside a projection module. */
  readonly state: StoreState;
  readonly catalog: CatalogLookup;
  /** Append + fsync + fold. Resolves only when the events are durable. Throws StoreError. */
  commit(req: CommitRequest): Promise<CommitResult>;
  /** True if a transaction with this id is already committed. */
  hasTx(id: string): boolean;
  /**
   * Journal events by sequence number, read back from the journal (a binary search in their segment
   * each, never a walk); an event that is not there, or whose line does not check out, is absent.
   * Absent on stores without a journal on disk (test doubles).
   */
  readEvents?(seqs: readonly number[]): Map<number, JournalEvent>;
  /** Write the snapshot now (fsync'd temp file + rename + directory fsync). */
  checkpoint(): Promise<void>;
  close(): Promise<void>;
  /** Next receipt sequence number for a register (last issued + 1). */
  nextReceiptSeq?(register: string): number;
  /** What start-up recovery did (torn tail cut, events replayed after the snapshot). */
  readonly recovery?: RecoveryReport;
  /** Things the manager must hear about (torn tail cut, snapshot discarded, damaged history), oldest first. */
  readonly notices?: readonly StoreNotice[];
  /** Called with each notice raised after start-up (background verification); returns an unsubscribe. */
  onNotice?(fn: (n: StoreNotice) => void): () => void;
  /** The gift-card guess limiter's saved state (guess-file.ts); absent: the limiter lives in memory only. */
  readonly guesses?: GuessStateFile;
  /** The wrong-PIN throttle's state, kept like the gift-card limiter's (pin-guesses.json). */
  readonly pinGuesses?: GuessStateFile;
}

/**
 * A manager-facing report of the store: shown on the register's message line and in headless
 * `state.storeNotices`, and appended to DATA/till.log. `sticky` notices stay until the cause is
 * repaired (damaged history); the others are reported for this start only.
 */
export interface StoreNotice {
  /** CHAIN_OVERSPEND: the chain database recorded an offline overspend of this register (docs/chain.md). */
  code: 'STORE_TORN_TAIL' | 'SNAPSHOT_DISCARDED' | 'LOCK_TAKEN_OVER' | 'STORE_DAMAGED' | 'CHAIN_OVERSPEND';
  level: 'warning' | 'error';
  message: string;
  at: string;
  sticky: boolean;
  /**
   * The catalog key (`notice.*`, src/i18n/en-notices.ts) and values of `message`: the register shows
   * the notice in the screen's language; `message` (English) goes to the log and headless.
   */
  text?: { key: string; params: Record<string, string | number> };
}

export interface RecoveryReport {
  /** Bytes of an incomplete transaction cut from the end of the journal (0 = clean). */
  tornBytes: number;
  /** The segment that was cut, if any. */
  tornFile?: string;
  /** Events folded from the journal after the snapshot. */
  replayed: number;
  /** Why the snapshot was not used, when it was not ("missing", "new projection: giftcards"). */
  fullReplay?: string;
  /** The snapshot on disk was not used because its digest does not prove it (why); the journal was replayed. */
  snapshotDiscarded?: string;
  /** A stale lock was taken over (why it was stale: its pid gone, reused, or from another boot). */
  lockTakenOver?: string;
}

export type StoreErrorCode =
  | 'STORE_MISSING'
  | 'STORE_EXISTS'
  | 'STORE_CORRUPT'
  | 'STORE_LOCKED'
  | 'DISK_FULL'
  | 'READ_ONLY'
  | 'PERMISSION'
  | 'IO_ERROR'
  | 'STORE_CLOSED'
  | 'BAD_EVENT'
  | 'GIFT_CARD_OVERDRAWN'
  | 'POINTS_OVERDRAWN'
  | 'PARKED_SALE_GONE'
  | 'SALE_IS_PARKED'
  | 'BALANCES_UNPROVEN';

/**
 * A feature's slice of the projection. Registered in src/store/projections/index.ts.
 * `apply` folds one event into the slice in place (the state is large; copying it per event would
 * make a commit cost grow with the store). It must be deterministic, must ignore event types it does
 * not own, and must never throw on a well-formed event: validation happens before commit, in the domain.
 * A slice must be plain JSON (no Map, Set, Date, undefined): it is persisted in the snapshot.
 */
export interface ProjectionModule<S = unknown> {
  name: string;
  /** Bump when `apply` changes meaning: a snapshot built by another version is rebuilt from the journal. */
  version?: number;
  initial(): S;
  apply(slice: S, event: JournalEvent, state: StoreState): void;
  /**
   * Called once on a slice read from a snapshot, before it is used (e.g. to mark its append-only
   * lists, projections/append-only.ts). Optional; must not change what the slice holds.
   */
  adopt?(slice: S): void;
}
