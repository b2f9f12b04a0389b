/**
 * Who is told of an overspend (docs/chain.md, "Overspend"): the register whose redemption had no hold
 * (an offline one), not the online register whose held sale happened to take the balance below zero
 * when it reached the ledger after it. The alert reaches that register's manager at its next push
 * (store notice, till.log), `till sync status` on it lists it, and `till hq report` lists every
 * register's — never only a log line somewhere else.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { pgAvailable } from '../support/pg-server.js';
import { chainServer, createCustomer, freshDb, issueCard, movePoints, query, registerFolder, spendSale } from './support.js';
import { connectChain } from '../../src/sync/db.js';
import { holdGiftCard, holdPoints } from '../../src/sync/holds.js';
import { Outbox } from '../../src/sync/outbox.js';
import type { Alert } from '../../src/sync/ledger.js';
import type { TillStore } from '../../src/store/till-store.js';
import { main } from '../../src/cli.js';

async function till(args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => out.push(l), isTTY: false });
  return { code, out: out.join('\n') };
}

const outboxOf = (dir: string, store: TillStore, id: string, url: string, told: Alert[] = []) =>
  new Outbox({ dataDir: dir, url, reg: { register: id, journalId: store.state.meta.storeId, currency: 'USD' }, timeoutMs: 2000, onAlerts: (a) => told.push(...a) });

describe.runIf(pgAvailable())('an offline overspend', () => {
  const server = chainServer();

  it('goes to the register that spent without a hold, even when an online register’s held sale found it; sync status and hq report show it', async () => {
    const url = await freshDb(server());
    const r1 = await registerFolder('R1', url);
    const code = await issueCard(r1.store, 1000);
    const o1 = outboxOf(r1.dir, r1.store, 'R1', url);
    await o1.push();
    // R2 is online: it holds the whole card for its sale, then writes the sale.
    const r2 = await registerFolder('R2', url);
    const c = await connectChain(url, { timeoutMs: 2000 });
    const sale2 = randomUUID();
    expect((await holdGiftCard(c, { register: 'R2', saleId: sale2, code, amount: 1000, seconds: 60 })).ok).toBe(true);
    await c.end();
    await spendSale(r2.store, 'R2', [[code, 1000]], sale2);
    // R3 was offline: it took 8.00 of the card on its last known balance, without a hold, and reconnects first.
    const r3 = await registerFolder('R3', url);
    await spendSale(r3.store, 'R3', [[code, 800]]);
    const told3: Alert[] = [];
    const o3 = outboxOf(r3.dir, r3.store, 'R3', url, told3);
    expect((await o3.push()).alerts).toEqual([]);
    // R2's held sale reaches the ledger after it and takes the card to -8.00: the shortfall is R3's.
    const told2: Alert[] = [];
    const o2 = outboxOf(r2.dir, r2.store, 'R2', url, told2);
    expect((await o2.push()).alerts).toEqual([]);
    expect(told2).toEqual([]);
    expect(await query(url, 'SELECT register_id, moved_by, shortfall::int, balance_after::int, seen_at IS NULL AS untold FROM chain_alerts')).toEqual([
      { register_id: 'R3', moved_by: 'R2', shortfall: 800, balance_after: -800, untold: true },
    ]);
    // Before R3 pushes again, head office's report shows it as not yet told at the register.
    let rep = await till(['hq', 'report', '--data', r1.dir]);
    expect(rep.out).toContain('Overspend alerts (1)');
    expect(rep.out).toMatch(new RegExp(`R3 .*gift card \\*\\*\\*\\*${code.slice(-4)} overspent by 8\\.00 \\(balance then -8\\.00\\); not shown at the register yet`));
    // R3's next push tells its manager, once.
    await o3.push();
    expect(told3).toMatchObject([{ kind: 'giftcard.overspent', subject: code, shortfall: 800, balanceAfter: -800 }]);
    await o3.push();
    expect(told3).toHaveLength(1);
    const st3 = await till(['sync', 'status', '--data', r3.dir]);
    expect(st3.out).toContain('1 overspend alert(s) for this register');
    expect(st3.out).toMatch(new RegExp(`gift card \\*\\*\\*\\*${code.slice(-4)} overspent by 8\\.00, balance then -8\\.00; shown on this register; found when register R2 sent a sale it had held`));
    const st2 = await till(['sync', 'status', '--data', r2.dir]);
    expect(st2.out).not.toContain('overspend');
    rep = await till(['hq', 'report', '--data', r1.dir]);
    expect(rep.out).toMatch(/R3 .*overspent by 8\.00 \(balance then -8\.00\); shown at the register/);
    for (const o of [o1, o2, o3]) await o.stop();
    for (const r of [r1, r2, r3]) await r.store.close();
  });

  it('points: the same, for a held sale that spends points its journal credited from the chain and an offline spend that landed first', async () => {
    const url = await freshDb(server());
    const r1 = await registerFolder('R1', url);
    await createCustomer(r1.store, 'c-1');
    await movePoints(r1.store, 'c-1', 100);
    const o1 = outboxOf(r1.dir, r1.store, 'R1', url);
    await o1.push();
    // R3, offline, spends 80 of the 100 it last saw in the chain (credited in its journal first).
    const r3 = await registerFolder('R3', url);
    await createCustomer(r3.store, 'c-1');
    await r3.store.commit({
      id: randomUUID(),
      events: [
        { type: 'points.chain.credited', data: { customerId: 'c-1', programId: 'main', points: 80, day: '2026-12-03', reason: 'chain balance' } },
        { type: 'points.spent', data: { customerId: 'c-1', programId: 'main', points: 80, day: '2026-12-03', reason: 'offline' } },
      ],
    });
    // R2, online, holds all 100 and writes its sale (credited the same way).
    const r2 = await registerFolder('R2', url);
    await createCustomer(r2.store, 'c-1');
    const c = await connectChain(url, { timeoutMs: 2000 });
    const sale = randomUUID();
    expect((await holdPoints(c, { register: 'R2', saleId: sale, customerId: 'c-1', programId: 'main', points: 100, seconds: 60 })).ok).toBe(true);
    await c.end();
    const loyalty = { v: 1, customerId: 'c-1', cardNumber: '', day: '2026-12-03', spend: 0, tierBefore: null, tierAfter: null, promoted: false, tierDiscount: 0, programs: [{ programId: 'main', name: 'Main', earned: 0, spent: 100, balanceBefore: 100, balanceAfter: 0, expiringSoon: 0, rewards: [] }] };
    await r2.store.commit({
      id: sale,
      events: [
        { type: 'points.chain.credited', data: { customerId: 'c-1', programId: 'main', points: 100, day: '2026-12-03', reason: 'chain balance' } },
        { type: 'sale.committed', data: { sale: { saleId: sale, receiptNo: 'R2-000001', register: 'R2', currency: 'USD', total: 0, extensions: { loyalty } } } },
      ],
    });
    const told3: Alert[] = [];
    const o3 = outboxOf(r3.dir, r3.store, 'R3', url, told3);
    await o3.push();
    const o2 = outboxOf(r2.dir, r2.store, 'R2', url);
    expect((await o2.push()).alerts).toEqual([]);
    // The credits moved nothing: 100 - 80 - 100.
    expect(await query(url, "SELECT balance::int, overspent::int FROM points_accounts WHERE customer_id = 'c-1'")).toEqual([{ balance: -80, overspent: 80 }]);
    expect(await query(url, 'SELECT kind, register_id, moved_by, shortfall::int FROM chain_alerts')).toEqual([{ kind: 'points.overspent', register_id: 'R3', moved_by: 'R2', shortfall: 80 }]);
    await o3.push();
    expect(told3).toMatchObject([{ kind: 'points.overspent', subject: 'c-1/main', shortfall: 80 }]);
    for (const o of [o1, o2, o3]) await o.stop();
    for (const r of [r1, r2, r3]) await r.store.close();
  });

  it('an overspend of two offline registers stays with the one whose movement found it', async () => {
    const url = await freshDb(server());
    const r1 = await registerFolder('R1', url);
    const code = await issueCard(r1.store, 1000);
    const o1 = outboxOf(r1.dir, r1.store, 'R1', url);
    await o1.push();
    const r2 = await registerFolder('R2', url);
    const r3 = await registerFolder('R3', url);
    await spendSale(r2.store, 'R2', [[code, 700]]);
    await spendSale(r3.store, 'R3', [[code, 600]]);
    const o3 = outboxOf(r3.dir, r3.store, 'R3', url);
    await o3.push();
    const o2 = outboxOf(r2.dir, r2.store, 'R2', url);
    expect((await o2.push()).alerts).toMatchObject([{ shortfall: 300 }]);
    expect(await query(url, 'SELECT register_id, moved_by FROM chain_alerts')).toEqual([{ register_id: 'R2', moved_by: null }]);
    for (const o of [o1, o2, o3]) await o.stop();
    for (const r of [r1, r2, r3]) await r.store.close();
  });
});
