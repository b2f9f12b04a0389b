/**
 * The cart is plain data; every operation returns a new cart. Pricing (discounts, tax, totals) is a
 * pure function of the cart and the tax settings, recomputed on every change.
 */
import { allocate, exactSum, MAX_SALE_AMOUNT, mulPpm, toDecimalString, type Currency, type Minor } from './money.js';
import type { Product } from './catalog.js';
import { computeTax, type TaxSettings, type TaxSummaryRow } from './tax.js';
import { fail, ok, type Result } from './errors.js';
import { priceFromList, type LinePriceSource, type PriceList } from './price-list.js';

export const MAX_QTY = 9999;
export const MAX_LINES = 500;

export type LineKind = 'product' | 'giftcard' | 'reward';

export interface CartLine {
  id: string;
  kind: LineKind;
  sku: string;
  name: string;
  unitPrice: Minor;
  qty: number;
  taxClass: string;
  category: string;
  barcode?: string;
  /** Excluded from order discounts and from the loyalty earning base (gift cards). */
  noDiscount?: boolean;
  /** Discount fixed on this line (e.g. a free-product reward), positive minor units. */
  lineDiscount?: Minor;
  /** Extension data owned by the feature that added the line (gift card code, reward id...). */
  meta?: Record<string, unknown>;
  /** The catalog price of a line priced from a price list (`unitPrice` is then the list's price). */
  listPrice?: Minor;
  /** The price list entry that gave `unitPrice` (price-list.ts); journaled with the sold line. */
  priceFrom?: LinePriceSource;
}

/** A discount on the order (tier price list, loyalty reward), applied before tender. */
export interface OrderDiscount {
  id: string;
  label: string;
  source: 'tier' | 'reward' | 'manual';
  /** percent: value is percent in ppm (10% = 100000); amount: value is minor units. */
  kind: 'percent' | 'amount';
  value: number;
  /** Cap on the discount in minor units. */
  max?: Minor;
  /** Restrict to lines of a product sku or a category; default: every discountable line. */
  target?: { sku?: string; category?: string };
  meta?: Record<string, unknown>;
}

export interface Cart {
  lines: CartLine[];
  discounts: OrderDiscount[];
  /** Counter for line ids, so ids never repeat within a sale. */
  nextLine: number;
  /** The price list in force (the attached customer's tier's): prices every product line, new ones too. */
  priceList?: PriceList | null;
}

export const emptyCart = (): Cart => ({ lines: [], discounts: [], nextLine: 1 });

export function addProduct(cart: Cart, p: Product, qty = 1, barcode?: string): Result<Cart> {
  if (!Number.isInteger(qty) || qty < 1 || qty > MAX_QTY) return fail('BAD_QUANTITY', `Quantity must be 1 to ${MAX_QTY}.`, { max: MAX_QTY });
  const i = cart.lines.findIndex((l) => l.kind === 'product' && l.sku === p.sku && !l.lineDiscount && !l.meta);
  if (i >= 0) {
    const line = cart.lines[i];
    if (line.qty + qty > MAX_QTY) return fail('BAD_QUANTITY', `Quantity must be 1 to ${MAX_QTY}.`, { max: MAX_QTY });
    const lines = cart.lines.slice();
    lines[i] = { ...line, qty: line.qty + qty };
    // The line just scanned moves to the bottom so the cashier sees it.
    lines.push(lines.splice(i, 1)[0]);
    return withinLimits({ ...cart, lines });
  }
  return addLine(cart, priceFromList({
    kind: 'product' as const,
    sku: p.sku,
    name: p.name,
    unitPrice: p.price,
    qty,
    taxClass: p.taxClass,
    category: p.category,
    barcode,
  }, cart.priceList));
}

/**
 * The cart under a price list (a customer of a tier with prices attached), or back at catalog prices
 * (null: detached). Every product line is re-priced at once; lines added later are priced by addProduct.
 * Prices only fall (price-list.ts), so the sale stays within its limits.
 */
export function withPriceList(cart: Cart, list: PriceList | null): Cart {
  const { priceList: _old, ...rest } = cart;
  return { ...rest, ...(list ? { priceList: list } : {}), lines: cart.lines.map((l) => priceFromList(l, list)) };
}

export function addLine(cart: Cart, line: Omit<CartLine, 'id'>): Result<Cart> {
  if (cart.lines.length >= MAX_LINES) return fail('CART_FULL', `A sale can hold at most ${MAX_LINES} lines.`, { max: MAX_LINES });
  const id = `L${cart.nextLine}`;
  return withinLimits({ ...cart, lines: [...cart.lines, { ...line, id }], nextLine: cart.nextLine + 1 });
}

export function setQty(cart: Cart, lineId: string, qty: number): Result<Cart> {
  const line = cart.lines.find((l) => l.id === lineId);
  if (!line) return fail('NO_SUCH_LINE', 'That line is not in the sale.');
  // A scale label is one pack with its own weight or price: another pack is another label.
  if (line.kind !== 'product' || line.meta?.scale !== undefined) return fail('QTY_NOT_ALLOWED', 'The quantity of this line cannot be changed.');
  if (!Number.isInteger(qty) || qty < 1 || qty > MAX_QTY) return fail('BAD_QUANTITY', `Quantity must be 1 to ${MAX_QTY}.`, { max: MAX_QTY });
  return withinLimits({ ...cart, lines: cart.lines.map((l) => (l.id === lineId ? { ...l, qty } : l)) });
}

/**
 * Every cart the operations above return passes here: the lines' unit price × quantity, added
 * exactly (BigInt) and by magnitude, must not pass MAX_SALE_AMOUNT, so that pricing (discounts, tax,
 * total) and the tenders summed against it never leave the safe integers, where a double silently
 * rounds. SALE_TOO_LARGE names the limit; the cart is left as it was. A price or line discount that
 * is not a whole number of minor units (a hand-made event could carry one) is PRICE_INVALID.
 */
function withinLimits(cart: Cart): Result<Cart> {
  if (cart.lines.some((l) => l.lineDiscount !== undefined && !Number.isSafeInteger(l.lineDiscount)))
    return fail('PRICE_INVALID', 'This item has no valid price (not a whole number of minor units). Ask a manager to check the catalog.');
  if (smallSum(cart.lines)) return ok(cart);
  const magnitude = exactSum(cart.lines.map((l) => [Math.abs(l.unitPrice), l.qty] as const));
  if (magnitude === null)
    return fail('PRICE_INVALID', 'This item has no valid price (not a whole number of minor units). Ask a manager to check the catalog.');
  if (magnitude > BigInt(MAX_SALE_AMOUNT)) return fail('SALE_TOO_LARGE', saleLimitText(SALE_LIMIT_MINOR), { max: SALE_LIMIT_MINOR, maxMinor: MAX_SALE_AMOUNT });
  return ok(cart);
}

const SALE_LIMIT_MINOR = `${MAX_SALE_AMOUNT} minor units`;

/**
 * The usual cart, decided without BigInt (a scan's cost, issue 12): every price and quantity a safe
 * integer and each product and running sum of |price| × qty at most MAX_SALE_AMOUNT. Doubles are
 * exact on integers below 2^53, and every value here stays below it, so "true" means exactly what
 * exactSum would say; anything else (a fraction, a huge line) goes to the exact BigInt sum.
 */
function smallSum(lines: readonly CartLine[]): boolean {
  let s = 0;
  for (const l of lines) {
    if (!Number.isSafeInteger(l.unitPrice) || !Number.isSafeInteger(l.qty)) return false;
    const m = Math.abs(l.unitPrice) * l.qty;
    if (!(m <= MAX_SALE_AMOUNT)) return false;
    s += m;
    if (!(s <= MAX_SALE_AMOUNT)) return false;
  }
  return true;
}
/** Same text as the catalog's error.SALE_TOO_LARGE. */
const saleLimitText = (max: string): string => `A sale can come to at most ${max} before tax; this would pass it. Sell the rest as another sale.`;

/** The limit in the store's currency ("45035996273704.95 USD"): `max` of SALE_TOO_LARGE where the currency is known. */
export const saleLimitAmount = (cur: Currency): string => `${toDecimalString(MAX_SALE_AMOUNT, cur)} ${cur.code}`;

/** The SALE_TOO_LARGE text with the limit in the store's currency. */
export const saleLimitMessage = (cur: Currency): string => saleLimitText(saleLimitAmount(cur));

export function removeLine(cart: Cart, lineId: string): Result<Cart> {
  if (!cart.lines.some((l) => l.id === lineId)) return fail('NO_SUCH_LINE', 'That line is not in the sale.');
  return ok({ ...cart, lines: cart.lines.filter((l) => l.id !== lineId) });
}

export interface PricedLine extends CartLine {
  /** unitPrice * qty */
  gross: Minor;
  /** line discount plus its share of order discounts */
  discount: Minor;
  /** gross - discount: what the line costs, in the store's price mode */
  amount: Minor;
  tax: Minor;
}

export interface AppliedDiscount {
  id: string;
  label: string;
  source: OrderDiscount['source'];
  amount: Minor;
  meta?: Record<string, unknown>;
}

export interface PricedCart {
  lines: PricedLine[];
  discounts: AppliedDiscount[];
  /** Sum of gross line amounts before any discount. */
  gross: Minor;
  discountTotal: Minor;
  /** Net of tax: total - tax. */
  net: Minor;
  tax: Minor;
  total: Minor;
  taxSummary: TaxSummaryRow[];
  itemCount: number;
}

/**
 * What a line costs before order discounts: its gross less its own discount (a free-product reward
 * makes it 0.00). The one reading of a sale the screen and the receipt share: lines at this amount,
 * the order discounts (tier, rewards) on their own lines below, so no discount is counted twice.
 */
export const lineBeforeOrderDiscounts = (l: Pick<PricedLine, 'gross' | 'lineDiscount'>): Minor => l.gross - Math.min(l.lineDiscount ?? 0, l.gross);

/** The order discounts of a priced sale (what the discount lines add up to). */
export const orderDiscountTotal = (p: Pick<PricedCart, 'discounts'>): Minor => p.discounts.reduce((a, d) => a + d.amount, 0);

/** What the lines add up to before order discounts: subtotal - order discounts (+ exclusive tax) = total. */
export const subtotalBeforeOrderDiscounts = (p: Pick<PricedCart, 'gross' | 'discountTotal' | 'discounts'>): Minor => p.gross - (p.discountTotal - orderDiscountTotal(p));

function matches(l: CartLine, d: OrderDiscount): boolean {
  const t = d.target;
  if (l.noDiscount) return false;
  // A line priced from the tier's list takes no tier percentage as well: one member price, not two.
  if (d.source === 'tier' && l.priceFrom) return false;
  if (!t) return true;
  if (t.sku !== undefined && l.sku !== t.sku) return false;
  if (t.category !== undefined && l.category !== t.category) return false;
  return true;
}

/**
 * A line's priced form, the same object again when the line (the same object: carts are never
 * changed in place) comes to the same figures: a scan re-prices the whole cart, and copying every
 * unchanged line each time was most of a scan's garbage (issue 12). Weak: a line no cart holds goes.
 */
const pricedLines = new WeakMap<CartLine, PricedLine>();
function pricedLine(l: CartLine, gross: Minor, discount: Minor, amount: Minor, tax: Minor): PricedLine {
  const was = pricedLines.get(l);
  if (was && was.gross === gross && was.discount === discount && was.amount === amount && was.tax === tax) return was;
  const p: PricedLine = { ...l, gross, discount, amount, tax };
  pricedLines.set(l, p);
  return p;
}

export function priceCart(cart: Cart, tax: TaxSettings): PricedCart {
  const gross = cart.lines.map((l) => l.unitPrice * l.qty);
  const disc = cart.lines.map((l, i) => Math.min(l.lineDiscount ?? 0, gross[i]));
  const applied: AppliedDiscount[] = [];
  for (const d of cart.discounts) {
    const idx = cart.lines.map((l, i) => (matches(l, d) ? i : -1)).filter((i) => i >= 0);
    const base = idx.reduce((a, i) => a + gross[i] - disc[i], 0);
    if (base <= 0) {
      applied.push({ id: d.id, label: d.label, source: d.source, amount: 0, meta: d.meta });
      continue;
    }
    let amount = d.kind === 'percent' ? mulPpm(base, d.value) : d.value;
    if (d.max !== undefined) amount = Math.min(amount, d.max);
    amount = Math.max(0, Math.min(amount, base));
    const parts = allocate(amount, idx.map((i) => gross[i] - disc[i]));
    parts.forEach((p, k) => (disc[idx[k]] += p));
    applied.push({ id: d.id, label: d.label, source: d.source, amount, meta: d.meta });
  }
  const amounts = gross.map((g, i) => g - disc[i]);
  const t = computeTax(cart.lines.map((l, i) => ({ amount: amounts[i], taxClass: l.taxClass })), tax);
  const lines: PricedLine[] = cart.lines.map((l, i) => pricedLine(l, gross[i], disc[i], amounts[i], t.lineTax[i]));
  const sumAmounts = amounts.reduce((a, b) => a + b, 0);
  const total = tax.mode === 'inclusive' ? sumAmounts : sumAmounts + t.tax;
  return {
    lines,
    discounts: applied,
    gross: gross.reduce((a, b) => a + b, 0),
    discountTotal: disc.reduce((a, b) => a + b, 0),
    net: total - t.tax,
    tax: t.tax,
    total,
    taxSummary: t.summary,
    itemCount: cart.lines.reduce((a, l) => a + l.qty, 0),
  };
}

