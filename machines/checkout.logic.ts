/**
 * Pure context updates for the checkout machine. Each returns a partial context: either the new
 * cart/tenders with the message cleared, or only a message explaining the refusal (nothing else changes).
 */
import { addLine, addProduct, MAX_QTY, priceCart, removeLine, saleLimitAmount, saleLimitMessage, setQty, emptyCart, type Cart } from '../src/domain/cart.js';
import { currency, toDecimalString } from '../src/domain/money.js';
import { validateBarcode, type Product } from '../src/domain/catalog.js';
import { decodeScaleCode, scaleLine, weightText, type ScaleCode } from '../src/domain/scale-barcode.js';
import { maskCode } from '../src/domain/giftcard/code.js';
import { addCash, addNonCash, cashDue, due, removeTender, type Tender } from '../src/domain/tender.js';
import { TillError, type Result } from '../src/domain/errors.js';
import type { CheckoutContext, CheckoutEvent, CheckoutMessage } from './checkout.types.js';

type Patch = Partial<CheckoutContext>;

export const errorMessage = (e: TillError): CheckoutMessage => ({ code: e.code, text: e.message, params: e.params, level: 'error' });
export const info = (code: string, text: string, params: Record<string, string | number> = {}): CheckoutMessage => ({ code, text, params, level: 'info' });

export const refusal = (code: string, text: string, params: Record<string, string | number> = {}): CheckoutMessage =>
  errorMessage(new TillError(code, text, params));

/** Commit failures: a TillError (store codes such as DISK_FULL) keeps its code; anything else is IO_ERROR. */
export function fromUnknownError(e: unknown): CheckoutMessage {
  if (e instanceof TillError) return errorMessage(e);
  const text = e instanceof Error ? e.message : String(e);
  return refusal('COMMIT_FAILED', `The sale could not be saved: ${text}`, { detail: text });
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

/** A product a code or sku names, with what the line needs of the code; or the refusal. */
type Found = { product: Product; barcode?: string; scale?: ScaleCode } | { refusal: Patch };

/** The product a scanned code names: its barcode, else a scale label's item code (scale-barcode.ts). */
function find(ctx: CheckoutContext, c: string): Found {
  if (c === '') return { refusal: refuse('EMPTY_SCAN', 'Nothing was scanned.') };
  if (!/^[\x21-\x7e]+$/.test(c) || c.length > 48) return { refusal: refuse('GARBLED_SCAN', 'The scan was not readable. Scan again.') };
  const product = ctx.deps.catalog.byBarcode(c);
  if (product) return { product, barcode: c };
  // A code the catalog does not know may be a scale label (an exact barcode always wins: a store
  // that printed fixed in-store codes in the same range keeps them).
  const label = decodeScaleCode(c, ctx.deps.scale ?? []);
  if (label) {
    if (!label.ok) return { refusal: { message: errorMessage(label.error) } };
    const item = ctx.deps.catalog.byBarcode(label.value.item);
    if (!item) return { refusal: refuse('SCALE_ITEM_UNKNOWN', `No product has item code ${label.value.item} (label ${c}).`, { item: label.value.item, code: c }) };
    return { product: item, barcode: c, scale: label.value };
  }
  const v = validateBarcode(c);
  if (!v.ok) return { refusal: refuse('GARBLED_SCAN', 'The scan was not readable. Scan again.', { code: c }) };
  // A gift-card code typed without its prefix must not be echoed whole on screen or in headless (issue 8.14b).
  const shown = looksLikeCardCode(c) ? maskCode(c) : c;
  return { refusal: refuse('UNKNOWN_BARCODE', `No product has barcode ${shown}.`, { code: shown }) };
}

function findSku(ctx: CheckoutContext, sku: string): Found {
  const product = ctx.deps.catalog.bySku(sku);
  if (!product) return { refusal: refuse('PRODUCT_UNKNOWN', `No product has the sku ${sku}.`, { sku }) };
  return { product };
}

/** Adds what was found: a scale label's line, the price prompt of an open-price product, or the product. */
function add(ctx: CheckoutContext, f: Found, qty: number | undefined): Patch {
  if ('refusal' in f) return f.refusal;
  const { product: p, barcode, scale } = f;
  if (scale) {
    if (qty !== undefined && qty !== 1) return refuse('SCALE_QTY', 'A scale label is one pack: scan each label.');
    const line = scaleLine(scale, p.price);
    if (line.amount <= 0) return refuse('SCALE_ZERO', `The label ${barcode} shows no price or weight. Weigh the item again.`, { code: barcode ?? '' });
    const meta = { scale: { kind: scale.layout.kind, ...(line.weight ? { weight: weightText(line.weight), unit: 'kg', pricePerKg: line.weight.pricePerKg } : {}) } };
    return withCart(ctx, addLine(ctx.cart, { kind: 'product', sku: p.sku, name: p.name, unitPrice: line.amount, qty: 1, taxClass: p.taxClass, category: p.category, barcode, meta }));
  }
  if (p.soldBy === 'weight') return refuse('WEIGHT_REQUIRED', `${p.name} is sold by weight: weigh it and scan the scale label.`, { name: p.name });
  if (p.openPrice) {
    const n = qty ?? 1;
    if (!Number.isInteger(n) || n < 1 || n > MAX_QTY) return refuse('BAD_QUANTITY', `Quantity must be 1 to ${MAX_QTY}.`, { max: MAX_QTY });
    return { pricePrompt: { sku: p.sku, name: p.name, qty: n, ...(barcode ? { barcode } : {}) }, message: null };
  }
  return withCart(ctx, addProduct(ctx.cart, p, qty ?? 1, barcode));
}

/** A scan as it arrives from a scanner or the keyboard wedge. */
export const scan = (ctx: CheckoutContext, code: string, qty?: number): Patch => add(ctx, find(ctx, code.trim()), qty);

/** A product by its sku (product search, quick keys). */
export const addSku = (ctx: CheckoutContext, sku: string, qty?: number): Patch => add(ctx, findSku(ctx, sku), qty);

/** The product a scan or an add event names, when that product is added without a refusal. */
export function productOf(ctx: CheckoutContext, e: CheckoutEvent): Product | undefined {
  if (e.type === 'cart.scan') {
    const f = find(ctx, e.code.trim());
    return 'product' in f ? f.product : undefined;
  }
  if (e.type === 'cart.add') return ctx.deps.catalog.bySku(e.sku);
  return undefined;
}

/**
 * What one add event does to one context, computed once: the guards of a `cart.scan` / `cart.add`
 * (the plausibility question, asksPrice, scanAdds) and the action that takes it all ask it, and each
 * answer prices the whole cart (issue 12: three to four pricings per scan were most of a scan's
 * time). Keyed by the event object and valid only for the same context object, so the next event,
 * or the same event object against a changed context, is computed afresh: a catalog changed between
 * two events cannot answer from the first. The patch is never mutated (assign copies it).
 */
const addMemo = new WeakMap<CheckoutEvent, { ctx: CheckoutContext; patch: Patch }>();

/** An add event, scanned or by sku. */
export function addEvent(ctx: CheckoutContext, e: CheckoutEvent): Patch {
  if (e.type !== 'cart.scan' && e.type !== 'cart.add') return {};
  const hit = addMemo.get(e);
  if (hit && hit.ctx === ctx) return hit.patch;
  const patch = e.type === 'cart.scan' ? scan(ctx, e.code, e.qty) : addSku(ctx, e.sku, e.qty);
  addMemo.set(e, { ctx, patch });
  return patch;
}

/** The event adds an open-price product: the price is asked for first (open.priceEntry). */
export const asksPrice = (ctx: CheckoutContext, e: CheckoutEvent): boolean => (e.type === 'cart.scan' || e.type === 'cart.add') && addEvent(ctx, e).pricePrompt != null;

/** The event adds to the cart (or asks the price) without a refusal. */
export const adds = (ctx: CheckoutContext, e: CheckoutEvent): boolean => (e.type === 'cart.scan' || e.type === 'cart.add') && addEvent(ctx, e).message == null;

/**
 * The price typed for the open-price product waiting (context.pricePrompt): a whole number of minor
 * units above zero and not above `openPriceMax` (OPEN_PRICE_INVALID, OPEN_PRICE_TOO_HIGH); the line
 * is journaled with it and marked `meta.openPrice`.
 */
export function priceEntered(ctx: CheckoutContext, amount: number): Patch {
  const pp = ctx.pricePrompt;
  if (!pp) return refuse('NO_PRICE_PROMPT', 'No item is waiting for a price.');
  if (!Number.isSafeInteger(amount) || amount <= 0) return refuse('OPEN_PRICE_INVALID', `Type the price of ${pp.name}: more than zero.`, { name: pp.name });
  const max = ctx.deps.openPriceMax;
  if (max != null && amount > max) {
    const cur = currency(ctx.deps.currency);
    return refuse('OPEN_PRICE_TOO_HIGH', `${pp.name} can be sold for at most ${toDecimalString(max, cur)} ${cur.code}. Check the price.`, { name: pp.name, max: `${toDecimalString(max, cur)} ${cur.code}`, maxMinor: max });
  }
  const p = ctx.deps.catalog.bySku(pp.sku);
  if (!p) return { ...refuse('PRODUCT_UNKNOWN', `No product has the sku ${pp.sku}.`, { sku: pp.sku }), pricePrompt: null };
  const r = addLine(ctx.cart, { kind: 'product', sku: p.sku, name: p.name, unitPrice: amount, qty: pp.qty, taxClass: p.taxClass, category: p.category, ...(pp.barcode ? { barcode: pp.barcode } : {}), meta: { openPrice: true } });
  const patch = withCart(ctx, r);
  return patch.message ? patch : { ...patch, pricePrompt: null };
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
  return { saleId: null, cart, priced: priceCart(cart, ctx.deps.tax), tenders: [], nextTender: 1, cardPrompt: null, pricePrompt: null, balance: null, customer: null, loyalty: null, confirm: null, totalAccepted: 0, holding: null };
};

export const voidMessage = (ctx: CheckoutContext): CheckoutMessage =>
  ctx.tenders.some((t) => t.kind === 'card')
    ? info('SALE_VOIDED_REVERSE_CARD', 'Sale voided. Reverse the card payment on the card terminal.')
    : info('SALE_VOIDED', 'Sale voided.');
