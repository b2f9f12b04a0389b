/**
 * The shifts projection inside a real store: which shift each event belongs to, the running totals
 * of every section, the gift-card liability moving with the cards' own history, a closed shift that
 * never changes again, and the same slice after a reopen from the snapshot and after a replay from zero.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../src/store/open.js';
import { shiftSlice } from '../../src/store/projections/shifts.js';
import { findGiftCard, giftCardSlice } from '../../src/store/projections/giftcards.js';
import { addProduct, emptyCart, priceCart, type Cart } from '../../src/domain/cart.js';
import { addCash, addNonCash, type Tender } from '../../src/domain/tender.js';
import { finalizeSale, type SaleRecord } from '../../src/domain/sale.js';
import { closedShift, expectedCash, openShiftOf } from '../../src/domain/shift/index.js';
import { DEMO_PROGRAM, demoExtras, demoGiftCards, demoProducts } from '../../src/admin/demo-store.js';
import type { CustomerCreatedData } from '../../src/domain/loyalty/events.js';
import type { EventDraft } from '../../src/store/types.js';
import { tmpDir } from './helpers.js';

const TAX = { mode: 'inclusive' as const, rounding: 'line' as const, classes: { standard: 10, reduced: 5, zero: 0 } };
const DAY = '2025-03-14';
const P = Object.fromEntries(demoProducts().map((p) => [p.barcodes[1], p]));
const dirs: string[] = [];

/** The liability recomputed from every card's balance: what the running figures must always equal. */
function liabilityOfCards(state: Parameters<typeof giftCardSlice>[0]) {
  const cards = Object.values(giftCardSlice(state).cards);
  const sum = (f: (c: (typeof cards)[number]) => boolean) => cards.filter(f).reduce((a, c) => a + c.balance, 0);
  return { outstanding: sum((c) => c.state !== 'blocked'), blocked: sum((c) => c.state === 'blocked') };
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function cart(...codes: string[]): Cart {
  let c = emptyCart();
  for (const code of codes) {
    const r = addProduct(c, P[code]);
    if (!r.ok) throw r.error;
    c = r.value;
  }
  return c;
}

function sale(n: number, c: Cart, pay: (total: number) => Tender[], extensions: Record<string, unknown> = {}, operator = { id: 'op1', name: 'Ann' }): SaleRecord {
  const priced = priceCart(c, TAX);
  const r = finalizeSale(priced, pay(priced.total), { saleId: `sale-${n}`, receiptNo: `R1-${String(n).padStart(6, '0')}`, at: `${DAY}T10:0${n}:00.000Z`, register: 'R1', operator, currency: 'USD' }, extensions);
  if (!r.ok) throw r.error;
  return r.value;
}
const cash = (given: number) => (total: number) => {
  const r = addCash(total, [], given, 1, 'T1');
  if (!r.ok) throw r.error;
  return r.value;
};

describe('shifts projection', () => {
  it('folds a shift from open to close, and a closed shift never changes', async () => {
    const dir = tmpDir('shifts');
    dirs.push(dir);
    const seed = demoExtras(DAY);
    const customerId = (seed.find((e) => e.type === 'customer.created')!.data as CustomerCreatedData).customer.id;
    const gc = demoGiftCards().active; // 50.00 issued, 12.50 spent: 37.50 on it
    const store = await initStore(dir, { currency: 'USD', register: 'R1', operator: 'op1' }, [{ type: 'catalog.upserted', data: { products: demoProducts() } }, ...seed], { idleCheckpointMs: 0 });
    const commit = (id: string, operator: string, ...events: EventDraft[]) => store.commit({ id, operator, events, at: `${DAY}T10:00:00.000Z` });
    expect(shiftSlice(store.state).liability).toEqual({ outstanding: 3750, blocked: 0 });

    // Before any shift: a sale belongs to none.
    await commit('early', 'op1', { type: 'sale.committed', data: { sale: sale(1, cart('101'), cash(250)) } });
    await commit('open', 'op1', { type: 'shift.opened', data: { shiftId: 'S1', register: 'R1', float: 10_000, count: { '5000': 1, '2000': 2, '1000': 1 } } });
    const openSeq = store.state.meta.seq;

    // Sale 2: two espressos and a croissant, cash 10.00 for 7.80.
    const s2 = sale(2, cart('101', '101', '201'), cash(1000));
    // Sale 3: a latte paid 2.00 by gift card and the rest by card; the customer earns 2 and spends 20 points (a 2.00 reward).
    const s3 = sale(3, cart('103'), (total) => {
      const a = addNonCash(total, [], 'giftcard', 200, 'T1', { reference: 'GC****' });
      if (!a.ok) throw a.error;
      const b = addNonCash(total, a.value, 'card', total - 200, 'T2', { reference: 'A1' });
      if (!b.ok) throw b.error;
      return b.value;
    }, {
      giftcards: { sold: [], redeemed: [{ code: gc, amount: 200, tenderId: 'T1' }] },
      loyalty: { v: 1, customerId, cardNumber: 'x', day: DAY, spend: 420, tierBefore: null, tierAfter: null, promoted: false, tierDiscount: 0, programs: [{ programId: DEMO_PROGRAM.id, name: 'Coffee Club', earned: 2, spent: 20, balanceBefore: 120, balanceAfter: 102, expiringSoon: 0, rewards: [{ rewardId: 'cashback', name: 'Pay with points', points: 20, discount: 200 }] }] },
    }, { id: 'op2', name: 'Bo' });
    await commit('s2', 'op1', { type: 'sale.committed', data: { sale: s2 } });
    await commit('d2', 'op1', { type: 'drawer.opened', data: { reason: 'sale', ok: true } });
    await commit('s3', 'op2', { type: 'sale.committed', data: { sale: s3 } });
    await commit('void', 'op1', { type: 'sale.voided', data: { saleId: 'sale-x', total: 380, lines: 1, tenders: 0 } });
    await commit('out', 'op1', { type: 'cash.moved', data: { shiftId: 'S1', direction: 'out', amount: 2000, reason: 'Milk delivery', approvedBy: 'mgr' } });
    await commit('stale', 'op1', { type: 'cash.moved', data: { shiftId: 'OTHER', direction: 'in', amount: 999, reason: 'not this shift' } });
    await commit('in', 'op1', { type: 'cash.moved', data: { shiftId: 'S1', direction: 'in', amount: 500, reason: 'Change' } });
    await commit('nosale', 'op1', { type: 'drawer.opened', data: { reason: 'no-sale', ok: true, approvedBy: 'mgr' } });
    await commit('exp', 'admin', { type: 'points.expired', data: { customerId, programId: DEMO_PROGRAM.id, points: 5, day: DAY } });
    await commit('block', 'admin', { type: 'giftcard.blocked', data: { code: gc, reason: 'lost' } });

    const open = openShiftOf(shiftSlice(store.state), 'R1')!;
    const t = open.totals;
    expect(t.sales).toEqual({ count: 2, items: 4, gross: 500 + 280 + 420, discounts: { count: 0, amount: 0 }, net: s2.net + s3.net, tax: s2.tax + s3.tax, total: 780 + 420 });
    // One line of two espressos, 5.00 at 10% inclusive: 45 of tax (45.45 rounded); latte 4.20: 38 (38.18); croissant 2.80 at 5%: 13 (13.33).
    expect(t.taxes).toEqual({ standard: { ratePct: 10, net: 500 + 420 - (45 + 38), tax: 45 + 38 }, reduced: { ratePct: 5, net: 280 - 13, tax: 13 } });
    expect(t.categories).toEqual({ coffee: { qty: 3, amount: 920 }, bakery: { qty: 1, amount: 280 } });
    expect(t.payments).toEqual({ cash: { count: 1, amount: 780 }, giftcard: { count: 1, amount: 200 }, card: { count: 1, amount: 220 } });
    expect(t.cash.sales).toBe(780); // 10.00 handed over, 2.20 change
    expect(t.cash.in).toEqual({ count: 1, amount: 500 });
    expect(t.cash.out).toEqual({ count: 1, amount: 2000 });
    expect(t.cash.moves.map((m) => [m.direction, m.amount, m.reason, m.approvedBy])).toEqual([['out', 2000, 'Milk delivery', 'mgr'], ['in', 500, 'Change', undefined]]);
    expect(expectedCash(open)).toBe(10_000 + 780 + 500 - 2000);
    expect(t.voids).toEqual({ count: 1, amount: 380 });
    expect(t.noSales).toEqual({ count: 1, approved: 1 });
    expect(t.giftcards).toEqual({ sold: { count: 0, value: 0, price: 0 }, loaded: { count: 0, amount: 0 }, redeemed: { count: 1, amount: 200 } });
    // Points at the cashback rate of 0.10 a point; spent points are worth the discount they gave.
    expect(t.points[DEMO_PROGRAM.id]).toEqual({ name: 'Coffee Club', decimals: 0, earned: 2, spent: 20, expired: 5, other: 0, spentValue: 200, earnedValue: 20, expiredValue: 50 });
    expect(t.operators).toEqual({ op1: { name: 'Ann', count: 1, amount: 780 }, op2: { name: 'Bo', count: 1, amount: 420 } });
    expect(t.receipts).toEqual({ first: 'R1-000002', last: 'R1-000003' });
    expect([open.firstSeq, open.lastSeq]).toEqual([openSeq, store.state.meta.seq]);
    // 37.50 - 2.00 redeemed = 35.50, now frozen on a blocked card.
    expect(findGiftCard(store.state, gc)!.balance).toBe(3550);
    expect(shiftSlice(store.state).liability).toEqual({ outstanding: 0, blocked: 3550 });
    expect(shiftSlice(store.state).liability).toEqual(liabilityOfCards(store.state));

    const covers = { seq: store.state.meta.seq, hash: store.state.meta.hash };
    await commit('close', 'mgr', { type: 'shift.closed', data: { shiftId: 'S1', counted: 9230, expected: 9280, difference: -50, z: 1, covers } });
    const slice = shiftSlice(store.state);
    expect(openShiftOf(slice, 'R1')).toBeUndefined();
    const z1 = closedShift(slice, 'R1')!;
    expect(z1.closed).toMatchObject({ z: 1, counted: 9230, expected: 9280, difference: -50, covers, by: 'mgr', seq: covers.seq + 1, liability: { outstanding: 0, blocked: 3550 } });
    const frozen = structuredClone(z1);

    // After the close: a sale, a cash move and a second close of S1 change nothing of Z 1.
    await commit('late', 'op1', { type: 'sale.committed', data: { sale: sale(4, cart('102'), cash(380)) } }, { type: 'cash.moved', data: { shiftId: 'S1', direction: 'in', amount: 100, reason: 'late' } });
    await commit('close-again', 'mgr', { type: 'shift.closed', data: { shiftId: 'S1', counted: 1, expected: 1, difference: 0, z: 2, covers } });
    await commit('unblock', 'admin', { type: 'giftcard.unblocked', data: { code: gc, reason: 'found' } });
    expect(closedShift(shiftSlice(store.state), 'R1', 1)).toEqual(frozen);
    expect(shiftSlice(store.state).lastZ).toEqual({ R1: 1 });
    expect(shiftSlice(store.state).liability).toEqual({ outstanding: 3550, blocked: 0 });
    expect(shiftSlice(store.state).liability).toEqual(liabilityOfCards(store.state));

    // Z 2 on a second shift counts from zero.
    await commit('open2', 'op1', { type: 'shift.opened', data: { shiftId: 'S2', register: 'R1', float: 0 } });
    await commit('s5', 'op1', { type: 'sale.committed', data: { sale: sale(5, cart('301'), cash(120)) } });
    expect(openShiftOf(shiftSlice(store.state), 'R1')!.totals.sales).toMatchObject({ count: 1, total: 120 });

    const live = structuredClone(shiftSlice(store.state));
    await store.close();
    const again = await openStore(dir, { register: 'R1', idleCheckpointMs: 0 });
    expect(shiftSlice(again.state)).toEqual(live);
    await again.close();
    const rebuilt = await openStore(dir, { register: 'R1', idleCheckpointMs: 0, fromZero: true });
    expect(shiftSlice(rebuilt.state)).toEqual(live);
    await rebuilt.close();
  });
});
