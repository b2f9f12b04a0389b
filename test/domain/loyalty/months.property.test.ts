/**
 * Issue 12: `addToMonth` rebuilds only the last month when the change is to it or after it. Whatever
 * the history, its string is the one the general rebuild of every month gives (the version before).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToMonth, monthBuckets, monthKey, toRuns } from '../../../src/domain/loyalty/months.js';

/** The general case as it was: every month parsed, changed, every month written back. */
function reference(runs: string, day: string, spend: number, programId: string | null, units: number, keep: number): string {
  const key = monthKey(day);
  const buckets = monthBuckets(runs);
  let i = buckets.length;
  while (i > 0 && buckets[i - 1].month > key) i--;
  let b = i > 0 && buckets[i - 1].month === key ? buckets[i - 1] : null;
  if (!b) {
    b = { month: key, spend: 0, earned: new Map() };
    buckets.splice(i, 0, b);
  }
  b.spend += spend;
  if (programId !== null && units !== 0) b.earned.set(programId, (b.earned.get(programId) ?? 0) + units);
  return toRuns(buckets, keep);
}

const day = fc.record({ y: fc.integer({ min: 2024, max: 2026 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(
  ({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
);
const change = fc.record({
  day,
  spend: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 })),
  programId: fc.oneof(fc.constant(null), fc.constantFrom('points', 'cb', 'a,b;c%', 'ü')),
  units: fc.oneof(fc.constant(0), fc.integer({ min: -50, max: 500 })),
});

describe('months of spend and points (issue 12)', () => {
  it('adding to a month gives the string the general rebuild gives, for any history and window', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), fc.integer({ min: 1, max: 24 }), fc.boolean(), (changes, keep, mostlyForward) => {
        // Mostly in day order (sales of the current month), or in any order (a replay of mixed registers).
        const list = mostlyForward ? [...changes].sort((a, b) => a.day.localeCompare(b.day)) : changes;
        let runs = '';
        for (const c of list) {
          const want = reference(runs, c.day, c.spend, c.programId, c.units, keep);
          expect(addToMonth(runs, c.day, c.spend, c.programId, c.units, keep)).toBe(want);
          runs = want;
        }
        // A window smaller than the months kept (a ladder shortened): the general rebuild's.
        if (runs) expect(addToMonth(runs, '2026-12-31', 1, 'cb', 1, 1)).toBe(reference(runs, '2026-12-31', 1, 'cb', 1, 1));
      }),
      { numRuns: 300 },
    );
  });
});
