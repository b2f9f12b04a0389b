/**
 * Pure context updates for the checkout machine. Each returns a partial context: either the new
 * cart/tenders with the message cleared, or only a message explaining the refusal (nothing else changes).
 */
import { addProduct, priceCart, removeLine, saleLimitAmount, saleLimitMessage, setQty, emptyCart, type Cart } from '../src/domain/cart.js';
import { currency } from '../src/domain/money.js';
import { validateBarcode } from '../src/domain/catalog.js';
import { maskCode } from '../src/domain/giftcard/code.js';
import { addCash, addNonCash, cashDue, due, removeTender, type Tender } from '../src/domain/tender.js';
import { TillError, type Result } from '../src/domain/errors.js';
import type { CheckoutContext, CheckoutMessage } from './checkout.types.js';

type Patch = Partial<CheckoutContext>;

export const errorMessage = (e: TillError): CheckoutMessage => ({ code: e.code, text: e.message, params: e.params, level: 'error' });
export const info = (code: string, text: string, params: Record<string, string | number> = {}): CheckoutMessage => ({ code, text, params, level: 'info' });

export const refusal = (code: string, text: string, params: Record<string, string | number> = {}): CheckoutMessage =>
  errorMessage(new TillError(code, text, params));

/** Commit failures: a TillError (store codes such as DISK_FULL) keeps its code; anything else is IO_ERROR. */
export function fromUnknownError(e: unknown): CheckoutMessage {
  if (e instanceof TillError) return errorMessage(e);
  const text = e instanceof Error ? e.message : String(e);
  return refusal('COMMIT_FAILED', `The sale could not be saved: ${text}`);
}

const refuse = (code: string, text: string, params: Record<string, string | number> = {}): Patch => ({
  message: errorMessage(new TillError(code, text, params)),
});

export const priced = (ctx: CheckoutContext, cart: Cart) => priceCart(cart, ctx.deps.tax);

/** A refused cart change; SALE_TOO_LARGE names its limit in the store's currency. */
export function cartRefusal(ctx: CheckoutContext, e: TillError): CheckoutMessage {
  if (e.code !== 'SALE_TOO_LARGE') return errorMessage(e);
  const cur = currency(ctx.deps.currency);
  const m = errorMessage(e);
  return { ...m, text: saleLimitMessage(cur), params: { ...m.params, max: saleLimitAmount(cur) } };
}

function withCart(ctx: CheckoutContext, r: Result<Cart>): Patch {
  if (!r.ok) return { message: cartRefusal(ctx, r.error) };
  return { cart: r.value, priced: priced(ctx, r.value), message: null };
}

function withTenders(r: Result<Tender[]>, ctx: CheckoutContext): Patch {
  if (!r.ok) return { message: errorMessage(r.error) };
  return { tenders: r.value, nextTender: ctx.nextTender + 1, message: null };
}

/** Letters and digits of the gift-card alphabet, 12 or more with at least one letter: could be a card code, so masked. */
const looksLikeCardCode = (c: string): boolean => /^[0-9A-Za-z]{12,}$/.test(c) && /[A-Za-z]/.test(c);

/** A scan as it arrives from a scanner or the keyboard wedge. */
export function scan(ctx: CheckoutContext, code: string, qty = 1): Patch {
  const c = code.trim();
  if (c === '') return refuse('EMPTY_SCAN', 'Nothing was scanned.');
  if (!/^[\x21-\x7e]+$/.test(c) || c.length > 48) return refuse('GARBLED_SCAN', 'The scan was not readable. Scan again.');
  const product = ctx.deps.catalog.byBarcode(c);
  if (!product) {
    const v = validateBarcode(c);
    if (!v.ok) return refuse('GARBLED_SCAN', 'The scan was not readable. Scan again.', { code: c });
    // A gift-card code typed without its prefix must not be echoed whole on screen or in headless (issue 8.14b).
    const shown = looksLikeCardCode(c) ? maskCode(c) : c;
    return refuse('UNKNOWN_BARCODE', `No product has barcode ${shown}.`, { code: shown });
  }
  return withCart(ctx, addProduct(ctx.cart, product, qty, c));
}

export const changeQty = (ctx: CheckoutContext, lineId: string, qty: number): Patch => withCart(ctx, setQty(ctx.cart, lineId, qty));
export const remove = (ctx: CheckoutContext, lineId: string): Patch => withCart(ctx, removeLine(ctx.cart, lineId));

export const cash = (ctx: CheckoutContext, amount: number): Patch =>
  withTenders(addCash(ctx.priced.total, ctx.tenders, amount, ctx.deps.cashRoundingUnit, `T${ctx.nextTender}`), ctx);

export const exactCash = (ctx: CheckoutContext): Patch =>
  cash(ctx, cashDue(ctx.priced.total, ctx.tenders, ctx.deps.cashRoundingUnit));

export function card(ctx: CheckoutContext, reference: string, amount?: number): Patch {
  const ref = reference.trim();
  if (!/^[\x20-\x7e]{1,32}$/.test(ref)) return refuse('CARD_REFERENCE_REQUIRED', 'Enter the approval code from the card terminal.');
  const owed = due(ctx.priced.total, ctx.tenders);
  return withTenders(addNonCash(ctx.priced.total, ctx.tenders, 'card', amount ?? owed, `T${ctx.nextTender}`, { reference: ref }), ctx);
}

export const dropTender = (ctx: CheckoutContext, id: string): Patch => withTenders(removeTender(ctx.tenders, id), ctx);

export const freshSale = (ctx: CheckoutContext): Patch => {
  const cart = emptyCart();
  return { saleId: null, cart, priced: priceCart(cart, ctx.deps.tax), tenders: [], nextTender: 1, cardPrompt: null, balance: null, customer: null, loyalty: null, confirm: null, totalAccepted: 0 };
};

export const voidMessage = (ctx: CheckoutContext): CheckoutMessage =>
  ctx.tenders.some((t) => t.kind === 'card')
    ? info('SALE_VOIDED_REVERSE_CARD', 'Sale voided. Reverse the card payment on the card terminal.')
    : info('SALE_VOIDED', 'Sale voided.');
