/**
 * Back-office and till operations on one card: each validates a request against the card as the
 * projection holds it and returns either a refusal or the event drafts to commit (structurally the
 * store's EventDraft). Nothing is changed here; the caller commits the drafts in one transaction.
 */
import { currency as currencyOf, toDecimalString, type Minor } from '../money.js';
import { ok, type Result } from '../errors.js';
import { maskCode } from './code.js';
import { effectiveState, isDate, isPastExpiry } from './dates.js';
import { refuse } from './errors.js';
import { historyTotals } from './ledger.js';
import { renewalFor, topUpRefusal } from './topup.js';
import { GIFT_CARD_EVENTS as E, type GiftCard, type IssuedData, type SaleRef } from './types.js';

export interface GiftCardDraft<D = unknown> {
  type: string;
  data: D;
}

export const money = (amount: Minor, cur: string): string => `${toDecimalString(amount, currencyOf(cur))} ${cur}`;

const isPositive = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;
const MAX_REASON = 200;

function cleanReason(reason: unknown): string | null {
  if (typeof reason !== 'string') return null;
  const r = reason.replace(/\s+/g, ' ').trim();
  return r ? r.slice(0, MAX_REASON) : null;
}

/**
 * The refusal for a card that cannot take or give value today, or null when it is usable. Order
 * matters: a blocked card says blocked even when it is also past its expiry.
 */
export function unusable<T = never>(card: GiftCard | undefined, today: string, opts: { allowDepleted?: boolean } = {}): Result<T> | null {
  if (!card) return refuse('GIFT_CARD_UNKNOWN');
  const c = maskCode(card.code);
  const state = effectiveState(card, today);
  if (state === 'pending') return refuse('GIFT_CARD_PENDING', { card: c });
  if (state === 'blocked') return refuse('GIFT_CARD_BLOCKED', { card: c });
  if (state === 'expired') return refuse('GIFT_CARD_EXPIRED', { card: c, date: card.expiresOn ?? '' });
  if (state === 'depleted' && !opts.allowDepleted) return refuse('GIFT_CARD_DEPLETED', { card: c });
  return null;
}

export interface IssueRequest {
  code: string;
  currency: string;
  /** Pending stock may have 0 = value set when sold. Active cards need > 0. */
  faceValue: Minor;
  /** Defaults to faceValue; must not exceed it. Pending stock with faceValue 0 has no price. */
  price?: Minor;
  pending: boolean;
  expiresOn?: string;
  validityDays?: number;
  customerId?: string;
  batch?: string;
  today: string;
}

export function planIssue(existing: GiftCard | undefined, r: IssueRequest): Result<GiftCardDraft<IssuedData>[]> {
  if (existing) return refuse('GIFT_CARD_EXISTS', { card: maskCode(r.code) });
  const face = r.faceValue;
  if (!Number.isSafeInteger(face) || face < 0 || (!r.pending && face === 0)) return refuse('BAD_AMOUNT');
  const price = r.price ?? (face > 0 ? face : null);
  if (price !== null && (!Number.isSafeInteger(price) || price < 0 || price > face)) return refuse('BAD_AMOUNT');
  if (r.expiresOn !== undefined && (!isDate(r.expiresOn) || r.expiresOn < r.today)) return refuse('BAD_DATE');
  if (r.validityDays !== undefined && !isPositive(r.validityDays)) return refuse('BAD_AMOUNT');
  const data: IssuedData = { code: r.code, state: r.pending ? 'pending' : 'active', currency: r.currency, faceValue: face, price };
  if (r.expiresOn) data.expiresOn = r.expiresOn;
  if (r.validityDays) data.validityDays = r.validityDays;
  if (r.customerId) data.customerId = r.customerId;
  if (r.batch) data.batch = r.batch;
  return ok([{ type: E.issued, data }]);
}

/**
 * Top up an active or depleted card. With `extend` (`till giftcard load --extend`) an expired card may
 * be topped up too: it gets a new expiry, `validityDays` from today (0 = never expires), after what
 * was left on it is forfeited (topup.ts); a card still valid gets that later expiry, never a shorter one.
 */
export function planLoad(
  card: GiftCard | undefined,
  r: { amount: Minor; currency: string; today: string; extend?: { validityDays: number } } & SaleRef,
): Result<GiftCardDraft[]> {
  const no = r.extend ? topUpRefusal(card, { currency: r.currency, today: r.today, validityDays: r.extend.validityDays, inSale: [] }, card?.code ?? '') : unusable(card, r.today, { allowDepleted: true });
  if (no) return no;
  const c = card as GiftCard;
  if (c.currency !== r.currency) return refuse('GIFT_CARD_CURRENCY', { card: maskCode(c.code), currency: c.currency });
  if (!isPositive(r.amount)) return refuse('BAD_AMOUNT');
  const data: Record<string, unknown> = { code: c.code, amount: r.amount };
  const renew = r.extend ? renewalFor(c, r.today, r.extend.validityDays, true) : undefined;
  if (renew) data.renew = renew;
  if (r.saleId) data.saleId = r.saleId;
  if (r.receiptNo) data.receiptNo = r.receiptNo;
  return ok([{ type: E.loaded, data }]);
}

/**
 * A compensating correction with a reason. Allowed on active, depleted and blocked cards; never
 * below zero. Pending stock has no value to correct and an expired card's balance was forfeited.
 */
export function planAdjust(card: GiftCard | undefined, r: { amount: Minor; reason: string; today: string }): Result<GiftCardDraft[]> {
  if (!card) return refuse('GIFT_CARD_UNKNOWN');
  const c = maskCode(card.code);
  const base = card.state === 'blocked' ? card.blockedFrom : card.state;
  if (base === 'pending') return refuse('GIFT_CARD_PENDING', { card: c });
  if (base === 'expired' || isPastExpiry(card, r.today)) return refuse('GIFT_CARD_EXPIRED', { card: c, date: card.expiresOn ?? '' });
  const reason = cleanReason(r.reason);
  if (!reason) return refuse('REASON_REQUIRED');
  if (!Number.isSafeInteger(r.amount) || r.amount === 0) return refuse('BAD_AMOUNT');
  if (card.balance + r.amount < 0) return refuse('INSUFFICIENT_BALANCE', { card: c, balance: money(card.balance, card.currency) });
  return ok([{ type: E.adjusted, data: { code: card.code, amount: r.amount, reason } }]);
}

export function planBlock(card: GiftCard | undefined, r: { reason: string }): Result<GiftCardDraft[]> {
  if (!card) return refuse('GIFT_CARD_UNKNOWN');
  if (card.state === 'blocked') return refuse('GIFT_CARD_BLOCKED', { card: maskCode(card.code) });
  const reason = cleanReason(r.reason);
  if (!reason) return refuse('REASON_REQUIRED');
  return ok([{ type: E.blocked, data: { code: card.code, reason } }]);
}

export function planUnblock(card: GiftCard | undefined, r: { reason: string }): Result<GiftCardDraft[]> {
  if (!card) return refuse('GIFT_CARD_UNKNOWN');
  if (card.state !== 'blocked') return refuse('GIFT_CARD_NOT_BLOCKED', { card: maskCode(card.code) });
  const reason = cleanReason(r.reason);
  if (!reason) return refuse('REASON_REQUIRED');
  return ok([{ type: E.unblocked, data: { code: card.code, reason } }]);
}

/** Record the expiry of a card past its last valid day; its balance is forfeited (breakage). */
export function planExpire(card: GiftCard | undefined, r: { today: string }): Result<GiftCardDraft[]> {
  if (!card) return refuse('GIFT_CARD_UNKNOWN');
  const c = maskCode(card.code);
  if (card.state === 'expired') return refuse('GIFT_CARD_EXPIRED', { card: c, date: card.expiresOn ?? '' });
  if (card.state !== 'active' && card.state !== 'depleted') return refuse(card.state === 'blocked' ? 'GIFT_CARD_BLOCKED' : 'GIFT_CARD_PENDING', { card: c });
  if (!isPastExpiry(card, r.today)) return refuse('GIFT_CARD_NOT_EXPIRED', { card: c });
  return ok([{ type: E.expired, data: { code: card.code, forfeited: card.balance } }]);
}

/**
 * Money going back onto a card (a refunded sale that was paid with it, a voided redemption). Never
 * more than was ever redeemed from it minus what already went back, so a refund cannot create money.
 * A blocked card may take a refund (the money is the customer's either way); an expired one may not.
 */
export function planRefund(card: GiftCard | undefined, r: { amount: Minor; currency: string; today: string; reason?: string } & SaleRef): Result<GiftCardDraft[]> {
  if (!card) return refuse('GIFT_CARD_UNKNOWN');
  const c = maskCode(card.code);
  // A blocked card is judged by the state it was blocked from: an expired card stays closed.
  const state = card.state === 'blocked' ? card.blockedFrom : effectiveState(card, r.today);
  if (state === 'pending') return refuse('GIFT_CARD_PENDING', { card: c });
  if (state === 'expired' || isPastExpiry(card, r.today)) return refuse('GIFT_CARD_EXPIRED', { card: c, date: card.expiresOn ?? '' });
  if (card.currency !== r.currency) return refuse('GIFT_CARD_CURRENCY', { card: c, currency: card.currency });
  if (!isPositive(r.amount)) return refuse('BAD_AMOUNT');
  const t = historyTotals(card);
  const refundable = -t.redeemed - t.refunded;
  if (r.amount > refundable) return refuse('GIFT_CARD_REFUND_EXCEEDS', { card: c, amount: money(refundable, card.currency) });
  const data: Record<string, unknown> = { code: card.code, amount: r.amount };
  if (r.saleId) data.saleId = r.saleId;
  if (r.receiptNo) data.receiptNo = r.receiptNo;
  const reason = cleanReason(r.reason);
  if (reason) data.reason = reason;
  return ok([{ type: E.refunded, data }]);
}
