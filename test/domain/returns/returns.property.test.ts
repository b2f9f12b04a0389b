/**
 * Property (issue 10): over random sales — several lines and tax classes, order and line discounts,
 * points paid and earned, gift cards paid with and sold, split tenders, inclusive or exclusive tax —
 * and any sequence of partial returns, every return committed through the store's balance guard and
 * folded by its projections:
 * - no return ever takes back more of a line than was sold (a request for more is RETURN_TOO_MANY,
 *   and nothing is planned);
 * - no gift card or points balance is ever negative, and the returns projection agrees with the fold;
 * - once everything has come back, the sale and its returns sum to exactly zero: money, tax per class,
 *   discounts, each tender, every gift card's balance and the customer's points and lifetime spend;
 * - (issue 14.5) also when the lines were priced from a tier's price list (a fixed price, a category
 *   percentage, an entry above the catalog that is not used) with the tier's percentage on the rest:
 *   the return reads each sold line's unit price.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Book, cardCode, customer, prod, sell, TAX, type Pay } from './fixtures.js';
import { returnableLines } from '../../../src/domain/returns/plan.js';
import { noReturns, type ReturnRecord } from '../../../src/domain/returns/types.js';
import type { OrderDiscount } from '../../../src/domain/cart.js';
import type { Result } from '../../../src/domain/errors.js';
import { giftCardSlice } from '../../../src/store/projections/giftcards.js';
import { catalogOf } from './fixtures.js';
import { addCash, addNonCash, type Tender } from '../../../src/domain/tender.js';
import { emptyTotals, foldReturn as foldReturnTotals, foldSale } from '../../../src/domain/shift/totals.js';
import type { ExchangePlan } from '../../../src/domain/returns/exchange.js';
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
  tierPrices: fc.boolean(),
});

/** A Gold list: A at 8.50 (10.00), C at 0.05 (above its 0.01: not used), 12.5% off the rest of "general". */
const GOLD_PRICES = { tierId: 'gold', name: 'Gold', entries: [{ sku: 'A', price: 850 }, { sku: 'C', price: 5 }, { category: 'general', percentPpm: 125_000 }] };

const returnsArb = fc.array(
  fc.record({ picks: fc.array(fc.tuple(fc.nat(5), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 3 }), cash: fc.boolean() }),
  { maxLength: 6 },
);

/** A points claim the sale does not allow is the checkout's refusal: that case sells nothing. */
const CLAIM_REFUSED = new Set(['POINTS_EXCEED_LIMIT', 'POINTS_TOO_FEW', 'REWARD_MIN_BALANCE', 'REWARD_NOT_APPLICABLE', 'INSUFFICIENT_POINTS']);

describe('returns: property', () => {
  it('never return more than sold, never a negative balance, and a full return brings everything back exactly', () => {
    const seen = { partial: 0, tooMany: 0, cardRefunds: 0, points: 0, soldCards: 0, cashMode: 0, tierPriced: 0 };
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
        // The tier's 10% goes on the lines its price list did not price.
        if (s.tierPrices) discounts.unshift({ id: 'tier', label: 'Gold', source: 'tier', kind: 'percent', value: 100_000 });
        const tax = { ...TAX, mode: s.exclusive ? ('exclusive' as const) : ('inclusive' as const), rounding: s.totalRounding ? ('total' as const) : ('line' as const) };
        let sale;
        try {
          sale = sell(book, {
            items: s.items.map(([i, q]) => [PRODUCTS[i], q]),
            discounts,
            lineDiscount: s.lineDiscount ?? undefined,
            priceList: s.tierPrices ? GOLD_PRICES : undefined,
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
        if (sale.lines.some((l) => l.priceFrom)) seen.tierPriced++;
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

  /**
   * Returns without a receipt and exchanges (with or without one): whatever comes back and whatever
   * is taken, every commit passes the balance guard, no card or points balance goes below zero, and
   * the exchange adds up — the credit is what the return pays of the new items (the lesser of the
   * two, never points), the return's refunds are its value, the new sale is covered, and sales less
   * returns equal the money taken less the money given back.
   */
  it('no-receipt returns and exchanges never leave a balance negative, and an exchange adds up', () => {
    const catalog = catalogOf(...PRODUCTS);
    const seen = { noReceipt: 0, withReceipt: 0, pays: 0, refundsRest: 0, even: 0, newCard: 0 };
    const itemsArb = fc.array(fc.tuple(fc.nat(PRODUCTS.length - 1), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(
        fc.record({
          receipt: fc.boolean(),
          sold: itemsArb,
          pay: fc.constantFrom('cash', 'card', 'giftcard', 'points'),
          back: fc.array(fc.tuple(fc.nat(5), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 3 }),
          extra: fc.array(fc.tuple(fc.nat(PRODUCTS.length - 1), fc.integer({ min: 0, max: 4 })), { maxLength: 3 }),
          mode: fc.constantFrom('original', 'cash', 'giftcard'),
          payBy: fc.constantFrom('cash', 'card'),
          over: fc.nat(500),
        }),
        (s) => {
          const book = new Book().setup({ cards: [[GC1, 2500]], customers: [customer('c1', 1)] });
          book.grant('c1', 500);
          let sale;
          try {
            sale = sell(book, {
              items: s.sold.filter((x, i, a) => a.findIndex((y) => y[0] === x[0]) === i).map(([i, q]) => [PRODUCTS[i], q]),
              customerId: 'c1',
              points: s.pay === 'points' ? 5 : undefined,
              pay: [s.pay === 'card' ? { kind: 'card' } : s.pay === 'giftcard' ? { kind: 'giftcard', code: GC1 } : { kind: 'cash' }],
            });
          } catch (e) {
            if (CLAIM_REFUSED.has((e as { code?: string }).code ?? '')) return;
            throw e;
          }
          const extra = s.extra.map(([i, q]) => ({ code: PRODUCTS[i].sku, qty: q })).filter((x) => x.qty > 0);
          const newCard = cardCode(40);
          const ret = (credit: number, exchange?: ReturnRecord['exchange']) => {
            if (s.receipt) {
              const picks = s.back.map(([i, qty]) => ({ lineId: sale.lines[i % sale.lines.length].id, qty: Math.min(qty, sale.lines[i % sale.lines.length].qty) }));
              const merged = new Map<string, number>();
              for (const p of picks) merged.set(p.lineId, Math.min((merged.get(p.lineId) ?? 0) + p.qty, sale.lines.find((l) => l.id === p.lineId)!.qty));
              return book.planReturn(sale, [...merged].map(([lineId, qty]) => ({ lineId, qty })), s.mode === 'cash' ? 'cash' : 'original', 1, credit, exchange);
            }
            return book.planNoReceipt(catalog, s.back.map(([i, qty]) => ({ code: PRODUCTS[i % PRODUCTS.length].barcodes[0] ?? PRODUCTS[i % PRODUCTS.length].sku, qty })), s.mode === 'giftcard' ? 'giftcard' : 'cash', { credit, card: newCard, exchange });
          };
          const check = () => {
            for (const c of Object.values(giftCardSlice(book.state).cards)) expect(c.balance).toBeGreaterThanOrEqual(0);
            for (const a of Object.values(loyaltyOf(book.state).customers)) for (const v of Object.values(a.points)) expect(v).toBeGreaterThanOrEqual(0);
          };
          if (extra.length === 0) {
            const p = ret(0);
            if (!p.ok) return;
            if (!s.receipt) seen.noReceipt++;
            book.commitPlan(p.value);
            check();
            expect(p.value.record.refunds.reduce((a, f) => a + f.amount, 0)).toBe(p.value.record.total);
            return;
          }
          let plan = book.exchange(catalog, ret, extra);
          if (!plan.ok) return;
          if (plan.value.due > 0) {
            const x = plan.value.sale;
            const paid: Result<Tender[]> = s.payBy === 'cash' ? addCash(x.total, x.tenders, plan.value.due + s.over, 1, 'T1') : addNonCash(x.total, x.tenders, 'card', plan.value.due, 'T1', { reference: 'APPX' });
            if (!paid.ok) throw paid.error;
            plan = book.exchange(catalog, ret, extra, paid.value.filter((t) => t.kind !== 'exchange'));
            if (!plan.ok) throw plan.error;
            seen.pays++;
          }
          const { ret: r, sale: ns, credit }: ExchangePlan = plan.value;
          expect(plan.value.due).toBe(0);
          const R = r.record.total;
          const N = ns.total;
          const money = (kind: string) => r.record.refunds.filter((f) => f.kind !== 'points' && f.kind === kind).reduce((a, f) => a + f.amount, 0);
          const creditable = ['cash', 'card', 'giftcard'].reduce((a, k) => a + money(k), 0) + money('exchange');
          expect(credit).toBe(Math.min(N, creditable));
          expect(money('exchange')).toBe(credit);
          expect(ns.tenders.filter((t) => t.kind === 'exchange').reduce((a, t) => a + t.amount, 0)).toBe(credit);
          expect(r.record.refunds.reduce((a, f) => a + f.amount, 0)).toBe(R);
          expect(ns.tenders.reduce((a, t) => a + t.amount, 0)).toBe(N);
          expect(r.record.exchange).toEqual({ saleId: ns.saleId, receiptNo: ns.receiptNo, total: N, credit });
          book.commitExchange(plan.value);
          check();
          // Sales less returns = money taken for the new items less money (and points value) given back.
          const t = emptyTotals();
          foldSale(t, ns, 'op1');
          foldReturnTotals(t, r.record);
          const taken = Object.entries(t.payments).filter(([k]) => k !== 'exchange').reduce((a, [, v]) => a + v.amount, 0);
          const given = Object.entries(t.returns.refunds).filter(([k]) => k !== 'exchange').reduce((a, [, v]) => a + v.amount, 0);
          expect(t.sales.total - t.returns.total).toBe(taken - given);
          if (s.receipt) seen.withReceipt++;
          else seen.noReceipt++;
          if (R > N) seen.refundsRest++;
          if (R === N) seen.even++;
          if (r.record.giftcards?.issued?.length) seen.newCard++;
        },
      ),
      { numRuns: 300 },
    );
    for (const k of ['noReceipt', 'withReceipt', 'pays', 'refundsRest', 'newCard'] as const) expect(seen[k], k).toBeGreaterThan(5);
  });
});
