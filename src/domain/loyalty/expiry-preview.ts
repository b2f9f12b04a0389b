/**
 * What will expire by a date (`till loyalty expire --dry-run --as-of DATE`): for a shop owner planning
 * a campaign ("remind everyone whose points lapse before the new year"). Read from the lots as they
 * stand today, so it is an upper bound: points the customer spends before then are taken oldest first
 * and will not expire. Nothing is journaled from a preview.
 */
import { computeExpiry } from './expiry.js';
import type { LoyaltyAccount, LoyaltyProgram, Units } from './types.js';

export interface ExpiryPreviewRow {
  customerId: string;
  programId: string;
  /** Units that can no longer be spent on `asOf` (lots expiring on or before it). */
  points: Units;
  /** Of those, units already past their date today (not yet journaled by `till loyalty expire`). */
  dueToday: Units;
  /** The earliest expiry date among those lots. */
  first: string;
}

export interface ExpiryPreview {
  today: string;
  asOf: string;
  /** Ordered by first expiry date, then card number. */
  rows: ExpiryPreviewRow[];
  /** Units per program. */
  totals: Record<string, Units>;
}

/** The preview by `asOf` (a day on or after `today`; the caller refuses earlier days). */
export function previewExpiry(accounts: Iterable<LoyaltyAccount>, programs: readonly LoyaltyProgram[], today: string, asOf: string): ExpiryPreview {
  const list = [...accounts];
  const now = new Map(computeExpiry(list, programs, today).map((e) => [`${e.customerId}\u0000${e.programId}`, e.points]));
  const byId = new Map(list.map((a) => [a.id, a]));
  const rows: ExpiryPreviewRow[] = [];
  const totals: Record<string, Units> = {};
  for (const e of computeExpiry(list, programs, asOf)) {
    const lots = byId.get(e.customerId)?.lots?.[e.programId] ?? [];
    const first = lots.filter((l) => l[2] <= asOf).reduce((m, l) => (l[2] < m ? l[2] : m), asOf);
    rows.push({ customerId: e.customerId, programId: e.programId, points: e.points, dueToday: now.get(`${e.customerId}\u0000${e.programId}`) ?? 0, first });
    totals[e.programId] = (totals[e.programId] ?? 0) + e.points;
  }
  const card = (r: ExpiryPreviewRow): string => byId.get(r.customerId)?.card ?? r.customerId;
  rows.sort((a, b) => (a.first !== b.first ? (a.first < b.first ? -1 : 1) : card(a) < card(b) ? -1 : card(a) > card(b) ? 1 : 0));
  return { today, asOf, rows, totals };
}
