import { describe, expect, it } from 'vitest';
import { readProgramFile, writeProgramFile } from '../../../src/domain/loyalty/program-file.js';
import { currency } from '../../../src/domain/money.js';

const USD = currency('USD');
const VND = currency('VND');

const FILE = {
  programs: [
    {
      id: 'cashback', name: 'Cashback 1%', start: '2025-01-01', decimals: 0, step: 1, expiryDays: 365,
      rules: [
        { id: 'base', points: '0.01', perAmount: '1.00', minAmount: '1.00' },
        { id: 'coffee', category: 'coffee', pointsPerUnit: 5 },
        { id: 'visit', pointsPerOrder: 1, cumulative: false },
      ],
      rewards: [
        { id: 'cash', name: 'Cashback', type: 'cashback', value: '1.00', maxShare: 50 },
        { id: 'five', name: '5.00 off', type: 'fixed', amount: '5.00', cost: 50, minBalance: 80 },
        { id: 'pct', name: '10% off coffee', type: 'percent', percent: 10, max: '20.00', category: 'coffee', cost: 100 },
        { id: 'cake', name: 'Free cake', type: 'free-product', sku: 'CAKE', cost: 30 },
      ],
    },
  ],
  tiers: {
    basis: 'spend', periodMonths: 12, demotion: true,
    levels: [
      { id: 'std', name: 'Standard', threshold: 0 },
      { id: 'silver', name: 'Silver', threshold: '1000.00', discount: 5, earnMultiplier: 1.5 },
    ],
  },
};

describe('program file', () => {
  it('turns what an owner writes into integer units', () => {
    const r = readProgramFile(FILE, USD);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const p = r.file.programs[0];
    expect(p.rules).toEqual([
      { id: 'base', perAmount: { points: 1, per: 10000 }, minAmount: 100 },
      { id: 'coffee', target: { category: 'coffee' }, perUnit: 5 },
      { id: 'visit', perOrder: 1 },
    ]);
    expect(p.rewards).toEqual([
      { id: 'cash', name: 'Cashback', kind: 'cashback', cost: 1, value: { amount: 100, points: 1 }, maxSharePpm: 500000 },
      { id: 'five', name: '5.00 off', kind: 'fixed', cost: 50, amount: 500, minBalance: 80 },
      { id: 'pct', name: '10% off coffee', kind: 'percent', cost: 100, percentPpm: 100000, max: 2000, target: { category: 'coffee' } },
      { id: 'cake', name: 'Free cake', kind: 'free-product', cost: 30, sku: 'CAKE' },
    ]);
    expect(r.file.ladder).toEqual({
      basis: 'spend', periodMonths: 12, demotion: true,
      tiers: [{ id: 'std', name: 'Standard', threshold: 0 }, { id: 'silver', name: 'Silver', threshold: 100000, discountPpm: 50000, earnMultiplierPpm: 1500000 }],
    });
  });

  it('reads 1 point per 10,000 VND', () => {
    const r = readProgramFile({ programs: [{ id: 'vn', name: 'Điểm', rules: [{ id: 'b', points: 1, perAmount: 10000 }] }] }, VND);
    expect(r.ok && r.file.programs[0].rules[0].perAmount).toEqual({ points: 1, per: 10000 });
  });

  it('exports what it reads, and reads back the same', () => {
    const r = readProgramFile(FILE, USD);
    if (!r.ok) throw new Error('bad');
    const again = readProgramFile(JSON.parse(JSON.stringify(writeProgramFile(r.file.programs, r.file.ladder!, USD))), USD);
    expect(again).toEqual(r);
  });

  it('names every problem by its place in the file', () => {
    const r = readProgramFile({
      programs: [{ id: 'x y', name: '', decimals: 5, rules: [{ id: 'r', points: '0.001' }, { id: 'q' }], rewards: [{ id: 'w', name: 'W', type: 'gift' }] }],
      tiers: { basis: 'points', levels: [{ id: 'a', name: 'A', threshold: 5 }] },
      extra: 1,
    }, USD);
    expect(!r.ok && r.problems.map((p) => p.key)).toEqual([
      'extra',
      'programs[0].decimals',
      'programs[0].id',
      'programs[0].name',
      'programs[0].rules[0].perAmount',
      'programs[0].rules[1]',
      'programs[0].rewards[0].type',
      'tiers.programId',
      'tiers.levels[0].threshold',
    ]);
  });

  it('refuses a step finer than the program counts, and unordered tiers', () => {
    const r = readProgramFile({ programs: [{ id: 'p', name: 'P', decimals: 0, step: '0.5', rules: [{ id: 'o', pointsPerOrder: 1 }] }], tiers: { levels: [{ id: 'a', name: 'A', threshold: 0 }, { id: 'b', name: 'B', threshold: 0 }] } }, USD);
    expect(!r.ok && r.problems.map((p) => p.key)).toEqual(['programs[0].step', 'tiers.levels[1].threshold']);
  });
});
