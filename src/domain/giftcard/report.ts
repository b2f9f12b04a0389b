/**
 * Back-office views over the cards: filtered lists and the liability report. Money the shop owes is
 * the balance of cards that can still be spent (active), reported apart from balances frozen on
 * blocked cards and balances past expiry that have not yet been recorded as expired. Day buckets use
 * the caller's local date of each movement (dayOf), so a shop in UTC+7 gets its own days.
 */
import type { Minor } from '../money.js';
import { effectiveState, isPastExpiry } from './dates.js';
import type { GiftCard, GiftCardState } from './types.js';

export interface CardFilter {
  state?: GiftCardState;
  /** Cards with an expiry date before this local date. */
  expiringBefore?: string;
  customerId?: string;
}

export function matchesFilter(card: GiftCard, f: CardFilter, today: string): boolean {
  if (f.state && effectiveState(card, today) !== f.state) return false;
  if (f.expiringBefore && !(card.expiresOn && card.expiresOn < f.expiringBefore)) return false;
  if (f.customerId && card.customerId !== f.customerId) return false;
  return true;
}

export interface DayRow {
  day: string;
  /** Cards sold: count, value loaded, price paid, and the promotional difference. */
  soldCount: number;
  soldValue: Minor;
  soldPrice: Minor;
  promotional: Minor;
  loaded: Minor;
  redeemed: Minor;
  refunded: Minor;
  adjusted: Minor;
  expired: Minor;
}

export interface LiabilityReport {
  currency: string;
  /** Balance of cards that can be spent today. */
  outstanding: Minor;
  activeCount: number;
  /** Balance on blocked cards (still owed unless written off). */
  blocked: Minor;
  /** Balance on cards past their expiry day not yet recorded as expired. */
  pastExpiry: Minor;
  pendingCount: number;
  days: DayRow[];
  /** With `asOf`: what will expire by then (see ExpiringBy). */
  expiring?: ExpiringBy;
}

/**
 * Cards spendable today that can no longer be spent on `asOf` (their last valid day is before it):
 * the balance they hold today, an upper bound of what will be forfeited (the customer may spend some
 * first). `stillOutstanding` is what active cards will still owe on `asOf` at today's balances.
 */
export interface ExpiringBy {
  asOf: string;
  count: number;
  amount: Minor;
  stillOutstanding: Minor;
}

const newDay = (day: string): DayRow => ({ day, soldCount: 0, soldValue: 0, soldPrice: 0, promotional: 0, loaded: 0, redeemed: 0, refunded: 0, adjusted: 0, expired: 0 });

/** Cards of one currency (the store's), movements bucketed by `dayOf(entry.at)`; days from..to inclusive when given. */
export function liability(
  cards: Iterable<GiftCard>,
  opts: { currency: string; today: string; dayOf: (iso: string) => string; from?: string; to?: string; asOf?: string },
): LiabilityReport {
  const r: LiabilityReport = { currency: opts.currency, outstanding: 0, activeCount: 0, blocked: 0, pastExpiry: 0, pendingCount: 0, days: [] };
  const exp: ExpiringBy | undefined = opts.asOf ? { asOf: opts.asOf, count: 0, amount: 0, stillOutstanding: 0 } : undefined;
  const days = new Map<string, DayRow>();
  for (const card of cards) {
    if (card.currency !== opts.currency) continue;
    const state = effectiveState(card, opts.today);
    if (state === 'active') {
      r.outstanding += card.balance;
      r.activeCount++;
      if (exp && isPastExpiry(card, exp.asOf)) {
        exp.count++;
        exp.amount += card.balance;
      } else if (exp) exp.stillOutstanding += card.balance;
    } else if (state === 'blocked') r.blocked += card.balance;
    else if (state === 'expired') r.pastExpiry += card.balance;
    else if (state === 'pending') r.pendingCount++;
    for (const h of card.history) {
      if (h.amount === 0) continue;
      const day = opts.dayOf(h.at);
      if ((opts.from && day < opts.from) || (opts.to && day > opts.to)) continue;
      let row = days.get(day);
      if (!row) days.set(day, (row = newDay(day)));
      switch (h.kind) {
        case 'issued':
        case 'activated':
          row.soldCount++;
          row.soldValue += h.amount;
          row.soldPrice += card.price ?? h.amount;
          row.promotional += h.amount - (card.price ?? h.amount);
          break;
        case 'loaded':
          row.loaded += h.amount;
          break;
        case 'redeemed':
          row.redeemed -= h.amount;
          break;
        case 'refunded':
          row.refunded += h.amount;
          break;
        case 'adjusted':
          row.adjusted += h.amount;
          break;
        case 'expired':
          row.expired -= h.amount;
          break;
      }
    }
  }
  r.days = [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
  if (exp) r.expiring = exp;
  return r;
}
