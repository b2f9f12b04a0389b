import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, currency, mulDiv, mulDivFloor, mulPpm, parseAmount, roundTo, toDecimalString } from '../../src/domain/money.js';

const USD = currency('USD');
const VND = currency('VND');
const KWD = currency('KWD');

describe('currency', () => {
  it('takes the ISO 4217 exponent from ICU', () => {
    expect(VND.exponent).toBe(0);
    expect(USD.exponent).toBe(2);
    expect(KWD.exponent).toBe(3);
    expect(currency('jpy')).toEqual({ code: 'JPY', exponent: 0 });
  });
  it('rejects what is not a three-letter code', () => {
    expect(() => currency('US')).toThrow(RangeError);
    expect(() => currency('U$D')).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('gives the leftover units to the largest remainders, ties to the earlier weight', () => {
    // 100/3 = 33.33 each: one unit is left over and goes to the first of three equal remainders.
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // 10 * 1/3 = 3.33, 10 * 2/3 = 6.67: floors 3 + 6 = 9, the larger remainder (2/3) gets the unit.
    expect(allocate(10, [1, 2])).toEqual([3, 7]);
    expect(allocate(150, [2000, 500])).toEqual([120, 30]);
  });
  it('mirrors negative totals', () => {
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    const parts = allocate(-1, [1, 1]);
    expect(parts).toEqual([-1, 0]);
    expect(Object.is(parts[1], -0)).toBe(false);
  });
  it('splits evenly over all-zero weights, and nothing over no weights', () => {
    expect(allocate(5, [0, 0])).toEqual([3, 2]);
    expect(allocate(0, [])).toEqual([]);
    expect(() => allocate(1, [])).toThrow(RangeError);
  });
  it('refuses negative or non-finite weights and fractional totals', () => {
    expect(() => allocate(10, [1, -1])).toThrow(RangeError);
    expect(() => allocate(10, [1, Infinity])).toThrow(RangeError);
    expect(() => allocate(10.5, [1])).toThrow(RangeError);
  });

  const weights = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 });
  const total = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });

  it('property: parts sum to the total and each part is within one unit of its exact share', () => {
    fc.assert(
      fc.property(total, weights, (t, ws) => {
        const parts = allocate(t, ws);
        expect(parts).toHaveLength(ws.length);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(t);
        const eff = ws.every((w) => w === 0) ? ws.map(() => 1) : ws;
        const wsum = BigInt(eff.reduce((a, b) => a + b, 0));
        parts.forEach((p, i) => {
          expect(Number.isSafeInteger(p)).toBe(true);
          // |p - t*w/wsum| < 1  <=>  |p*wsum - t*w| < wsum
          const diff = BigInt(p) * wsum - BigInt(t) * BigInt(eff[i]);
          expect(diff < 0n ? -diff : diff).toBeLessThan(wsum);
          // Every part has the sign of the total (or is zero): no part pays the others.
          expect(Math.sign(p) * Math.sign(t)).not.toBe(-1);
        });
      }),
    );
  });

  it('property: a negative total splits as the mirror image of the positive one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), weights, (t, ws) => {
        expect(allocate(-t, ws)).toEqual(allocate(t, ws).map((x) => (x === 0 ? 0 : -x)));
      }),
    );
  });

  it('property: decimal weights lose no unit either', () => {
    fc.assert(
      fc.property(total, fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 10 }), (t, ws) => {
        expect(allocate(t, ws).reduce((a, b) => a + b, 0)).toBe(t);
      }),
    );
  });

  it('weights too small to survive scaling split over the positive ones instead of dividing by zero', () => {
    expect(allocate(3, [1e-9, 0])).toEqual([3, 0]);
    expect(allocate(3, [1e-9, 1e-9])).toEqual([2, 1]);
    expect(allocate(3, [5e-324])).toEqual([3]);
  });
});

describe('mulDiv (half away from zero)', () => {
  it.each([
    [5, 1, 2, 3], // 2.5 -> 3
    [-5, 1, 2, -3], // -2.5 -> -3
    [7, 1, 2, 4], // 3.5 -> 4
    [1, 1, 3, 0], // 0.33 -> 0
    [2, 1, 3, 1], // 0.67 -> 1
    [-2, 1, 3, -1],
    [10, 1, -4, -3], // -2.5 -> -3 (negative denominator)
    [1000, 100_000, 1_100_000, 91], // 10% tax inside 10.00: 90.909 -> 91
    [0, 7, 3, 0],
  ])('mulDiv(%i, %i, %i) = %i', (a, n, d, want) => {
    expect(mulDiv(a, n, d)).toBe(want);
  });

  it('is exact past 2^53 in the intermediate product', () => {
    expect(mulDiv(9_000_000_000_000_000 / 1000, 3000, 3)).toBe(9_000_000_000_000_000);
    expect(mulDiv(Number.MAX_SAFE_INTEGER, 1_000_000, 1_000_000)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('mulPpm is a rate in parts per million; mulDivFloor rounds toward zero', () => {
    expect(mulPpm(1000, 100_000)).toBe(100);
    expect(mulPpm(15, 100_000)).toBe(2); // 1.5 -> 2
    expect(mulDivFloor(7, 1, 2)).toBe(3);
    expect(mulDivFloor(-7, 1, 2)).toBe(-3);
  });

  it('property: the error is at most half a unit and exact halves go away from zero', () => {
    fc.assert(
      fc.property(
        // |a*n| stays below 2^53 so the rounded result is a safe integer (mulDiv's contract).
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.integer({ min: 1, max: 1e7 }),
        (a, n, d) => {
          const q = BigInt(mulDiv(a, n, d));
          const exact2 = 2n * BigInt(a) * BigInt(n); // twice the numerator, to compare halves in integers
          const err2 = 2n * q * BigInt(d) - exact2; // 2*(q - a*n/d)*d
          const abs = err2 < 0n ? -err2 : err2;
          expect(abs <= BigInt(d)).toBe(true);
          if (abs === BigInt(d)) expect(q > 0n ? err2 > 0n : err2 < 0n).toBe(true);
        },
      ),
    );
  });
});

describe('roundTo (cash rounding)', () => {
  it.each([
    [1234, 5, 1235], // 246.8 units of 5 -> 247
    [1232, 5, 1230], // 246.4 -> 246
    [1235, 5, 1235],
    [15, 10, 20], // exact half goes up
    [25, 10, 30],
    [-15, 10, -20], // and down for negatives (away from zero)
    [1234, 1, 1234],
  ])('roundTo(%i, %i) = %i', (a, u, want) => expect(roundTo(a, u)).toBe(want));
});

describe('parseAmount', () => {
  it.each([
    ['10000', VND, 10000],
    ['1 000', VND, 1000],
    ['10.', VND, 10],
    ['12.5', USD, 1250],
    ['12,50', USD, 1250],
    [' 12 ', USD, 1200],
    ['0.01', USD, 1],
    ["1'000.00", USD, 100000],
    ['1.234', KWD, 1234],
    ['0.5', KWD, 500],
    ['90071992547409.91', USD, Number.MAX_SAFE_INTEGER],
  ])('%j in %o', (text, cur, want) => expect(parseAmount(text, cur)).toBe(want));

  it.each([
    ['10.5', VND], // VND has no minor digits
    ['1.234', USD], // USD has two
    ['1.2345', KWD],
    ['-5', USD],
    ['abc', USD],
    ['', USD],
    ['1e3', USD],
    ['1.2.3', USD],
    ['12$', USD],
    ['90071992547409.92', USD], // one past the largest safe integer
    ['99999999999999999999', VND],
  ])('rejects %j in %o', (text, cur) => expect(parseAmount(text, cur)).toBeNull());

  it('property: parses back what toDecimalString prints', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(USD, VND, KWD), (n, cur) => {
        expect(parseAmount(toDecimalString(n, cur), cur)).toBe(n);
      }),
    );
  });
});

describe('toDecimalString', () => {
  it.each([
    [1234, USD, '12.34'],
    [5, USD, '0.05'],
    [-5, USD, '-0.05'],
    [1234567, VND, '1234567'],
    [5, KWD, '0.005'],
    [0, USD, '0.00'],
  ])('%i %o -> %s', (n, cur, want) => expect(toDecimalString(n, cur)).toBe(want));
});
