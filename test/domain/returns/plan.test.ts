/**
 * Returns against committed sales, by hand-computed figures: line shares of order discounts and tax,
 * refunds the way the money came, gift cards and points moved in the same transaction, and every
 * refusal with its code (nothing planned, nothing to commit).
 */
import { describe, expect, it } from 'vitest';
import { Book, cardCode, customer, DAY, prod, sell } from './fixtures.js';
import { unitShare } from '../../../src/domain/returns/lines.js';
import { allocate } from '../../../src/domain/money.js';
import { returnableLines } from '../../../src/domain/returns/plan.js';
import type { OrderDiscount } from '../../../src/domain/cart.js';
import { maskCode } from '../../../src/domain/giftcard/code.js';

const A = prod('A', 1000);
const B = prod('B', 500, 'reduced');
const TEN_OFF: OrderDiscount = { id: 'm1', label: 'Manager 10%', source: 'manual', kind: 'percent', value: 100_000 };

describe('unitShare', () => {
  it('is the sum of the largest-remainder split over equal units, in order', () => {
    for (const [total, qty] of [[245, 3], [1000, 7], [1, 4], [0, 2], [37, 12], [-245, 3]]) {
      const parts = allocate(total, Array(qty).fill(1));
      for (let from = 0; from < qty; from++) for (let count = 0; from + count <= qty; count++)
        expect(unitShare(total, qty, from, count)).toBe(parts.slice(from, from + count).reduce((a, b) => a + b, 0));
    }
  });
});

describe('a receipted return', () => {
  it('takes back a line share of the order discount and of the tax, exactly as charged (partial, then the rest)', () => {
    const book = new Book().setup();
    // 3 x A 10.00 + B 5.00, 10% off the order: A's line carries 3.00 of it, B 0.50.
    const sale = sell(book, { items: [[A, 3], [B, 1]], discounts: [TEN_OFF], pay: [{ kind: 'cash', given: 5000 }] });
    expect(sale.lines.map((l) => [l.amount, l.tax])).toEqual([[2700, 245], [450, 21]]);
    const first = book.doReturn(sale, [{ lineId: 'L1', qty: 1 }]);
    expect(first.lines).toEqual([expect.objectContaining({ lineId: 'L1', qty: 1, gross: 1000, discount: 100, orderDiscount: 100, amount: 900, tax: 82, refund: 900 })]);
    expect(first).toMatchObject({ total: 900, tax: 82, net: 818, complete: false, taxSummary: [{ taxClass: 'standard', ratePct: 10, base: 900, tax: 82 }] });
    expect(first.refunds).toEqual([{ tenderId: 'T1', paid: 'cash', kind: 'cash', amount: 900 }]);
    expect(first.cash).toEqual({ due: 900, given: 900, rounding: 0 });
    expect(returnableLines(sale, book.before(sale.saleId)).map((r) => [r.sold, r.returned, r.returnable])).toEqual([[3, 1, 2], [1, 0, 1]]);

    const rest = book.doReturn(sale, [{ lineId: 'L1', qty: 2 }, { lineId: 'L2', qty: 1 }]);
    expect(rest.lines.map((l) => [l.amount, l.tax])).toEqual([[1800, 163], [450, 21]]);
    expect(rest).toMatchObject({ total: 2250, tax: 184, complete: true });
    // The sale and its returns add up to zero.
    expect(first.total + rest.total).toBe(sale.total);
    expect(first.tax + rest.tax).toBe(sale.tax);
    expect(first.discount + rest.discount).toBe(sale.discountTotal);
  });

  it('refunds in proportion to how the sale was paid: card by its reference, cash from the drawer', () => {
    const book = new Book().setup();
    const sale = sell(book, { items: [[A, 3]], pay: [{ kind: 'card', amount: 1000 }, { kind: 'cash' }] });
    const r = book.doReturn(sale, [{ lineId: 'L1', qty: 1 }]);
    expect(r.refunds).toEqual([
      { tenderId: 'T1', paid: 'card', kind: 'card', amount: 333, reference: 'APP1' },
      { tenderId: 'T2', paid: 'cash', kind: 'cash', amount: 667 },
    ]);
    const all = book.doReturn(sale, [{ lineId: 'L1', qty: 2 }]);
    // The last return refunds what is left on each tender: the card gets back exactly 10.00 over both.
    expect(all.refunds.map((x) => x.amount)).toEqual([667, 1333]);
  });

  it('a manager may refund a card payment in cash', () => {
    const book = new Book().setup();
    const sale = sell(book, { items: [[A, 1]], pay: [{ kind: 'card' }] });
    const r = book.doReturn(sale, [{ lineId: 'L1', qty: 1 }], 'cash');
    expect(r.refunds).toEqual([{ tenderId: 'T1', paid: 'card', kind: 'cash', amount: 1000 }]);
    expect(r.cash.given).toBe(1000);
  });

  it('adds the tax back when prices excluded it', () => {
    const book = new Book().setup();
    const sale = sell(book, { items: [[A, 2]], pay: [{ kind: 'cash' }], tax: { mode: 'exclusive', rounding: 'line', classes: { standard: 10 } } });
    expect(sale.total).toBe(2200);
    const r = book.doReturn(sale, [{ lineId: 'L1', qty: 1 }]);
    expect(r).toMatchObject({ total: 1100, tax: 100, net: 1000 });
    expect(r.lines[0]).toMatchObject({ amount: 1000, tax: 100, refund: 1100 });
  });

  it('rounds the cash handed out on the running sum of the sale’s cash refunds, and records the rounding', () => {
    const book = new Book().setup();
    const C = prod('C', 3);
    const sale = sell(book, { items: [[C, 4]], pay: [{ kind: 'cash', given: 10 }], cashRoundingUnit: 5 });
    // 4 x 0.03 = 0.12, settled with 0.10 in the drawer (rounding -0.02).
    expect(sale.cashRounding).toBe(-2);
    const outs = [1, 1, 1, 1].map(() => book.doReturn(sale, [{ lineId: 'L1', qty: 1 }], 'original', 5).cash);
    expect(outs.map((c) => c.given)).toEqual([5, 0, 5, 0]);
    expect(outs.reduce((a, c) => a + c.given, 0)).toBe(10);
    expect(outs.reduce((a, c) => a + c.due, 0)).toBe(12);
    expect(outs.reduce((a, c) => a + c.rounding, 0)).toBe(-2);
  });
});

describe('refusals', () => {
  it('RETURN_TOO_MANY, RETURN_NOTHING, RETURN_LINE_UNKNOWN, BAD_QUANTITY, ALREADY_RETURNED', () => {
    const book = new Book().setup();
    const sale = sell(book, { items: [[A, 2]], pay: [{ kind: 'cash' }] });
    const code = (picks: { lineId: string; qty: number }[]) => {
      const p = book.planReturn(sale, picks);
      return p.ok ? 'ok' : p.error.code;
    };
    expect(code([{ lineId: 'L1', qty: 3 }])).toBe('RETURN_TOO_MANY');
    expect(code([{ lineId: 'L1', qty: 1 }, { lineId: 'L1', qty: 2 }])).toBe('RETURN_TOO_MANY');
    expect(code([])).toBe('RETURN_NOTHING');
    expect(code([{ lineId: 'L1', qty: 0 }])).toBe('RETURN_NOTHING');
    expect(code([{ lineId: 'L9', qty: 1 }])).toBe('RETURN_LINE_UNKNOWN');
    expect(code([{ lineId: '__proto__', qty: 1 }])).toBe('RETURN_LINE_UNKNOWN');
    expect(code([{ lineId: 'L1', qty: 1.5 }])).toBe('BAD_QUANTITY');
    book.doReturn(sale, [{ lineId: 'L1', qty: 1 }]);
    const p = book.planReturn(sale, [{ lineId: 'L1', qty: 2 }]);
    expect(p.ok || p.error).toMatchObject({ code: 'RETURN_TOO_MANY', params: { sold: 2, returned: 1, returnable: 1 } });
    book.doReturn(sale, [{ lineId: 'L1', qty: 1 }]);
    const again = book.planReturn(sale, [{ lineId: 'L1', qty: 1 }]);
    expect(again.ok || again.error).toMatchObject({ code: 'ALREADY_RETURNED', params: { receipt: sale.receiptNo } });
  });
});

describe('gift cards', () => {
  const GC = cardCode(1);
  const SOLD = cardCode(2);

  it('puts the value paid from a card back onto that card', () => {
    const book = new Book().setup({ cards: [[GC, 2000]] });
    const sale = sell(book, { items: [[A, 3]], pay: [{ kind: 'giftcard', code: GC }, { kind: 'cash' }] });
    expect(book.card(GC)!.balance).toBe(0);
    const r = book.doReturn(sale, [{ lineId: 'L1', qty: 3 }]);
    expect(r.refunds).toEqual([
      { tenderId: 'T1', paid: 'giftcard', kind: 'giftcard', amount: 2000, code: GC, reference: maskCode(GC) },
      { tenderId: 'T2', paid: 'cash', kind: 'cash', amount: 1000 },
    ]);
    expect(r.giftcards).toEqual({ refunded: [{ code: GC, amount: 2000, balanceAfter: 2000 }], returned: [] });
    expect(book.card(GC)).toMatchObject({ balance: 2000, state: 'active' });
  });

  it('refuses to refund onto a blocked or expired card; a manager may refund it in cash', () => {
    const book = new Book().setup({ cards: [[GC, 2000]] });
    const sale = sell(book, { items: [[A, 1]], pay: [{ kind: 'giftcard', code: GC }] });
    book.commit([{ type: 'giftcard.blocked', data: { code: GC, reason: 'lost' } }]);
    const p = book.planReturn(sale, [{ lineId: 'L1', qty: 1 }]);
    expect(p.ok || p.error).toMatchObject({ code: 'REFUND_CARD_BLOCKED', params: { card: maskCode(GC) } });
    expect(p.ok || p.error.message).toContain('A manager may refund it in cash');
    const r = book.doReturn(sale, [{ lineId: 'L1', qty: 1 }], 'cash');
    expect(r.refunds).toEqual([{ tenderId: 'T1', paid: 'giftcard', kind: 'cash', amount: 1000 }]);
    expect(book.card(GC)!.balance).toBe(1000);

    // A card past its last valid day (2025-03-13) by the day of the return.
    const book2 = new Book().setup();
    book2.commit([{ type: 'giftcard.issued', data: { code: GC, state: 'active', currency: 'USD', faceValue: 2000, price: 2000, expiresOn: '2025-03-13' } }]);
    const sale2 = sell(book2, { items: [[A, 1]], pay: [{ kind: 'giftcard', code: GC }] });
    const p2 = book2.planReturn(sale2, [{ lineId: 'L1', qty: 1 }]);
    expect(p2.ok || p2.error).toMatchObject({ code: 'REFUND_CARD_EXPIRED', params: { card: maskCode(GC), date: '2025-03-13' } });
    expect(book2.planReturn(sale2, [{ lineId: 'L1', qty: 1 }], 'cash').ok).toBe(true);
  });

  it('takes back a card the sale sold only while it is unspent: blocked, its value cleared', () => {
    const book = new Book().setup();
    const sale = sell(book, { items: [[A, 1]], sellCard: [SOLD, 2500], pay: [{ kind: 'cash' }] });
    expect(book.card(SOLD)).toMatchObject({ state: 'active', balance: 2500 });
    const plan = book.planReturn(sale, [{ lineId: 'L2', qty: 1 }]);
    expect(plan.ok && plan.value.events.map((e) => e.type)).toEqual(['return.committed', 'giftcard.adjusted', 'giftcard.blocked']);
    const r = book.doReturn(sale, [{ lineId: 'L2', qty: 1 }]);
    expect(r).toMatchObject({ total: 2500, giftcards: { refunded: [], returned: [{ code: SOLD, lineId: 'L2', cleared: 2500 }] } });
    expect(r.lines[0]).toMatchObject({ kind: 'giftcard', giftCard: SOLD, refund: 2500, tax: 0 });
    expect(book.card(SOLD)).toMatchObject({ state: 'blocked', balance: 0 });

    const book2 = new Book().setup();
    const sale2 = sell(book2, { items: [[A, 1]], sellCard: [SOLD, 2500], pay: [{ kind: 'cash' }] });
    sell(book2, { items: [[B, 1]], pay: [{ kind: 'giftcard', code: SOLD }] });
    const used = book2.planReturn(sale2, [{ lineId: 'L2', qty: 1 }]);
    expect(used.ok || used.error).toMatchObject({ code: 'GIFT_CARD_USED', params: { card: maskCode(SOLD) } });
    // The product on the same receipt still comes back.
    expect(book2.planReturn(sale2, [{ lineId: 'L1', qty: 1 }]).ok).toBe(true);
  });
});

describe('points', () => {
  it('takes back what the sale earned and gives back what it spent, pro rata; the last return moves the rest exactly', () => {
    const book = new Book().setup({ customers: [customer('c1', 1)], ladder: null });
    book.grant('c1', 100);
    // 3 x 10.00 = 30.00, 50 points pay 5.00: 25.00 paid in cash earns 25 points.
    const sale = sell(book, { items: [[A, 3]], customerId: 'c1', points: 50, pay: [{ kind: 'cash' }] });
    const ext = sale.extensions.loyalty as { programs: { earned: number; spent: number }[] };
    expect(ext.programs[0]).toMatchObject({ earned: 25, spent: 50 });
    expect(book.points('c1')).toBe(75);
    const one = book.doReturn(sale, [{ lineId: 'L1', qty: 1 }]);
    // 1 of 3 returned: 8.33 of 25.00 -> 16 of 50 spent points back, 8 of 25 earned taken.
    expect(one.total).toBe(833);
    expect(one.loyalty).toMatchObject({ customerId: 'c1', programs: [{ programId: 'cb', returned: 16, clawedBack: 8, unrecovered: 0, balanceAfter: 83 }] });
    expect(book.points('c1')).toBe(83);
    const two = book.doReturn(sale, [{ lineId: 'L1', qty: 1 }]);
    const three = book.doReturn(sale, [{ lineId: 'L1', qty: 1 }]);
    const moved = [one, two, three].map((r) => r.loyalty!.programs[0]);
    expect(moved.reduce((a, p) => a + p.returned, 0)).toBe(50);
    expect(moved.reduce((a, p) => a + p.clawedBack, 0)).toBe(25);
    expect(book.points('c1')).toBe(100);
    expect(book.account('c1')!.spend).toBe(0);
  });

  it('never takes a balance below zero: what was already spent is recorded as unrecovered', () => {
    const book = new Book().setup({ customers: [customer('c1', 1)], ladder: null });
    const sale = sell(book, { items: [[A, 3]], customerId: 'c1', pay: [{ kind: 'cash' }] });
    expect(book.points('c1')).toBe(30);
    book.commit([{ type: 'points.adjusted', data: { customerId: 'c1', programId: 'cb', points: -25, day: DAY, reason: 'spent elsewhere' } }]);
    const r = book.doReturn(sale, [{ lineId: 'L1', qty: 3 }]);
    expect(r.loyalty!.programs[0]).toMatchObject({ clawedBack: 5, unrecovered: 25, balanceAfter: 0 });
    expect(book.points('c1')).toBe(0);
  });

  it('reviews a tier the sale reached: back to what the rest of the spend qualifies for', () => {
    const book = new Book().setup({ customers: [customer('c1', 1)] });
    // 12 x 10.00 crosses Silver (100.00 lifetime spend).
    const sale = sell(book, { items: [[A, 12]], customerId: 'c1', pay: [{ kind: 'card' }] });
    expect(book.account('c1')!.tier).toBe('silver');
    const keep = book.doReturn(sale, [{ lineId: 'L1', qty: 1 }]);
    expect(keep.loyalty!.tier).toEqual({ before: 'silver', after: 'silver', changed: false });
    const plan = book.planReturn(sale, [{ lineId: 'L1', qty: 2 }]);
    expect(plan.ok && plan.value.events.map((e) => e.type)).toEqual(['return.committed', 'points.refunded', 'customer.regraded']);
    const down = book.doReturn(sale, [{ lineId: 'L1', qty: 2 }]);
    expect(down.loyalty!.tier).toEqual({ before: 'silver', after: 'std', changed: true });
    expect(book.account('c1')!.tier).toBe('std');
  });
});
