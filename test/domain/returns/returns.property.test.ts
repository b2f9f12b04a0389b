/**
 * Property (issue 10): over random sales — several lines and tax classes, order and line discounts,
 * points paid and earned, gift cards paid with and sold, split tenders, inclusive or exclusive tax —
 * and any sequence of partial returns, every return committed through the store's balance guard and
 * folded by its projections:
 * - no return ever takes back more of a line than was sold (a request for more is RETURN_TOO_MANY,
 *   and nothing is planned);
 * - no gift card or points balance is ever negative, and the returns projection agrees with the fold;
 * - once everything has come back, the sale and its returns sum to exactly zero: money, tax per class,
 *   discounts, each tender, every gift card's balance and the customer's points and lifetime spend.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Book, cardCode, customer, prod, sell, TAX, type Pay } from './fixtures.js';
import { returnableLines } from '../../../src/domain/returns/plan.js';
import { noReturns, type ReturnRecord } from '../../../src/domain/returns/types.js';
import type { OrderDiscount } from '../../../src/domain/cart.js';
import { giftCardSlice } from '../../../src/store/projections/giftcards.js';
import { loyaltyOf } from '../../../src/store/projections/loyalty.js';

const PRODUCTS = [prod('A', 1000), prod('B', 333, 'reduced'), prod('C', 1, 'standard'), prod('D', 4999, 'zero'), prod('E', 250)];
const GC1 = cardCode(1);
const GC2 = cardCode(2);
const SOLD = cardCode(3);

const saleArb = fc.record({
  items: fc.uniqueArray(fc.tuple(fc.nat(PRODUCTS.length - 1), fc.integer({ min: 1, max: 7 })), { minLength: 1, maxLength: 4, selector: (x) => x[0] }),
  percent: fc.option(fc.integer({ min: 1, max: 50 })),
  amountOff: fc.option(fc.integer({ min: 1, max: 900 })),
  lineDiscount: fc.option(fc.integer({ min: 1, max: 800 })),
  customer: fc.boolean(),
  points: fc.option(fc.integer({ min: 1, max: 60 })),
  sellCard: fc.option(fc.integer({ min: 100, max: 5000 })),
  pay: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('cash' as const) }),
      fc.record({ kind: fc.constant('card' as const), amount: fc.integer({ min: 1, max: 5000 }) }),
      fc.record({ kind: fc.constant('giftcard' as const), code: fc.constantFrom(GC1, GC2), amount: fc.integer({ min: 1, max: 3000 }) }),
    ),
    { maxLength: 3 },
  ),
  exclusive: fc.boolean(),
  totalRounding: fc.boolean(),
  cashMode: fc.boolean(),
});

const returnsArb = fc.array(
  fc.record({ picks: fc.array(fc.tuple(fc.nat(5), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 3 }), cash: fc.boolean() }),
  { maxLength: 6 },
);

/** A points claim the sale does not allow is the checkout's refusal: that case sells nothing. */
const CLAIM_REFUSED = new Set(['POINTS_EXCEED_LIMIT', 'POINTS_TOO_FEW', 'REWARD_MIN_BALANCE', 'REWARD_NOT_APPLICABLE', 'INSUFFICIENT_POINTS']);

describe('returns: property', () => {
  it('never return more than sold, never a negative balance, and a full return brings everything back exactly', () => {
    const seen = { partial: 0, tooMany: 0, cardRefunds: 0, points: 0, soldCards: 0, cashMode: 0 };
    fc.assert(
      fc.property(saleArb, returnsArb, (s, rets) => {
        const book = new Book().setup({ cards: [[GC1, 2500], [GC2, 700]], customers: [customer('c1', 1)] });
        book.grant('c1', 200);
        const cardsBefore = { [GC1]: book.card(GC1)!.balance, [GC2]: book.card(GC2)!.balance };
        const pointsBefore = book.points('c1');
        const spendBefore = book.account('c1')!.spend;
        const tierBefore = book.account('c1')!.tier;
        const discounts: OrderDiscount[] = [];
        if (s.percent !== null) discounts.push({ id: 'p', label: 'percent', source: 'manual', kind: 'percent', value: s.percent * 10_000 });
        if (s.amountOff !== null) discounts.push({ id: 'a', label: 'amount', source: 'manual', kind: 'amount', value: s.amountOff });
        const tax = { ...TAX, mode: s.exclusive ? ('exclusive' as const) : ('inclusive' as const), rounding: s.totalRounding ? ('total' as const) : ('line' as const) };
        let sale;
        try {
          sale = sell(book, {
            items: s.items.map(([i, q]) => [PRODUCTS[i], q]),
            discounts,
            lineDiscount: s.lineDiscount ?? undefined,
            customerId: s.customer ? 'c1' : undefined,
            points: s.customer && s.points !== null ? s.points : undefined,
            sellCard: s.sellCard !== null ? [SOLD, s.sellCard] : undefined,
            pay: s.pay as Pay[],
            tax,
          });
        } catch (e) {
          if (CLAIM_REFUSED.has((e as { code?: string }).code ?? '')) return;
          throw e;
        }
        const records: ReturnRecord[] = [];
        const check = () => {
          for (const c of Object.values(giftCardSlice(book.state).cards)) expect(c.balance).toBeGreaterThanOrEqual(0);
          for (const a of Object.values(loyaltyOf(book.state).customers)) for (const v of Object.values(a.points)) expect(v).toBeGreaterThanOrEqual(0);
          // The returns projection holds what the domain fold of the sale's returns says.
          expect(book.before(sale.saleId)).toEqual(book.folded.get(sale.saleId) ?? noReturns());
          for (const r of returnableLines(sale, book.before(sale.saleId))) {
            expect(r.returned).toBeLessThanOrEqual(r.sold);
            expect(r.returnable).toBeGreaterThanOrEqual(0);
          }
        };
        for (const r of rets) {
          const picks = r.picks.map(([i, qty]) => ({ lineId: sale.lines[i % sale.lines.length].id, qty }));
          const rows = new Map(returnableLines(sale, book.before(sale.saleId)).map((x) => [x.lineId, x]));
          const want = new Map<string, number>();
          for (const p of picks) want.set(p.lineId, (want.get(p.lineId) ?? 0) + p.qty);
          const tooMany = [...want].some(([id, q]) => q > rows.get(id)!.returnable);
          const plan = book.planReturn(sale, picks, r.cash ? 'cash' : 'original');
          if (tooMany) {
            seen.tooMany++;
            expect(plan.ok || plan.error.code).toMatch(/^(RETURN_TOO_MANY|ALREADY_RETURNED)$/);
            continue;
          }
          if (!plan.ok) {
            expect(plan.error.code).toMatch(/^(RETURN_NOTHING|ALREADY_RETURNED|GIFT_CARD_USED)$/);
            continue;
          }
          records.push(book.doReturn(sale, picks, r.cash ? 'cash' : 'original'));
          if (!records.at(-1)!.complete) seen.partial++;
          check();
        }
        // Whatever is left comes back now.
        const rest = returnableLines(sale, book.before(sale.saleId)).filter((x) => x.returnable > 0);
        if (rest.length) records.push(book.doReturn(sale, rest.map((x) => ({ lineId: x.lineId, qty: x.returnable })), s.cashMode ? 'cash' : 'original'));
        check();
        expect(records.at(-1)!.complete).toBe(true);
        for (const r of records) {
          if (r.refunds.some((f) => f.kind === 'giftcard')) seen.cardRefunds++;
          if (r.loyalty?.programs.some((p) => p.returned || p.clawedBack)) seen.points++;
          if (r.giftcards?.returned.length) seen.soldCards++;
          if (r.refundMode === 'cash' && r.refunds.some((f) => f.paid !== 'cash')) seen.cashMode++;
        }
        const sum = (f: (r: ReturnRecord) => number) => records.reduce((a, r) => a + f(r), 0);
        expect(sum((r) => r.total)).toBe(sale.total);
        expect(sum((r) => r.tax)).toBe(sale.tax);
        expect(sum((r) => r.net)).toBe(sale.net);
        expect(sum((r) => r.discount)).toBe(sale.discountTotal);
        expect(sum((r) => r.gross)).toBe(sale.gross);
        for (const row of sale.taxSummary) {
          const back = records.flatMap((r) => r.taxSummary).filter((x) => x.taxClass === row.taxClass);
          expect([back.reduce((a, x) => a + x.base, 0), back.reduce((a, x) => a + x.tax, 0)]).toEqual([row.base, row.tax]);
        }
        for (const t of sale.tenders) expect(sum((r) => r.refunds.filter((f) => f.tenderId === t.id).reduce((a, f) => a + f.amount, 0))).toBe(t.amount);
        expect(sum((r) => r.cash.due)).toBe(sum((r) => r.refunds.filter((f) => f.kind === 'cash').reduce((a, f) => a + f.amount, 0)));
        // Cards: each paid card is whole again unless a manager sent its money to cash.
        const toCards = (code: string) => sum((r) => r.refunds.filter((f) => f.kind === 'giftcard' && f.code === code).reduce((a, f) => a + f.amount, 0));
        const paidFrom = (code: string) => sale.tenders.filter((t) => t.meta?.code === code).reduce((a, t) => a + t.amount, 0);
        for (const code of [GC1, GC2]) expect(book.card(code)!.balance).toBe(cardsBefore[code] - paidFrom(code) + toCards(code));
        if (!records.some((r) => r.refundMode === 'cash')) for (const code of [GC1, GC2]) expect(book.card(code)!.balance).toBe(cardsBefore[code]);
        if (s.sellCard !== null) expect(book.card(SOLD)).toMatchObject({ state: 'blocked', balance: 0 });
        // Points and spend are back where they were before the sale; the tier too.
        expect(book.points('c1')).toBe(pointsBefore);
        expect(book.account('c1')!.spend).toBe(spendBefore);
        expect(book.account('c1')!.tier).toBe(tierBefore);
      }),
      { numRuns: 300 },
    );
    // The mix really ran.
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(10);
  });
});
