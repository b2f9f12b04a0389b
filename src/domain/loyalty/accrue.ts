/**
 * Bulk accrual ("credit 100 points to everyone who spent 1000 to 7000"): selection and batching. A
 * batch has an id; the projection remembers on each account the recent batches that credited it, so
 * running the same batch again (or resuming one cut short) credits nobody twice.
 */
import type { Minor } from '../money.js';
import type { AccruedData } from './events.js';
import type { LoyaltyAccount, Units } from './types.js';

export interface AccrualFilter {
  /** Lifetime spend range, inclusive. */
  spendMin?: Minor;
  spendMax?: Minor;
  tier?: string;
  /** Last purchase strictly before / on or after a day. Customers who never bought match neither. */
  lastPurchaseBefore?: string;
  lastPurchaseAfter?: string;
}

/** Blocked cards never receive points. */
export function matchesAccrual(a: LoyaltyAccount, f: AccrualFilter): boolean {
  if (a.blocked) return false;
  if (f.spendMin !== undefined && a.spend < f.spendMin) return false;
  if (f.spendMax !== undefined && a.spend > f.spendMax) return false;
  if (f.tier !== undefined && a.tier !== f.tier) return false;
  if (f.lastPurchaseBefore !== undefined && !(a.lastPurchase && a.lastPurchase < f.lastPurchaseBefore)) return false;
  if (f.lastPurchaseAfter !== undefined && !(a.lastPurchase && a.lastPurchase >= f.lastPurchaseAfter)) return false;
  return true;
}

export interface AccrualPlan {
  batchId: string;
  /** Customers to credit now, in id order. */
  customerIds: string[];
  /** Matching customers this batch already credited. */
  alreadyCredited: number;
}

export function planAccrual(accounts: Iterable<LoyaltyAccount>, filter: AccrualFilter, batchId: string): AccrualPlan {
  const ids: string[] = [];
  let already = 0;
  for (const a of accounts) {
    if (!matchesAccrual(a, filter)) continue;
    if (a.batches?.includes(batchId)) already++;
    else ids.push(a.id);
  }
  ids.sort();
  return { batchId, customerIds: ids, alreadyCredited: already };
}

/** Events of a plan, `partSize` customers each; `firstPart` continues numbering after a resumed run. */
export function accrualParts(plan: AccrualPlan, p: { programId: string; points: Units; reason: string; day: string; additional?: true; expiryDays?: number }, partSize = 1000, firstPart = 1): AccruedData[] {
  const out: AccruedData[] = [];
  for (let i = 0; i < plan.customerIds.length; i += partSize)
    out.push({ batchId: plan.batchId, part: firstPart + out.length, ...p, customerIds: plan.customerIds.slice(i, i + partSize) });
  return out;
}

/** 64-bit FNV-1a, hex: a stable short id for the same request (pure, no crypto needed for an idempotency key). */
export function stableHash(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const ch of new TextEncoder().encode(text)) {
    h ^= BigInt(ch);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * Default batch id: the same request on the same day is the same batch, so an accidental second run
 * credits nothing. A shop that wants to repeat a bonus the same day passes its own --batch id.
 */
export function accrualBatchId(p: { programId: string; points: Units; reason: string; day: string; filter: AccrualFilter; additional?: true; expiryDays?: number }): string {
  const f = p.filter;
  const base = [p.programId, p.points, p.reason, p.day, f.spendMin ?? null, f.spendMax ?? null, f.tier ?? null, f.lastPurchaseBefore ?? null, f.lastPurchaseAfter ?? null];
  // Additional credits are another request (main-point batches keep the ids they always had).
  const key = JSON.stringify(p.additional ? [...base, 'additional', p.expiryDays ?? null] : base);
  return `accrue-${p.day}-${stableHash(key).slice(0, 10)}`;
}
