import { describe, expect, it } from 'vitest';
import { inWindow, qualifiedTier, reviewTiers, tierAfterSale, tierDiscount, tierMetric, tierProgress, withTierDiscount } from '../../../src/domain/loyalty/tiers.js';
import { addDays, addLot, computeExpiry, consumeLots, expireLots, expiringWithin } from '../../../src/domain/loyalty/expiry.js';
import type { TierLadder } from '../../../src/domain/loyalty/types.js';
import { CASHBACK, LADDER, TV, account, cartOf, customer } from './fixtures.js';

describe('tiers', () => {
  it('qualifies by lifetime spend', () => {
    expect(qualifiedTier(LADDER, 0)?.id).toBe('std');
    expect(qualifiedTier(LADDER, 99999)?.id).toBe('std');
    expect(qualifiedTier(LADDER, 100000)?.id).toBe('silver');
    expect(qualifiedTier(LADDER, 10 ** 9)?.id).toBe('gold');
  });

  it('counts points earned in a rolling window of months', () => {
    const ladder: TierLadder = { basis: 'points', programId: 'cb', periodMonths: 3, demotion: true, tiers: [{ id: 'a', name: 'A', threshold: 0 }, { id: 'b', name: 'B', threshold: 100 }] };
    const acc = account({ months: '202411,0,cb,500;202501,0,cb,40;202503,0,cb,50,other,900', earned: { cb: 590 } });
    expect(inWindow('2025-01', '2025-03-31', 3)).toBe(true);
    expect(inWindow('2024-12', '2025-03-01', 3)).toBe(false);
    expect(tierMetric(acc, ladder, '2025-03-15')).toBe(90);
    expect(tierMetric(acc, ladder, '2025-03-15', { spend: 0, earned: { cb: 10 } })).toBe(100);
    expect(tierMetric(acc, { ...ladder, periodMonths: undefined }, '2025-03-15')).toBe(590);
  });

  it('a sale promotes but never demotes; a tier given by hand is kept', () => {
    expect(tierAfterSale(account({ spend: 99000 }), LADDER, '2025-03-01', { spend: 1000, earned: {} })).toEqual({ before: 'std', after: 'silver', promoted: true });
    expect(tierAfterSale(account({ spend: 0, tier: 'gold' }), LADDER, '2025-03-01', { spend: 1000, earned: {} })).toEqual({ before: 'gold', after: 'gold', promoted: false });
    expect(tierAfterSale(account({ spend: 600000 }), LADDER, '2025-03-01', { spend: 1, earned: {} }).after).toBe('gold');
    expect(tierAfterSale(account(), null, '2025-03-01', { spend: 10 ** 9, earned: {} })).toEqual({ before: 'std', after: 'std', promoted: false });
  });

  it('shows the progress to the next tier', () => {
    expect(tierProgress(account({ spend: 40000 }), LADDER, '2025-03-01')).toMatchObject({ tier: { id: 'std' }, next: { id: 'silver' }, remaining: 60000 });
    expect(tierProgress(account({ tier: 'gold', spend: 0 }), LADDER, '2025-03-01')).toMatchObject({ next: null, remaining: 0 });
  });

  it('the review demotes only when the ladder allows it, and promotes after a ladder change', () => {
    const accs = [account({ id: 'a', tier: 'gold', spend: 1000 }), account({ id: 'b', tier: 'std', spend: 200000 }), account({ id: 'c', tier: 'silver', spend: 100000 })];
    expect(reviewTiers(accs, LADDER, '2025-03-01')).toEqual([{ customerId: 'b', from: 'std', to: 'silver', reason: 'review: promoted', auto: true }]);
    expect(reviewTiers(accs, { ...LADDER, demotion: true }, '2025-03-01').map((r) => [r.customerId, r.to])).toEqual([['a', 'std'], ['b', 'silver']]);
  });

  it('the tier price list is an order discount placed before rewards', () => {
    expect(tierDiscount(customer({ tier: 'silver' }), LADDER)).toEqual({ id: 'tier', label: 'Silver', source: 'tier', kind: 'percent', value: 50000, meta: { tierId: 'silver' } });
    expect(tierDiscount(customer({ tier: 'std' }), LADDER)).toBeNull();
    expect(tierDiscount(customer({ tier: 'silver', blocked: true }), LADDER)).toBeNull();
    const cart = { ...cartOf([TV, 1]), discounts: [{ id: 'RW1', label: 'x', source: 'reward' as const, kind: 'amount' as const, value: 1 }] };
    expect(withTierDiscount(cart, customer({ tier: 'gold' }), LADDER).discounts.map((d) => d.id)).toEqual(['tier', 'RW1']);
    expect(withTierDiscount(withTierDiscount(cart, customer({ tier: 'gold' }), LADDER), null, LADDER).discounts.map((d) => d.id)).toEqual(['RW1']);
  });
});

describe('expiry', () => {
  it('adds days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 365)).toBe('2025-12-31');
  });

  it('spends the oldest points first, points without a lot before any lot', () => {
    const lots = addLot(addLot([], '2025-02-01', 10, 30), '2025-01-01', 5, 30);
    expect(lots).toEqual([['2025-01-01', 5, '2025-01-31'], ['2025-02-01', 10, '2025-03-03']]);
    expect(consumeLots(15, lots, 7)).toEqual([['2025-02-01', 8, '2025-03-03']]);
    // 3 points predate expiry: they go first.
    expect(consumeLots(18, lots, 4)).toEqual([['2025-01-01', 4, '2025-01-31'], ['2025-02-01', 10, '2025-03-03']]);
  });

  it('expires lots on their day and lists points expiring within 30 days', () => {
    const acc = account({ points: { cb: 15 }, lots: { cb: [['2025-01-01', 5, '2025-01-31'], ['2025-02-01', 10, '2025-03-03']] } });
    expect(computeExpiry([acc], [CASHBACK], '2025-01-30')).toEqual([]);
    expect(computeExpiry([acc], [CASHBACK], '2025-01-31')).toEqual([{ customerId: 'c1', programId: 'cb', points: 5, day: '2025-01-31' }]);
    expect(computeExpiry([acc], [CASHBACK], '2025-03-03')).toEqual([{ customerId: 'c1', programId: 'cb', points: 15, day: '2025-03-03' }]);
    expect(expiringWithin(acc, 'cb', '2025-01-30')).toBe(5);
    expect(expiringWithin(acc, 'cb', '2025-01-31')).toBe(0);
    expect(expiringWithin(acc, 'cb', '2025-02-01')).toBe(10);
    expect(expireLots(15, acc.lots!.cb, '2025-01-31', 5)).toEqual([['2025-02-01', 10, '2025-03-03']]);
  });
});
