import { describe, expect, it } from 'vitest';
import { buildSaleLoyalty } from '../../../src/domain/loyalty/sale-extension.js';
import { addReward, applyReward } from '../../../src/domain/loyalty/rewards.js';
import { withTierDiscount } from '../../../src/domain/loyalty/tiers.js';
import type { Tender } from '../../../src/domain/tender.js';
import type { LoyaltyAccount, LoyaltyProgram } from '../../../src/domain/loyalty/types.js';
import type { Cart } from '../../../src/domain/cart.js';
import { CASHBACK, LADDER, TV, account, cartOf, price } from './fixtures.js';

const cash = (amount: number): Tender => ({ id: 'T1', kind: 'cash', amount, given: amount, change: 0 });

function build(cart: Cart, acc: LoyaltyAccount, programs: LoyaltyProgram[] = [CASHBACK], tenders?: Tender[]) {
  const priced = price(cart);
  return buildSaleLoyalty({ cart, priced, tenders: tenders ?? [cash(priced.total)], account: acc, programs, ladder: LADDER, day: '2025-03-01' });
}

describe('sale.extensions.loyalty', () => {
  it('records earned, spent, balances and the rewards of a sale', () => {
    const acc = account({ points: { cb: 10 } });
    const cart0 = cartOf([TV, 1]);
    const claim = applyReward(cart0, price(cart0), acc, CASHBACK, 10, 'cash', { points: 2 });
    if (!claim.ok) throw claim.error;
    const cart = addReward(cart0, claim.value);
    if (!cart.ok) throw cart.error;
    const r = build(cart.value, acc);
    expect(r).toEqual({
      ok: true,
      value: {
        v: 1, customerId: 'c1', cardNumber: acc.card, day: '2025-03-01', spend: 24800,
        tierBefore: 'std', tierAfter: 'std', promoted: false, tierDiscount: 0,
        programs: [{
          programId: 'cb', name: 'Cashback', earned: 2, spent: 2, balanceBefore: 10, balanceAfter: 10, expiringSoon: 0,
          rewards: [{ rewardId: 'cash', name: 'Cashback', points: 2, discount: 200 }],
        }],
      },
    });
  });

  it('a sale that crosses the tier threshold promotes the customer on that receipt', () => {
    const acc = account({ spend: 90000 });
    const r = build(cartOf([TV, 1]), acc);
    expect(r.ok && [r.value.tierBefore, r.value.tierAfter, r.value.promoted, r.value.spend]).toEqual(['std', 'silver', true, 25000]);
    // The sale itself earns at the tier the customer had when it started.
    expect(r.ok && r.value.programs[0].earned).toBe(2);
    const below = build(cartOf([TV, 1]), account({ spend: 74999 }));
    expect(below.ok && below.value.promoted).toBe(false);
  });

  it('records the tier discount taken', () => {
    const acc = account({ tier: 'silver', spend: 100000 });
    const cart = withTierDiscount(cartOf([TV, 1]), acc, LADDER);
    const r = build(cart, acc);
    expect(r.ok && [r.value.tierDiscount, r.value.spend, r.value.programs[0].earned]).toEqual([1250, 23750, 4]);
  });

  it('earns nothing on what a gift card paid', () => {
    const acc = account();
    const cart = cartOf([TV, 2]);
    const r = build(cart, acc, [CASHBACK], [{ id: 'G', kind: 'giftcard', amount: 30000 }, cash(20000)]);
    expect(r.ok && r.value.programs[0].earned).toBe(2);
  });

  it('a blocked card neither earns nor spends', () => {
    const r = build(cartOf([TV, 1]), account({ blocked: true }));
    expect(r).toMatchObject({ ok: false, error: { code: 'LOYALTY_CARD_BLOCKED' } });
  });

  it('refuses claims beyond the balance at commit', () => {
    const acc = account({ points: { cb: 10 } });
    const cart0 = cartOf([TV, 1]);
    const claim = applyReward(cart0, price(cart0), acc, CASHBACK, 10, 'cash', { points: 10 });
    if (!claim.ok) throw claim.error;
    const cart = addReward(cart0, claim.value);
    if (!cart.ok) throw cart.error;
    expect(build(cart.value, account({ points: { cb: 4 } }))).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS' } });
  });

  it('tells the receipt which points expire within 30 days, after the sale spends the oldest', () => {
    const p: LoyaltyProgram = { ...CASHBACK, expiryDays: 365 };
    const acc = account({ points: { cb: 15 }, lots: { cb: [['2024-03-10', 5, '2025-03-10'], ['2024-03-20', 10, '2025-03-20']] } });
    const plain = build(cartOf([TV, 1]), acc, [p]);
    expect(plain.ok && plain.value.programs[0].expiringSoon).toBe(15);
    const cart0 = cartOf([TV, 1]);
    const claim = applyReward(cart0, price(cart0), acc, p, 15, 'cash', { points: 7 });
    if (!claim.ok) throw claim.error;
    const cart = addReward(cart0, claim.value);
    if (!cart.ok) throw cart.error;
    const r = build(cart.value, acc, [p]);
    expect(r.ok && r.value.programs[0].expiringSoon).toBe(8);
  });
});
