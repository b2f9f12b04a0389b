/**
 * Paying with gift cards. A card is a tender that takes min(available, still due), where available
 * is its balance minus what this open sale has already reserved on it: scanning the same card twice
 * (two tenders on one sale) can never spend the same balance twice. At commit the whole sale is
 * checked again against the projection (validateSaleGiftCards), and the sale's transaction id makes a
 * retried or replayed commit a no-op in the store.
 */
import type { Minor } from '../money.js';
import { ok, type Result, type TillError } from '../errors.js';
import { paid, type Tender } from '../tender.js';
import { maskCode } from './code.js';
import { refuse } from './errors.js';
import { money, unusable, type GiftCardDraft } from './operations.js';
import { GIFT_CARD_EVENTS, type GiftCard, type SaleGiftCards, type SaleRef } from './types.js';
import { topUpRefusal } from './topup.js';

export interface RedeemContext {
  /** The sale's currency. */
  currency: string;
  /** Customer attached to the sale, if any. */
  customerId?: string;
  /** Local date, for expiry. */
  today: string;
}

export interface Reservation {
  code: string;
  amount: Minor;
}

export interface Redemption {
  code: string;
  amount: Minor;
  /** Balance the card keeps after this sale's redemptions of it (for the receipt). */
  balanceAfter: Minor;
}

export const reservedOn = (code: string, reserved: readonly Reservation[]): Minor =>
  reserved.reduce((a, r) => (r.code === code ? a + r.amount : a), 0);

/** The reservations an open sale holds: its gift-card tenders. */
export function reservationsFrom(tenders: readonly Tender[]): Reservation[] {
  return tenders.filter((t) => t.kind === 'giftcard' && typeof t.meta?.code === 'string').map((t) => ({ code: t.meta!.code as string, amount: t.amount }));
}

/** Refusal, or the amount the card can still give on this sale. */
export function checkRedeemable(card: GiftCard | undefined, ctx: RedeemContext, reserved: readonly Reservation[] = []): Result<Minor> {
  const no = unusable<Minor>(card, ctx.today);
  if (no) return no;
  const c = card as GiftCard;
  const masked = maskCode(c.code);
  if (c.currency !== ctx.currency) return refuse('GIFT_CARD_CURRENCY', { card: masked, currency: c.currency });
  if (c.customerId && c.customerId !== ctx.customerId) return refuse('GIFT_CARD_CUSTOMER', { card: masked });
  const available = c.balance - reservedOn(c.code, reserved);
  // A card with a balance that this sale's earlier payments already take in full is not depleted.
  if (available <= 0) return refuse(c.balance > 0 ? 'GIFT_CARD_RESERVED' : 'GIFT_CARD_DEPLETED', { card: masked });
  return ok(available);
}

/**
 * One card on the tender screen: takes min(available, due), or `amount` when the cashier asks for
 * less. `due` is what gift cards may still pay (see giftCardPayable). Refusals of `amount`: BAD_AMOUNT
 * (not above zero), AMOUNT_TOO_LARGE (above `due`; says min(available, due), the most that can be
 * entered), INSUFFICIENT_BALANCE (above what the card still has in this sale).
 */
export function planRedemption(
  card: GiftCard | undefined,
  due: Minor,
  ctx: RedeemContext,
  reserved: readonly Reservation[] = [],
  amount?: Minor,
): Result<Redemption> {
  const avail = checkRedeemable(card, ctx, reserved);
  if (!avail.ok) return avail;
  if (due <= 0) return refuse('ALREADY_PAID');
  const c = card as GiftCard;
  let take = Math.min(avail.value, due);
  if (amount !== undefined) {
    if (!Number.isSafeInteger(amount) || amount <= 0) return refuse('BAD_AMOUNT');
    // More than gift cards may pay of this sale: say the most that can be entered (due and balance).
    if (amount > due) return refuse('AMOUNT_TOO_LARGE', { card: maskCode(c.code), max: money(take, c.currency), maxMinor: take });
    if (amount > avail.value) return refuse('INSUFFICIENT_BALANCE', { card: maskCode(c.code), balance: money(avail.value, c.currency) });
    take = amount;
  }
  return ok({ code: c.code, amount: take, balanceAfter: avail.value - take });
}

export interface RedemptionPlan {
  /** Cards that take something, in scan order. */
  takes: Redemption[];
  /** Still due after the cards. */
  remaining: Minor;
  /** Cards refused, by index in the input, with why. */
  refused: { index: number; code?: string; error: TillError }[];
  /** Usable cards that were not needed because nothing was left to pay. */
  unused: string[];
}

/** Several cards in scan order: each takes only what is still due. */
export function planRedemptions(
  due: Minor,
  cards: readonly (GiftCard | undefined)[],
  ctx: RedeemContext,
  reserved: readonly Reservation[] = [],
): RedemptionPlan {
  const plan: RedemptionPlan = { takes: [], remaining: Math.max(0, due), refused: [], unused: [] };
  const held = reserved.slice();
  cards.forEach((card, index) => {
    const avail = checkRedeemable(card, ctx, held);
    if (!avail.ok) return void plan.refused.push({ index, code: card?.code, error: avail.error });
    if (plan.remaining === 0) return void plan.unused.push((card as GiftCard).code);
    const r = planRedemption(card, plan.remaining, ctx, held);
    if (!r.ok) return void plan.refused.push({ index, code: card?.code, error: r.error });
    plan.takes.push(r.value);
    held.push({ code: r.value.code, amount: r.value.amount });
    plan.remaining -= r.value.amount;
  });
  return plan;
}

/**
 * What gift cards may still pay on a sale: what is due, but never the price of gift cards sold in the
 * same sale (a gift card cannot buy a gift card).
 */
export function giftCardPayable(total: Minor, soldCardsTotal: Minor, tenders: readonly Tender[]): Minor {
  const paidSoFar = paid(tenders);
  const byCards = tenders.reduce((a, t) => (t.kind === 'giftcard' ? a + t.amount : a), 0);
  return Math.max(0, Math.min(total - paidSoFar, total - soldCardsTotal - byCards));
}

/** The extra fields of a gift-card Tender: the receipt shows `reference`, the commit reads `meta.code`. */
export function giftCardTenderExtra(r: Redemption): Pick<Tender, 'reference' | 'meta'> {
  return { reference: maskCode(r.code), meta: { code: r.code, balanceAfter: r.balanceAfter } };
}

/** A redemption outside a sale's extension (e.g. a headless client), as a `giftcard.redeemed` draft. */
export function planRedeem(card: GiftCard | undefined, amount: Minor, ctx: RedeemContext & SaleRef): Result<GiftCardDraft[]> {
  const avail = checkRedeemable(card, ctx);
  if (!avail.ok) return avail;
  const c = card as GiftCard;
  if (!Number.isSafeInteger(amount) || amount <= 0) return refuse('BAD_AMOUNT');
  if (amount > avail.value) return refuse('INSUFFICIENT_BALANCE', { card: maskCode(c.code), balance: money(avail.value, c.currency) });
  const data: Record<string, unknown> = { code: c.code, amount };
  if (ctx.saleId) data.saleId = ctx.saleId;
  if (ctx.receiptNo) data.receiptNo = ctx.receiptNo;
  return ok([{ type: GIFT_CARD_EVENTS.redeemed, data }]);
}

/**
 * The last check before a sale with gift cards commits, against the projection as it is now: every
 * redeemed card still usable and covering the sum of its tenders, every sold card still sellable,
 * every topped-up card still loadable, no card twice among the sold and loaded, and no gift card
 * (sold or loaded) paid with a gift card.
 */
export function validateSaleGiftCards(
  lookup: (code: string) => GiftCard | undefined,
  ext: SaleGiftCards,
  ctx: RedeemContext & { total: Minor },
): Result<true> {
  const seen = new Set<string>();
  for (const s of ext.sold) {
    const card = lookup(s.code);
    const masked = maskCode(s.code);
    if (seen.has(s.code)) return refuse('GIFT_CARD_IN_SALE', { card: masked });
    seen.add(s.code);
    if (!Number.isSafeInteger(s.faceValue) || s.faceValue <= 0 || !Number.isSafeInteger(s.price) || s.price < 0 || s.price > s.faceValue) return refuse('BAD_AMOUNT');
    if (s.mode === 'generate' ? card !== undefined : card === undefined) return refuse(card ? 'GIFT_CARD_EXISTS' : 'GIFT_CARD_UNKNOWN', { card: masked });
    if (card && card.state === 'blocked') return refuse('GIFT_CARD_BLOCKED', { card: masked });
    if (card && card.state !== 'pending') return refuse('GIFT_CARD_ACTIVE', { card: masked });
    if (card && card.currency !== ctx.currency) return refuse('GIFT_CARD_CURRENCY', { card: masked, currency: card.currency });
  }
  // Top-ups: each card still there to load (not blocked, not pending stock, the store's currency).
  let loadedTotal = 0;
  for (const l of ext.loaded ?? []) {
    if (seen.has(l.code)) return refuse('GIFT_CARD_IN_SALE', { card: maskCode(l.code) });
    seen.add(l.code);
    if (!Number.isSafeInteger(l.amount) || l.amount <= 0) return refuse('BAD_AMOUNT');
    const no = topUpRefusal(lookup(l.code), { currency: ctx.currency, today: ctx.today, validityDays: 0, inSale: [] }, l.code);
    if (no) return no;
    loadedTotal += l.amount;
  }
  const per = new Map<string, Minor>();
  for (const r of ext.redeemed) {
    if (!Number.isSafeInteger(r.amount) || r.amount <= 0) return refuse('BAD_AMOUNT');
    if (seen.has(r.code)) return refuse('GIFT_CARD_PENDING', { card: maskCode(r.code) });
    per.set(r.code, (per.get(r.code) ?? 0) + r.amount);
  }
  for (const [code, amount] of per) {
    const avail = checkRedeemable(lookup(code), ctx);
    if (!avail.ok) return avail;
    if (amount > avail.value) return refuse('INSUFFICIENT_BALANCE', { card: maskCode(code), balance: money(avail.value, ctx.currency) });
  }
  const soldTotal = ext.sold.reduce((a, s) => a + s.price, 0) + loadedTotal;
  const byCards = [...per.values()].reduce((a, b) => a + b, 0);
  if (byCards > ctx.total - soldTotal) return refuse('GIFT_CARD_FOR_GIFT_CARD');
  return ok(true);
}
