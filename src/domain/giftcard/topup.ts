/**
 * Topping up an existing card (the Odoo gift-card page: "scan an existing card and set its price"
 * also gives value to an existing or expired card so it can be used again). At a register in top-up
 * mode (`giftCards.topUp`) an active, depleted or expired card scanned in a sale asks for the value
 * to load; the load is a line of the sale and happens when the sale commits. `till giftcard load
 * --extend` is the back office's way.
 *
 * Renewal: a card past its last valid day (recorded expired or not) gets a new expiry — today plus
 * the validity of a new card (`giftCards.defaultValidityDays`, 0 = never expires). Whatever was left
 * on it when it expired is forfeited first, exactly as `till giftcard expire` would record it, so the
 * books are the same whether or not the expiry batch ran before the top-up; the load is new value.
 */
import { currency, toDecimalString, type Minor } from '../money.js';
import { ok, type Result } from '../errors.js';
import type { CartLine } from '../cart.js';
import { maskCode } from './code.js';
import { addDays, effectiveState, isPastExpiry } from './dates.js';
import { refuse } from './errors.js';
import type { GiftCard, LoadedCard, Renewal } from './types.js';

/** The renewal a load brings to a card on `today`, or undefined when it keeps its expiry. */
export function renewalFor(card: Pick<GiftCard, 'state' | 'expiresOn'>, today: string, validityDays: number, extend: boolean): Renewal | undefined {
  const expired = card.state === 'expired' || isPastExpiry(card, today);
  if (!expired && !extend) return undefined;
  const fresh = validityDays > 0 ? addDays(today, validityDays) : null;
  // Extending a card that is still valid never shortens it (nor ends a card that never expires).
  if (!expired && (card.expiresOn === undefined || (fresh !== null && fresh <= card.expiresOn))) return undefined;
  return { day: today, expiresOn: fresh };
}

/** What the load forfeits first: the balance left on a card that is past its expiry (0 otherwise). */
export const forfeitOnRenewal = (card: Pick<GiftCard, 'state' | 'expiresOn' | 'balance'>, day: string): Minor =>
  (card.state === 'active' || card.state === 'depleted') && isPastExpiry(card, day) ? Math.max(0, card.balance) : 0;

export interface TopUpRequest {
  amount?: Minor;
  currency: string;
  today: string;
  /** Validity of a renewed card, days (0 = never expires). */
  validityDays: number;
  /** Codes already on the open sale (sold, loaded and tendered cards). */
  inSale: readonly string[];
  /** Most a card may hold (`giftCards.maxValue`); absent = no limit. */
  maxValue?: Minor;
}

export type TopUpPlan = Omit<LoadedCard, 'lineId'>;

/** Can this card be topped up (before the amount is known)? Refusals name the card, masked. */
export function topUpRefusal(card: GiftCard | undefined, r: Omit<TopUpRequest, 'amount'>, code: string): Result<never> | null {
  const masked = maskCode(code);
  if (r.inSale.includes(code)) return refuse('GIFT_CARD_IN_SALE', { card: masked });
  if (!card) return refuse('GIFT_CARD_UNKNOWN');
  const state = effectiveState(card, r.today);
  if (state === 'blocked') return refuse('GIFT_CARD_BLOCKED', { card: masked });
  if (state === 'pending') return refuse('GIFT_CARD_PENDING', { card: masked });
  if (card.currency !== r.currency) return refuse('GIFT_CARD_CURRENCY', { card: masked, currency: card.currency });
  return null;
}

export function planTopUp(card: GiftCard | undefined, code: string, r: TopUpRequest): Result<TopUpPlan> {
  const no = topUpRefusal(card, r, code);
  if (no) return no;
  const c = card as GiftCard;
  if (r.amount === undefined || !Number.isSafeInteger(r.amount) || r.amount <= 0) return refuse('BAD_AMOUNT');
  const renew = renewalFor(c, r.today, r.validityDays, false);
  const forfeited = renew ? forfeitOnRenewal(c, r.today) : 0;
  const plan: TopUpPlan = { code: c.code, amount: r.amount, balanceAfter: c.balance - forfeited + r.amount };
  if (r.maxValue !== undefined && plan.balanceAfter > r.maxValue)
    return refuse('GIFT_CARD_VALUE_TOO_LARGE', { max: `${toDecimalString(r.maxValue, currency(r.currency))} ${r.currency}`, maxMinor: r.maxValue });
  if (renew) plan.renew = renew;
  return ok(plan);
}

/** The cart line of a top-up: untaxed, no order discount, earns no points; the card is masked. */
export function topUpCartLine(plan: TopUpPlan, opts: { name: string; taxClass: string }): Omit<CartLine, 'id'> {
  return {
    kind: 'giftcard',
    sku: 'GIFTCARD-LOAD',
    name: `${opts.name} ${maskCode(plan.code)}`,
    unitPrice: plan.amount,
    qty: 1,
    taxClass: opts.taxClass,
    category: 'giftcard',
    noDiscount: true,
    meta: { giftcardLoad: plan },
  };
}

export const isTopUpPlan = (v: unknown): v is TopUpPlan =>
  !!v && typeof v === 'object' && typeof (v as TopUpPlan).code === 'string' && Number.isSafeInteger((v as TopUpPlan).amount);
