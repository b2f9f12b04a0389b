/**
 * Spend and earned points per calendar month, for tier ladders with a rolling window, kept as one
 * string per account (see `MonthRuns` in types.ts): "202503,75000,cb,7;202504,50000" is March with
 * 75000 spent and 7 units earned in program "cb", then April with 50000 spent and nothing earned.
 * Program ids are URI-encoded, so no id can break the separators.
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

/** The buckets of an account's months, oldest first. */
export function monthBuckets(runs: MonthRuns): MonthBucket[] {
  if (!runs) return [];
  return runs.split(';').map((m) => {
    const f = m.split(',');
    const b: MonthBucket = { month: Number(f[0]), spend: Number(f[1]), earned: new Map() };
    for (let i = 2; i + 1 < f.length; i += 2) b.earned.set(decodeURIComponent(f[i]), Number(f[i + 1]));
    return b;
  });
}

/** Buckets back to the string, keeping the last `keep` months. */
export function toRuns(buckets: readonly MonthBucket[], keep: number): MonthRuns {
  return buckets
    .slice(Math.max(0, buckets.length - keep))
    .map((b) => [b.month, b.spend, ...[...b.earned].flatMap(([pid, units]) => [encodeURIComponent(pid), units])].join(','))
    .join(';');
}

/** Months with `spend` and `units` of `programId` added to the month of `day` (months stay in order). */
export function addToMonth(runs: MonthRuns, day: string, spend: Minor, programId: string | null, units: Units, keep: number): MonthRuns {
  const key = monthKey(day);
  return addToLastMonth(runs, key, spend, programId, units, keep) ?? addToAnyMonth(runs, key, spend, programId, units, keep);
}

/**
 * `addToMonth` when the month is the last one kept or after it (every sale of the current month;
 * issue 12: the fold of a sale parsed and rebuilt all 24 months twice): only the last month is
 * parsed and rebuilt, the ones before are kept as they are. The same string as the general case,
 * for runs `toRuns` wrote (the only ones there are); undefined when the general case is needed.
 */
function addToLastMonth(runs: MonthRuns, key: number, spend: Minor, programId: string | null, units: Units, keep: number): MonthRuns | undefined {
  if (!runs || keep < 1) return undefined;
  const at = runs.lastIndexOf(';') + 1;
  const comma = runs.indexOf(',', at);
  const last = Number(runs.slice(at, comma === -1 ? runs.length : comma));
  if (!(last <= key)) return undefined;
  // More months than `keep` after this change: the general case drops the oldest.
  let months = 1;
  for (let i = runs.indexOf(';'); i !== -1; i = runs.indexOf(';', i + 1)) months++;
  if (months + (last < key ? 1 : 0) > keep) return undefined;
  if (last < key) {
    // A new month after the last, appended.
    const b: MonthBucket = { month: key, spend: 0, earned: new Map() };
    b.spend += spend;
    if (programId !== null && units !== 0) b.earned.set(programId, units);
    return `${runs};${toRuns([b], 1)}`;
  }
  const [b] = monthBuckets(runs.slice(at));
  b.spend += spend;
  if (programId !== null && units !== 0) b.earned.set(programId, (b.earned.get(programId) ?? 0) + units);
  return runs.slice(0, at) + toRuns([b], 1);
}

function addToAnyMonth(runs: MonthRuns, key: number, spend: Minor, programId: string | null, units: Units, keep: number): MonthRuns {
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

/**
 * A compensating entry: `spend` and `units` of `programId` taken off the month of `day` — the month a
 * sale counted in, when part of it is returned — never below zero. A month no longer kept is left
 * alone (it is outside every window a ladder can have).
 */
export function takeFromMonth(runs: MonthRuns, day: string, spend: Minor, programId: string | null, units: Units, keep: number): MonthRuns {
  const key = monthKey(day);
  const buckets = monthBuckets(runs);
  const b = buckets.find((x) => x.month === key);
  if (!b) return runs;
  b.spend = Math.max(0, b.spend - Math.max(0, spend));
  if (programId !== null && units > 0) {
    const left = Math.max(0, (b.earned.get(programId) ?? 0) - units);
    if (left > 0) b.earned.set(programId, left);
    else b.earned.delete(programId);
  }
  return toRuns(buckets, keep);
}
