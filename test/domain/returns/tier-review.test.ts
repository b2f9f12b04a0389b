/**
 * "A tier reached by that sale is reviewed" (issue 10), with worked numbers. A return lowers what tier
 * promotion reads — lifetime spend, lifetime points earned, and the month the sale counted in for a
 * ladder with a rolling window — by folding its `points.refunded` (a compensating entry: nothing is
 * edited), and a tier the returned sale earned is reviewed at once: kept while what is left still
 * reaches it, else back to the highest tier still reached, never below the tier before the sale.
 *
 * Ladder (spend): Standard 0, Silver 100.00, Gold 500.00. 1 point per 1.00. Product A 10.00, H 5.00.
 */
import { describe, expect, it } from 'vitest';
import { Book, customer, LADDER, prod, sell } from './fixtures.js';
import { monthBuckets } from '../../../src/domain/loyalty/months.js';
import { reviewTiers, tierMetric } from '../../../src/domain/loyalty/tiers.js';
import type { TierLadder } from '../../../src/domain/loyalty/types.js';
import { loyaltyOf } from '../../../src/store/projections/loyalty.js';

const A = prod('A', 1000);
const H = prod('H', 500);
const DAY = '2025-03-14';

function day(ladder: TierLadder) {
  const book = new Book().setup({ customers: [customer('c1', 1)], ladder });
  const acct = () => book.account('c1')!;
  // 80.00 first: Standard. Then 30.00: 110.00 reaches Silver, promoted at once by that sale.
  sell(book, { items: [[A, 8]], customerId: 'c1', pay: [{ kind: 'cash' }] });
  expect(acct().tier).toBe('std');
  const big = sell(book, { items: [[A, 3]], customerId: 'c1', pay: [{ kind: 'cash' }] });
  expect(acct().tier).toBe('silver');
  return { book, acct, big };
}

describe('a return and the tier its sale reached', () => {
  it('lifetime spend: 110.00 -> 100.00 keeps Silver; -> 90.00 demotes to Standard at once, journaled', () => {
    const { book, acct, big } = day(LADDER);
    expect(acct().spend).toBe(11_000);
    const r1 = book.doReturn(big, [{ lineId: 'L1', qty: 1 }]);
    expect(acct().spend).toBe(10_000);
    expect(r1.loyalty?.tier).toEqual({ before: 'silver', after: 'silver', changed: false });
    expect(acct().tier).toBe('silver');
    const r2 = book.doReturn(big, [{ lineId: 'L1', qty: 1 }]);
    expect(acct().spend).toBe(9_000);
    expect(r2.loyalty?.tier).toEqual({ before: 'silver', after: 'std', changed: true });
    expect(acct().tier).toBe('std');
    const regraded = book.events.filter((e) => e.type === 'customer.regraded');
    expect(regraded.map((e) => e.data)).toEqual([{ customerId: 'c1', from: 'silver', to: 'std', reason: expect.stringContaining('reviewed'), auto: true }]);
    // The scheduled review agrees: 90.00 is Standard.
    expect(reviewTiers([acct()], LADDER, DAY)).toEqual([]);
  });

  it('rolling window: the month the sale counted in drops with it, so 5.00 more is not Silver again', () => {
    const ladder: TierLadder = { ...LADDER, periodMonths: 12 };
    const { book, acct, big } = day(ladder);
    const march = () => monthBuckets(acct().months).find((b) => b.month === 202503)!;
    expect(march().spend).toBe(11_000);
    book.doReturn(big, [{ lineId: 'L1', qty: 2 }]);
    // 110.00 - 20.00: the compensating entry lowers March, what the window reads.
    expect(march().spend).toBe(9_000);
    expect(tierMetric(acct(), ladder, DAY)).toBe(9_000);
    expect(acct().tier).toBe('std');
    expect(reviewTiers([acct()], ladder, DAY)).toEqual([]);
    // 90.00 + 5.00 = 95.00 < 100.00: no promotion (had March kept 110.00, this sale would reach 115.00).
    sell(book, { items: [[H, 1]], customerId: 'c1', pay: [{ kind: 'cash' }] });
    expect(acct().tier).toBe('std');
    // 95.00 + 5.00 = 100.00: Silver, earned this time.
    sell(book, { items: [[H, 1]], customerId: 'c1', pay: [{ kind: 'cash' }] });
    expect(acct().tier).toBe('silver');
  });

  it('points basis: the points the sale earned come off lifetime earned too (110 -> 80 points: Standard)', () => {
    const ladder: TierLadder = { basis: 'points', programId: 'cb', demotion: false, tiers: [{ id: 'std', name: 'Standard', threshold: 0 }, { id: 'silver', name: 'Silver', threshold: 100 }] };
    const { book, acct, big } = day(ladder);
    expect(acct().earned.cb).toBe(110);
    const r = book.doReturn(big, [{ lineId: 'L1', qty: 3 }]);
    expect(r.loyalty?.programs[0]).toMatchObject({ clawedBack: 30, unrecovered: 0 });
    expect(acct().earned.cb).toBe(80);
    expect(monthBuckets(acct().months).find((b) => b.month === 202503)!.earned.get('cb')).toBe(80);
    // Demoted at once although the ladder never demotes on review: the tier was the returned sale's.
    expect(acct().tier).toBe('std');
    // 80 + 15 = 95 points: not Silver (had lifetime earned kept 110, 125 would be).
    sell(book, { items: [[A, 1], [H, 1]], customerId: 'c1', pay: [{ kind: 'cash' }] });
    expect(acct().earned.cb).toBe(95);
    expect(acct().tier).toBe('std');
    expect(loyaltyOf(book.state).customers.c1.points.cb).toBe(95);
  });

  it('a tier reached since by other purchases stays: the return only takes back what it returned', () => {
    const { book, acct, big } = day(LADDER);
    // 110.00 + 50.00 more: 160.00. The whole 30.00 sale comes back: 130.00, still Silver.
    sell(book, { items: [[A, 5]], customerId: 'c1', pay: [{ kind: 'cash' }] });
    const r = book.doReturn(big, [{ lineId: 'L1', qty: 3 }]);
    expect(acct().spend).toBe(13_000);
    expect(r.loyalty?.tier).toEqual({ before: 'silver', after: 'silver', changed: false });
    expect(acct().tier).toBe('silver');
  });
});
