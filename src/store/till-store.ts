/**
 * The live store: one append + fsync per commit, then the in-memory fold. Commits are serialised;
 * checkpoints (snapshot writes) run beside them: a consistent cut in one synchronous step, then the
 * file written in slices between commits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { CatalogLookup, Product } from '../domain/catalog.js';
import type { CommitRequest, CommitResult, JournalEvent, ProjectionModule, RecoveryReport, Store, StoreState } from './types.js';
import { applyEvent, projectionVersions } from './fold.js';
import { encodeLine } from './line.js';
import { listSegments } from './segments.js';
import { runInSlices, snapshotDb, SNAPSHOT_FORMAT, type LinePos, type SnapshotDoc } from './snapshot.js';
import { prepareCut } from './snapshot-cut.js';
import { RECENT_TX } from './load.js';
import type { TxSet } from './tx-set.js';
import type { JournalWriter } from './journal-writer.js';
import type { StoreLock } from './lock.js';
import type { FsOps } from './fs-ops.js';
import { StoreError } from './errors.js';
import { peekOwn } from './compact/record.js';
import { nextReceiptSeq } from './projections/sales.js';
import { BalanceGuard } from './balance-guard.js';
import { checkParked } from './park-guard.js';
import { NoticeBoard } from './notices.js';
import { guessStateFile, PIN_GUESS_FILE, type GuessStateFile } from './guess-file.js';
import { readEventsBySeq } from './journal-read.js';
import { foldToLive, proveBalances, type ProofResult } from './balance-proof.js';
import type { JournalFold } from './journal-fold.js';
import { SNAPSHOT_FILE } from './snapshot.js';
import type { StoreNotice } from './types.js';

/** A due checkpoint waits for this long a pause in commits... */
const PAUSE_MS = 500;
/** ...unless checkpointEvery * FORCE_AFTER events are waiting. */
const FORCE_AFTER = 10;

export interface TillStoreParts {
  dir: string;
  register: string;
  operator: string;
  checkpointEvery: number;
  idleCheckpointMs: number;
  now: () => Date;
  ops: FsOps;
  modules: readonly ProjectionModule<any>[];
  state: StoreState;
  txs: TxSet;
  recent: string[];
  pos: LinePos | null;
  writer: JournalWriter;
  lock: StoreLock;
  recovery: RecoveryReport;
  snapshotSeq: number;
  /** Encoding time of a snapshot between two yields to commits (snapshot.ts SLICE_MS by default). */
  snapshotSliceMs?: number;
  /** Bytes of a snapshot between two syncs of its temp file (snapshot.ts SYNC_BYTES by default). */
  snapshotSyncBytes?: number;
  /** Where the proof's fold runs (balance-proof.ts ProofHost.worker). */
  proofWorker?: 'auto' | 'always' | 'never';
}

export class TillStore implements Store {
  readonly dir: string;
  readonly state: StoreState;
  readonly catalog: CatalogLookup;
  readonly recovery: RecoveryReport;
  /** Last failure of a background checkpoint (the journal is unaffected; the next checkpoint retries). */
  checkpointError: StoreError | null = null;
  private readonly p: TillStoreParts;
  private readonly recent: Set<string>;
  private pos: LinePos | null;
  private checkpointSeq: number;
  private commitQueue: Promise<unknown> = Promise.resolve();
  private checkpointQueue: Promise<void> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | null = null;
  private idleTimerMs = 0;
  private closed = false;
  private readonly db;
  /** Manager notices (notices.ts): start-up recovery, background verification. */
  readonly board: NoticeBoard;
  /** The gift-card guess limiter's state, kept per register in the data folder (guess-file.ts). */
  readonly guesses: GuessStateFile;
  readonly pinGuesses: GuessStateFile;

  constructor(parts: TillStoreParts) {
    this.p = parts;
    this.board = new NoticeBoard(parts.dir, parts.now);
    this.guesses = guessStateFile(parts.dir, parts.now);
    this.pinGuesses = guessStateFile(parts.dir, parts.now, PIN_GUESS_FILE, 'PIN checks');
    this.dir = parts.dir;
    this.state = parts.state;
    this.recovery = parts.recovery;
    this.recent = new Set(parts.recent);
    this.pos = parts.pos;
    this.checkpointSeq = parts.snapshotSeq;
    this.db = snapshotDb(parts.dir, parts.ops, parts.snapshotSliceMs, parts.snapshotSyncBytes);
    const cat = () => this.state.catalog;
    // Read straight from the compact tables (compact/record.ts): a fresh decoding per lookup, nothing kept.
    this.catalog = {
      byBarcode: (code: string): Product | undefined => {
        const sku = peekOwn(cat().barcodes ?? {}, code);
        return sku === undefined ? undefined : peekOwn(cat().products, sku);
      },
      bySku: (sku: string): Product | undefined => peekOwn(cat().products, sku),
    };
  }

  /**
   * The proof of the balances (balance-proof.ts): null until started; a store that folded the whole
   * journal at start-up (no snapshot, or a rebuild) needs none.
   */
  proof: Promise<ProofResult> | null = null;
  /** Ends the proof's start delay early (a commit is waiting for it, or the store closes). */
  private hurry: (() => void) | null = null;
  /** 'proven' once the live gift-card and points balances are the journal's fold. */
  balances: 'unproven' | 'proven' | 'damaged' = 'unproven';
  private follower: JournalFold | null = null;
  /** A snapshot found to disagree with the journal is not written again until every slice is refolded. */
  private refolding = false;

  /**
   * Starts the proof once: fold the whole journal afresh in the background and compare its gift-card
   * and loyalty slices with the live ones. A mismatch discards the snapshot (its balances replaced by
   * the journal's, SNAPSHOT_DISCARDED); damage anywhere in the journal raises a sticky STORE_DAMAGED
   * and leaves the balances unproven, so lowering commits are refused until `till store repair`.
   */
  startProof(delayMs = 0): Promise<ProofResult> {
    if (this.proof) return this.proof;
    if (this.p.snapshotSeq === 0) {
      this.balances = 'proven';
      return (this.proof = Promise.resolve({ status: 'proven', seq: this.seq }));
    }
    const host = { dir: this.dir, state: this.state, modules: this.p.modules, stopped: () => this.closed, follow: (f: JournalFold | null) => (this.follower = f), worker: this.p.proofWorker };
    // The fold starts after `delayMs` (the rest of the register's start-up goes first), or as soon as
    // a commit waits for it; Infinity: only then.
    const delay = new Promise<void>((resolve) => {
      this.hurry = resolve;
      if (delayMs <= 0) return resolve();
      if (Number.isFinite(delayMs)) setTimeout(resolve, delayMs).unref();
    });
    this.proof = delay
      .then(() => proveBalances(host))
      .catch((e): ProofResult => ({ status: 'damaged', damage: { file: this.dir, line: 0, message: `the journal could not be read (${(e as Error).message})` } }))
      .then((r) => {
        if (r.status === 'proven') this.balances = 'proven';
        else if (r.status === 'discarded') this.discardSnapshot(r.differences, host);
        else if (r.status === 'damaged') {
          this.balances = 'damaged';
          const where = `${path.relative(this.dir, r.damage.file) || r.damage.file}${r.damage.line ? ` line ${r.damage.line}` : ''}`;
          this.board.raise(
            'STORE_DAMAGED',
            'error',
            `Journal damaged in older history (${where}: ${r.damage.message}). Sales continue; gift-card and points payments are refused until it is repaired. Manager: close the register, run \`till store repair --data ${this.dir}\` (it keeps every intact event and sets the damaged part aside).`,
            true,
            { key: 'notice.STORE_DAMAGED', params: { where, detail: r.damage.message, dir: this.dir } },
          );
        }
        return r;
      });
    return this.proof;
  }

  /**
   * The snapshot disagreed with the journal: its money slices are already the journal's fold. It is
   * moved aside (kept for the manager, never used again), every other slice is refolded from the
   * journal in the background, and only then is a snapshot written.
   */
  private discardSnapshot(differences: string[], host: Parameters<typeof foldToLive>[0]): void {
    this.balances = 'proven';
    this.refolding = true;
    const stamp = this.p.now().toISOString().replace(/[:.]/g, '-');
    const aside = `${SNAPSHOT_FILE}.discarded-${stamp}`;
    try {
      fs.renameSync(path.join(this.dir, SNAPSHOT_FILE), path.join(this.dir, aside));
    } catch {
      /* already gone: the next start replays the journal */
    }
    const why = `it disagrees with the journal (${differences.join('; ')})`;
    this.recovery.snapshotDiscarded = why;
    this.board.raise(
      'SNAPSHOT_DISCARDED',
      'warning',
      `store.json was not used: ${why}. The gift-card and points balances are the journal's; the file was set aside as ${aside}.`,
      false,
      { key: 'notice.SNAPSHOT_DISCARDED', params: { why: differences.join('; '), aside } },
    );
    void foldToLive(host, this.p.modules)
      .then(({ fold, damage, stopped }) => {
        if (damage || stopped) return;
        for (const k of Object.keys(fold.state)) this.state[k] = fold.state[k];
        this.follower = null;
        this.refolding = false;
        this.checkpointSeq = 0;
        this.backgroundCheckpoint();
      })
      .catch(() => {});
  }

  /** Waits for the proof before a commit that lowers a balance; refuses it when the journal is damaged. */
  private async balancesProven(): Promise<void> {
    if (this.balances === 'unproven') {
      const proof = this.startProof();
      this.hurry?.();
      await proof;
    }
    if (this.balances === 'damaged')
      throw new StoreError(
        'BALANCES_UNPROVEN',
        `The journal is damaged in older history, so gift-card and points balances cannot be proven: nothing was saved. Take another payment; the manager runs \`till store repair --data ${this.dir}\`.`,
      );
    if (this.balances !== 'proven') throw new StoreError('STORE_CLOSED', 'The store is closed; restart the register.');
  }

  get notices(): readonly StoreNotice[] {
    return this.board.list;
  }

  onNotice(fn: (n: StoreNotice) => void): () => void {
    return this.board.on(fn);
  }

  get seq(): number {
    return this.state.meta.seq;
  }

  nextReceiptSeq(register: string): number {
    return nextReceiptSeq(this.state, register);
  }

  readEvents(seqs: readonly number[]): Map<number, JournalEvent> {
    return readEventsBySeq(this.dir, seqs);
  }

  hasTx(id: string): boolean {
    if (this.recent.has(id)) return true;
    if (!this.p.txs.mayHave(id)) return false;
    return this.txInJournal(id);
  }

  /** Confirms a hash hit against the journal (rare: a retry of an old transaction, or a collision). */
  private txInJournal(id: string): boolean {
    const needle = Buffer.from(`,"tx":${JSON.stringify(id)},"txIndex":1,`);
    const segs = listSegments(path.join(this.dir, 'journal')).reverse();
    for (const seg of segs) {
      const buf = fs.readFileSync(seg.file);
      for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + 1)) {
        const start = buf.lastIndexOf(10, i) + 1;
        const end = buf.indexOf(10, i);
        try {
          const ev = JSON.parse(buf.toString('utf8', start, end === -1 ? buf.length : end)) as JournalEvent;
          if (ev.tx === id) return true;
        } catch {
          /* a torn tail is not a committed transaction */
        }
      }
    }
    return false;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('STORE_CLOSED', 'The store is closed; restart the register.');
  }

  commit(req: CommitRequest): Promise<CommitResult> {
    return this.commitBatch([req]).then((r) => r[0]);
  }

  /**
   * Several transactions with one write and one fsync (imports, generated data). Each keeps its own
   * framing, so each is still all-or-nothing after a crash; all are durable when this resolves.
   */
  commitBatch(reqs: CommitRequest[]): Promise<CommitResult[]> {
    const run = this.commitQueue.then(() => this.commitNow(reqs));
    this.commitQueue = run.catch(() => {});
    return run;
  }

  private async commitNow(reqs: CommitRequest[]): Promise<CommitResult[]> {
    this.assertOpen();
    const results: CommitResult[] = [];
    const lines: string[] = [];
    const fresh: { id: string; events: JournalEvent[] }[] = [];
    const inBatch = new Set<string>();
    let prev = this.state.meta.hash;
    const seq0 = this.state.meta.seq + 1;
    let seq = seq0;
    const guard = new BalanceGuard(this.state);
    let nowIso: string | undefined;
    for (const req of reqs) {
      if (!req || typeof req.id !== 'string' || req.id === '') throw new StoreError('BAD_EVENT', 'A commit needs a transaction id.');
      if (!Array.isArray(req.events) || req.events.length === 0) throw new StoreError('BAD_EVENT', `Transaction ${req.id} has no events.`);
      if (inBatch.has(req.id) || this.hasTx(req.id)) {
        results.push({ duplicate: true, events: [] });
        continue;
      }
      inBatch.add(req.id);
      const at = req.at ?? (nowIso ??= this.p.now().toISOString());
      const operator = req.operator ?? this.p.operator;
      const n = req.events.length;
      const events: JournalEvent[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const d = req.events[i];
        if (!d || typeof d.type !== 'string' || d.type === '') throw new StoreError('BAD_EVENT', `Event ${i + 1} of transaction ${req.id} has no type.`);
        let dataJson: string | undefined;
        try {
          dataJson = JSON.stringify(d.data ?? null);
        } catch (e) {
          throw new StoreError('BAD_EVENT', `Event ${d.type} cannot be stored: ${(e as Error).message}`);
        }
        const env = { seq: seq++, id: randomUUID(), type: d.type, at, register: this.p.register, operator, tx: req.id, txIndex: i + 1, txCount: n, dataJson: dataJson ?? 'null', prev };
        const { line, hash } = encodeLine(env);
        lines.push(line);
        // The folded event is what a replay will read back: data goes through JSON both ways.
        events[i] = { seq: env.seq, id: env.id, type: env.type, at, register: env.register, operator, tx: req.id, txIndex: i + 1, txCount: n, data: JSON.parse(env.dataJson), prev, hash };
        prev = hash;
      }
      // No path may write a balance below zero by the journal's fold (balance-guard.ts). A balance may
      // go down only once the journal has proven it (balance-proof.ts): such a commit (or one the guard
      // refuses on balances not yet proven) waits for the proof and is checked again from the start on
      // the proven state; other commits never wait. One guard pass serves both checks.
      if (this.balances !== 'proven') {
        let refused = false;
        try {
          guard.check(events);
        } catch {
          refused = true;
        }
        if (refused || guard.lowered) {
          await this.balancesProven();
          return this.commitNow(reqs);
        }
      } else guard.check(events);
      // A park is recalled once per attempt, and a sale still parked is never committed (park-guard.ts).
      checkParked(this.state, events);
      fresh.push({ id: req.id, events });
      results.push({ duplicate: false, events });
    }
    if (lines.length === 0) return results;
    const buf = Buffer.from(lines.join('\n') + '\n');
    const where = await this.p.writer.append(buf, seq0);
    // Durable from here on: fold and remember.
    for (const tx of fresh) {
      for (const ev of tx.events) applyEvent(this.state, ev, this.p.modules);
      this.follower?.follow(tx.events);
      this.p.txs.add(tx.id);
      this.recent.add(tx.id);
      if (this.recent.size > RECENT_TX) this.recent.delete(this.recent.values().next().value as string);
    }
    const lastLen = Buffer.byteLength(lines[lines.length - 1]) + 1;
    this.pos = { segment: where.segment, start: where.offset + buf.length - lastLen, end: where.offset + buf.length };
    // A snapshot is written in slices between commits (snapshot.ts), but it still takes CPU and disk
    // for seconds at full scale: start it in a pause between customers unless the tail grows too long.
    const pending = this.state.meta.seq - this.checkpointSeq;
    if (pending >= this.p.checkpointEvery * FORCE_AFTER) this.backgroundCheckpoint();
    else this.armTimer(pending >= this.p.checkpointEvery ? PAUSE_MS : this.p.idleCheckpointMs);
    return results;
  }

  private backgroundCheckpoint(): void {
    this.checkpoint().catch((e) => {
      this.checkpointError = e instanceof StoreError ? e : new StoreError('IO_ERROR', String(e));
    });
  }

  private armTimer(ms: number): void {
    if (ms <= 0 || this.closed) return;
    // Re-armed after every commit: refresh() restarts the same timer without making a new one.
    if (this.idleTimer && this.idleTimerMs === ms) {
      this.idleTimer.refresh();
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimerMs = ms;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (!this.closed && this.state.meta.seq > this.checkpointSeq) this.backgroundCheckpoint();
    }, ms);
    this.idleTimer.unref();
  }

  /** Events committed since the last snapshot. */
  get pendingCheckpoint(): number {
    return this.state.meta.seq - this.checkpointSeq;
  }

  checkpoint(): Promise<void> {
    if (this.closed) return Promise.resolve();
    const run = this.checkpointQueue.then(() => this.checkpointNow());
    this.checkpointQueue = run.catch(() => {});
    return run;
  }

  private async checkpointNow(): Promise<void> {
    if (this.refolding) return;
    if (this.state.meta.seq === this.checkpointSeq && fs.existsSync(path.join(this.dir, 'store.json'))) return;
    // Live compact objects written back first, in slices, so the cut copies only the few used since.
    const preparing = runInSlices(prepareCut(this.state), this.p.snapshotSliceMs);
    if (preparing) await preparing;
    if (this.refolding) return;
    const seq = this.state.meta.seq;
    // The cut is taken inside db.write before its first await (snapshot-cut.ts): state, position and
    // transaction ids of one moment; the file is then written in slices while commits go on.
    this.db.data = {
      format: SNAPSHOT_FORMAT,
      pos: this.pos,
      projections: projectionVersions(this.p.modules),
      txs: this.p.txs,
      writtenAt: this.p.now().toISOString(),
      state: this.state,
    } satisfies SnapshotDoc;
    try {
      await this.db.write();
    } finally {
      this.db.data = null;
    }
    this.checkpointSeq = Math.max(this.checkpointSeq, seq);
    this.checkpointError = null;
  }

  /**
   * Lets go of the store without a checkpoint, as a crash would: the journal is already durable.
   * For fatal error paths and crash tests.
   */
  async abandon(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.hurry?.();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.checkpointQueue;
    await this.p.writer.close().catch(() => {});
    this.p.lock.release();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.commitQueue;
    this.closed = true;
    this.hurry?.();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    try {
      await this.checkpointQueue;
      if (this.state.meta.seq > this.checkpointSeq) await this.checkpointNow();
    } finally {
      await this.p.writer.close().catch(() => {});
      this.p.lock.release();
    }
  }
}
