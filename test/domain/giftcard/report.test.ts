import { describe, expect, it } from 'vitest';
import { liability, matchesFilter, planRedeem } from '../../../src/domain/giftcard/index.js';
import { Ledger, TODAY } from './harness.js';

describe('liability report and filters', () => {
  it('sums what active cards owe, apart from blocked and past-expiry balances, with sold and redeemed per day', () => {
    const l = new Ledger();
    const a = l.issue(1000);
    const b = l.issue(2000, { price: 500 });
    const blocked = l.issue(300);
    l.commit([{ type: 'giftcard.blocked', data: { code: blocked, reason: 'stolen' } }]);
    const old = l.issue(400, { expiresOn: TODAY });
    l.issue(0, { pending: true });
    const r = planRedeem(l.card(a), 250, { currency: 'USD', today: TODAY });
    if (!r.ok) throw r.error;
    l.commit(r.value);
    const cards = Object.values(l.slice.cards);
    const rep = liability(cards, { currency: 'USD', today: '2026-03-11', dayOf: (iso) => iso.slice(0, 10) });
    expect(rep).toMatchObject({ outstanding: 750 + 2000, activeCount: 2, blocked: 300, pastExpiry: 400, pendingCount: 1 });
    expect(rep.days).toEqual([
      { day: '2026-03-10', soldCount: 4, soldValue: 3700, soldPrice: 2200, promotional: 1500, loaded: 0, redeemed: 250, refunded: 0, adjusted: 0, expired: 0 },
    ]);
    expect(liability(cards, { currency: 'USD', today: TODAY, dayOf: (iso) => iso.slice(0, 10), from: '2026-03-11' }).days).toEqual([]);
    expect(cards.filter((c) => matchesFilter(c, { state: 'expired' }, '2026-03-11')).map((c) => c.code)).toEqual([old]);
    expect(cards.filter((c) => matchesFilter(c, { expiringBefore: '2026-03-11' }, TODAY)).map((c) => c.code)).toEqual([old]);
    expect(cards.filter((c) => matchesFilter(c, { state: 'active' }, TODAY)).map((c) => c.code)).toEqual([a, b, old]);
  });
});
