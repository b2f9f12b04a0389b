import { describe, expect, it } from 'vitest';
import { computeEarn, programEarn } from '../../../src/domain/loyalty/earn.js';
import type { LoyaltyProgram } from '../../../src/domain/loyalty/types.js';
import { addLine } from '../../../src/domain/cart.js';
import { CAKE, CASHBACK, COFFEE, LADDER, TAX_EXCL, TV, cartOf, customer, price, prod } from './fixtures.js';

const earn = (p: LoyaltyProgram, priced = price(cartOf([TV, 1])), excluded = 0, tier = null as (typeof LADDER.tiers)[number] | null) =>
  programEarn(priced, p, tier, excluded).points;

describe('points per money', () => {
  it('1% cashback: 0.01 points per 1.00 on a 250.00 sale earns 2.5, rounded down to 2 with step 1', () => {
    const r = computeEarn(price(cartOf([TV, 1])), customer(), [CASHBACK], null, '2025-03-01', 0);
    expect(r.ok && r.value.map((e) => [e.programId, e.points])).toEqual([['cb', 2]]);
    expect(r.ok && r.value[0].rules[0].points).toEqual({ n: 5n, d: 2n });
  });

  it('counts hundredths of a point when the program has 2 decimals: 250.00 earns 2.50', () => {
    const p: LoyaltyProgram = { ...CASHBACK, decimals: 2, rules: [{ id: 'b', perAmount: { points: 1, per: 100 } }] };
    expect(earn(p)).toBe(250);
    expect(earn({ ...p, step: 100 })).toBe(200);
  });

  it('1 point per 10,000 VND rounds down per sale, not per line', () => {
    const p: LoyaltyProgram = { ...CASHBACK, rules: [{ id: 'b', perAmount: { points: 1, per: 10000 } }] };
    const a = prod('A', 15000);
    const b = prod('B', 15000);
    // 30,000 VND: 3 points; per line it would be 1 + 1.
    expect(earn(p, price(cartOf([a, 1], [b, 1])))).toBe(3);
  });

  it('earns on amounts after discounts, tax included by default, tax excluded when the rule says so', () => {
    const p: LoyaltyProgram = { ...CASHBACK, rules: [{ id: 'b', perAmount: { points: 1, per: 100 } }] };
    const c = cartOf([TV, 1]);
    const discounted = { ...c, discounts: [{ id: 'm', label: 'm', source: 'manual' as const, kind: 'amount' as const, value: 5000 }] };
    expect(earn(p, price(discounted))).toBe(200);
    // Exclusive prices: 250.00 + 25.00 tax.
    expect(earn(p, price(c, TAX_EXCL))).toBe(275);
    expect(earn({ ...p, rules: [{ ...p.rules[0], taxIncluded: false }] }, price(c, TAX_EXCL))).toBe(250);
    // Inclusive prices: 250.00 contains 22.73 tax.
    expect(earn({ ...p, rules: [{ ...p.rules[0], taxIncluded: false }] }, price(c))).toBe(227);
  });

  it('excludes gift-card lines and the share paid with gift cards or points (pro rata)', () => {
    const p: LoyaltyProgram = { ...CASHBACK, rules: [{ id: 'b', perAmount: { points: 1, per: 100 } }] };
    const withGc = addLine(cartOf([TV, 1]), { kind: 'giftcard', sku: 'GC', name: 'Gift card', unitPrice: 5000, qty: 1, taxClass: 'none', category: 'giftcard', noDiscount: true });
    if (!withGc.ok) throw withGc.error;
    const priced = price(withGc.value);
    expect(priced.total).toBe(30000);
    expect(earn(p, priced)).toBe(250);
    // 100.00 of the 300.00 paid by gift card: 2/3 of 250.00 earns -> 166.67 -> 166.
    expect(earn(p, priced, 10000)).toBe(166);
    expect(earn(p, priced, 30000)).toBe(0);
  });

  it('applies a minimum amount and a minimum quantity', () => {
    const p: LoyaltyProgram = { ...CASHBACK, rules: [{ id: 'b', perOrder: 10, minAmount: 30000 }] };
    expect(earn(p)).toBe(0);
    expect(earn(p, price(cartOf([TV, 2])))).toBe(10);
    const q: LoyaltyProgram = { ...CASHBACK, rules: [{ id: 'b', perUnit: 1, minQty: 3, target: { category: 'coffee' }, cumulative: true }] };
    expect(earn(q, price(cartOf([COFFEE, 2])))).toBe(0);
    expect(earn(q, price(cartOf([COFFEE, 3])))).toBe(3);
  });
});

describe('product and category rules', () => {
  const base = { id: 'base', perAmount: { points: 1, per: 100 } };
  const coffee5 = { id: 'coffee', target: { category: 'coffee' }, perUnit: 5 };
  const program = (cumulative: boolean): LoyaltyProgram => ({ ...CASHBACK, rules: [base, { ...coffee5, cumulative }] });
  const sale = () => price(cartOf([COFFEE, 3], [CAKE, 1]));

  it('a non-cumulative rule of 5 points per unit replaces the currency points of the lines it matches', () => {
    // Cake 10.00 -> 10 points by currency; coffee 3 x 5 = 15 instead of 12.00 -> 12.
    expect(earn(program(false), sale())).toBe(25);
    const r = programEarn(sale(), program(false), null, 0);
    expect(r.rules.map((x) => [x.ruleId, Number(x.points.n / x.points.d)])).toEqual([['base', 10], ['coffee', 15]]);
  });

  it('a cumulative rule adds to the currency points', () => {
    expect(earn(program(true), sale())).toBe(10 + 12 + 15);
  });

  it('the first applying non-cumulative rule owns the line; per-order points are never replaced', () => {
    const p: LoyaltyProgram = {
      ...CASHBACK,
      rules: [
        { ...base, perOrder: 7 },
        { id: 'sku', target: { sku: 'COF' }, perUnit: 2 },
        { ...coffee5 },
      ],
    };
    expect(earn(p, sale())).toBe(10 + 7 + 6);
  });

  it('a non-cumulative rule that does not reach its minimum leaves the base points alone', () => {
    const p: LoyaltyProgram = { ...CASHBACK, rules: [base, { ...coffee5, minQty: 4 }] };
    expect(earn(p, sale())).toBe(22);
  });
});

describe('programs, tiers, blocked cards', () => {
  it('runs several programs, each within its dates', () => {
    const promo: LoyaltyProgram = { ...CASHBACK, id: 'promo', name: 'Tết', start: '2025-01-20', end: '2025-02-05', rules: [{ id: 'o', perOrder: 50 }] };
    const on = computeEarn(price(cartOf([TV, 1])), customer(), [CASHBACK, promo], null, '2025-02-05', 0);
    const off = computeEarn(price(cartOf([TV, 1])), customer(), [CASHBACK, promo], null, '2025-02-06', 0);
    expect(on.ok && on.value.map((e) => [e.programId, e.points])).toEqual([['cb', 2], ['promo', 50]]);
    expect(off.ok && off.value.map((e) => e.programId)).toEqual(['cb']);
    expect(computeEarn(price(cartOf([TV, 1])), customer(), [{ ...CASHBACK, active: false }], null, '2025-02-06', 0)).toEqual({ ok: true, value: [] });
  });

  it('multiplies by the tier before rounding', () => {
    const r = computeEarn(price(cartOf([TV, 1])), customer({ tier: 'silver' }), [CASHBACK], LADDER, '2025-03-01', 0);
    expect(r.ok && r.value[0].points).toBe(5);
    const g = computeEarn(price(cartOf([TV, 1])), customer({ tier: 'gold' }), [CASHBACK], LADDER, '2025-03-01', 0);
    expect(g.ok && g.value[0].points).toBe(7);
  });

  it('a blocked card earns nothing', () => {
    const r = computeEarn(price(cartOf([TV, 1])), customer({ blocked: true }), [CASHBACK], null, '2025-03-01', 0);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('LOYALTY_CARD_BLOCKED');
  });
});
