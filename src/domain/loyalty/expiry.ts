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

/** Units still valid on `day` that expire within `days` days after it (main and additional points). */
export function expiringWithin(account: LoyaltyAccount, programId: string, day: string, days = 30): Units {
  const until = addDays(day, days);
  return [...(account.lots?.[programId] ?? []), ...(account.extraLots?.[programId] ?? [])].filter((l) => l[2] > day && l[2] <= until).reduce((a, l) => a + l[1], 0);
}

/** The additional part of a program's balance (additional.ts); 0 when there is none. */
export const extraOf = (account: Pick<LoyaltyAccount, 'extra'>, programId: string): Units => account.extra?.[programId] ?? 0;

/** The first day some of the additional points still valid on `day` expire, if any do. */
export function extraExpiresOn(account: Pick<LoyaltyAccount, 'extraLots'>, programId: string, day: string): string | undefined {
  return (account.extraLots?.[programId] ?? []).filter((l) => l[2] > day && l[1] > 0).reduce<string | undefined>((m, l) => (m === undefined || l[2] < m ? l[2] : m), undefined);
}

/** The units of each part that have expired on `day`: main (its lots) and additional (its own lots). */
function expiredParts(a: LoyaltyAccount, programId: string, day: string): { main: Units; extra: Units } {
  const extraBal = Math.max(0, extraOf(a, programId));
  const mainBal = Math.max(0, (a.points[programId] ?? 0) - extraBal);
  return {
    main: Math.min(expiredUnits(a.lots?.[programId] ?? [], day), mainBal),
    extra: Math.min(expiredUnits(a.extraLots?.[programId] ?? [], day), extraBal),
  };
}

/** `points.expired` events due on `day` for every account and program with expiring lots (main and additional). */
export function computeExpiry(accounts: Iterable<LoyaltyAccount>, programs: readonly LoyaltyProgram[], day: string): PointsExpiredData[] {
  const out: PointsExpiredData[] = [];
  const known = new Set(programs.map((p) => p.id));
  for (const a of accounts) {
    const ids = new Set([...Object.keys(a.lots ?? {}), ...Object.keys(a.extraLots ?? {})]);
    for (const programId of ids) {
      if (!known.has(programId)) continue;
      const { main, extra } = expiredParts(a, programId, day);
      if (main + extra > 0) out.push({ customerId: a.id, programId, points: main + extra, day, ...(extra > 0 ? { additional: extra } : {}) });
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
  if ((!account.lots && !account.extraLots) || !day) return account;
  let out: LoyaltyAccount | null = null;
  const ids = new Set([...Object.keys(account.lots ?? {}), ...Object.keys(account.extraLots ?? {})]);
  for (const programId of ids) {
    const { main, extra } = expiredParts(account, programId, day);
    if (main <= 0 && extra <= 0) continue;
    out ??= { ...account, points: { ...account.points } };
    const extraBal = extraOf(account, programId);
    const mainBal = (account.points[programId] ?? 0) - extraBal;
    out.points[programId] = (account.points[programId] ?? 0) - main - extra;
    if (main > 0) out.lots = { ...out.lots, [programId]: expireLots(mainBal, account.lots![programId], day, main) };
    if (extra > 0) {
      out.extra = { ...out.extra, [programId]: extraBal - extra };
      out.extraLots = { ...out.extraLots, [programId]: expireLots(extraBal, account.extraLots![programId], day, extra) };
    }
  }
  return out ?? account;
}
