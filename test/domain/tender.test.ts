import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addCash, addNonCash, cashDue, changeOf, covered, due, paid, removeTender, type Tender } from '../../src/domain/tender.js';
import type { Result } from '../../src/domain/errors.js';

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw r.error;
  return r.value;
};
const codeOf = <T>(r: Result<T>): string => (r.ok ? 'ok' : r.error.code);

describe('cash', () => {
  it('gives change on the excess and settles the sale', () => {
    const ts = must(addCash(1000, [], 2000, 1, 'T1'));
    expect(ts).toEqual([{ id: 'T1', kind: 'cash', amount: 1000, given: 2000, change: 1000, rounding: 0 }]);
    expect([paid(ts), due(1000, ts), changeOf(ts), covered(1000, ts)]).toEqual([1000, 0, 1000, true]);
  });

  it('exact cash: cashDue is what is owed, change 0', () => {
    expect(cashDue(1000, [], 1)).toBe(1000);
    const ts = must(addCash(1000, [], cashDue(1000, [], 1), 1, 'T1'));
    expect(ts[0].change).toBe(0);
    expect(covered(1000, ts)).toBe(true);
  });

  it('partial cash leaves the rest due', () => {
    const ts = must(addCash(1000, [], 400, 1, 'T1'));
    expect(ts[0]).toMatchObject({ amount: 400, given: 400, change: 0 });
    expect(due(1000, ts)).toBe(600);
    expect(covered(1000, ts)).toBe(false);
  });

  it('rounding unit 5 (CHF 0.05) rounding up: 12.33 is settled by 12.35, rounding +2 recorded', () => {
    expect(cashDue(1233, [], 5)).toBe(1235);
    const ts = must(addCash(1233, [], 1235, 5, 'T1'));
    expect(ts[0]).toMatchObject({ amount: 1233, given: 1235, change: 0, rounding: 2 });
    expect(covered(1233, ts)).toBe(true);
    // 20.00 handed over for 12.35: change 7.65
    expect(must(addCash(1233, [], 2000, 5, 'T1'))[0].change).toBe(765);
  });

  it('rounding unit 5 rounding down: 12.32 is settled by 12.30, rounding -2 recorded, sale covered', () => {
    expect(cashDue(1232, [], 5)).toBe(1230);
    const ts = must(addCash(1232, [], 1230, 5, 'T1'));
    expect(ts[0]).toMatchObject({ amount: 1232, given: 1230, change: 0, rounding: -2 });
    expect(covered(1232, ts)).toBe(true);
    expect(due(1232, ts)).toBe(0);
  });

  it('rounding unit 5: cash between the amount owed and the rounded amount settles without change', () => {
    // owed 12.33, rounded 12.35; 12.34 handed over: settled, store keeps +1, no change, nothing left due
    const ts = must(addCash(1233, [], 1234, 5, 'T1'));
    expect(ts[0]).toMatchObject({ amount: 1233, given: 1234, change: 0, rounding: 1 });
    expect(paid(ts)).toBe(1233);
  });

  it('rounding unit 5: a remainder that rounds to nothing is settled by exact cash of 0', () => {
    // 0.02 left after a card payment rounds to 0.00 in cash: the 2 cents are written off as rounding
    let ts = must(addNonCash(1002, [], 'card', 1000, 'T1'));
    expect(cashDue(1002, ts, 5)).toBe(0);
    ts = must(addCash(1002, ts, 0, 5, 'T2'));
    expect(ts[1]).toMatchObject({ amount: 2, given: 0, change: 0, rounding: -2 });
    expect(covered(1002, ts)).toBe(true);
  });

  it('refuses zero, negative, fractional and absurd cash, and cash on a paid sale', () => {
    expect(codeOf(addCash(1000, [], 0, 1, 'T1'))).toBe('BAD_AMOUNT');
    expect(codeOf(addCash(1000, [], -5, 1, 'T1'))).toBe('BAD_AMOUNT');
    expect(codeOf(addCash(1000, [], 2.5, 1, 'T1'))).toBe('BAD_AMOUNT');
    expect(codeOf(addCash(1000, [], 1e15, 1, 'T1'))).toBe('ABSURD_AMOUNT');
    const ts = must(addCash(1000, [], 1000, 1, 'T1'));
    expect(codeOf(addCash(1000, ts, 100, 1, 'T2'))).toBe('ALREADY_PAID');
  });
});

describe('split and non-cash', () => {
  it('cash then card for the remainder', () => {
    let ts = must(addCash(2500, [], 1000, 1, 'T1'));
    ts = must(addNonCash(2500, ts, 'card', 1500, 'T2', { reference: 'AUTH1' }));
    expect(ts[1]).toEqual({ id: 'T2', kind: 'card', amount: 1500, reference: 'AUTH1' });
    expect([paid(ts), due(2500, ts), changeOf(ts), covered(2500, ts)]).toEqual([2500, 0, 0, true]);
  });

  it('refuses a card overpay with TENDER_EXCEEDS_DUE and names what is due', () => {
    const ts = must(addCash(2500, [], 1000, 1, 'T1'));
    const r = addNonCash(2500, ts, 'card', 1501, 'T2');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('TENDER_EXCEEDS_DUE');
      expect(r.error.params).toEqual({ due: 1500 });
    }
    expect(codeOf(addNonCash(2500, ts, 'card', 0, 'T2'))).toBe('BAD_AMOUNT');
  });

  it('removing a payment makes its amount due again; an unknown payment is NO_SUCH_TENDER', () => {
    let ts = must(addNonCash(2500, [], 'card', 1000, 'T1'));
    ts = must(addCash(2500, ts, 500, 1, 'T2'));
    ts = must(removeTender(ts, 'T1'));
    expect(due(2500, ts)).toBe(2000);
    expect(codeOf(removeTender(ts, 'T9'))).toBe('NO_SUCH_TENDER');
  });
});

describe('tender properties', () => {
  type Op = { op: 'cash'; given: number } | { op: 'card'; amount: number } | { op: 'remove'; index: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('cash' as const), given: fc.integer({ min: -10, max: 300_000 }) }),
    fc.record({ op: fc.constant('card' as const), amount: fc.integer({ min: -10, max: 300_000 }) }),
    fc.record({ op: fc.constant('remove' as const), index: fc.nat(10) }),
  );

  it('no sequence of tenders lets paid exceed the total; only cash gives change, and change is exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000 }),
        fc.constantFrom(1, 5, 10, 100),
        fc.array(op, { maxLength: 12 }),
        (total, unit, ops) => {
          let ts: Tender[] = [];
          let n = 0;
          for (const o of ops) {
            const id = `T${++n}`;
            const r =
              o.op === 'cash'
                ? addCash(total, ts, o.given, unit, id)
                : o.op === 'card'
                  ? addNonCash(total, ts, 'card', o.amount, id)
                  : ts.length
                    ? removeTender(ts, ts[o.index % ts.length].id)
                    : removeTender(ts, 'none');
            if (r.ok) ts = r.value;
            expect(paid(ts)).toBeLessThanOrEqual(total);
            expect(due(total, ts)).toBe(total - paid(ts));
            for (const t of ts) {
              expect(t.amount).toBeGreaterThan(0);
              if (t.kind !== 'cash') expect(t.change ?? 0).toBe(0);
              else {
                expect(t.change).toBeGreaterThanOrEqual(0);
                // What the drawer keeps is the contribution plus the recorded rounding.
                expect(t.given! - t.change!).toBe(t.amount + (t.rounding ?? 0));
                expect(Math.abs(t.rounding ?? 0) * 2).toBeLessThanOrEqual(unit);
              }
            }
          }
        },
      ),
    );
  });

  it('exact cash always settles whatever is left', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom(1, 5, 10), fc.integer({ min: 1, max: 199_999 }), (total, unit, card) => {
        let ts: Tender[] = [];
        const r = addNonCash(total, ts, 'card', Math.min(card, total - 1) || 1, 'T1');
        if (r.ok) ts = r.value;
        const exact = cashDue(total, ts, unit);
        if (due(total, ts) > 0 && exact > 0) {
          ts = must(addCash(total, ts, exact, unit, 'T2'));
          expect(covered(total, ts)).toBe(true);
          expect(changeOf(ts)).toBe(0);
        }
      }),
    );
  });
});
