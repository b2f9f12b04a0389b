/**
 * The outbox and the shared ledger (docs/chain.md): a register's journal replicated to PostgreSQL in
 * order and idempotently, balances folded by the database, overspends recorded with an alert, and
 * the errors a manager gets instead of a crash.
 */
import { describe, expect, it } from 'vitest';
import { Outbox } from '../../src/sync/outbox.js';
import { pushTransactions, type Alert } from '../../src/sync/ledger.js';
import { streamTransactions } from '../../src/store/journal-stream.js';
import { connectChain, checkSchema } from '../../src/sync/db.js';
import { availableOnCard, holdGiftCard } from '../../src/sync/holds.js';
import { randomUUID } from 'node:crypto';
import { TillError } from '../../src/domain/errors.js';
import { freePort, pgAvailable } from '../support/pg-server.js';
import { cardBooks, chainServer, createCustomer, freshDb, issueCard, movePoints, query, registerFolder, spendSale } from './support.js';
import type { TillStore } from '../../src/store/till-store.js';

const outboxOf = (dir: string, store: TillStore, url: string, register: string) =>
  new Outbox({ dataDir: dir, url, reg: { register, journalId: store.state.meta.storeId, currency: 'USD' }, timeoutMs: 2000 });

describe.runIf(pgAvailable())('the outbox and the shared ledger', () => {
  const server = chainServer();

  it('replicates a journal in order; the database folds balances; a second push sends nothing', async () => {
    const url = await freshDb(server());
    const { dir, store } = await registerFolder('R1', url);
    const a = await issueCard(store, 5000);
    const b = await issueCard(store, 2000);
    await spendSale(store, 'R1', [[a, 1200], [b, 500]]);
    await spendSale(store, 'R1', [[a, 300]]);
    await createCustomer(store, 'C1');
    await movePoints(store, 'C1', 100);
    await movePoints(store, 'C1', -40);
    const outbox = outboxOf(dir, store, url, 'R1');
    const r = await outbox.push();
    expect(r).toMatchObject({ inserted: store.state.meta.seq, duplicates: 0, sales: 2, acked: store.state.meta.seq, alerts: [] });
    expect(await cardBooks(url)).toEqual(
      [
        { code: a, balance: 3500, overspent: 0, moved: 3500 },
        { code: b, balance: 1500, overspent: 0, moved: 1500 },
      ].sort((x, y) => (x.code < y.code ? -1 : 1)),
    );
    expect(await query(url, 'SELECT customer_id, program_id, balance::int FROM points_accounts')).toEqual([{ customer_id: 'C1', program_id: 'main', balance: 60 }]);
    const seqs = (await query<{ seq: string }>(url, 'SELECT seq FROM events ORDER BY received_at, seq')).map((x) => Number(x.seq));
    expect(seqs).toEqual(Array.from({ length: store.state.meta.seq }, (_, i) => i + 1));
    expect(await outbox.push()).toMatchObject({ inserted: 0, acked: store.state.meta.seq });
    // More sales later continue from the acknowledged position.
    await spendSale(store, 'R1', [[b, 1500]]);
    expect(await outbox.push()).toMatchObject({ inserted: 1, sales: 1 });
    expect((await cardBooks(url)).find((c) => c.code === b)).toEqual({ code: b, balance: 0, overspent: 0, moved: 0 });
    await outbox.stop();
    await store.close();
  });

  it('a resend of events the database already has (its acknowledgement lost) inserts and moves nothing', async () => {
    const url = await freshDb(server());
    const { dir, store } = await registerFolder('R1', url);
    const a = await issueCard(store, 5000);
    await spendSale(store, 'R1', [[a, 1000]]);
    const outbox = outboxOf(dir, store, url, 'R1');
    await outbox.push();
    const before = await cardBooks(url);
    const txs = [];
    for await (const tx of streamTransactions(dir)) txs.push(tx);
    // As if the acknowledgement had been lost: the register's position set back by hand.
    await query(url, "UPDATE registers SET last_seq = 0, last_hash = '' WHERE register_id = 'R1'");
    const { connectChain: connect } = await import('../../src/sync/db.js');
    const c = await connect(url, { timeoutMs: 2000 });
    const r = await pushTransactions(c, { register: 'R1', journalId: store.state.meta.storeId, currency: 'USD' }, txs);
    await c.end();
    expect(r).toMatchObject({ inserted: 0, duplicates: store.state.meta.seq, lastSeq: store.state.meta.seq });
    expect(await cardBooks(url)).toEqual(before);
    expect(await query(url, 'SELECT count(*)::int AS n FROM gift_card_movements')).toEqual([{ n: 2 }]);
    await outbox.stop();
    await store.close();
  });

  it('a batch that resends part of what the database holds and carries new events inserts and moves only the new ones, in order', async () => {
    const url = await freshDb(server());
    const { dir, store } = await registerFolder('R1', url);
    const a = await issueCard(store, 100_000);
    await createCustomer(store, 'C1');
    for (let i = 0; i < 30; i++) await spendSale(store, 'R1', [[a, 100]]);
    await movePoints(store, 'C1', 50);
    const first = outboxOf(dir, store, url, 'R1');
    await first.push();
    await first.stop();
    const held = store.state.meta.seq;
    // The acknowledgement of the second half lost (a restored database): the position set back to
    // the middle, while the events after it are still there. Then more sales and points, offline.
    const mid = 12;
    const at = await query<{ hash: string }>(url, 'SELECT hash FROM events WHERE register_id = $1 AND seq = $2', ['R1', mid]);
    await query(url, "UPDATE registers SET last_seq = $1, last_hash = $2 WHERE register_id = 'R1'", [mid, at[0].hash]);
    for (let i = 0; i < 25; i++) await spendSale(store, 'R1', [[a, 10]]);
    await movePoints(store, 'C1', -20);
    // Small batches (7 transactions): some hold only resent events, one both, the rest only new ones.
    const o = new Outbox({ dataDir: dir, url, reg: { register: 'R1', journalId: store.state.meta.storeId, currency: 'USD' }, timeoutMs: 2000, batch: 7 });
    const r = await o.push();
    expect(r).toMatchObject({ inserted: store.state.meta.seq - held, duplicates: held - mid, acked: store.state.meta.seq, alerts: [] });
    expect(await cardBooks(url)).toEqual([{ code: a, balance: 100_000 - 3000 - 250, overspent: 0, moved: 100_000 - 3000 - 250 }]);
    expect(await query(url, 'SELECT balance::int FROM points_accounts')).toEqual([{ balance: 30 }]);
    // Each movement once, and the database's running balance follows the journal's order.
    const moves = await query<{ amount: string; balance_after: string; seq: string }>(
      url,
      'SELECT m.amount, m.balance_after, e.seq FROM gift_card_movements m JOIN events e ON e.id = m.event_id ORDER BY m.id',
    );
    expect(moves.map((m) => Number(m.seq))).toEqual([...moves.map((m) => Number(m.seq))].sort((x, y) => x - y));
    let run = 0;
    for (const m of moves) expect(Number(m.balance_after)).toBe((run += Number(m.amount)));
    expect(moves).toHaveLength(1 + 30 + 25);
    await o.stop();
    await store.close();
  });

  it('an offline overspend from two registers is recorded as a negative balance with an alert, never refused', async () => {
    const url = await freshDb(server());
    const r1 = await registerFolder('R1', url);
    const r2 = await registerFolder('R2', url);
    const code = await issueCard(r1.store, 5000);
    const o1 = outboxOf(r1.dir, r1.store, url, 'R1');
    const o2 = outboxOf(r2.dir, r2.store, url, 'R2');
    await o1.push();
    // Both offline: each spends what it last knew.
    await spendSale(r1.store, 'R1', [[code, 3000]]);
    await spendSale(r2.store, 'R2', [[code, 4000]]);
    expect((await o1.push()).alerts).toEqual([]);
    const back = await o2.push();
    expect(back.alerts).toEqual([expect.objectContaining({ kind: 'giftcard.overspent', subject: code, shortfall: 2000, balanceAfter: -2000 })]);
    expect(await cardBooks(url)).toEqual([{ code, balance: -2000, overspent: 2000, moved: -2000 }]);
    // The database itself refuses a balance below zero that no overspend records.
    await expect(query(url, 'UPDATE gift_cards SET overspent = 0')).rejects.toThrow(/gift_card_not_overdrawn/);
    await expect(query(url, "UPDATE events SET type = 'x'")).rejects.toThrow(/append-only/);
    for (const x of [o1, o2]) await x.stop();
    for (const x of [r1, r2]) await x.store.close();
  });

  it('an overspend recorded by a push whose register died before it heard the commit is told on the next push, once', async () => {
    const url = await freshDb(server());
    const r1 = await registerFolder('R1', url);
    const r2 = await registerFolder('R2', url);
    const code = await issueCard(r1.store, 5000);
    const o1 = outboxOf(r1.dir, r1.store, url, 'R1');
    await o1.push();
    await spendSale(r1.store, 'R1', [[code, 3000]]);
    await spendSale(r2.store, 'R2', [[code, 4000]]);
    await o1.push();
    // R2's push commits and R2 is killed before it hears (the chaos run's SIGKILL, failpoint sync-committed):
    // the same database transaction the outbox runs, whose answer nobody receives.
    const txs = [];
    for await (const tx of streamTransactions(r2.dir)) txs.push(tx);
    const c = await connectChain(url, { timeoutMs: 2000 });
    expect((await pushTransactions(c, { register: 'R2', journalId: r2.store.state.meta.storeId, currency: 'USD' }, txs)).alerts).toHaveLength(1);
    await c.end();
    // R2 starts again: its push finds nothing to send, and still tells the manager, once.
    const told: Alert[] = [];
    const mk = () =>
      new Outbox({ dataDir: r2.dir, url, reg: { register: 'R2', journalId: r2.store.state.meta.storeId, currency: 'USD' }, timeoutMs: 2000, onAlerts: (a) => told.push(...a) });
    const o2 = mk();
    expect(await o2.push()).toMatchObject({ inserted: 0, alerts: [] });
    expect(told).toEqual([expect.objectContaining({ kind: 'giftcard.overspent', subject: code, shortfall: 2000, balanceAfter: -2000 })]);
    await o2.push();
    await o2.stop();
    const o3 = mk();
    await o3.push();
    await o3.stop();
    expect(told).toHaveLength(1);
    // R1's outbox is not told R2's overspend.
    const r1Told: Alert[] = [];
    const o1b = new Outbox({ dataDir: r1.dir, url, reg: { register: 'R1', journalId: r1.store.state.meta.storeId, currency: 'USD' }, timeoutMs: 2000, onAlerts: (a) => r1Told.push(...a) });
    await o1b.push();
    expect(r1Told).toEqual([]);
    for (const x of [o1, o1b]) await x.stop();
    for (const x of [r1, r2]) await x.store.close();
  });

  it('a sale reaching the ledger releases a hold of it that it did not use (the hold granted, its answer lost, the card taken off)', async () => {
    const url = await freshDb(server());
    const { dir, store } = await registerFolder('R1', url);
    const a = await issueCard(store, 5000);
    const b = await issueCard(store, 5000);
    const o = outboxOf(dir, store, url, 'R1');
    await o.push();
    const c = await connectChain(url, { timeoutMs: 2000 });
    // The register asked to hold 30.00 of A and 10.00 of B for sale S; the database granted both, the
    // answers were lost (a timeout: the register went on offline) and the cashier took A off.
    const sale = randomUUID();
    for (const [code, amount] of [[a, 3000], [b, 1000]] as const) expect((await holdGiftCard(c, { register: 'R1', saleId: sale, code, amount, seconds: 600 })).ok).toBe(true);
    expect(await availableOnCard(c, a)).toBe(2000);
    await spendSale(store, 'R1', [[b, 1000]], sale);
    await o.push();
    expect(await query(url, 'SELECT code, state FROM gift_card_holds ORDER BY amount')).toEqual([
      { code: b, state: 'posted' },
      { code: a, state: 'released' },
    ]);
    // A's money is free for other registers again at once, not after the hold's 10 minutes.
    expect(await availableOnCard(c, a)).toBe(5000);
    expect(await availableOnCard(c, b)).toBe(4000);
    await c.end();
    await o.stop();
    await store.close();
  });

  it('a register id taken by another journal, a swapped journal and a database without the schema are refused with a message', async () => {
    const url = await freshDb(server());
    const r1 = await registerFolder('R1', url);
    await issueCard(r1.store, 100);
    await outboxOf(r1.dir, r1.store, url, 'R1').push();
    const other = await registerFolder('R1', url);
    await issueCard(other.store, 100);
    const o = outboxOf(other.dir, other.store, url, 'R1');
    await expect(o.push()).rejects.toMatchObject({ code: 'SYNC_REGISTER_TAKEN', message: expect.stringContaining('register.id') });
    expect(o.state.lastError?.code).toBe('SYNC_REGISTER_TAKEN');

    const bare = server().url.replace(/\/till$/, '/postgres');
    const c = await connectChain(bare, { timeoutMs: 2000 });
    await expect(checkSchema(c, bare)).rejects.toMatchObject({ code: 'CHAIN_SCHEMA_MISSING', message: expect.stringContaining('till sync setup') });
    await c.end();
    const old = await freshDb(server());
    await query(old, 'UPDATE till_schema SET version = 0');
    await query(old, 'INSERT INTO till_schema (version) VALUES (0)');
    const c2 = await connectChain(old, { timeoutMs: 2000 });
    await expect(checkSchema(c2, old)).rejects.toMatchObject({ code: 'CHAIN_SCHEMA_MISSING' });
    await query(old, 'INSERT INTO till_schema (version) VALUES (99)');
    await expect(checkSchema(c2, old)).rejects.toMatchObject({ code: 'CHAIN_SCHEMA_NEW', message: expect.stringContaining('Update till') });
    await c2.end();
    for (const x of [r1, other]) await x.store.close();
    await o.stop();
  });

  it('an unreachable database is CHAIN_UNREACHABLE with offline-since noted; the journal is untouched', async () => {
    const port = await freePort();
    const url = `postgres://till@127.0.0.1:${port}/till`;
    const { dir, store } = await registerFolder('R1', url);
    await issueCard(store, 100);
    const o = outboxOf(dir, store, url, 'R1');
    const e = await o.push().catch((x) => x);
    expect(e).toBeInstanceOf(TillError);
    expect(e).toMatchObject({ code: 'CHAIN_UNREACHABLE', message: expect.stringContaining('keeps selling') });
    expect(o.state.offlineSince).toMatch(/^\d{4}-/);
    expect(store.state.meta.seq).toBe(2);
    await o.stop();
    await store.close();
  });
});
