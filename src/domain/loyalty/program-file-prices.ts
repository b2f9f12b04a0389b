/**
 * A tier's price list in the program file (`tiers.levels[].prices`, docs/loyalty.md "Price list per
 * tier"): each entry prices one product ("sku") or one category ("category") with a fixed "price" or
 * a "percent" off the catalog price. Read as strictly as the rest of the file: an unknown product or
 * category (when the catalog is at hand), a price of zero or less, an entry with both or neither of
 * price and percent, and a product or category priced twice in one tier are refused, each at its
 * line and column, and the file changes nothing.
 */
import { closest } from '../suggest.js';
import type { PriceEntry } from '../price-list.js';
import { got, isObj, OBJ, present, type Obj, type Reader } from './program-file-fields.js';

export const TIER_PRICE_KEYS = ['sku', 'category', 'price', 'percent'] as const;

/** What the file's products and categories are checked against (the store's catalog). */
export interface CatalogCheck {
  hasSku(sku: string): boolean;
  /** The catalog's categories (a few dozen in a shop). */
  categories(): readonly string[];
}

export function readTierPrices(r: Reader, list: unknown, at: string, catalog?: CatalogCheck): PriceEntry[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return r.bad(at, 'PRICES_BAD', { example: '[{ "sku": "101", "price": "2.50" }, { "category": "bakery", "percent": 15 }]', got: got(list) }) ?? [];
  const out: PriceEntry[] = [];
  const seen = new Map<string, number>();
  list.forEach((x, i) => {
    const eat = `${at}[${i}]`;
    if (!isObj(x)) return void r.bad(eat, 'OBJECT_BAD', { obj: OBJ, got: got(x) });
    const e = entry(r, x, eat, catalog);
    if (!e) return;
    const key = e.sku !== undefined ? `sku ${e.sku}` : `category ${e.category}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const k = e.sku !== undefined ? 'sku' : 'category';
      r.bad(`${eat}.${k}`, k === 'sku' ? 'SKU_PRICED_TWICE' : 'CATEGORY_PRICED_TWICE', { value: JSON.stringify(e.sku ?? e.category), first: `${at}[${first}]` }, 'PROGRAM_DUPLICATE_ENTRY');
      return;
    }
    seen.set(key, i);
    out.push(e);
  });
  return out;
}

function entry(r: Reader, o: Obj, at: string, catalog?: CatalogCheck): PriceEntry | undefined {
  const before = r.problems.length;
  r.keys(o, at, TIER_PRICE_KEYS, 'priceEntry');
  const target = r.target(o, at, 'priceEntry');
  if (!target && !present(o, 'sku') && !present(o, 'category')) r.bad(at, 'PRICE_TARGET_NONE');
  if (target?.sku !== undefined && catalog && !catalog.hasSku(target.sku)) r.bad(`${at}.sku`, 'SKU_UNKNOWN', { sku: JSON.stringify(target.sku) }, 'PROGRAM_UNKNOWN_TARGET');
  if (target?.category !== undefined && catalog && !catalog.categories().includes(target.category)) {
    const [near] = closest(target.category, catalog.categories());
    const category = JSON.stringify(target.category);
    r.bad(`${at}.category`, near ? 'CATEGORY_UNKNOWN_NEAR' : 'CATEGORY_UNKNOWN', near ? { category, near } : { category }, 'PROGRAM_UNKNOWN_TARGET');
  }
  const hasPrice = present(o, 'price');
  const hasPercent = present(o, 'percent');
  if (hasPrice && hasPercent) r.bad(`${at}.percent`, 'PRICE_BOTH', {}, 'PROGRAM_BAD_VALUE', 'key');
  else if (!hasPrice && !hasPercent) r.bad(at, 'PRICE_NONE');
  const price = hasPrice ? r.money(o, 'price', at, { positive: true }) : undefined;
  const percentPpm = hasPercent && !hasPrice ? r.scaled(o, 'percent', at, 4, 1_000_000, { percent: true }) : undefined;
  if (r.problems.length !== before || !target) return undefined;
  return { ...target, ...(price !== undefined ? { price } : {}), ...(percentPpm !== undefined ? { percentPpm } : {}) };
}
