import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, PROGRAM_FILE, saleExt } from './loyalty-harness.js';
import { customerHistory } from '../../src/store/loyalty-history.js';

let h: Harness;
beforeEach(async () => {
  h = await new Harness().init();
  expect(await h.run('loyalty', 'program', 'set', h.file('p.json', PROGRAM_FILE))).toBe(0);
});
afterEach(() => h.cleanup());

async function customers(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    expect(await h.run('customer', 'add', '--name', `Customer ${i}`, '--phone', `09000000${String(i).padStart(2, '0')}`)).toBe(0);
  }
  for (const c of Object.values((await h.slice()).customers)) ids.push(c.id);
  return ids;
}

describe('till loyalty', () => {
  it('answers --help for itself and every subcommand', async () => {
    expect(await h.run('loyalty', '--help')).toBe(0);
    for (const sub of ['program', 'adjust', 'accrue', 'expire', 'tiers']) {
      expect(await h.run('loyalty', sub, '--help')).toBe(0);
      expect(h.out.join('\n')).toMatch(new RegExp(`^Usage: till loyalty ${sub}`));
    }
  });

  it('sets, lists and exports programs and tiers; refuses a bad file naming the places', async () => {
    expect(await h.run('loyalty', 'program', 'list')).toBe(0);
    expect(h.out).toEqual([
      'cb: Cashback 1% [active]; points to 0 decimals, rounded down to 1; expire after 30 days',
      '  rule base: 1 per 100.00 USD',
      '  reward cash: Cashback — 1.00 USD per 1 points, in steps of 1',
      'tiers by spend (lifetime), demotion on review:',
      '  std: Standard from 0.00 USD',
      '  silver: Silver from 1000.00 USD — 5% off',
    ]);
    const out = `${h.dir}/export.json`;
    expect(await h.run('loyalty', 'program', 'export', out)).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).programs[0].rules[0]).toEqual({ id: 'base', points: '1', perAmount: '100.00' });
    expect(await h.run('loyalty', 'program', 'set', out)).toBe(0);
    const bad = h.file('bad.json', { programs: [{ id: 'x', name: 'X', rules: [{ id: 'r' }] }] });
    expect(await h.run('loyalty', 'program', 'set', bad)).toBe(1);
    expect(h.err).toEqual([`${bad}, line 1, column 44: programs[0].rules[0]: needs "points" with "perAmount", "pointsPerUnit" or "pointsPerOrder" [PROGRAM_BAD_VALUE]`, `${bad} has 1 problem(s). Nothing was changed.`]);
    expect(Object.keys((await h.slice()).programs)).toEqual(['cb']);
  });

  it('adjusts points with a reason, never below zero', async () => {
    await customers(1);
    expect(await h.run('loyalty', 'adjust', '2700000000014', '--points', '+10', '--reason', 'phone order 42')).toBe(0);
    expect(h.out).toEqual(['Added 10 points to Customer 0 (2700000000014): balance 10.']);
    expect(await h.run('loyalty', 'adjust', '2700000000014', '--points', '-3', '--reason', 'typo')).toBe(0);
    expect(await h.run('loyalty', 'adjust', '2700000000014', '--points', '-8', '--reason', 'too many')).toBe(1);
    expect(h.err.join('\n')).toContain('does not have that many points');
    expect(await h.run('loyalty', 'adjust', '2700000000014', '--points', '5')).toBe(1);
    const c = Object.values((await h.slice()).customers)[0];
    const moves = customerHistory(h.data, c).rows.filter((r) => r.programId !== null);
    expect([c.points.cb, moves.map((x) => [x.kind, x.delta, x.balance, x.reason])]).toEqual([7, [['adjust', 10, 10, 'phone order 42'], ['adjust', -3, 7, 'typo']]]);
    expect(await h.run('customer', 'show', '2700000000014')).toBe(0);
    expect(h.out.join('\n')).toMatch(/history \(newest first\):\n.*\n.*adjusted +-3 +cb +7 +op1 +"typo" +#\d+\n.*adjusted +\+10 +cb +10 +op1 +"phone order 42"/);
  });

  it('bulk accrual over a spend range credits exactly the matching customers, once', async () => {
    const ids = await customers(6);
    const spends = [50000, 100000, 400000, 700000, 700001, 0];
    for (let i = 0; i < ids.length; i++) if (spends[i]) await h.sale(i + 1, saleExt(ids[i], spends[i]));
    expect(await h.run('customer', 'block', '0900000002', '--reason', 'fraud')).toBe(0);
    const args = ['loyalty', 'accrue', '--points', '100', '--reason', 'Tết bonus', '--spend-min', '1000.00', '--spend-max', '7000.00'];
    expect(await h.run(...args, '--dry-run', '--sample', '1')).toBe(0);
    expect(h.out[0]).toMatch(/^Dry run: would credit 100 points \(cb\) to 2 customer\(s\), batch accrue-2025-03-10-[0-9a-f]{10}\.$/);
    expect(h.out).toHaveLength(2);
    expect(await h.run(...args)).toBe(0);
    expect(h.out[0]).toMatch(/^Credited 100 points \(cb\) to 2 customer\(s\)/);
    expect(await h.run(...args)).toBe(0);
    expect(h.out[0]).toMatch(/^Nothing to do: batch accrue-2025-03-10-[0-9a-f]{10} already credited 2 customer\(s\)\.$/);
    const s = await h.slice();
    expect(ids.map((id) => s.customers[id].points.cb ?? 0)).toEqual([0, 100, 0, 100, 0, 0]);
    // A batch named with --batch is a new batch: credited once, then never again.
    expect(await h.run(...args, '--batch', 'tet-2025')).toBe(0);
    expect(h.out[0]).toMatch(/^Credited 100 points \(cb\) to 2 customer\(s\), batch tet-2025\.$/);
    expect(await h.run(...args, '--batch', 'tet-2025')).toBe(0);
    expect(h.out).toEqual(['Nothing to do: batch tet-2025 already credited 2 customer(s).']);
    const t = await h.slice();
    expect(ids.map((id) => t.customers[id].points.cb ?? 0)).toEqual([0, 200, 0, 200, 0, 0]);
  });

  it('filters accrual by tier and last purchase date', async () => {
    const ids = await customers(3);
    await h.sale(1, saleExt(ids[0], 1000, 0, '2025-01-15'));
    await h.sale(2, saleExt(ids[1], 1000, 0, '2025-03-01'));
    await h.run('customer', 'regrade', '0900000002', '--tier', 'silver', '--reason', 'VIP');
    expect(await h.run('loyalty', 'accrue', '--points', '5', '--reason', 'we miss you', '--last-purchase-before', '2025-02-01')).toBe(0);
    expect(await h.run('loyalty', 'accrue', '--points', '7', '--reason', 'silver gift', '--tier', 'silver')).toBe(0);
    expect(await h.run('loyalty', 'accrue', '--points', '7', '--reason', 'x', '--tier', 'gold')).toBe(1);
    const s = await h.slice();
    expect(ids.map((id) => s.customers[id].points.cb ?? 0)).toEqual([5, 0, 7]);
  });

  it('expires points past their date, oldest first, and reviews tiers', async () => {
    const ids = await customers(2);
    await h.run('loyalty', 'adjust', '2700000000014', '--points', '10', '--reason', 'welcome');
    h.now = new Date(2025, 2, 25, 12);
    await h.run('loyalty', 'adjust', '2700000000014', '--points', '4', '--reason', 'later');
    await h.run('loyalty', 'adjust', '2700000000014', '--points', '-3', '--reason', 'spent by phone');
    h.now = new Date(2025, 3, 9, 12);
    expect(await h.run('loyalty', 'expire', '--dry-run')).toBe(0);
    expect(h.out).toEqual(['Dry run: 1 balance(s) would lose 7 points of cb.']);
    expect(await h.run('loyalty', 'expire')).toBe(0);
    expect(await h.run('loyalty', 'expire')).toBe(0);
    expect(h.out).toEqual(['No points expire on 2025-04-09.']);
    expect((await h.slice()).customers[ids[0]].points.cb).toBe(4);

    await h.sale(1, saleExt(ids[1], 150000));
    await h.run('customer', 'regrade', '2700000000014', '--tier', 'silver', '--reason', 'trial');
    expect(await h.run('loyalty', 'tiers', 'review', '--dry-run')).toBe(0);
    expect(h.out).toEqual(['Dry run: 1 promotion(s), 1 demotion(s).']);
    expect(await h.run('loyalty', 'tiers', 'review')).toBe(0);
    const s = await h.slice();
    expect(ids.map((id) => s.customers[id].tier)).toEqual(['std', 'silver']);
  });
});
