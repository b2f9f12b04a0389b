/**
 * Selling a card at the till, in the register's configured mode:
 *  - generate: a new code, the cashier enters the value (price = value);
 *  - scan-set-amount: a pending stock card is scanned, the cashier enters the value;
 *  - scan-preset: a pending stock card is scanned and sold at its preset value and price (the
 *    difference is promotional value, recorded on the card and in the liability report).
 * The card is a cart line that takes no order discount; it becomes active only when the sale commits
 * (the projection folds `extensions.giftcards.sold`), so a voided sale leaves it pending or unissued.
 */
import { currency, toDecimalString, type Minor } from '../money.js';
import { ok, type Result } from '../errors.js';
import type { CartLine } from '../cart.js';
import type { Tender } from '../tender.js';
import { maskCode } from './code.js';
import { effectiveState, expiryForSale } from './dates.js';
import { refuse } from './errors.js';
import type { GiftCard, LoadedCard, SaleGiftCards, SellMode, SoldCard } from './types.js';
import { isTopUpPlan, type TopUpPlan } from './topup.js';

export interface SellRequest {
  mode: SellMode;
  code: string;
  /** The value entered by the cashier (generate, scan-set-amount). */
  amount?: Minor;
  currency: string;
  today: string;
  defaultValidityDays: number;
  /** Codes already on the open sale (sold lines and gift-card tenders). */
  inSale: readonly string[];
  /** Most a card may hold (`giftCards.maxValue`); absent = no limit. A typo must not load a fortune. */
  maxValue?: Minor;
}

export type SellPlan = Omit<SoldCard, 'lineId'>;

export function planSellCard(card: GiftCard | undefined, r: SellRequest): Result<SellPlan> {
  const masked = maskCode(r.code);
  if (r.inSale.includes(r.code)) return refuse('GIFT_CARD_IN_SALE', { card: masked });
  if (r.mode === 'generate') {
    if (card) return refuse('GIFT_CARD_EXISTS', { card: masked });
  } else {
    if (!card) return refuse('GIFT_CARD_UNKNOWN');
    const state = effectiveState(card, r.today);
    if (state === 'blocked') return refuse('GIFT_CARD_BLOCKED', { card: masked });
    if (state !== 'pending') return refuse('GIFT_CARD_ACTIVE', { card: masked });
    if (card.currency !== r.currency) return refuse('GIFT_CARD_CURRENCY', { card: masked, currency: card.currency });
    if (card.expiresOn && card.expiresOn < r.today) return refuse('GIFT_CARD_EXPIRED', { card: masked, date: card.expiresOn });
  }
  let faceValue: Minor;
  let price: Minor;
  if (r.mode === 'scan-preset') {
    const c = card as GiftCard;
    if (c.faceValue <= 0) return refuse('GIFT_CARD_NO_PRESET', { card: masked });
    faceValue = c.faceValue;
    price = c.price ?? c.faceValue;
  } else {
    if (r.amount === undefined || !Number.isSafeInteger(r.amount) || r.amount <= 0) return refuse('BAD_AMOUNT');
    faceValue = r.amount;
    price = r.amount;
  }
  if (r.maxValue !== undefined && faceValue > r.maxValue)
    return refuse('GIFT_CARD_VALUE_TOO_LARGE', { max: `${toDecimalString(r.maxValue, currency(r.currency))} ${r.currency}`, maxMinor: r.maxValue });
  const plan: SellPlan = { code: r.code, mode: r.mode, faceValue, price };
  const expiresOn = expiryForSale(card, r.today, r.defaultValidityDays);
  if (expiresOn) plan.expiresOn = expiresOn;
  if (card?.customerId) plan.customerId = card.customerId;
  return ok(plan);
}

/** The cart line of a sold card: no tax class of its own is assumed, no order discount, qty 1. */
export function giftCardCartLine(plan: SellPlan, opts: { name: string; taxClass: string; sku?: string }): Omit<CartLine, 'id'> {
  return {
    kind: 'giftcard',
    sku: opts.sku ?? 'GIFTCARD',
    name: `${opts.name} ${maskCode(plan.code)}`,
    unitPrice: plan.price,
    qty: 1,
    taxClass: opts.taxClass,
    category: 'giftcard',
    noDiscount: true,
    meta: { giftcard: plan },
  };
}

const isPlan = (v: unknown): v is SellPlan =>
  !!v && typeof v === 'object' && typeof (v as SellPlan).code === 'string' && Number.isSafeInteger((v as SellPlan).faceValue);

/** Gift-card codes an open sale already holds (sold lines and tenders), for SellRequest.inSale. */
export function codesInSale(lines: readonly CartLine[], tenders: readonly Tender[]): string[] {
  const sold = lines.filter((l) => l.kind === 'giftcard' && isPlan(l.meta?.giftcard)).map((l) => (l.meta!.giftcard as SellPlan).code);
  sold.push(...topUpLines(lines).map((l) => (l.meta!.giftcardLoad as TopUpPlan).code));
  const used = tenders.filter((t) => t.kind === 'giftcard' && typeof t.meta?.code === 'string').map((t) => t.meta!.code as string);
  return [...sold, ...used];
}

/** Total price of the cards sold on a sale: the part gift cards may not pay. */
export function soldCardsTotal(lines: readonly CartLine[]): Minor {
  return lines.reduce((a, l) => (l.kind === 'giftcard' && (isPlan(l.meta?.giftcard) || isTopUpPlan(l.meta?.giftcardLoad)) ? a + l.unitPrice * l.qty : a), 0);
}

const topUpLines = (lines: readonly CartLine[]): CartLine[] => lines.filter((l) => l.kind === 'giftcard' && isTopUpPlan(l.meta?.giftcardLoad));

/**
 * `SaleRecord.extensions.giftcards` from the sale's lines and tenders, or undefined when the sale
 * has no gift cards. This is exactly what the projection folds on `sale.committed`.
 */
export function saleGiftCards(lines: readonly CartLine[], tenders: readonly Tender[]): SaleGiftCards | undefined {
  const sold: SoldCard[] = lines
    .filter((l) => l.kind === 'giftcard' && isPlan(l.meta?.giftcard))
    .map((l) => ({ ...(l.meta!.giftcard as SellPlan), lineId: l.id, price: l.unitPrice * l.qty }));
  const redeemed = tenders
    .filter((t) => t.kind === 'giftcard' && typeof t.meta?.code === 'string')
    .map((t) => ({ code: t.meta!.code as string, amount: t.amount, tenderId: t.id }));
  const loaded: LoadedCard[] = topUpLines(lines).map((l) => ({ ...(l.meta!.giftcardLoad as TopUpPlan), lineId: l.id, amount: l.unitPrice * l.qty }));
  if (!sold.length && !redeemed.length && !loaded.length) return undefined;
  // `loaded` only when there are top-ups: sales without them keep the shape they always had.
  return loaded.length ? { sold, redeemed, loaded } : { sold, redeemed };
}
