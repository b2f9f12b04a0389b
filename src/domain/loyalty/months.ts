/**
 * Spend and earned points per calendar month, for tier ladders with a rolling window. An account
 * keeps them as one flat array of runs (see `MonthRuns` in types.ts), because an array of small
 * tuples and objects per month cost ~110 bytes a month and every customer of a store carries up to
 * 24 of them: [202503, 75000, "cb", 7, 202504, 50000] is March with 75000 spent and 7 units earned in
 * program "cb", then April with 50000 spent and nothing earned.
 */
import type { Minor } from '../money.js';
import type { MonthRuns, Units } from './types.js';

/** "2025-03" or "2025-03-14" -> 202503. */
export const monthKey = (day: string): number => Number(day.slice(0, 4)) * 100 + Number(day.slice(5, 7));

/** 202503 -> "2025-03". */
export const monthText = (key: number): string => `${Math.floor(key / 100)}-${String(key % 100).padStart(2, '0')}`;

export interface MonthBucket {
  month: number;
  spend: Minor;
  earned: Map<string, Units>;
}

/** The buckets of a run array, oldest first. */
export function monthBuckets(runs: MonthRuns): MonthBucket[] {
  const out: MonthBucket[] = [];
  let i = 0;
  while (i + 1 < runs.length) {
    const b: MonthBucket = { month: runs[i] as number, spend: runs[i + 1] as number, earned: new Map() };
    i += 2;
    while (i + 1 < runs.length && typeof runs[i] === 'string') {
      b.earned.set(runs[i] as string, runs[i + 1] as number);
      i += 2;
    }
    out.push(b);
  }
  return out;
}

/** Buckets back to runs, keeping the last `keep` months. */
export function toRuns(buckets: readonly MonthBucket[], keep: number): MonthRuns {
  const kept = buckets.slice(Math.max(0, buckets.length - keep));
  let n = 0;
  for (const b of kept) n += 2 + 2 * b.earned.size;
  const out: MonthRuns = new Array(n);
  let i = 0;
  for (const b of kept) {
    out[i++] = b.month;
    out[i++] = b.spend;
    for (const [pid, units] of b.earned) {
      out[i++] = pid;
      out[i++] = units;
    }
  }
  return out;
}

/** Runs with `spend` and `units` of `programId` added to the month of `day` (months stay in order). */
export function addToMonth(runs: MonthRuns, day: string, spend: Minor, programId: string | null, units: Units, keep: number): MonthRuns {
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
