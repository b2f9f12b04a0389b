import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeTax, percentToPpm, taxOf, type TaxSettings } from '../../src/domain/tax.js';

const classes = { standard: 10, reduced: 5, zero: 0, ny: 8.875 };
const settings = (mode: TaxSettings['mode'], rounding: TaxSettings['rounding']): TaxSettings => ({ mode, rounding, classes });

describe('taxOf', () => {
  it.each([
    // inclusive: amount * r / (1 + r).  1000 * 0.1 / 1.1 = 90.909 -> 91
    [1000, 10, 'inclusive', 91],
    // exclusive: amount * r.  1000 * 0.1 = 100
    [1000, 10, 'exclusive', 100],
    // 1000 * 0.05 / 1.05 = 47.619 -> 48
    [1000, 5, 'inclusive', 48],
    // 8.875% exclusive: 1000 * 0.08875 = 88.75 -> 89
    [1000, 8.875, 'exclusive', 89],
    // VND 55 000 incl. 10%: 55000 / 11 = 5000 exactly
    [55000, 10, 'inclusive', 5000],
    // a half rounds away from zero: 105 * 0.1 = 10.5 -> 11, and -10.5 -> -11 on a refund line
    [105, 10, 'exclusive', 11],
    [-105, 10, 'exclusive', -11],
    [1000, 0, 'inclusive', 0],
    [0, 10, 'exclusive', 0],
  ] as const)('%i at %d%% %s -> %i', (amount, pct, mode, want) => {
    expect(taxOf(amount, percentToPpm(pct), mode)).toBe(want);
  });

  it('stores rates in parts per million', () => {
    expect(percentToPpm(10)).toBe(100_000);
    expect(percentToPpm(8.875)).toBe(88_750);
    expect(percentToPpm(0.0001)).toBe(1);
  });
});

describe('computeTax golden: line vs total rounding', () => {
  const three105 = [105, 105, 105].map((amount) => ({ amount, taxClass: 'standard' }));

  it('inclusive 10%, three lines of 1.05: line rounding 30, total rounding 29', () => {
    // per line: 105 / 11 = 9.545 -> 10, three times = 30
    const line = computeTax(three105, settings('inclusive', 'line'));
    expect(line.lineTax).toEqual([10, 10, 10]);
    expect(line.tax).toBe(30);
    // per total: 315 / 11 = 28.636 -> 29, spread by largest remainder: 9.667 each -> 10, 10, 9
    const total = computeTax(three105, settings('inclusive', 'total'));
    expect(total.tax).toBe(29);
    expect(total.lineTax).toEqual([10, 10, 9]);
    expect(total.summary).toEqual([{ taxClass: 'standard', ratePct: 10, base: 315, tax: 29 }]);
  });

  it('exclusive 10%, three lines of 1.05: line rounding 33, total rounding 32', () => {
    // per line: 10.5 -> 11 (half away from zero), three times = 33
    expect(computeTax(three105, settings('exclusive', 'line')).tax).toBe(33);
    // per total: 31.5 -> 32, spread 10.667 each -> 11, 11, 10
    const total = computeTax(three105, settings('exclusive', 'total'));
    expect(total.tax).toBe(32);
    expect(total.lineTax).toEqual([11, 11, 10]);
  });

  it('mixed classes: one summary row per class, sorted by class name', () => {
    const lines = [
      { amount: 1000, taxClass: 'standard' },
      { amount: 1000, taxClass: 'reduced' },
      { amount: 1000, taxClass: 'zero' },
    ];
    // 1000/11 = 90.909 -> 91; 1000*5/105 = 47.619 -> 48; 0
    const r = computeTax(lines, settings('inclusive', 'line'));
    expect(r.lineTax).toEqual([91, 48, 0]);
    expect(r.tax).toBe(139);
    expect(r.summary.map((s) => [s.taxClass, s.base, s.tax])).toEqual([
      ['reduced', 1000, 48],
      ['standard', 1000, 91],
      ['zero', 1000, 0],
    ]);
  });

  it('exclusive total rounding per class: 3.33 + 3.33 at 10% and 5.00 at 5%', () => {
    const lines = [
      { amount: 333, taxClass: 'standard' },
      { amount: 333, taxClass: 'standard' },
      { amount: 500, taxClass: 'reduced' },
    ];
    // total: standard 666 * 0.1 = 66.6 -> 67, spread [34, 33]; reduced 500 * 0.05 = 25
    const total = computeTax(lines, settings('exclusive', 'total'));
    expect(total.lineTax).toEqual([34, 33, 25]);
    expect(total.tax).toBe(92);
    // line: 33.3 -> 33 twice, 25
    expect(computeTax(lines, settings('exclusive', 'line')).tax).toBe(91);
  });

  it('an unknown tax class is an error, not a zero rate', () => {
    expect(() => computeTax([{ amount: 100, taxClass: 'luxury' }], settings('inclusive', 'line'))).toThrow(/luxury/);
  });

  it('property: line taxes add up to the tax, rounding modes differ by at most (n+1)/2 per class', () => {
    const line = fc.record({ amount: fc.integer({ min: 0, max: 10_000_000 }), taxClass: fc.constantFrom(...Object.keys(classes)) });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('inclusive' as const, 'exclusive' as const), (lines, mode) => {
        const byLine = computeTax(lines, settings(mode, 'line'));
        const byTotal = computeTax(lines, settings(mode, 'total'));
        for (const r of [byLine, byTotal]) {
          expect(r.lineTax.reduce((a, b) => a + b, 0)).toBe(r.tax);
          expect(r.summary.reduce((a, s) => a + s.tax, 0)).toBe(r.tax);
          expect(r.summary.reduce((a, s) => a + s.base, 0)).toBe(lines.reduce((a, l) => a + l.amount, 0));
        }
        for (const row of byTotal.summary) {
          expect(row.tax).toBe(taxOf(row.base, percentToPpm(row.ratePct), mode));
          const n = lines.filter((l) => l.taxClass === row.taxClass).length;
          const lineRow = byLine.summary.find((s) => s.taxClass === row.taxClass)!;
          expect(2 * Math.abs(lineRow.tax - row.tax)).toBeLessThanOrEqual(n + 1);
        }
      }),
    );
  });
});
