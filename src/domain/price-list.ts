/**
 * A tier's price list (the Vietnamese loyalty base: "Danh sách giá đối với hạng khách", a price list
 * per customer level, synchronised with the customer's pricelist as in Odoo): entries that price one
 * product (sku) or one category, each a fixed unit price or a percentage off the catalog price.
 *
 * The cart carries the list in force (a tier's, while a customer of that tier is attached) and every
 * product line is priced from it: its `unitPrice` is the list's price, `listPrice` keeps the catalog
 * price and `priceFrom` says which entry gave it. Both are journaled on the sold line, so a return,
 * which reads the sold line's unit price, gives back exactly what was charged.
 *
 * Precedence, as Odoo's pricelists and as an owner who writes a special price means it: the entry of
 * the product, else the entry of its category, else the tier's percentage (an order discount that
 * skips priced lines, so a line is never discounted twice). An entry is used only when it does not
 * put the line above the catalog price: a fixed price above it (the catalog price fell since) leaves
 * the line at the catalog price, less the tier's percentage like any other line — a member never pays
 * more than a walk-in customer.
 */
import { mulPpm, type Minor } from './money.js';

export interface PriceEntry {
  /** The product the entry prices (one of sku and category). */
  sku?: string;
  /** The category the entry prices. */
  category?: string;
  /** A fixed unit price, minor units, in the store's price mode (as the catalog's prices). */
  price?: Minor;
  /** Or: this share off the catalog price, ppm (15% = 150000; 0 = the catalog price, no tier percentage). */
  percentPpm?: number;
}

export interface PriceList {
  tierId: string;
  /** The tier's name, for the screen, the receipt and the history. */
  name: string;
  entries: PriceEntry[];
}

/** Where a line's price came from, journaled on the line (`priceFrom`). */
export interface LinePriceSource {
  tierId: string;
  name: string;
  /** The entry that priced the line: the product's own, or its category's. */
  entry: 'sku' | 'category';
  /** The sku or the category of that entry. */
  key: string;
  price?: Minor;
  percentPpm?: number;
}

/** The entry that prices a product: its own (sku) first, then its category's. */
export function entryFor(list: Pick<PriceList, 'entries'>, sku: string, category: string): PriceEntry | undefined {
  return list.entries.find((e) => e.sku === sku) ?? list.entries.find((e) => e.sku === undefined && e.category === category);
}

/** The entry's unit price for a catalog price, or null when the entry is not used (above the catalog price). */
export function entryPrice(e: PriceEntry, catalogPrice: Minor): Minor | null {
  if (e.price !== undefined) return e.price <= catalogPrice ? e.price : null;
  if (e.percentPpm !== undefined) return catalogPrice - mulPpm(catalogPrice, e.percentPpm);
  return null;
}

interface PricedFields {
  kind: string;
  sku: string;
  category: string;
  unitPrice: Minor;
  listPrice?: Minor;
  priceFrom?: LinePriceSource;
  lineDiscount?: Minor;
}

/**
 * The line priced from `list` (or back at its catalog price without one). Only product lines are
 * priced: gift cards and reward lines (a free product carries its price as its discount) keep theirs.
 */
export function priceFromList<L extends PricedFields>(line: L, list: PriceList | null | undefined): L {
  if (line.kind !== 'product' || line.lineDiscount) return line;
  const catalog = line.listPrice ?? line.unitPrice;
  const { listPrice: _l, priceFrom: _p, ...plain } = line;
  const e = list ? entryFor(list, line.sku, line.category) : undefined;
  const price = e ? entryPrice(e, catalog) : null;
  if (!list || !e || price === null) return { ...plain, unitPrice: catalog } as L;
  const source: LinePriceSource = {
    tierId: list.tierId,
    name: list.name,
    entry: e.sku !== undefined ? 'sku' : 'category',
    key: e.sku ?? e.category ?? '',
    ...(e.price !== undefined ? { price: e.price } : { percentPpm: e.percentPpm }),
  };
  return { ...plain, unitPrice: price, listPrice: catalog, priceFrom: source } as L;
}

/** What the price list took off a line: (catalog price - its price) x quantity. */
export const listSaving = (l: Pick<PricedFields, 'unitPrice' | 'listPrice'> & { qty: number }): Minor =>
  l.listPrice === undefined ? 0 : (l.listPrice - l.unitPrice) * l.qty;
