/**
 * What a running register learns from the other registers of its chain (docs/chain.md, "Points",
 * "Customers from other registers", "After a restart"): points another register earned show on its
 * screen, in its customer lookup and on its receipt within a pull, and can be spent there (credited
 * in its journal, not moved twice in the ledger); customers created, blocked, renamed or regraded
 * elsewhere arrive as journal events once, never echoed back; and the last view pulled is kept in
 * DATA/chain-view.json, so a register restarted while the database is away still knows those
 * balances for its offline limits (a damaged file: its own journal only, said in its log).
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from 'xstate';
import { pgAvailable } from '../support/pg-server.js';
import { chainServer, freshDb, query, registerFolder } from './support.js';
import { createChainLink, type ChainLink } from '../../src/sync/chain-link.js';
import { Outbox } from '../../src/sync/outbox.js';
import { createRegister, type Register } from '../../src/register.js';
import { createMockHardware } from '../../hardware/index.js';
import { demoConfig, demoExtras, demoProducts } from '../../src/admin/demo-store.js';
import { initStore, openStore } from '../../src/store/open.js';
import { accountById, loyaltyOf } from '../../src/store/projections/loyalty.js';
import { cardNumberFor } from '../../src/domain/loyalty/card.js';
import { CHAIN_VIEW_FILE } from '../../src/store/chain-view-state.js';
import type { TillConfig } from '../../src/domain/config.js';
import type { Customer, SaleLoyalty } from '../../src/domain/loyalty/types.js';
import type { TillStore } from '../../src/store/till-store.js';

const DAY = '2025-03-14';

function configFor(id: string, url: string, offline: Partial<TillConfig['chain']['offline']> = {}): TillConfig {
  const c = demoConfig();
  return { ...c, register: { id }, chain: { ...c.chain, url, timeoutMs: 1000, offline: { ...c.chain.offline, ...offline } } };
}

/** A register on a store of its own (the demo catalog and loyalty program, no customers) with a chain link that follows the chain. */
async function liveRegister(dir: string, store: TillStore, config: TillConfig, logs: string[] = []) {
  const link: ChainLink = createChainLink({ config, dataDir: dir, journalId: store.state.meta.storeId, store, pointDecimals: () => 0, log: (l) => logs.push(l) });
  await link.ready();
  const register: Register = createRegister({ config, store, hardware: createMockHardware({ now: () => 0 }), now: () => new Date(`${DAY}T09:26:00Z`), chain: link });
  const actor = register.actor;
  type Snap = ReturnType<typeof actor.getSnapshot>;
  const busy = (s: Snap) => s.matches({ open: 'holding' }) || s.matches('committing');
  const send = async (ev: Parameters<typeof actor.send>[0]): Promise<Snap> => {
    actor.send(ev);
    const s = await waitFor(actor, (x) => !busy(x));
    await register.settled();
    await link.holdsIdle();
    return s;
  };
  return { link, register, send, logs, stop: () => register.stop() };
}

async function newRegisterStore(id: string) {
  const dir = mkdtempSync(join(tmpdir(), `till-view-${id}-`));
  const loyalty = demoExtras(DAY).filter((e) => e.type.startsWith('loyalty.'));
  const store = await initStore(dir, { currency: 'USD', register: id, storeId: `store-${id}-${randomUUID()}` }, [{ type: 'catalog.upserted', data: { products: demoProducts() } }, ...loyalty], { idleCheckpointMs: 0 });
  return { dir, store };
}

const outboxOf = (dir: string, store: TillStore, id: string, url: string) => new Outbox({ dataDir: dir, url, reg: { register: id, journalId: store.state.meta.storeId, currency: 'USD' }, timeoutMs: 2000 });
const points = (r: Register, name: string) => r.customers.search(name).map((c) => c.points['coffee-club'] ?? 0);

describe.runIf(pgAvailable())('a running register following the chain', () => {
  const server = chainServer();

  it('shows and spends points another register earned (screen, lookup, receipt), within a pull; the ledger moves nothing twice; customers arrive once', async () => {
    const url = await freshDb(server());
    const b = await newRegisterStore('R2');
    const config = configFor('R2', url);
    const live = await liveRegister(b.dir, b.store, config);
    // Register R1 makes a customer and she earns 100 points there.
    const a = await registerFolder('R1', url);
    const xuan: Customer = { id: 'c-xuan', name: 'Xuan Tran', phone: '0901112233', tier: 'standard', card: cardNumberFor(config.codes.loyaltyPrefix, 77), blocked: false, created: `${DAY}T08:00:00.000Z` };
    await a.store.commit({ id: randomUUID(), events: [{ type: 'customer.created', data: { customer: xuan, cardSerial: 77 } }] });
    await a.store.commit({ id: randomUUID(), events: [{ type: 'points.earned', data: { customerId: xuan.id, programId: 'coffee-club', points: 100, day: DAY, reason: 'sale at R1' } }] });
    const oa = outboxOf(a.dir, a.store, 'R1', url);
    await oa.push();
    // R2 runs and does nothing: its background pull brings the customer and her balance within one interval.
    const started = Date.now();
    while (points(live.register, 'Xuan').join() !== '100' && Date.now() - started < 6000) await new Promise((r) => setTimeout(r, 50));
    expect(points(live.register, 'Xuan')).toEqual([100]);
    // Her points are the chain's, not R2's journal's: the journal knows the customer, not the earning.
    expect(accountById(loyaltyOf(b.store.state), xuan.id)?.points['coffee-club'] ?? 0).toBe(0);
    // On the screen when her card is scanned, and spent there: a free espresso (50 points).
    let s = await live.send({ type: 'cart.scan', code: xuan.card });
    expect(s.context.customer?.points['coffee-club']).toBe(100);
    await live.send({ type: 'cart.scan', code: '101' });
    await live.send({ type: 'cart.scan', code: '703' });
    s = await live.send({ type: 'reward.apply', programId: 'coffee-club', rewardId: 'free-espresso' });
    expect(s.context.message).toBeNull();
    await live.send({ type: 'tender.start' });
    s = await live.send({ type: 'tender.exact' });
    expect(s.matches('committed')).toBe(true);
    const sale = s.context.lastSale!;
    const p = (sale.extensions!.loyalty as SaleLoyalty).programs[0];
    expect(p).toMatchObject({ spent: 50, balanceBefore: 100, balanceAfter: 50 + p.earned });
    expect(p.earned).toBeGreaterThan(0);
    expect(live.register.receiptText(sale)).toMatch(new RegExp(`Points balance\\s+${50 + p.earned}\\b`));
    // The journal credited the 50 it spent of the chain's points and stays at what it can prove.
    expect(accountById(loyaltyOf(b.store.state), xuan.id)?.points['coffee-club']).toBe(p.earned);
    expect(points(live.register, 'Xuan')).toEqual([50 + p.earned]);
    await live.link.outbox.push();
    // The ledger: R1's 100, R2's spend and earning; the credit moved nothing.
    expect(await query(url, "SELECT register_id, kind, delta::int FROM points_movements WHERE customer_id = 'c-xuan' ORDER BY id")).toEqual([
      { register_id: 'R1', kind: 'earn', delta: 100 },
      { register_id: 'R2', kind: 'spend', delta: -50 },
      { register_id: 'R2', kind: 'earn', delta: p.earned },
    ]);
    expect(await query(url, "SELECT balance::int FROM points_accounts WHERE customer_id = 'c-xuan'")).toEqual([{ balance: 50 + p.earned }]);
    await live.link.pullAll();
    expect(points(live.register, 'Xuan')).toEqual([50 + p.earned]);

    // R1 blocks, renames and regrades her; R2 gets it by its pull, once; a second pull writes nothing.
    await a.store.commit({
      id: randomUUID(),
      events: [
        { type: 'customer.updated', data: { customerId: xuan.id, changes: { name: 'Xuan Le' } } },
        { type: 'customer.regraded', data: { customerId: xuan.id, from: 'standard', to: 'gold', reason: 'manager', auto: false } },
        { type: 'card.blocked', data: { customerId: xuan.id, reason: 'lost card' } },
      ],
    });
    await oa.push();
    await live.link.pullAll();
    expect(accountById(loyaltyOf(b.store.state), xuan.id)).toMatchObject({ name: 'Xuan Le', tier: 'gold', blocked: true });
    const seq = b.store.state.meta.seq;
    await live.link.pullAll();
    expect(b.store.state.meta.seq).toBe(seq);
    expect(live.register.customers.search('Xuan').map((c) => c.id)).toEqual([xuan.id]);
    // R2 sends its copies; R1, following the chain too, takes nothing back from them.
    await live.link.outbox.push();
    const aLink = createChainLink({ config: configFor('R1', url), dataDir: a.dir, journalId: a.store.state.meta.storeId, store: a.store });
    const aSeq = a.store.state.meta.seq;
    await aLink.pullAll();
    await aLink.pullAll();
    expect(a.store.state.meta.seq).toBe(aSeq);
    expect(accountById(loyaltyOf(a.store.state), xuan.id)).toMatchObject({ name: 'Xuan Le', tier: 'gold', blocked: true });
    await aLink.stop();
    await oa.stop();
    await live.stop();
    await b.store.close();
    await a.store.close();
  });

  it('a register restarted while the database is away keeps the last balances it pulled for its offline limits; a damaged view file leaves it its own journal, said in its log', async () => {
    const url = await freshDb(server());
    const b = await newRegisterStore('R2');
    const config = configFor('R2', url);
    const a = await registerFolder('R1', url);
    const lan: Customer = { id: 'c-lan', name: 'Lan Pham', phone: '0907778899', tier: 'standard', card: cardNumberFor(config.codes.loyaltyPrefix, 78), blocked: false, created: `${DAY}T08:00:00.000Z` };
    await a.store.commit({ id: randomUUID(), events: [{ type: 'customer.created', data: { customer: lan } }] });
    await a.store.commit({ id: randomUUID(), events: [{ type: 'points.earned', data: { customerId: lan.id, programId: 'coffee-club', points: 80, day: DAY, reason: 'sale at R1' } }] });
    const oa = outboxOf(a.dir, a.store, 'R1', url);
    await oa.push();
    await oa.stop();
    let live = await liveRegister(b.dir, b.store, config);
    await live.link.pullAll();
    expect(points(live.register, 'Lan')).toEqual([80]);
    await live.stop();
    await b.store.close();
    expect(existsSync(join(b.dir, CHAIN_VIEW_FILE))).toBe(true);

    // The database goes away; the register restarts.
    await server().halt();
    try {
      const store = await openStore(b.dir, { register: 'R2' });
      live = await liveRegister(b.dir, store, config);
      expect(points(live.register, 'Lan')).toEqual([80]);
      // Offline, the limit is that balance: one free espresso (50) is taken, a second one is not.
      const espresso = async () => {
        await live.send({ type: 'cart.scan', code: lan.card });
        await live.send({ type: 'cart.scan', code: '101' });
        await live.send({ type: 'cart.scan', code: '703' });
        return live.send({ type: 'reward.apply', programId: 'coffee-club', rewardId: 'free-espresso' });
      };
      let s = await espresso();
      expect(s.context.message).toBeNull();
      await live.send({ type: 'tender.start' });
      s = await live.send({ type: 'tender.exact' });
      expect(s.matches('committed')).toBe(true);
      const earned = (s.context.lastSale!.extensions!.loyalty as SaleLoyalty).programs[0].earned;
      await live.send({ type: 'sale.next' });
      expect(points(live.register, 'Lan')).toEqual([30 + earned]);
      expect(30 + earned).toBeLessThan(50);
      s = await espresso();
      expect(s.context.cart.lines.some((l) => l.kind === 'reward')).toBe(false);
      expect(s.context.message).not.toBeNull();
      await live.send({ type: 'cart.void' });
      await live.stop();
      // A view file that is damaged: the register knows only its journal (here: the points it earned and the credit it took), and says so.
      writeFileSync(join(b.dir, CHAIN_VIEW_FILE), '{"v":1,"register":"R2"');
      const logs: string[] = [];
      live = await liveRegister(b.dir, store, config, logs);
      expect(points(live.register, 'Lan')).toEqual([earned]);
      expect(logs.join('\n')).toMatch(/no saved chain view \(DATA\/chain-view\.json missing or unreadable\)/);
      await live.stop();
      await store.close();
    } finally {
      await server().start();
    }
    await a.store.close();
  });
});
