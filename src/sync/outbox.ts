/**
 * The outbox (docs/chain.md, "Replication"): the register's journal stays the durable truth of what
 * it did; this sends its transactions to the chain database in journal order, a batch per database
 * transaction, continuing from the position the database acknowledged for this register (never from
 * a position of our own: the database commits the events and the position together, so a push that
 * was killed before it heard the commit is resent from the right place, and a resend of events
 * already there inserts nothing, by their UUIDs).
 *
 * Failures never reach a sale: `push()` throws a chain TillError to its caller (`till sync push`), and
 * the background loop (`start()`) retries with exponential backoff and jitter (0.5 s doubling to 30 s),
 * noting in DATA/sync-state.json since when the database has been away.
 */
import type { Client } from 'pg';
import { TillError } from '../domain/errors.js';
import { streamTransactionsAt, type JournalCursor } from '../store/journal-stream.js';
import { readSyncState, writeSyncState, type SyncState } from '../store/sync-state.js';
import { SALE_COMMITTED } from '../store/projections/sales.js';
import type { JournalEvent } from '../store/types.js';
import { chainError, checkSchema, connectChain } from './db.js';
import { ackedPosition, markAlertsSeen, pushTransactions, unseenAlerts, type Alert, type RegisterId } from './ledger.js';

export interface OutboxOptions {
  dataDir: string;
  url: string;
  reg: RegisterId;
  /** Connect timeout, ms (chain.timeoutMs). */
  timeoutMs: number;
  /** Journal transactions per database transaction. */
  batch?: number;
  backoff?: { minMs: number; maxMs: number };
  /** How often the background loop looks for new journal transactions when nothing kicks it, ms. */
  pollMs?: number;
  now?: () => Date;
  /**
   * This register's overspends (offline redemptions beyond the balance) that no process of it has
   * told yet: after every push that reached the database, whether this push recorded them or an
   * earlier one that died before it heard its commit (or `till sync push`). Marked told in the
   * database once this returns: a register killed in between tells them again, never not at all.
   */
  onAlerts?: (alerts: Alert[]) => void;
  /** After each push that reached the database. */
  onPushed?: (s: PushSummary) => void;
  /** Each failure of the background loop (already a chain TillError). */
  onError?: (e: TillError) => void;
}

export interface PushSummary {
  inserted: number;
  duplicates: number;
  /** Sales among the events sent now. */
  sales: number;
  acked: number;
  alerts: Alert[];
}

/** Chain errors that a retry can cure (the database away or restarting); the others need a person. */
export const isTransient = (e: TillError): boolean => e.code === 'CHAIN_UNREACHABLE';

const isSale = (tx: readonly JournalEvent[]): boolean => tx.some((e) => e.type === SALE_COMMITTED);

export class Outbox {
  private client: Client | null = null;
  private cursor: JournalCursor | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private kicked = false;
  private queue: Promise<unknown> = Promise.resolve();
  readonly state: SyncState;
  private readonly now: () => Date;

  constructor(private readonly o: OutboxOptions) {
    this.now = o.now ?? (() => new Date());
    this.state = readSyncState(o.dataDir);
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    const c = await connectChain(this.o.url, { timeoutMs: this.o.timeoutMs, application: `till ${this.o.reg.register}` });
    try {
      await checkSchema(c, this.o.url);
    } catch (e) {
      await c.end().catch(() => {});
      throw e;
    }
    this.client = c;
    return c;
  }

  private async drop(): Promise<void> {
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }

  /** Sends everything the journal holds after the acknowledged position. One push at a time. */
  push(): Promise<PushSummary> {
    // A kept connection may have died while idle (a database restart): then one fresh try at once.
    const run = this.queue.then(async () => {
      const reused = this.client !== null;
      try {
        return await this.pushNow();
      } catch (e) {
        if (!reused || !isTransient(e as TillError)) throw e;
        return this.pushNow();
      }
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private async pushNow(): Promise<PushSummary> {
    const sum: PushSummary = { inserted: 0, duplicates: 0, sales: 0, acked: this.state.acked, alerts: [] };
    try {
      const client = await this.connection();
      const pos = await ackedPosition(client, this.o.reg);
      const acked = pos?.seq ?? 0;
      // Our cursor is only a shortcut into the journal; the database's position decides.
      const at = this.cursor && this.cursor.seq === acked ? this.cursor : undefined;
      let batch: JournalEvent[][] = [];
      let end: JournalCursor | null = null;
      const flush = async () => {
        if (!batch.length) return;
        const r = await pushTransactions(client, this.o.reg, batch);
        sum.inserted += r.inserted;
        sum.duplicates += r.duplicates;
        sum.sales += batch.filter(isSale).length;
        sum.acked = r.lastSeq;
        sum.alerts.push(...r.alerts);
        this.cursor = end;
        this.noteAck(r.lastSeq);
        batch = [];
      };
      sum.acked = acked;
      for await (const t of streamTransactionsAt(this.o.dataDir, at ? { at } : { afterSeq: acked })) {
        batch.push(t.tx);
        end = t.end;
        if (batch.length >= (this.o.batch ?? 200)) await flush();
      }
      await flush();
      if (this.o.onAlerts) {
        const unseen = await unseenAlerts(client, this.o.reg);
        if (unseen.length) {
          this.o.onAlerts(unseen.map(({ id: _id, ...a }) => a));
          await markAlertsSeen(client, unseen.map((a) => a.id));
        }
      }
      if (!this.cursor || this.cursor.seq !== sum.acked) this.cursor = end;
      this.noteAck(sum.acked);
      this.o.onPushed?.(sum);
      return sum;
    } catch (e) {
      throw await this.failed(e);
    }
  }

  /** The position the database acknowledged for this register, without sending anything. */
  probe(): Promise<number> {
    const run = this.queue.then(async () => {
      try {
        const pos = await ackedPosition(await this.connection(), this.o.reg);
        this.noteAck(pos?.seq ?? 0);
        return pos?.seq ?? 0;
      } catch (e) {
        throw await this.failed(e);
      }
    });
    this.queue = run.catch(() => {});
    return run;
  }

  private async failed(e: unknown): Promise<TillError> {
    const err = chainError(e, this.o.url);
    // A failed statement leaves the connection in an unknown state: start the next push afresh.
    await this.drop();
    if (isTransient(err)) this.state.offlineSince ??= this.now().toISOString();
    this.state.lastError = { code: err.code, message: err.message };
    writeSyncState(this.o.dataDir, this.state);
    return err;
  }

  /** Another path to the database (a hold at the tender) found it away: the register is offline from now. */
  noteOffline(err: TillError): void {
    this.state.offlineSince ??= this.now().toISOString();
    this.state.lastError = { code: err.code, message: err.message };
    writeSyncState(this.o.dataDir, this.state);
  }

  private noteAck(seq: number): void {
    this.state.acked = seq;
    this.state.ackedAt = this.now().toISOString();
    this.state.offlineSince = null;
    this.state.lastError = null;
    writeSyncState(this.o.dataDir, this.state);
  }

  /** Starts the background loop: push, then wait for a kick or the poll interval; on failure back off. */
  start(): void {
    if (this.running) return;
    this.stopped = false;
    this.running = this.loop();
  }

  /** A commit happened: push soon. */
  kick(): void {
    // A kick during a push is kept: the loop pushes again at once instead of sleeping.
    if (this.wake) this.wake();
    else this.kicked = true;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      t.unref?.();
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = null;
    });
  }

  private async loop(): Promise<void> {
    const { minMs, maxMs } = this.o.backoff ?? { minMs: 500, maxMs: 30_000 };
    let delay = minMs;
    while (!this.stopped) {
      try {
        this.kicked = false;
        await this.push();
        delay = minMs;
        if (!this.stopped && !this.kicked) await this.sleep(this.o.pollMs ?? 2000);
      } catch (e) {
        this.o.onError?.(e as TillError);
        if (this.stopped) break;
        // Full jitter: ten registers coming back together do not knock at the same instant.
        await this.sleep(Math.round(delay * (0.5 + Math.random() / 2)));
        delay = Math.min(maxMs, delay * 2);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running?.catch(() => {});
    this.running = null;
    await this.queue.catch(() => {});
    await this.drop();
  }
}

/** What the journal holds after `acked`: transactions and, among them, sales (for `till sync status`). */
export async function pendingAfter(dataDir: string, acked: number): Promise<{ transactions: number; sales: number; lastSeq: number }> {
  let transactions = 0;
  let sales = 0;
  let lastSeq = acked;
  for await (const t of streamTransactionsAt(dataDir, { afterSeq: acked })) {
    transactions++;
    if (isSale(t.tx)) sales++;
    lastSeq = t.end.seq;
  }
  return { transactions, sales, lastSeq };
}
