/**
 * `sale.extensions.loyalty`: built by the checkout at commit from the priced cart, the tenders and the
 * customer's account, journaled inside `sale.committed`, folded by the loyalty projection. Earned and
 * spent points are the only movements it carries; balances and tiers in it are what the receipt prints.
 */
import type { Cart, PricedCart } from '../cart.js';
import { fail, ok, type Result } from '../errors.js';
import type { Minor } from '../money.js';
import type { Tender } from '../tender.js';
import { listSaving } from '../price-list.js';
import { computeEarn, isEligible, lineAmount } from './earn.js';
import { addDays, consumeLots, expiringWithin, extraExpiresOn, extraOf } from './expiry.js';
import { rewardsInCart } from './rewards.js';
import { tierAfterSale } from './tiers.js';
import type { LoyaltyAccount, LoyaltyProgram, SaleLoyalty, SaleLoyaltyProgram, TierLadder, Units } from './types.js';

export interface SaleLoyaltyInput {
  cart: Cart;
  priced: PricedCart;
  tenders: readonly Tender[];
  account: LoyaltyAccount;
  programs: readonly LoyaltyProgram[];
  ladder: TierLadder | null;
  /** Business date of the sale, "YYYY-MM-DD". */
  day: string;
}

/** Amount of the sale paid with gift cards or points tenders: it earns no points. */
export const paidWithoutEarning = (tenders: readonly Tender[]): Minor =>
  tenders.filter((t) => t.kind === 'giftcard' || t.kind === 'points').reduce((a, t) => a + t.amount, 0);

/** What a sale adds to lifetime spend: product lines after discounts, tax included. */
export function saleSpend(priced: PricedCart): Minor {
  const exclusive = priced.tax !== 0 && priced.total === priced.lines.reduce((a, l) => a + l.amount, 0) + priced.tax;
  return priced.lines.filter(isEligible).reduce((a, l) => a + lineAmount(l, true, exclusive), 0);
}

/**
 * The extension for a sale with a customer attached. Refusals: LOYALTY_CARD_BLOCKED (neither earns
 * nor spends), PROGRAM_UNKNOWN / PROGRAM_INACTIVE for a claimed reward, INSUFFICIENT_POINTS if the
 * claims exceed the balance.
 */
export function buildSaleLoyalty(input: SaleLoyaltyInput): Result<SaleLoyalty> {
  const { cart, priced, tenders, account, programs, ladder, day } = input;
  const earn = computeEarn(priced, account, programs, ladder, day, paidWithoutEarning(tenders));
  if (!earn.ok) return earn;
  const claims = rewardsInCart(cart);
  const byId = new Map(programs.map((p) => [p.id, p]));
  const entries = new Map<string, SaleLoyaltyProgram>();
  const entry = (p: LoyaltyProgram): SaleLoyaltyProgram => {
    let e = entries.get(p.id);
    if (!e) {
      const bal = account.points[p.id] ?? 0;
      e = { programId: p.id, name: p.name, earned: 0, spent: 0, balanceBefore: bal, balanceAfter: bal, expiringSoon: 0, rewards: [] };
      entries.set(p.id, e);
    }
    return e;
  };
  const earnedAdditional = new Map<string, Units>();
  for (const pe of earn.value) {
    entry(byId.get(pe.programId)!).earned = pe.points;
    if (pe.additional > 0) earnedAdditional.set(pe.programId, pe.additional);
  }
  for (const c of claims) {
    const p = byId.get(c.programId);
    if (!p) return fail('PROGRAM_UNKNOWN', 'A reward on this sale belongs to a program that no longer exists.', { program: c.programId });
    if (!p.active) return fail('PROGRAM_INACTIVE', `The program “${p.name}” is not running.`, { program: p.name });
    const reward = p.rewards.find((r) => r.id === c.rewardId);
    const discount = c.discountId
      ? priced.discounts.find((d) => d.id === c.discountId)?.amount ?? 0
      : priced.lines.find((l) => l.id === c.lineId)?.discount ?? 0;
    const e = entry(p);
    e.spent += c.points;
    e.rewards.push({ rewardId: c.rewardId, name: reward?.name ?? c.rewardId, points: c.points, discount, ...(c.lineId ? { lineId: c.lineId } : {}) });
  }
  for (const e of entries.values()) {
    if (e.spent > e.balanceBefore) return fail('INSUFFICIENT_POINTS', 'Not enough points.', { need: e.spent, available: e.balanceBefore });
    e.balanceAfter = e.balanceBefore - e.spent + e.earned;
    const p = byId.get(e.programId)!;
    // Additional points (additional.ts) are spent first; the account is as of the sale's day.
    const extraBefore = Math.max(0, extraOf(account, e.programId));
    const spentAdd = Math.min(e.spent, extraBefore);
    const earnedAdd = earnedAdditional.get(e.programId) ?? 0;
    const extraDays = p.additionalExpiryDays ?? p.expiryDays;
    const mainLots = consumeLots(e.balanceBefore - extraBefore, account.lots?.[e.programId] ?? [], e.spent - spentAdd);
    const extraLots = consumeLots(extraBefore, account.extraLots?.[e.programId] ?? [], spentAdd);
    if (p.expiryDays !== undefined || extraDays !== undefined) {
      const soon = expiringWithin({ ...account, lots: { [e.programId]: mainLots }, extraLots: { [e.programId]: extraLots } }, e.programId, day, 30);
      const fresh = (p.expiryDays !== undefined && p.expiryDays <= 30 ? e.earned - earnedAdd : 0) + (extraDays !== undefined && extraDays <= 30 ? earnedAdd : 0);
      e.expiringSoon = soon + fresh;
    }
    if (extraBefore > 0 || earnedAdd > 0) {
      const dates = [extraExpiresOn({ extraLots: { [e.programId]: extraLots } }, e.programId, day), earnedAdd > 0 && extraDays !== undefined ? addDays(day, extraDays) : undefined].filter((x): x is string => !!x).sort();
      e.additional = { earned: earnedAdd, spent: spentAdd, balanceAfter: extraBefore - spentAdd + earnedAdd, ...(dates[0] ? { expiresOn: dates[0] } : {}) };
    }
  }
  const spend = saleSpend(priced);
  const earned: Record<string, Units> = {};
  for (const e of entries.values()) earned[e.programId] = e.earned;
  const tier = tierAfterSale(account, ladder, day, { spend, earned });
  const listed = priced.lines.filter((l) => l.priceFrom);
  const first = listed[0]?.priceFrom;
  return ok({
    v: 1,
    customerId: account.id,
    cardNumber: account.card,
    day,
    spend,
    tierBefore: tier.before,
    tierAfter: tier.after,
    promoted: tier.promoted,
    tierDiscount: priced.discounts.filter((d) => d.source === 'tier').reduce((a, d) => a + d.amount, 0),
    ...(first ? { priceList: { tierId: first.tierId, name: first.name, lines: listed.length, saved: listed.reduce((a, l) => a + listSaving(l), 0) } } : {}),
    programs: [...entries.values()],
  });
}
