/**
 * Issue 14, preview by date: what will expire by a day, for loyalty points (lots) and gift cards.
 * Gift-card numbers are the Odoo gift-card page's (a 1000 card of which 200 was spent keeps 800; a
 * 1500 card paying an order of 984); the points are the Russian bonus page's bulk accrual.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { liability, liabilityLines, planRedeem } from '../../../src/domain/giftcard/index.js';
import { previewExpiry } from '../../../src/domain/loyalty/expiry-preview.js';
import { accountAsOf, addLot, computeExpiry } from '../../../src/domain/loyalty/expiry.js';
import type { Lot } from '../../../src/domain/loyalty/types.js';
import { Ledger, TODAY } from '../giftcard/harness.js';
import { account, CASHBACK } from '../loyalty/fixtures.js';

const PROGRAM = { ...CASHBACK, expiryDays: 30 };

describe('loyalty: expire --dry-run --as-of', () => {
  it('lists the balances that lose points by the day, oldest date first, with what is already due today', () => {
    // 500 bonus points credited on 2025-03-01 (the bulk accrual of the Russian page) expire 2025-03-31;
    // another customer's 300 were due 2025-03-05 and are not journaled yet; 200 later points stay.
    const a = account({ id: 'a', points: { cb: 700 }, lots: { cb: [['2025-03-01', 500, '2025-03-31'], ['2025-03-20', 200, '2025-04-19']] } });
    const b = account({ id: 'b', points: { cb: 300 }, lots: { cb: [['2025-02-03', 300, '2025-03-05']] } });
    const c = account({ id: 'c', points: { cb: 50 }, lots: {} });
    const pre = previewExpiry([a, b, c], [PROGRAM], '2025-03-10', '2025-03-31');
    expect(pre.rows).toEqual([
      { customerId: 'b', programId: 'cb', points: 300, dueToday: 300, first: '2025-03-05' },
      { customerId: 'a', programId: 'cb', points: 500, dueToday: 0, first: '2025-03-31' },
    ]);
    expect(pre.totals).toEqual({ cb: 800 });
    expect(previewExpiry([a, b, c], [PROGRAM], '2025-03-10', '2025-03-30').totals).toEqual({ cb: 300 });
    expect(previewExpiry([a, b, c], [PROGRAM], '2025-03-10', '2025-04-19').totals).toEqual({ cb: 1000 });
  });

  it('property: the preview by a day is exactly what that day takes out of the balance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 1, max: 28 }), units: fc.integer({ min: 1, max: 900 }) }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 60 }),
        (credits, unlotted, ahead) => {
          let lots: Lot[] = [];
          for (const c of credits) lots = addLot(lots, `2025-02-${String(c.day).padStart(2, '0')}`, c.units, 30);
          const total = unlotted + lots.reduce((s, l) => s + l[1], 0);
          const acc = account({ points: { cb: total }, lots: { cb: lots } });
          const asOf = new Date(Date.UTC(2025, 2, 1 + ahead)).toISOString().slice(0, 10);
          const pre = previewExpiry([acc], [PROGRAM], '2025-03-01', asOf);
          const lost = total - accountAsOf(acc, asOf).points.cb;
          expect(pre.totals.cb ?? 0).toBe(lost);
          expect(pre.rows.reduce((s, r) => s + r.points, 0)).toBe(computeExpiry([acc], [PROGRAM], asOf).reduce((s, e) => s + e.points, 0));
          for (const r of pre.rows) expect(r.dueToday).toBeLessThanOrEqual(r.points);
        },
      ),
    );
  });
});

describe('gift cards: liability --as-of', () => {
  it('the 1000 card with 800 left expires by the day after its last day; the 1500 card of an order of 984 stays', () => {
    const l = new Ledger();
    const thousand = l.issue(100000, { expiresOn: '2026-06-30' });
    const r = planRedeem(l.card(thousand), 20000, { currency: 'USD', today: TODAY });
    if (!r.ok) throw r.error;
    l.commit(r.value);
    const fifteen = l.issue(150000, { expiresOn: '2026-12-31' });
    const r2 = planRedeem(l.card(fifteen), 98400, { currency: 'USD', today: TODAY });
    if (!r2.ok) throw r2.error;
    l.commit(r2.value);
    l.issue(0, { pending: true });
    const cards = Object.values(l.slice.cards);
    const at = (asOf: string) => liability(cards, { currency: 'USD', today: TODAY, dayOf: (iso) => iso.slice(0, 10), asOf });
    // Valid through its last day: on 2026-06-30 it can still be spent, on 2026-07-01 it cannot.
    expect(at('2026-06-30').expiring).toEqual({ asOf: '2026-06-30', count: 0, amount: 0, stillOutstanding: 80000 + 51600 });
    expect(at('2026-07-01').expiring).toEqual({ asOf: '2026-07-01', count: 1, amount: 80000, stillOutstanding: 51600 });
    expect(at('2027-01-01').expiring).toEqual({ asOf: '2027-01-01', count: 2, amount: 131600, stillOutstanding: 0 });
    const rep = at('2026-07-01');
    expect(rep.outstanding).toBe(rep.expiring!.amount + rep.expiring!.stillOutstanding);
    expect(liabilityLines(rep).slice(0, 9)).toEqual([
      'Gift-card liability (USD)',
      '  Outstanding on 2 active card(s)                  1316.00',
      '  Frozen on blocked cards                             0.00',
      '  On cards past expiry, not yet expired               0.00',
      '  Pending stock cards (no value)                         1',
      '',
      "Expiring by 2026-07-01 (no longer spendable that day, at today's balances)",
      '  Expiring on 1 active card(s)                      800.00',
      '  Still outstanding on 2026-07-01                   516.00',
    ]);
    expect(liability(cards, { currency: 'USD', today: TODAY, dayOf: (iso) => iso.slice(0, 10) }).expiring).toBeUndefined();
  });
});
