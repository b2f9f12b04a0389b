import { describe, expect, it } from 'vitest';
import { addReward, affordableRewards, applyReward, claimableRewards, pointsReserved, removeReward, rewardsInCart } from '../../../src/domain/loyalty/rewards.js';
import type { LoyaltyProgram } from '../../../src/domain/loyalty/types.js';
import type { Cart } from '../../../src/domain/cart.js';
import { CAKE, CASHBACK, COFFEE, TV, cartOf, customer, price } from './fixtures.js';

const claim = (cart: Cart, program: LoyaltyProgram, balance: number, rewardId: string, req = {}) =>
  applyReward(cart, price(cart), customer(), program, balance, rewardId, req);

function claimed(cart: Cart, program: LoyaltyProgram, balance: number, rewardId: string, req = {}): Cart {
  const r = claim(cart, program, balance, rewardId, req);
  if (!r.ok) throw r.error;
  const c = addReward(cart, r.value);
  if (!c.ok) throw c.error;
  return c.value;
}

const REWARDS: LoyaltyProgram = {
  ...CASHBACK,
  rewards: [
    ...CASHBACK.rewards,
    { id: 'capped', name: 'Capped cashback', kind: 'cashback', cost: 1, value: { amount: 100, points: 1 }, maxSharePpm: 100_000 },
    { id: 'five', name: '5.00 off', kind: 'fixed', cost: 50, amount: 500, minBalance: 80 },
    { id: 'pct', name: '10% off', kind: 'percent', cost: 100, percentPpm: 100_000, max: 2000 },
    { id: 'coffee', name: '50% off coffee', kind: 'percent', cost: 20, percentPpm: 500_000, target: { category: 'coffee' } },
    { id: 'free', name: 'Free cake', kind: 'free-product', cost: 30, sku: 'CAKE' },
  ],
};

describe('cashback', () => {
  it('spending 2 points takes 2.00 off at 1.00 per point', () => {
    const cart = cartOf([TV, 1]);
    const r = claim(cart, CASHBACK, 2, 'cash', { points: 2 });
    expect(r.ok && [r.value.points, r.value.value, r.value.discount]).toEqual([
      2, 200, { id: 'RW1', label: 'Cashback', source: 'reward', kind: 'amount', value: 200, meta: { rewardId: 'cash', programId: 'cb', points: 2 } },
    ]);
    const after = price(claimed(cart, CASHBACK, 2, 'cash', { points: 2 }));
    expect([after.total, after.discountTotal]).toEqual([24800, 200]);
  });

  it('"as many as possible" is limited by the balance, the sale, and the cap on its share', () => {
    const cart = cartOf([COFFEE, 1]);
    expect(claim(cart, REWARDS, 1000, 'cash', { points: 'max' })).toMatchObject({ ok: true, value: { points: 4, value: 400 } });
    expect(claim(cart, REWARDS, 3, 'cash')).toMatchObject({ ok: true, value: { points: 3, value: 300 } });
    // 10% of 250.00 = 25.00 at most.
    expect(claim(cartOf([TV, 1]), REWARDS, 1000, 'capped', { points: 'max' })).toMatchObject({ ok: true, value: { points: 25 } });
    const once = claimed(cartOf([TV, 1]), REWARDS, 1000, 'capped', { points: 20 });
    expect(claim(once, REWARDS, 1000, 'capped', { points: 'max' })).toMatchObject({ ok: true, value: { points: 5 } });
    expect(claim(once, REWARDS, 1000, 'capped', { points: 6 })).toMatchObject({ ok: false, error: { code: 'POINTS_EXCEED_LIMIT', params: { max: 5 } } });
  });

  it('refuses more points than available, counting what the cart already reserves', () => {
    const cart = claimed(cartOf([TV, 1]), CASHBACK, 5, 'cash', { points: 4 });
    expect(pointsReserved(cart, 'cb')).toBe(4);
    expect(claim(cart, CASHBACK, 5, 'cash', { points: 2 })).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS', params: { available: 1 } } });
    expect(claim(cartOf([TV, 1]), CASHBACK, 0, 'cash')).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS' } });
  });

  it('spends in whole steps of the reward cost', () => {
    const p: LoyaltyProgram = { ...CASHBACK, rewards: [{ id: 'cash', name: 'C', kind: 'cashback', cost: 10, value: { amount: 100, points: 10 } }] };
    expect(claim(cartOf([TV, 1]), p, 95, 'cash', { points: 15 })).toMatchObject({ ok: false, error: { code: 'POINTS_STEP' } });
    expect(claim(cartOf([TV, 1]), p, 95, 'cash', { points: 'max' })).toMatchObject({ ok: true, value: { points: 90, value: 900 } });
  });
});

describe('other rewards', () => {
  it('a fixed discount costs its points and needs its minimum balance', () => {
    const cart = cartOf([TV, 1]);
    expect(claim(cart, REWARDS, 60, 'five')).toMatchObject({ ok: false, error: { code: 'REWARD_MIN_BALANCE', params: { min: 80 } } });
    expect(claim(cart, REWARDS, 80, 'five')).toMatchObject({ ok: true, value: { points: 50, value: 500 } });
    expect(claim(cart, { ...REWARDS, rewards: [{ ...REWARDS.rewards[2], minBalance: undefined }] }, 49, 'five')).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS' } });
  });

  it('percentage off the order stops at its maximum', () => {
    const after = price(claimed(cartOf([TV, 1]), REWARDS, 100, 'pct'));
    expect(after.discountTotal).toBe(2000);
    expect(claim(cartOf([CAKE, 1]), REWARDS, 100, 'pct')).toMatchObject({ ok: true, value: { value: 100 } });
  });

  it('percentage off a category applies to its lines only, and needs one in the sale', () => {
    const after = price(claimed(cartOf([COFFEE, 2], [CAKE, 1]), REWARDS, 20, 'coffee'));
    expect(after.lines.map((l) => [l.sku, l.discount])).toEqual([['COF', 400], ['CAKE', 0]]);
    expect(claim(cartOf([CAKE, 1]), REWARDS, 20, 'coffee')).toMatchObject({ ok: false, error: { code: 'REWARD_NOT_APPLICABLE' } });
  });

  it('a free product is added at zero price and earns nothing', () => {
    const cart = claimed(cartOf([TV, 1]), REWARDS, 30, 'free', { product: CAKE });
    const p = price(cart);
    expect(p.lines.map((l) => [l.kind, l.sku, l.gross, l.amount])).toEqual([['product', 'TV', 25000, 25000], ['reward', 'CAKE', 1000, 0]]);
    expect(p.total).toBe(25000);
    expect(rewardsInCart(cart)).toEqual([{ rewardId: 'free', programId: 'cb', points: 30, lineId: 'L2' }]);
    expect(claim(cartOf([TV, 1]), REWARDS, 30, 'free')).toMatchObject({ ok: false, error: { code: 'REWARD_PRODUCT_MISSING' } });
  });

  it('removing the discount or the line gives the points back', () => {
    let cart = claimed(cartOf([TV, 1]), REWARDS, 200, 'free', { product: CAKE });
    cart = claimed(cart, REWARDS, 200, 'cash', { points: 10 });
    expect(pointsReserved(cart, 'cb')).toBe(40);
    const a = removeReward(cart, 'L2');
    const b = a.ok ? removeReward(a.value, 'RW1') : a;
    expect(b.ok && pointsReserved(b.value, 'cb')).toBe(0);
    expect(removeReward(cart, 'L1')).toMatchObject({ ok: false, error: { code: 'NO_SUCH_REWARD' } });
  });

  it('refuses a blocked card, an unknown reward, a stopped program', () => {
    const cart = cartOf([TV, 1]);
    expect(applyReward(cart, price(cart), customer({ blocked: true }), CASHBACK, 10, 'cash')).toMatchObject({ ok: false, error: { code: 'LOYALTY_CARD_BLOCKED' } });
    expect(claim(cart, CASHBACK, 10, 'nope')).toMatchObject({ ok: false, error: { code: 'REWARD_UNKNOWN' } });
    expect(claim(cart, { ...CASHBACK, active: false }, 10, 'cash')).toMatchObject({ ok: false, error: { code: 'PROGRAM_INACTIVE' } });
  });

  it('lists the rewards the balance affords (for the highlighted key)', () => {
    expect(affordableRewards(REWARDS, 60, customer()).map((r) => r.id)).toEqual(['cash', 'capped', 'coffee', 'free']);
    expect(affordableRewards(REWARDS, 60, customer({ blocked: true }))).toEqual([]);
  });
});

describe('8.6 points 0 or -3 get POINTS_INVALID, not POINTS_STEP', () => {
  it.each([0, -3, -10])('%i points', (points) => {
    const r = claim(cartOf([TV, 1]), CASHBACK, 100, 'cash', { points });
    expect(r).toMatchObject({ ok: false, error: { code: 'POINTS_INVALID', message: 'Enter a number of points greater than zero.' } });
  });

  it('a positive number off the step is still POINTS_STEP', () => {
    const p: LoyaltyProgram = { ...CASHBACK, rewards: [{ id: 'cash', name: 'C', kind: 'cashback', cost: 10, value: { amount: 100, points: 10 } }] };
    expect(claim(cartOf([TV, 1]), p, 95, 'cash', { points: 15 })).toMatchObject({ ok: false, error: { code: 'POINTS_STEP' } });
  });
});

describe('8.6 the rewards a customer can claim now', () => {
  const product = (sku: string) => (sku === CAKE.sku ? CAKE : undefined);
  const now = (cart: Cart, balance: number, over = {}) =>
    claimableRewards(cart, price(cart), customer(over), { cb: balance }, [REWARDS], product).map((r) => [r.rewardId, r.points, r.value]);

  it('lists exactly what a claim now would get onto the sale, with its points and money', () => {
    // 60 points, a TV: cashback (max 60 pts = 60.00), capped (10% of 250.00 = 25 pts), free cake;
    // "50% off coffee" is affordable but the sale has no coffee; "five" needs 80, "pct" costs 100.
    expect(now(cartOf([TV, 1]), 60)).toEqual([
      ['cash', 60, 6000],
      ['capped', 25, 2500],
      ['free', 30, 1000],
    ]);
    // A 4.00 coffee: 10% of it is 0.40, less than one 1.00 point, so the capped cashback is not listed.
    expect(now(cartOf([COFFEE, 1]), 60).map((r) => r[0])).toEqual(['cash', 'coffee', 'free']);
  });

  it('counts what the cart already reserves, and lists nothing for a blocked card or a stopped program', () => {
    const cart = claimed(cartOf([TV, 1]), REWARDS, 60, 'free', { product: CAKE });
    expect(now(cart, 60).map((r) => r[0])).toEqual(['cash', 'capped', 'free']);
    expect(now(cart, 60).find((r) => r[0] === 'cash')).toEqual(['cash', 30, 3000]);
    expect(now(cartOf([TV, 1]), 60, { blocked: true })).toEqual([]);
    expect(claimableRewards(cartOf([TV, 1]), price(cartOf([TV, 1])), customer(), { cb: 60 }, [{ ...REWARDS, active: false }], product)).toEqual([]);
  });

  it('every listed reward is one applyReward accepts (same check, no guess)', () => {
    const cart = cartOf([COFFEE, 2], [CAKE, 1]);
    for (const r of claimableRewards(cart, price(cart), customer(), { cb: 45 }, [REWARDS], product))
      expect(applyReward(cart, price(cart), customer(), REWARDS, 45, r.rewardId, r.kind === 'cashback' ? { points: r.points } : { product: product(CAKE.sku) }).ok).toBe(true);
  });
});
