import { describe, expect, it } from 'vitest';
import { buildSaleLoyalty } from '../../../src/domain/loyalty/sale-extension.js';
import { accrualParts, planAccrual } from '../../../src/domain/loyalty/accrue.js';
import { computeExpiry } from '../../../src/domain/loyalty/expiry.js';
import { EV } from '../../../src/domain/loyalty/events.js';
import { planAdjustment, planBlock, planRegrade, planUnblock } from '../../../src/domain/loyalty/operations.js';
import { accountByCard, findCustomers } from '../../../src/store/projections/loyalty.js';
import { cardNumberFor } from '../../../src/domain/loyalty/card.js';
import { planLoyaltyRefund } from '../../../src/domain/loyalty/refund.js';
import { addReward, applyReward } from '../../../src/domain/loyalty/rewards.js';
import type { Cart } from '../../../src/domain/cart.js';
import { CASHBACK, LADDER, TV, cartOf, customer, price } from './fixtures.js';
import { Sim } from './sim.js';

function sell(sim: Sim, id: string, cart: Cart, day: string) {
  const priced = price(cart);
  const r = buildSaleLoyalty({ cart, priced, tenders: [{ id: 'T', kind: 'card', amount: priced.total }], account: sim.acc(id), programs: Object.values(sim.slice.programs), ladder: sim.slice.ladder, day });
  if (!r.ok) throw r.error;
  sim.sale(r.value);
  return r.value;
}

describe('loyalty projection', () => {
  it('folds sales: balance, lifetime spend, months, purchases, promotion', () => {
    const sim = new Sim().program(CASHBACK).ladder(LADDER).customer(customer());
    sell(sim, 'c1', cartOf([TV, 3]), '2025-03-01');
    const ext = sell(sim, 'c1', cartOf([TV, 2]), '2025-04-02');
    expect(ext.promoted).toBe(true);
    const a = sim.acc('c1');
    expect([a.points.cb, a.spend, a.purchases, a.lastPurchase, a.tier]).toEqual([7 + 5, 125000, 2, '2025-04-02', 'silver']);
    expect(a.months).toBe('202503,75000,cb,7;202504,50000,cb,5');
    expect(sim.history('c1').map((h) => [h.kind, h.delta, h.balance, h.day, h.detail])).toEqual([
      ['created', 0, null, '2025-03-01', 'card 2700000000014, tier std'],
      ['earn', 7, 7, '2025-03-01', ''],
      ['earn', 5, 12, '2025-04-02', ''],
      ['promoted', 0, null, '2025-04-02', 'tier std -> silver'],
    ]);
  });

  it('keeps FIFO lots for an expiring program and expires them by event', () => {
    const sim = new Sim().program({ ...CASHBACK, expiryDays: 30 }).customer(customer());
    sell(sim, 'c1', cartOf([TV, 4]), '2025-03-01');
    sell(sim, 'c1', cartOf([TV, 2]), '2025-03-20');
    expect(sim.acc('c1').lots?.cb).toEqual([['2025-03-01', 10, '2025-03-31'], ['2025-03-20', 5, '2025-04-19']]);
    const adj = planAdjustment(sim.acc('c1'), sim.slice.programs.cb, -3, 'typo on the phone order', '2025-03-25');
    if (!adj.ok) throw adj.error;
    sim.commit(adj.value.type, adj.value.data);
    expect(sim.acc('c1').lots?.cb).toEqual([['2025-03-01', 7, '2025-03-31'], ['2025-03-20', 5, '2025-04-19']]);
    const due = computeExpiry(Object.values(sim.slice.customers), Object.values(sim.slice.programs), '2025-03-31');
    expect(due).toEqual([{ customerId: 'c1', programId: 'cb', points: 7, day: '2025-03-31' }]);
    for (const e of due) sim.commit(EV.pointsExpired, e);
    expect([sim.acc('c1').points.cb, sim.acc('c1').lots?.cb]).toEqual([5, [['2025-03-20', 5, '2025-04-19']]]);
    // Running expiry again the same day finds nothing.
    expect(computeExpiry(Object.values(sim.slice.customers), Object.values(sim.slice.programs), '2025-03-31')).toEqual([]);
  });

  it('blocks, unblocks, regrades and refuses what makes no sense', () => {
    const sim = new Sim().program(CASHBACK).ladder(LADDER).customer(customer());
    const b = planBlock(sim.acc('c1'), 'lost card');
    if (!b.ok) throw b.error;
    sim.commit(b.value.type, b.value.data);
    expect(sim.acc('c1').blocked).toBe(true);
    expect(planBlock(sim.acc('c1'), 'again')).toMatchObject({ ok: false, error: { code: 'CARD_ALREADY_BLOCKED' } });
    expect(() => sell(sim, 'c1', cartOf([TV, 1]), '2025-03-01')).toThrow(/blocked/);
    const u = planUnblock(sim.acc('c1'), 'found');
    if (!u.ok) throw u.error;
    sim.commit(u.value.type, u.value.data);
    const g = planRegrade(sim.acc('c1'), LADDER, 'gold', 'VIP');
    if (!g.ok) throw g.error;
    sim.commit(g.value.type, g.value.data);
    expect([sim.acc('c1').blocked, sim.acc('c1').tier]).toEqual([false, 'gold']);
    expect(planRegrade(sim.acc('c1'), LADDER, 'gold', 'x')).toMatchObject({ ok: false, error: { code: 'TIER_UNCHANGED' } });
    expect(planAdjustment(sim.acc('c1'), CASHBACK, -1, 'x', '2025-03-01')).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS' } });
    expect(planAdjustment(sim.acc('c1'), CASHBACK, 5, '  ', '2025-03-01')).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
  });

  it('bulk accrual over a spend range credits exactly the matching customers, once', () => {
    const sim = new Sim().program(CASHBACK);
    const spends = { a: 50000, b: 100000, c: 400000, d: 700000, e: 700001, f: 0 };
    Object.keys(spends).forEach((id, i) => sim.customer(customer({ id, phone: `09000000${i}0`, card: cardNumberFor('27', i + 1) })));
    for (const [id, spend] of Object.entries(spends)) if (spend) sim.sale({ v: 1, customerId: id, cardNumber: '', day: '2025-02-01', spend, tierBefore: null, tierAfter: null, promoted: false, tierDiscount: 0, programs: [] });
    const block = planBlock(sim.acc('c'), 'fraud');
    if (block.ok) sim.commit(block.value.type, block.value.data);
    const filter = { spendMin: 100000, spendMax: 700000 };
    const run = () => {
      const plan = planAccrual(Object.values(sim.slice.customers), filter, 'batch-1');
      for (const part of accrualParts(plan, { programId: 'cb', points: 100, reason: 'Tết bonus', day: '2025-03-01' }, 1)) sim.commit(EV.accrued, part);
      return plan;
    };
    expect(run().customerIds).toEqual(['b', 'd']);
    expect(run()).toEqual({ batchId: 'batch-1', customerIds: [], alreadyCredited: 2 });
    expect(Object.fromEntries(Object.keys(spends).map((id) => [id, sim.acc(id).points.cb ?? 0]))).toEqual({ a: 0, b: 100, c: 0, d: 100, e: 0, f: 0 });
    expect(sim.slice.batches['batch-1']).toMatchObject({ credited: 2, parts: 2, points: 100 });
  });

  it('a refund returns spent points and takes earned ones back, never below zero', () => {
    const sim = new Sim().program(CASHBACK).customer(customer());
    sim.commit(EV.pointsAdjusted, { customerId: 'c1', programId: 'cb', points: 10, day: '2025-03-01', reason: 'welcome' });
    const cart0 = cartOf([TV, 4]);
    const claim = applyReward(cart0, price(cart0), sim.acc('c1'), CASHBACK, 10, 'cash', { points: 10 });
    if (!claim.ok) throw claim.error;
    const cart = addReward(cart0, claim.value);
    if (!cart.ok) throw cart.error;
    const ext = sell(sim, 'c1', cart.value, '2025-03-02');
    expect([ext.programs[0].earned, ext.programs[0].spent, sim.acc('c1').points.cb, sim.acc('c1').spend]).toEqual([9, 10, 9, 99000]);
    const half = planLoyaltyRefund(ext, sim.acc('c1'), 49500, 99000, 'sale-1', '2025-03-05');
    expect(half?.data.programs).toEqual([{ programId: 'cb', returned: 5, clawedBack: 4, unrecovered: 0 }]);
    sim.commit(half!.type, half!.data);
    expect([sim.acc('c1').points.cb, sim.acc('c1').spend]).toEqual([10, 49500]);
    // The customer spent the rest meanwhile: taking back stops at zero.
    sim.commit(EV.pointsAdjusted, { customerId: 'c1', programId: 'cb', points: -10, day: '2025-03-06', reason: 'phone order' });
    const rest = planLoyaltyRefund(ext, sim.acc('c1'), 49500, 99000, 'sale-1', '2025-03-07');
    expect(rest?.data.programs).toEqual([{ programId: 'cb', returned: 5, clawedBack: 4, unrecovered: 0 }]);
    const all = planLoyaltyRefund(ext, { ...sim.acc('c1'), points: { cb: 0 } }, 99000, 99000, 'sale-1', '2025-03-07');
    expect(all?.data.programs).toEqual([{ programId: 'cb', returned: 10, clawedBack: 9, unrecovered: 0 }]);
    const noSpend = planLoyaltyRefund({ ...ext, programs: [{ ...ext.programs[0], spent: 0 }] }, { ...sim.acc('c1'), points: { cb: 3 } }, 99000, 99000, 'sale-1', '2025-03-07');
    expect(noSpend?.data.programs).toEqual([{ programId: 'cb', returned: 0, clawedBack: 3, unrecovered: 6 }]);
    const refund = sim.movements('c1').at(-2)!;
    expect([refund.kind, refund.programId, refund.delta]).toEqual(['refund', 'cb', 1]);
  });

  it('keeps the search index current as customers are created and edited', () => {
    const sim = new Sim().customer(customer({ id: 'a', name: 'Lan', phone: '0911111111', card: cardNumberFor('27', 1) }));
    expect(findCustomers(sim.slice, 'lan', '84').map((a) => a.id)).toEqual(['a']);
    sim.customer(customer({ id: 'b', name: 'Lâm', phone: '0922222222', card: cardNumberFor('27', 2) }));
    sim.commit(EV.customerUpdated, { customerId: 'a', changes: { name: 'Hoa', email: 'h@x.vn' } });
    expect(findCustomers(sim.slice, 'la', '84').map((a) => a.id)).toEqual(['b']);
    expect(findCustomers(sim.slice, 'hoa', '84').map((a) => [a.id, a.email])).toEqual([['a', 'h@x.vn']]);
    expect(accountByCard(sim.slice, cardNumberFor('27', 2), '84')?.id).toBe('b');
    // A duplicate id is ignored, not thrown.
    sim.customer(customer({ id: 'a', name: 'Dup' }));
    expect(sim.acc('a').name).toBe('Hoa');
  });
});
