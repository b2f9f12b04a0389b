/**
 * Totals over a range of days (`till report sales --from --to`): the same folds as a shift's totals
 * (SHIFT_FOLDS), applied to every event of the range whatever shift it belonged to, plus sales per
 * day and the Z reports closed in the range. The caller streams the journal and says which events
 * are in range; this holds only the running totals, so memory does not grow with the range.
 */
import type { Minor } from '../money.js';
import { SHIFT_FOLDS, type ShiftEventIn, type ShiftFoldContext } from './fold.js';
import { emptyTotals } from './totals.js';
import { SHIFT_EVENTS, type ShiftClosedData, type ShiftTotals } from './types.js';
import type { ShiftReport } from './report.js';

export interface RangeTotals {
  totals: ShiftTotals;
  days: Map<string, { count: number; total: Minor }>;
  shifts: NonNullable<ShiftReport['shifts']>;
  firstSeq: number | null;
  lastSeq: number | null;
}

export const emptyRange = (): RangeTotals => ({ totals: emptyTotals(), days: new Map(), shifts: [], firstSeq: null, lastSeq: null });

/** Folds one event of the range; `day` is its local business date. */
export function foldRange(r: RangeTotals, ev: ShiftEventIn, day: string, ctx: ShiftFoldContext): void {
  r.firstSeq ??= ev.seq;
  r.lastSeq = ev.seq;
  if (ev.type === SHIFT_EVENTS.closed) {
    const d = ev.data as Partial<ShiftClosedData> | undefined;
    if (d && Number.isSafeInteger(d.z)) r.shifts.push({ register: ev.register, z: d.z!, closedAt: ev.at, expected: d.expected ?? 0, counted: d.counted ?? 0, difference: d.difference ?? 0 });
    return;
  }
  const fold = Object.prototype.hasOwnProperty.call(SHIFT_FOLDS, ev.type) ? SHIFT_FOLDS[ev.type] : undefined;
  if (!fold) return;
  const before = r.totals.sales.total;
  const count = r.totals.sales.count;
  fold(r.totals, ev, ctx, undefined);
  if (r.totals.sales.count !== count) {
    const row = r.days.get(day) ?? { count: 0, total: 0 };
    row.count += r.totals.sales.count - count;
    row.total += r.totals.sales.total - before;
    r.days.set(day, row);
  }
}

/** The days of a range in order. */
export const dayRows = (r: RangeTotals): { day: string; count: number; total: Minor }[] =>
  [...r.days.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([day, v]) => ({ day, ...v }));
