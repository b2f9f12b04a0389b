/**
 * Tiers (grades): an ordered ladder with thresholds on lifetime spend or on points earned in a program,
 * optionally over a rolling window of calendar months. A committed sale that crosses a threshold
 * promotes at once (the receipt says so). Sales never demote; `reviewTiers` does, when the ladder
 * allows it, on the schedule the shop runs it (`till loyalty tiers review`).
 */
import { withPriceList, type Cart, type OrderDiscount } from '../cart.js';
import type { PriceList } from '../price-list.js';
import type { Minor } from '../money.js';
import type { Customer, LoyaltyAccount, Tier, TierLadder, Units } from './types.js';
import { monthBuckets, monthText } from './months.js';

export const TIER_DISCOUNT_ID = 'tier';

export const defaultTierId = (ladder: TierLadder | null): string | null => ladder?.tiers[0]?.id ?? null;

/** Position in the ladder; an unknown tier ranks below the first. */
export const tierRank = (ladder: TierLadder, id: string | null): number => ladder.tiers.findIndex((t) => t.id === id);

const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;

/** Months ("YYYY-MM") counted on `day` by a window of `periodMonths` (this month and the ones before). */
export function inWindow(month: string, day: string, periodMonths: number): boolean {
  const d = monthIndex(day);
  const m = monthIndex(month);
  return m <= d && m > d - periodMonths;
}

/** What the ladder measures for this customer on `day`, plus an uncommitted sale's contribution. */
export function tierMetric(account: LoyaltyAccount, ladder: TierLadder, day: string, extra: { spend: Minor; earned: Record<string, Units> } = { spend: 0, earned: {} }): number {
  const pid = ladder.programId ?? '';
  const pick = (spend: Minor, earned: Record<string, Units>): number => (ladder.basis === 'spend' ? spend : earned[pid] ?? 0);
  let base = 0;
  if (ladder.periodMonths) {
    for (const b of monthBuckets(account.months))
      if (inWindow(monthText(b.month), day, ladder.periodMonths)) base += ladder.basis === 'spend' ? b.spend : b.earned.get(pid) ?? 0;
  } else base = pick(account.spend, account.earned);
  return base + pick(extra.spend, extra.earned);
}

/** Highest tier whose threshold the metric reaches (the first tier if none). */
export function qualifiedTier(ladder: TierLadder, metric: number): Tier | null {
  let best: Tier | null = ladder.tiers[0] ?? null;
  for (const t of ladder.tiers) if (metric >= t.threshold) best = t;
  return best;
}

export interface TierChange {
  before: string | null;
  after: string | null;
  promoted: boolean;
}

/** Tier after a sale: promotion only, never below the current tier (a tier set by hand is kept). */
export function tierAfterSale(account: LoyaltyAccount, ladder: TierLadder | null, day: string, sale: { spend: Minor; earned: Record<string, Units> }): TierChange {
  const before = account.tier;
  if (!ladder || ladder.tiers.length === 0) return { before, after: before, promoted: false };
  const q = qualifiedTier(ladder, tierMetric(account, ladder, day, sale));
  const after = q && tierRank(ladder, q.id) > tierRank(ladder, before) ? q.id : before;
  return { before, after, promoted: after !== before };
}

export interface TierProgress {
  tier: Tier | null;
  next: Tier | null;
  metric: number;
  /** What is still needed to reach `next` (minor units or units), 0 at the top. */
  remaining: number;
}

export function tierProgress(account: LoyaltyAccount, ladder: TierLadder | null, day: string): TierProgress | null {
  if (!ladder || ladder.tiers.length === 0) return null;
  const metric = tierMetric(account, ladder, day);
  const rank = tierRank(ladder, account.tier);
  const tier = rank >= 0 ? ladder.tiers[rank] : null;
  const next = ladder.tiers.slice(rank + 1).find((t) => t.threshold > 0) ?? null;
  return { tier, next, metric, remaining: next ? Math.max(0, next.threshold - metric) : 0 };
}

/** Data of a `customer.regraded` event. */
export interface Regrade {
  customerId: string;
  from: string | null;
  to: string | null;
  reason: string;
  auto: boolean;
}

/**
 * Scheduled review: customers whose tier differs from the one they qualify for on `day`. Promotions
 * (e.g. after the ladder changed) always; demotions only when the ladder has `demotion`.
 */
export function reviewTiers(accounts: Iterable<LoyaltyAccount>, ladder: TierLadder | null, day: string): Regrade[] {
  if (!ladder || ladder.tiers.length === 0) return [];
  const out: Regrade[] = [];
  for (const a of accounts) {
    const q = qualifiedTier(ladder, tierMetric(a, ladder, day));
    if (!q || q.id === a.tier) continue;
    const up = tierRank(ladder, q.id) > tierRank(ladder, a.tier);
    if (up || ladder.demotion) out.push({ customerId: a.id, from: a.tier, to: q.id, reason: up ? 'review: promoted' : 'review: demoted', auto: true });
  }
  return out;
}

/** The tier's price list as an order discount, or null when the tier gives none. */
export function tierDiscount(customer: Pick<Customer, 'tier' | 'blocked'>, ladder: TierLadder | null): OrderDiscount | null {
  const t = ladder?.tiers.find((x) => x.id === customer.tier);
  if (!t || !t.discountPpm || customer.blocked) return null;
  return { id: TIER_DISCOUNT_ID, label: t.name, source: 'tier', kind: 'percent', value: t.discountPpm, meta: { tierId: t.id } };
}

/** The tier's price list, or null when the tier has none (or the card is blocked: no member prices). */
export function tierPriceList(customer: Pick<Customer, 'tier' | 'blocked'>, ladder: TierLadder | null): PriceList | null {
  const t = ladder?.tiers.find((x) => x.id === customer.tier);
  if (!t || !t.prices?.length || customer.blocked) return null;
  return { tierId: t.id, name: t.name, entries: t.prices };
}

/**
 * The cart with the customer's tier applied — its price list on the product lines and its discount
 * first among the order discounts (before rewards) — or without either (customer detached): attaching
 * and detaching mid-sale re-prices every line.
 */
export function withTierDiscount(cart: Cart, customer: Pick<Customer, 'tier' | 'blocked'> | null, ladder: TierLadder | null): Cart {
  const rest = cart.discounts.filter((d) => d.source !== 'tier');
  const d = customer ? tierDiscount(customer, ladder) : null;
  const priced = withPriceList(cart, customer ? tierPriceList(customer, ladder) : null);
  return { ...priced, discounts: d ? [d, ...rest] : rest };
}
