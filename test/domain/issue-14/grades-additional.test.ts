/**
 * Issue 14, grade percentages and main/additional points (the Russian bonus-card page: "Грейды-Проценты
 * карт", "Основные и дополнительные баллы"; its bulk accrual to everyone who bought for 1000 to 7000).
 * The percentages are the Odoo cashback answer's: 0.01 point per 1.00 is 1% back, 0.05 is 5%, a point
 * worth 1.00.
 */
import { describe, expect, it } from 'vitest';
import { buildSaleLoyalty } from '../../../src/domain/loyalty/sale-extension.js';
import { computeEarn } from '../../../src/domain/loyalty/earn.js';
import { accrualParts, planAccrual } from '../../../src/domain/loyalty/accrue.js';
import { accountAsOf, computeExpiry } from '../../../src/domain/loyalty/expiry.js';
import { EV } from '../../../src/domain/loyalty/events.js';
import { planAdjustment } from '../../../src/domain/loyalty/operations.js';
import { planLoyaltyRefund } from '../../../src/domain/loyalty/refund.js';
import { addReward, applyReward } from '../../../src/domain/loyalty/rewards.js';
import { loyaltyReceiptSection } from '../../../src/domain/loyalty/receipt.js';
import { readProgramFile } from '../../../src/domain/loyalty/program-file.js';
import { currency } from '../../../src/domain/money.js';
import type { Cart } from '../../../src/domain/cart.js';
import type { LoyaltyProgram, TierLadder } from '../../../src/domain/loyalty/types.js';
import { cartOf, customer, price, prod } from '../loyalty/fixtures.js';
import { Sim } from '../loyalty/sim.js';

/** 1% back as points worth 1.00 each (0.01 point per 1.00), additional points valid 30 days, main 365. */
const BONUS: LoyaltyProgram = {
  id: 'bonus', name: 'Bonus card', active: true, decimals: 2, step: 1, expiryDays: 365, additionalExpiryDays: 30,
  rules: [{ id: 'base', perAmount: { points: 1, per: 100 } }, { id: 'tea-week', target: { category: 'tea' }, perUnit: 100, cumulative: true, additional: true }],
  rewards: [{ id: 'pay', name: 'Pay with bonuses', kind: 'cashback', cost: 1, value: { amount: 100, points: 100 } }],
};
const GRADES: TierLadder = {
  basis: 'spend', programId: 'bonus', demotion: false,
  tiers: [
    { id: 'base', name: 'Base', threshold: 0, cashbackPpm: 10_000 },
    { id: 'silver', name: 'Silver', threshold: 100_000, cashbackPpm: 30_000 },
    { id: 'gold', name: 'Gold', threshold: 700_000, cashbackPpm: 50_000 },
  ],
};
const GOODS = prod('GOODS', 25000, 'general');
const TEA = prod('TEA', 500, 'tea');

function sell(sim: Sim, id: string, cart: Cart, day: string) {
  const priced = price(cart);
  const r = buildSaleLoyalty({ cart, priced, tenders: [{ id: 'T', kind: 'card', amount: priced.total }], account: accountAsOf(sim.acc(id), day), programs: [BONUS], ladder: GRADES, day });
  if (!r.ok) throw r.error;
  sim.sale(r.value);
  return r.value.programs[0];
}

describe('grade percentages', () => {
  it('the tier sets the cashback: 250.00 earns 2.50 at 1%, 7.50 at 3%, 12.50 at 5%', () => {
    const priced = price(cartOf([GOODS, 1]));
    const earn = (tier: string) => {
      const r = computeEarn(priced, customer({ tier }), [BONUS], GRADES, '2025-03-10', 0);
      if (!r.ok) throw r.error;
      return [r.value[0].points, r.value[0].rules.map((x) => x.ruleId)];
    };
    expect(earn('base')).toEqual([250, ['base', 'tier:base']]);
    expect(earn('silver')).toEqual([750, ['base', 'tier:silver']]);
    expect(earn('gold')).toEqual([1250, ['base', 'tier:gold']]);
    // A tier without a percentage keeps the program's rule (1%); a program not the ladder's keeps its rules.
    const plain: TierLadder = { ...GRADES, tiers: [{ id: 'base', name: 'Base', threshold: 0 }] };
    const r = computeEarn(priced, customer({ tier: 'base' }), [BONUS], plain, '2025-03-10', 0);
    expect(r.ok && r.value[0].points).toBe(250);
    const other = computeEarn(priced, customer({ tier: 'gold' }), [{ ...BONUS, id: 'other' }], GRADES, '2025-03-10', 0);
    expect(other.ok && other.value[0].points).toBe(250);
  });

  it('the program file takes "cashback" on a tier, needs the ladder’s program with a cashback reward, and exports it back', () => {
    const file = (tiers: object, programs: object[] = [{ id: 'bonus', name: 'Bonus card', decimals: 2, rules: [{ id: 'base', points: '0.01', perAmount: '1.00' }], rewards: [{ id: 'pay', name: 'Pay', type: 'cashback', value: '1.00' }] }]) =>
      readProgramFile({ programs, tiers }, currency('RUB'));
    const ok = file({ programId: 'bonus', levels: [{ id: 'base', name: 'Base', threshold: 0, cashback: 1 }, { id: 'gold', name: 'Gold', threshold: '7000.00', cashback: 5 }] });
    expect(ok.ok && ok.file.ladder?.tiers.map((t) => t.cashbackPpm)).toEqual([10_000, 50_000]);
    const noProgram = file({ levels: [{ id: 'base', name: 'Base', threshold: 0, cashback: 1 }] });
    expect(noProgram.ok ? [] : noProgram.problems.map((p) => [p.key, p.message])).toEqual([['tiers.levels[0].cashback', 'needs "programId" in the tiers: the program whose points the percentage gives']]);
    const noValue = file({ programId: 'bonus', levels: [{ id: 'base', name: 'Base', threshold: 0, cashback: 1 }] }, [{ id: 'bonus', name: 'B', rules: [{ id: 'r', pointsPerOrder: 1 }] }]);
    expect(noValue.ok ? [] : noValue.problems.map((p) => p.message)).toEqual(['needs a "cashback" reward in program "bonus": it says what a point is worth']);
    const typo = file({ programId: 'bonus', levels: [{ id: 'base', name: 'Base', threshold: 0, cashbak: 1 }] });
    expect(typo.ok ? [] : typo.problems.map((p) => p.code)).toEqual(['PROGRAM_UNKNOWN_KEY']);
  });
});

describe('main and additional points', () => {
  function shop() {
    const sim = new Sim().program(BONUS).ladder(GRADES).customer(customer({ id: 'ivan', tier: 'base' })).customer(customer({ id: 'olga', tier: 'base', phone: '0900000002', card: '2700000000021' }));
    // Ivan bought for 2500.00 (25.00 main points at 1%); Olga for 250.00.
    sell(sim, 'ivan', cartOf([GOODS, 10]), '2025-03-01');
    sell(sim, 'olga', cartOf([GOODS, 1]), '2025-03-01');
    // The page's bulk accrual: 100 bonuses to everyone who bought for 1000 to 7000, as additional points.
    const plan = planAccrual(Object.values(sim.slice.customers), { spendMin: 100_000, spendMax: 700_000 }, 'new-year');
    for (const part of accrualParts(plan, { programId: 'bonus', points: 10_000, reason: 'New year', day: '2025-03-10', additional: true })) sim.commit(EV.accrued, part, '2025-03-10T09:00:00.000Z');
    return sim;
  }

  it('a bulk accrual credits additional points with their own expiry; main points keep theirs', () => {
    const sim = shop();
    const ivan = sim.acc('ivan');
    expect([ivan.points.bonus, ivan.extra, ivan.extraLots, ivan.lots]).toEqual([12_500, { bonus: 10_000 }, { bonus: [['2025-03-10', 10_000, '2025-04-09']] }, { bonus: [['2025-03-01', 2_500, '2026-03-01']] }]);
    expect(sim.acc('olga').extra).toBeUndefined();
    // On 2025-04-09 the additional 100 lapse, the main 25 stay.
    expect(computeExpiry(Object.values(sim.slice.customers), [BONUS], '2025-04-09')).toEqual([{ customerId: 'ivan', programId: 'bonus', points: 10_000, day: '2025-04-09', additional: 10_000 }]);
    expect(accountAsOf(ivan, '2025-04-09')).toMatchObject({ points: { bonus: 2_500 }, extra: { bonus: 0 } });
    for (const e of computeExpiry(Object.values(sim.slice.customers), [BONUS], '2025-04-09')) sim.commit(EV.pointsExpired, e, '2025-04-09T00:00:00.000Z');
    expect([sim.acc('ivan').points.bonus, sim.acc('ivan').extra]).toEqual([2_500, undefined]);
  });

  it('a sale spends the additional points first, and earns campaign points as additional; the receipt shows both apart', () => {
    const sim = shop();
    // 120.00 of points on a 250.00 sale plus two teas of the tea-week campaign (1 additional point a cup).
    let cart = cartOf([GOODS, 1], [TEA, 2]);
    const a = accountAsOf(sim.acc('ivan'), '2025-03-15');
    const claim = applyReward(cart, price(cart), a, BONUS, a.points.bonus, 'pay', { points: 12_000 });
    if (!claim.ok) throw claim.error;
    const c = addReward(cart, claim.value);
    if (!c.ok) throw c.error;
    cart = c.value;
    const p = sell(sim, 'ivan', cart, '2025-03-15');
    // Ivan is Silver since his 2500.00 (3%): 260.00 - 120.00 = 140.00 gives 4.20, plus 2 tea points (additional).
    expect(p).toMatchObject({ earned: 620, spent: 12_000, balanceBefore: 12_500, balanceAfter: 1_120, additional: { earned: 200, spent: 10_000, balanceAfter: 200, expiresOn: '2025-04-14' } });
    const acc = sim.acc('ivan');
    expect([acc.tier, acc.points.bonus, acc.extra?.bonus]).toEqual(['silver', 1_120, 200]);
    expect(acc.lots?.bonus).toEqual([['2025-03-01', 500, '2026-03-01'], ['2025-03-15', 420, '2026-03-15']]);
    expect(acc.extraLots?.bonus).toEqual([['2025-03-15', 200, '2025-04-14']]);
    const section = loyaltyReceiptSection({ programs: () => [BONUS], ladder: () => GRADES, progress: () => null });
    const sale = sim.events.at(-1)!.data as { sale: Parameters<typeof section>[0] };
    const lines = section(sale.sale, { t: (k: string, prm: Record<string, string | number> = {}) => `${k}${prm.tier ?? ''}`, money: String, day: String } as never).map((b) => (b as { left?: string; right?: string; text?: string }).left !== undefined ? [(b as { left: string }).left, (b as { right: string }).right] : [(b as { text: string }).text]);
    expect(lines).toEqual([
      ['receipt.loyalty.card', '*********0014'],
      ['Bonus card'],
      ['receipt.loyalty.earned', '+6.20'],
      ['receipt.loyalty.ofAdditional', '+2.00'],
      ['receipt.loyalty.spent', '-120.00'],
      ['receipt.loyalty.ofAdditional', '-100.00'],
      ['receipt.loyalty.balance', '11.20'],
      ['receipt.loyalty.main', '9.20'],
      ['receipt.loyalty.additional', '2.00'],
      ['receipt.loyalty.additionalUntil', '2025-04-14'],
      ['receipt.loyalty.expiring', '2.00'],
      ['receipt.loyalty.tier', 'Silver'],
    ]);
    // The history shows each movement's additional part and the additional balance after it.
    expect(sim.movements('ivan').map((r) => [r.kind, r.delta, r.balance, r.additional, r.additionalBalance])).toEqual([
      ['earn', 2_500, 2_500, 0, 0],
      ['accrue', 10_000, 12_500, 10_000, 10_000],
      ['spend', -12_000, 500, -10_000, 0],
      ['earn', 620, 1_120, 200, 200],
    ]);
  });

  it('a refund gives the spent additional points back as additional and takes campaign points back from them', () => {
    const sim = shop();
    let cart = cartOf([GOODS, 1]);
    const a = accountAsOf(sim.acc('ivan'), '2025-03-15');
    const claim = applyReward(cart, price(cart), a, BONUS, a.points.bonus, 'pay', { points: 5_000 });
    if (!claim.ok) throw claim.error;
    cart = (addReward(cart, claim.value) as { ok: true; value: Cart }).value;
    const sale = sim.events.length;
    const p = sell(sim, 'ivan', cart, '2025-03-15');
    expect(p.additional).toMatchObject({ spent: 5_000, earned: 0 });
    const ext = (sim.events[sale].data as { sale: { extensions: { loyalty: Parameters<typeof planLoyaltyRefund>[0] } } }).sale.extensions.loyalty;
    const ev = planLoyaltyRefund(ext, sim.acc('ivan'), 20_000, 20_000, 's-refund', '2025-03-16')!;
    // The sale earned 3% of 200.00 = 6.00 main points; the 50.00 it spent were additional.
    expect(ev.data.programs).toEqual([{ programId: 'bonus', returned: 5_000, clawedBack: 600, unrecovered: 0, returnedAdditional: 5_000, clawedBackAdditional: 0 }]);
    sim.commit(ev.type, ev.data, '2025-03-16T10:00:00.000Z');
    expect([sim.acc('ivan').points.bonus, sim.acc('ivan').extra?.bonus]).toEqual([12_500, 10_000]);
  });

  it('a correction by hand says which part: --additional removes only additional points', () => {
    const sim = shop();
    const a = sim.acc('ivan');
    const tooMany = planAdjustment(a, BONUS, -10_001, 'typo', '2025-03-11', { additional: true });
    expect(tooMany.ok ? null : tooMany.error.code).toBe('INSUFFICIENT_POINTS');
    const r = planAdjustment(a, BONUS, -4_000, 'typo', '2025-03-11', { additional: true });
    if (!r.ok) throw r.error;
    sim.commit(r.value.type, r.value.data, '2025-03-11T10:00:00.000Z');
    expect([sim.acc('ivan').points.bonus, sim.acc('ivan').extra?.bonus]).toEqual([8_500, 6_000]);
    // Without --additional a removal takes main points first.
    const m = planAdjustment(sim.acc('ivan'), BONUS, -3_000, 'phone order', '2025-03-11');
    if (!m.ok) throw m.error;
    sim.commit(m.value.type, m.value.data, '2025-03-11T11:00:00.000Z');
    expect([sim.acc('ivan').points.bonus, sim.acc('ivan').extra?.bonus]).toEqual([5_500, 5_500]);
  });
});
