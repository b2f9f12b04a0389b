/**
 * Issue 14, grades and main/additional points through the CLI on a real store: the Russian bonus
 * page's bulk accrual ("100 bonuses to everyone who bought for 1000 to 7000") as additional points
 * with their own expiry, shown apart in `till customer show` and its --json, corrected with
 * --additional, expired on their own day; grade percentages set in the program file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, saleExt } from './loyalty-harness.js';

const FILE = {
  programs: [{
    id: 'cb', name: 'Bonus card', decimals: 0, step: 1, expiryDays: 365, additionalExpiryDays: 30,
    rules: [{ id: 'base', points: '0.01', perAmount: '1.00' }],
    rewards: [{ id: 'pay', name: 'Pay with bonuses', type: 'cashback', value: '1.00' }],
  }],
  tiers: { basis: 'spend', programId: 'cb', demotion: false, levels: [{ id: 'base', name: 'Base', threshold: 0, cashback: 1 }, { id: 'gold', name: 'Gold', threshold: '7000.00', cashback: 5 }] },
};

let h: Harness;
beforeEach(async () => {
  h = await new Harness().init();
  expect(await h.run('loyalty', 'program', 'set', h.file('p.json', FILE))).toBe(0);
});
afterEach(() => h.cleanup());

describe('grades and additional points in the back office', () => {
  it('program list shows the grade percentages and the additional expiry; export keeps them', async () => {
    expect(await h.run('loyalty', 'program', 'list')).toBe(0);
    expect(h.out).toEqual([
      'cb: Bonus card [active]; points to 0 decimals, rounded down to 1; expire after 365 days; additional points expire after 30 days',
      '  rule base: 1 per 100.00 USD',
      '  reward pay: Pay with bonuses — 1.00 USD per 1 points, in steps of 1',
      'tiers by spend (lifetime):',
      '  base: Base from 0.00 USD — 1% back in cb points',
      '  gold: Gold from 7000.00 USD — 5% back in cb points',
    ]);
    expect(await h.run('loyalty', 'program', 'export')).toBe(0);
    const doc = JSON.parse(h.out.join('\n'));
    expect(doc.programs[0].additionalExpiryDays).toBe(30);
    expect(doc.tiers.levels.map((t: { cashback?: number }) => t.cashback)).toEqual([1, 5]);
  });

  it('accrue --additional credits promotional points, shown apart; they expire on their own day', async () => {
    for (let i = 0; i < 2; i++) expect(await h.run('customer', 'add', '--name', `Customer ${i}`, '--phone', `090000000${i}`)).toBe(0);
    const ids = Object.values((await h.slice()).customers).map((c) => c.id);
    await h.sale(1, { ...saleExt(ids[0], 250000, 0), programs: [{ programId: 'cb', name: 'Bonus card', earned: 25, spent: 0, balanceBefore: 0, balanceAfter: 25, expiringSoon: 0, rewards: [] }] });
    await h.sale(2, saleExt(ids[1], 800000));
    const args = ['loyalty', 'accrue', '--points', '100', '--reason', 'Новый год', '--spend-min', '1000.00', '--spend-max', '7000.00', '--additional'];
    expect(await h.run(...args, '--dry-run')).toBe(0);
    expect(h.out[0]).toMatch(/^Dry run: would credit 100 additional points \(cb\) to 1 customer\(s\), batch accrue-2025-03-10-[0-9a-f]{10}, expiring 2025-04-09\.$/);
    expect(await h.run(...args)).toBe(0);
    expect(await h.run('loyalty', 'accrue', '--points', '5', '--reason', 'x', '--expires-days', '9')).toBe(2);
    expect(h.err.join('\n')).toContain('--expires-days goes with --additional');

    expect(await h.run('customer', 'show', '2700000000014')).toBe(0);
    const text = h.out.join('\n');
    expect(text).toContain('  Bonus card: 125 points [main 25, additional 100 until 2025-04-09]');
    expect(text).toMatch(/bonus\s+\+100\s+cb\s+125\s+\+100 = 100\s+op1\s+accrue-/);
    expect(text).toMatch(/earned\s+\+25\s+cb\s+25\s+0 = 0\s+R1-000001/);
    expect(await h.run('customer', 'show', '2700000000014', '--json')).toBe(0);
    const doc = JSON.parse(h.out.join('\n'));
    expect(doc.programs[0]).toMatchObject({ points: 125, mainPoints: 25, additionalPoints: 100, additionalExpiresOn: '2025-04-09' });
    expect(doc.history.rows[0]).toMatchObject({ kind: 'accrue', points: 100, additional: { points: 100, balanceAfter: 100 } });

    expect(await h.run('loyalty', 'adjust', '2700000000014', '--points', '-101', '--additional', '--reason', 'typo')).toBe(1);
    expect(h.err.join('\n')).toContain('does not have that many additional points');
    expect(await h.run('loyalty', 'adjust', '2700000000014', '--points', '-40', '--additional', '--reason', 'typo')).toBe(0);
    expect(h.out).toEqual(['Removed 40 additional points from Customer 0 (2700000000014): balance 85 (60 additional).']);

    h.now = new Date(2025, 3, 9, 12);
    expect(await h.run('loyalty', 'expire', '--dry-run')).toBe(0);
    expect(h.out).toEqual(['Dry run: 1 balance(s) would lose 60 points of cb.']);
    expect(await h.run('loyalty', 'expire')).toBe(0);
    const a = (await h.slice()).customers[ids[0]];
    expect([a.points.cb, a.extra]).toEqual([25, undefined]);
  });
});
