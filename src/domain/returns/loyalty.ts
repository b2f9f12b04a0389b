/**
 * Points in a return, through `planLoyaltyRefund` (domain/loyalty/refund.ts): what the sale spent is
 * given back and what it earned is taken back, in proportion to the money returned. It is asked about
 * what is *left* of the sale (its points and spend minus what earlier returns moved, the value still
 * returnable), so each return's rounding down is caught up by the next, and the return that brings the
 * rest back moves the rest exactly. A claw-back never takes a balance below zero (the rest is recorded
 * as unrecovered), as the balance guard requires. A tier the sale reached is reviewed.
 */
import { getOwn } from '../shift/records.js';
import type { Minor } from '../money.js';
import type { SaleRecord } from '../sale.js';
import { EV, type CustomerRegradedData, type LoyaltyEvent, type PointsRefundedData } from '../loyalty/events.js';
import { planLoyaltyRefund } from '../loyalty/refund.js';
import { inWindow, qualifiedTier, tierMetric, tierRank } from '../loyalty/tiers.js';
import { takeFromMonth } from '../loyalty/months.js';
import type { LoyaltyAccount, LoyaltyProgram, SaleLoyalty, TierLadder } from '../loyalty/types.js';
import type { ReturnLoyalty, SaleReturns } from './types.js';

export interface LoyaltyContext {
  /** The customer's account as the journal folds it (the balance the guard checks claw-backs against). */
  account(id: string): LoyaltyAccount | undefined;
  programs: readonly LoyaltyProgram[];
  ladder: TierLadder | null;
  today: string;
  returnReceiptNo: string;
}

export interface LoyaltyPlan {
  events: LoyaltyEvent[];
  ext?: ReturnLoyalty;
}

const isSaleLoyalty = (x: unknown): x is SaleLoyalty =>
  !!x && typeof x === 'object' && typeof (x as SaleLoyalty).customerId === 'string' && Array.isArray((x as SaleLoyalty).programs);

/** The sale's loyalty extension less what earlier returns gave and took back. */
function whatIsLeft(ext: SaleLoyalty, before: SaleReturns): SaleLoyalty {
  return {
    ...ext,
    spend: Math.max(0, ext.spend - before.spend),
    programs: ext.programs.map((p) => ({
      ...p,
      spent: Math.max(0, p.spent - (getOwn(before.points, p.programId)?.returned ?? 0)),
      earned: Math.max(0, p.earned - (getOwn(before.points, p.programId)?.taken ?? 0)),
    })),
  };
}

/**
 * The tier after the return, when the sale promoted the customer and they still hold that tier: the
 * highest tier the ladder's measure still reaches without the returned part, never below the tier
 * they had before the sale. A tier set since (by hand or by a later sale) is not the sale's to review.
 */
function reviewTier(account: LoyaltyAccount, ladder: TierLadder | null, ext: SaleLoyalty, now: PointsRefundedData, today: string) {
  if (!ladder || ladder.tiers.length === 0 || !ext.promoted || account.tier !== ext.tierAfter) return null;
  let metric = tierMetric(account, ladder, today);
  const windowed = !!ladder.periodMonths;
  if (!windowed || inWindow(ext.day.slice(0, 7), today, ladder.periodMonths!)) {
    const pid = ladder.programId ?? '';
    const takenNow = now.programs.filter((p) => p.programId === pid).reduce((a, p) => a + p.clawedBack + p.unrecovered, 0);
    // Earlier refunds already came off what the ladder measures (the loyalty projection folds their
    // `points.refunded` into lifetime spend, lifetime earned and the sale's month): only this one is left.
    metric -= ladder.basis === 'spend' ? now.spend : takenNow;
  }
  const q = qualifiedTier(ladder, metric);
  const current = tierRank(ladder, account.tier);
  let after = account.tier;
  if (q && tierRank(ladder, q.id) < current) after = tierRank(ladder, q.id) >= tierRank(ladder, ext.tierBefore) ? q.id : ext.tierBefore;
  return { before: account.tier, after, changed: after !== account.tier };
}

/**
 * Points of a return worth `refunded` of the `left` value still returnable; `complete` when it brings
 * everything back (then a sale that cost nothing still gives its points back).
 */
export function planReturnLoyalty(sale: Pick<SaleRecord, 'saleId' | 'receiptNo' | 'extensions'>, before: SaleReturns, refunded: Minor, left: Minor, complete: boolean, ctx: LoyaltyContext): LoyaltyPlan {
  const ext = sale.extensions?.loyalty;
  if (!isSaleLoyalty(ext)) return { events: [] };
  const account = ctx.account(ext.customerId);
  if (!account) return { events: [] };
  const [num, den] = left > 0 ? [refunded, left] : complete ? [1, 1] : [0, 0];
  const ev = den > 0 ? planLoyaltyRefund(whatIsLeft(ext, before), account, num, den, sale.saleId, ctx.today) : null;
  if (!ev) return { events: [] };
  const moves = ev.data.spend > 0 || ev.data.programs.some((p) => p.returned || p.clawedBack || p.unrecovered);
  if (!moves) return { events: [] };
  const events: LoyaltyEvent[] = [ev];
  const byId = new Map(ctx.programs.map((p) => [p.id, p]));
  const tier = reviewTier(account, ctx.ladder, ext, ev.data, ctx.today);
  if (tier?.changed) {
    const data: CustomerRegradedData = { customerId: account.id, from: tier.before, to: tier.after, reason: `return ${ctx.returnReceiptNo}: tier reached by ${sale.receiptNo} reviewed`, auto: true };
    events.push({ type: EV.customerRegraded, data });
  }
  return {
    events,
    ext: {
      customerId: account.id,
      cardNumber: account.card,
      spend: ev.data.spend,
      programs: ev.data.programs.map((p) => ({
        ...p,
        name: byId.get(p.programId)?.name ?? ext.programs.find((x) => x.programId === p.programId)?.name ?? p.programId,
        decimals: byId.get(p.programId)?.decimals ?? 0,
        balanceAfter: (account.points[p.programId] ?? 0) + p.returned - p.clawedBack,
      })),
      tier,
    },
  };
}

/** Months a customer's account keeps (the loyalty projection's MONTHS_KEEP: 24). */
const MONTHS_KEPT = 24;

/**
 * The customer's account as it stands once the return's points moved (what the loyalty projection
 * folds from its `points.refunded` and `customer.regraded`): the balance the new items of an
 * exchange earn onto, in the same transaction. `saleDay` is the day of the sale the goods came from
 * (its month loses the returned spend, as the projection's compensating entry does).
 */
export function accountAfterReturn(account: LoyaltyAccount, l: ReturnLoyalty | undefined, saleDay?: string): LoyaltyAccount {
  if (!l || l.customerId !== account.id) return account;
  const points = { ...account.points };
  const earned = { ...account.earned };
  const extra = account.extra ? { ...account.extra } : undefined;
  let months = account.months;
  const day = saleDay && /^\d{4}-\d{2}/.test(saleDay) ? saleDay : null;
  for (const p of l.programs as (ReturnLoyalty['programs'][number] & { returnedAdditional?: number; clawedBackAdditional?: number })[]) {
    points[p.programId] = (points[p.programId] ?? 0) + p.returned - p.clawedBack;
    const taken = p.clawedBack + p.unrecovered;
    if (taken > 0) earned[p.programId] = Math.max(0, (earned[p.programId] ?? 0) - taken);
    if (extra && (p.returnedAdditional || p.clawedBackAdditional)) extra[p.programId] = Math.max(0, (extra[p.programId] ?? 0) + (p.returnedAdditional ?? 0) - (p.clawedBackAdditional ?? 0));
    if (day && taken > 0) months = takeFromMonth(months, day, 0, p.programId, taken, MONTHS_KEPT);
  }
  if (day && l.spend > 0) months = takeFromMonth(months, day, l.spend, null, 0, MONTHS_KEPT);
  const tier = l.tier?.changed ? l.tier.after : account.tier;
  return { ...account, points, earned, ...(extra ? { extra } : {}), spend: Math.max(0, account.spend - l.spend), months, tier };
}
