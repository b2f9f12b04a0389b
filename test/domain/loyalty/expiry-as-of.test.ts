/** Issue 8.2: points past their expiry are out of the balance as of a day, journaled or not. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accountAsOf, addLot, spendLots, expiredUnits, lotsTotal } from '../../../src/domain/loyalty/expiry.js';
import type { LoyaltyAccount, Lot } from '../../../src/domain/loyalty/types.js';

const account = (points: number, lots: Lot[]): LoyaltyAccount => ({
  id: 'c1', name: 'Lan', phone: '+84901234567', tier: null, card: '2700000000014', blocked: false, created: '2026-01-01T00:00:00Z',
  points: { cb: points }, lots: { cb: lots }, spend: 0, earned: { cb: points }, months: '', purchases: 0, seqs: '',
});

describe('issue 8.2 expired points', () => {
  it('a balance as of a day leaves out lots that expired on or before it', () => {
    const a = account(160, [['2026-01-01', 100, '2026-01-31'], ['2026-01-20', 60, '2026-02-19']]);
    expect(accountAsOf(a, '2026-01-30').points.cb).toBe(160);
    expect(accountAsOf(a, '2026-01-31').points.cb).toBe(60);
    expect(accountAsOf(a, '2026-01-31').lots!.cb).toEqual([['2026-01-20', 60, '2026-02-19']]);
    expect(accountAsOf(a, '2026-03-01').points.cb).toBe(0);
    expect(accountAsOf(a, '2026-01-30')).toBe(a);
    expect(a.points.cb).toBe(160); // the stored account is not changed
  });

  it('points without a lot (credited before expiry was switched on) never expire', () => {
    const a = account(150, [['2026-01-01', 100, '2026-01-31']]);
    expect(accountAsOf(a, '2026-06-01').points.cb).toBe(50);
  });

  it('a spend takes only valid points and leaves the expired lot for its expiry entry', () => {
    // 60 expired on the 31st, 40 valid: spending 40 on Feb 5 leaves the 60 to expire, not 40 of them.
    const lots: Lot[] = [['2026-01-01', 60, '2026-01-31'], ['2026-01-20', 40, '2026-02-19']];
    const left = spendLots(100, lots, '2026-02-05', 40);
    expect(left).toEqual([['2026-01-01', 60, '2026-01-31']]);
    expect(expiredUnits(left, '2026-02-05')).toBe(60);
    const after = account(60, left);
    expect(accountAsOf(after, '2026-02-05').points.cb).toBe(0);
  });

  it('property: valid balance = balance - expired lots, never negative, and spending it all leaves nothing valid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), units: fc.integer({ min: 1, max: 500 }) }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 28 }),
        (credits, unlotted, asOf) => {
          let lots: Lot[] = [];
          for (const c of credits) lots = addLot(lots, `2026-02-${String(c.day).padStart(2, '0')}`, c.units, 10);
          const balance = unlotted + lotsTotal(lots);
          const day = `2026-03-${String(asOf).padStart(2, '0')}`;
          const view = accountAsOf(account(balance, lots), day);
          expect(view.points.cb).toBe(balance - expiredUnits(lots, day));
          expect(view.points.cb).toBeGreaterThanOrEqual(0);
          const left = spendLots(balance, lots, day, view.points.cb);
          expect(accountAsOf(account(balance - view.points.cb, left), day).points.cb).toBe(0);
        },
      ),
    );
  });
});
