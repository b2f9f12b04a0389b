/**
 * Quick keys: a grid of favourites for what has no barcode (a croissant, coffee sizes). The
 * configuration (`quickKeys.pages` in till.config.json) holds pages of up to QUICK_KEYS_PER_PAGE keys,
 * each one character (a digit or a letter, shown on the grid) naming a product by sku, with an
 * optional label (the product's name otherwise). Pure.
 *
 * Refused at load, each naming its key: a page with too many keys, a key that is not one digit or
 * letter, the same key twice on a page (the form is checked with the rest of the configuration,
 * config.ts); a sku the catalog does not have, or a product sold by weight (it is sold from its
 * scale label) — checked against the store when the register opens (quickKeyPages).
 */
import type { CatalogLookup, Product } from './catalog.js';
import { fail, ok, type Result } from './errors.js';
import type { ConfigProblem } from './config.js';

/** 4 columns x 5 rows: what fits the body of an 80x24 screen with a title and the page line. */
export const QUICK_KEYS_PER_PAGE = 20;
export const QUICK_KEY_PAGES_MAX = 9;
export const QUICK_LABEL_MAX = 24;

export interface QuickKeyConfig {
  key: string;
  sku: string;
  label?: string;
}

export interface QuickKeysConfig {
  pages: { title?: string; keys: QuickKeyConfig[] }[];
}

/** A key as the grid shows it: its character, what it says, the product it adds. */
export interface QuickKey {
  key: string;
  label: string;
  product: Product;
}

export interface QuickKeyPage {
  title: string;
  keys: QuickKey[];
}

/** Problems of the form alone (no catalog): each with its key in the configuration. */
export function quickKeysFormProblems(v: unknown, key = 'quickKeys.pages'): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  if (!Array.isArray(v)) return [{ key, message: 'must be a list of pages { "title", "keys": [{ "key", "sku", "label" }] } ([] = no quick keys)' }];
  if (v.length > QUICK_KEY_PAGES_MAX) out.push({ key, message: `has ${v.length} pages; at most ${QUICK_KEY_PAGES_MAX}` });
  v.forEach((page, i) => {
    const at = `${key}[${i}]`;
    if (!page || typeof page !== 'object' || !Array.isArray(page.keys)) return void out.push({ key: at, message: 'must be { "title", "keys": [...] }' });
    if (page.title !== undefined && (typeof page.title !== 'string' || page.title.length > 40)) out.push({ key: `${at}.title`, message: 'must be text of at most 40 characters' });
    if (page.keys.length > QUICK_KEYS_PER_PAGE) out.push({ key: `${at}.keys`, message: `has ${page.keys.length} keys; a page holds at most ${QUICK_KEYS_PER_PAGE} (make another page)` });
    const seen = new Map<string, number>();
    page.keys.forEach((k: unknown, j: number) => {
      const kat = `${at}.keys[${j}]`;
      const q = k as Partial<QuickKeyConfig> | null;
      if (!q || typeof q !== 'object') return void out.push({ key: kat, message: 'must be { "key", "sku", "label" }' });
      if (typeof q.key !== 'string' || !/^[0-9A-Za-z]$/.test(q.key)) out.push({ key: `${kat}.key`, message: `must be one digit or letter, got ${JSON.stringify(q.key)}` });
      else {
        const c = q.key.toLowerCase();
        const first = seen.get(c);
        if (first !== undefined) out.push({ key: `${kat}.key`, message: `"${q.key}" is already the key of ${at}.keys[${first}] on this page` });
        else seen.set(c, j);
      }
      if (typeof q.sku !== 'string' || q.sku.trim() === '') out.push({ key: `${kat}.sku`, message: 'must be the sku of a product' });
      if (q.label !== undefined && (typeof q.label !== 'string' || q.label.trim() === '' || q.label.length > QUICK_LABEL_MAX))
        out.push({ key: `${kat}.label`, message: `must be text of 1 to ${QUICK_LABEL_MAX} characters (or left out: the product's name)` });
    });
  });
  return out;
}

/**
 * The pages as the grid shows them, every sku found in the catalog. CONFIG_INVALID (listing each
 * problem with its key, as a configuration file's problems are listed) when one is not.
 */
export function quickKeyPages(config: { quickKeys?: QuickKeysConfig }, catalog: CatalogLookup): Result<QuickKeyPage[]> {
  const pages = config.quickKeys?.pages ?? [];
  const problems = quickKeysFormProblems(pages);
  const out: QuickKeyPage[] = [];
  if (problems.length === 0)
    pages.forEach((page, i) => {
      const keys: QuickKey[] = [];
      page.keys.forEach((k, j) => {
        const at = `quickKeys.pages[${i}].keys[${j}].sku`;
        const product = catalog.bySku(k.sku);
        if (!product) return void problems.push({ key: at, message: `no product has the sku "${k.sku}" (till import adds products)` });
        if (product.soldBy === 'weight') return void problems.push({ key: at, message: `"${k.sku}" is sold by weight: it is sold from its scale label, not a key` });
        keys.push({ key: k.key.toLowerCase(), label: k.label ?? product.name, product });
      });
      out.push({ title: page.title ?? '', keys });
    });
  if (problems.length) {
    const list = problems.map((p) => `  ${p.key}: ${p.message}`).join('\n');
    return fail('CONFIG_INVALID', `The configuration has ${problems.length} problem(s) with its quick keys:\n${list}`);
  }
  return ok(out);
}

/** The key pressed on a page, or undefined (letters match in either case). */
export const quickKeyFor = (page: QuickKeyPage | undefined, ch: string): QuickKey | undefined => page?.keys.find((k) => k.key === ch.toLowerCase());
