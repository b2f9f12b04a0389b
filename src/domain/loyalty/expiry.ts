/**
 * Points expiry with FIFO lots. A program with `expiryDays` gives every credit a lot that expires that
 * many days after the credit's day. Spending takes the oldest points first. Points credited before
 * expiry was switched on have no lot: they count as the oldest and never expire.
 */
import type { LoyaltyAccount, LoyaltyProgram, Lot, Units } from './types.js';
import type { PointsExpiredData } from './events.js';

export function addDays(day: string, n: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export const lotsTotal = (lots: readonly Lot[]): Units => lots.reduce((a, l) => a + l[1], 0);

/** A credit as a lot, kept in order of the day earned (stable for equal days). */
export function addLot(lots: readonly Lot[], day: string, units: Units, expiryDays: number): Lot[] {
  const lot: Lot = [day, units, addDays(day, expiryDays)];
  const out = lots.slice();
  let i = out.length;
  while (i > 0 && out[i - 1][0] > day) i--;
  out.splice(i, 0, lot);
  return out;
}

/**
 * Takes `units` from a balance, oldest first: first the points without a lot (balance - lots), then
 * the lots in order. Returns the lots left.
 */
export function consumeLots(balance: Units, lots: readonly Lot[], units: Units): Lot[] {
  let left = units - Math.max(0, balance - lotsTotal(lots));
  const out: Lot[] = [];
  for (const l of lots) {
    if (left <= 0) out.push(l);
    else if (l[1] > left) {
      out.push([l[0], l[1] - left, l[2]]);
      left = 0;
    } else left -= l[1];
  }
  return out;
}

/**
 * Lots after spending `units` on `day`: only points still valid that day can be spent (accountAsOf
 * offers no others), so expired lots are kept aside, untouched, for their `points.expired` entry and
 * the spend takes the oldest valid points.
 */
export function spendLots(balance: Units, lots: readonly Lot[], day: string, units: Units): Lot[] {
  const expired = lots.filter((l) => l[2] <= day);
  if (expired.length === 0) return consumeLots(balance, lots, units);
  return [...expired, ...consumeLots(balance - lotsTotal(expired), lots.filter((l) => l[2] > day), units)];
}

/** Units in lots that have expired on `day` (their expiry date is on or before it). */
export const expiredUnits = (lots: readonly Lot[], day: string): Units => lots.filter((l) => l[2] <= day).reduce((a, l) => a + l[1], 0);

/** Units still valid on `day` that expire within `days` days after it. */
export function expiringWithin(account: LoyaltyAccount, programId: string, day: string, days = 30): Units {
  const until = addDays(day, days);
  return (account.lots?.[programId] ?? []).filter((l) => l[2] > day && l[2] <= until).reduce((a, l) => a + l[1], 0);
}

/** `points.expired` events due on `day` for every account and program with expiring lots. */
export function computeExpiry(accounts: Iterable<LoyaltyAccount>, programs: readonly LoyaltyProgram[], day: string): PointsExpiredData[] {
  const out: PointsExpiredData[] = [];
  const known = new Set(programs.map((p) => p.id));
  for (const a of accounts) {
    for (const [programId, lots] of Object.entries(a.lots ?? {})) {
      if (!known.has(programId) || lots.length === 0) continue;
      const units = Math.min(expiredUnits(lots, day), Math.max(0, a.points[programId] ?? 0));
      if (units > 0) out.push({ customerId: a.id, programId, points: units, day });
    }
  }
  return out;
}

/** Lots after an expiry on `day`: expired lots go; if more was expired than they held, FIFO takes the rest. */
export function expireLots(balance: Units, lots: readonly Lot[], day: string, units: Units): Lot[] {
  const gone = expiredUnits(lots, day);
  const kept = lots.filter((l) => l[2] > day);
  return units > gone ? consumeLots(balance - gone, kept, units - gone) : kept;
}

/**
 * The account as it stands on `day`: points whose lots expired on or before it are out of the balance
 * and their lots gone, whether or not `till loyalty expire` has journaled the expiry yet. Every view
 * that shows or offers points (till, receipt, headless, back office) reads accounts through this, so
 * expired points are never offered or spent; the batch job only journals what already happened.
 * Returns the same object when nothing expired.
 */
export function accountAsOf(account: LoyaltyAccount, day: string): LoyaltyAccount {
  const lots = account.lots;
  if (!lots || !day) return account;
  let points: Record<string, Units> | null = null;
  let kept: Record<string, Lot[]> | null = null;
  for (const [programId, l] of Object.entries(lots)) {
    const gone = expiredUnits(l, day);
    if (gone <= 0) continue;
    points ??= { ...account.points };
    kept ??= { ...lots };
    const balance = points[programId] ?? 0;
    const units = Math.min(gone, Math.max(0, balance));
    points[programId] = balance - units;
    kept[programId] = expireLots(balance, l, day, units);
  }
  return points ? { ...account, points, lots: kept! } : account;
}
