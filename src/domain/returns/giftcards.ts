/**
 * Gift cards in a return. Value paid from a card goes back onto the same card (`giftcard.refunded`,
 * through the card operations' own checks), never onto a blocked or expired one: the manager may
 * choose cash instead. A card the sale sold comes back only while it is unspent: it is blocked and
 * its value cleared (`giftcard.adjusted` to zero, then `giftcard.blocked`), and its price is refunded.
 */
import { fail, ok, type Result } from '../errors.js';
import { maskCode } from '../giftcard/code.js';
import { effectiveState } from '../giftcard/dates.js';
import { planAdjust, planBlock, planRefund, type GiftCardDraft } from '../giftcard/operations.js';
import type { GiftCard, SaleGiftCards } from '../giftcard/types.js';
import type { SaleRecord } from '../sale.js';
import type { Refund, ReturnGiftCards, ReturnLine } from './types.js';

export interface CardContext {
  card(code: string): GiftCard | undefined;
  today: string;
  currency: string;
  /** The return's receipt number and the sale's, for the cards' history. */
  returnReceiptNo: string;
  sale: Pick<SaleRecord, 'saleId' | 'receiptNo'>;
}

/** A card that may not take a refund today: blocked or past its expiry (the manager may pay cash). */
function refusesRefund(card: GiftCard, today: string): Result<never> | null {
  const c = maskCode(card.code);
  if (card.state === 'blocked') return fail('REFUND_CARD_BLOCKED', 'Gift card {card} is blocked: the refund cannot go back onto it. A manager may refund it in cash.', { card: c });
  if (effectiveState(card, today) === 'expired')
    return fail('REFUND_CARD_EXPIRED', 'Gift card {card} expired on {date}: the refund cannot go back onto it. A manager may refund it in cash.', { card: c, date: card.expiresOn ?? '' });
  return null;
}

/** Movements that mean a sold card was used (or changed) after it was sold. */
const USED = new Set(['redeemed', 'loaded', 'refunded', 'adjusted', 'expired']);

/** The card a returned gift-card line sold, if it may come back: unspent, not blocked, not expired. */
function soldCardBack(card: GiftCard | undefined, faceValue: number, today: string): Result<GiftCard> {
  if (!card) return fail('GIFT_CARD_UNKNOWN', 'This gift card is not recognised. Check the code and try again.');
  const c = maskCode(card.code);
  if (card.state === 'blocked') return fail('GIFT_CARD_BLOCKED', 'Gift card {card} is blocked. Ask the manager.', { card: c });
  if (effectiveState(card, today) === 'expired') return fail('GIFT_CARD_EXPIRED', 'Gift card {card} expired on {date}.', { card: c, date: card.expiresOn ?? '' });
  if (card.state !== 'active' || card.balance !== faceValue || card.history.some((h) => USED.has(h.kind)))
    return fail('GIFT_CARD_USED', 'Gift card {card} sold on this receipt has been used: it can no longer be returned.', { card: c });
  return ok(card);
}

export interface CardPlan {
  events: GiftCardDraft[];
  ext: ReturnGiftCards;
}

/** The gift-card events and receipt facts of a return, or the refusal. */
export function planCards(lines: readonly ReturnLine[], refunds: readonly Refund[], sale: Pick<SaleRecord, 'extensions'>, ctx: CardContext): Result<CardPlan> {
  const events: GiftCardDraft[] = [];
  const ext: ReturnGiftCards = { refunded: [], returned: [] };
  const reason = `return ${ctx.returnReceiptNo} of ${ctx.sale.receiptNo}`;
  const sold = (sale.extensions?.giftcards as Partial<SaleGiftCards> | undefined)?.sold ?? [];
  for (const l of lines) {
    if (!l.giftCard) continue;
    const s = sold.find((x) => x.lineId === l.lineId);
    const back = soldCardBack(ctx.card(l.giftCard), s?.faceValue ?? NaN, ctx.today);
    if (!back.ok) return back;
    const card = back.value;
    const adjust = planAdjust(card, { amount: -card.balance, reason, today: ctx.today });
    if (!adjust.ok) return adjust;
    const block = planBlock(card, { reason });
    if (!block.ok) return block;
    events.push(...adjust.value, ...block.value);
    ext.returned.push({ code: card.code, lineId: l.lineId, cleared: card.balance });
  }
  // Several shares may go onto one card (it paid twice): check them against the card together.
  const onto = new Map<string, number>();
  for (const r of refunds) if (r.kind === 'giftcard' && r.code) onto.set(r.code, (onto.get(r.code) ?? 0) + r.amount);
  for (const [code, amount] of onto) {
    const card = ctx.card(code);
    const no = card ? refusesRefund(card, ctx.today) : null;
    if (no) return no;
    const planned = planRefund(card, { amount, currency: ctx.currency, today: ctx.today, reason, receiptNo: ctx.returnReceiptNo, saleId: ctx.sale.saleId });
    if (!planned.ok) return planned;
    events.push(...planned.value);
    ext.refunded.push({ code, amount, balanceAfter: card!.balance + amount });
  }
  return ok({ events, ext });
}
