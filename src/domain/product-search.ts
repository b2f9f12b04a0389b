/**
 * Finding a product by name or sku as the cashier types: built once over the catalog, then each
 * keystroke looks up postings instead of reading every product. Pure.
 *
 * Matching: every word of the query must be a substring of the product's name or sku, after both
 * are folded the same way — lower case (Unicode, so Cyrillic "КОФЕ" finds "кофе"), Vietnamese and
 * other diacritics dropped ("ca phe" finds "Cà phê", "đá" is "da"), ё as е, full-width forms
 * narrowed (NFKD). CJK has no spaces: "咖啡" is a substring of "越南咖啡" like any other.
 *
 * Index: for each folded character and each run of three, the products containing it (sorted ids,
 * Int32Array; a run of three never spans the name and the sku). A query word of three or more characters is looked up by its rarest trigram, a shorter
 * one by its rarest character; the candidates are then checked by substring. Results keep the
 * catalog's order, an exact sku first; `limit` stops the walk early (the screen shows a page).
 */
import type { Product } from './catalog.js';

/** The folded form both the catalog and the query are compared in. */
export function foldText(s: string): string {
  // Most catalogs are mostly ASCII: nothing to decompose there.
  if (/^[\x20-\x7e]*$/.test(s)) return s.toLowerCase().replace(/ {2,}/g, ' ').trim();
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/đ/g, 'd')
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface ProductIndex {
  readonly size: number;
  /** Products matching every word of `query`, at most `limit`, catalog order, an exact sku first. */
  search(query: string, limit: number): Product[];
}

/** Distinct folded characters get small ids; a trigram's key is the three ids in one safe integer. */
const K = 1 << 17;

export function buildProductIndex(products: Iterable<Product>): ProductIndex {
  const list: Product[] = [];
  const text: string[] = [];
  const charIds = new Map<string, number>();
  const grams = new Map<number, number[]>();
  const skus = new Map<string, number>();
  const post = (key: number, id: number) => {
    const ids = grams.get(key);
    // Products are added in id order: the last entry tells whether this one is there already.
    if (!ids) grams.set(key, [id]);
    else if (ids[ids.length - 1] !== id) ids.push(id);
  };
  for (const p of products) {
    const id = list.length;
    list.push(p);
    const name = foldText(p.name);
    const sku = foldText(p.sku);
    text.push(`${name}\u0000${sku}`);
    skus.set(sku, id);
    for (const part of [name, sku]) {
      let a = 0;
      let b = 0;
      for (const ch of part) {
        let c = charIds.get(ch);
        if (c === undefined) charIds.set(ch, (c = charIds.size + 1));
        post(c, id);
        if (a) post((a * K + b) * K + c, id);
        a = b;
        b = c;
      }
    }
  }
  // Postings are ascending by construction; packed once so the index stays compact at 100k products.
  const postings = new Map<number, Int32Array>();
  for (const [g, ids] of grams) postings.set(g, Int32Array.from(ids));
  // The closures below share this scope: without this the build's arrays would live as long as the index.
  grams.clear();
  const NONE = new Int32Array(0);

  /** The shortest posting list that every product matching `word` must be on. */
  function candidates(word: string): Int32Array {
    const cs = [...word].map((ch) => charIds.get(ch) ?? 0);
    if (cs.includes(0)) return NONE;
    const keys = cs.length >= 3 ? cs.slice(2).map((c, i) => (cs[i] * K + cs[i + 1]) * K + c) : cs;
    let best: Int32Array | null = null;
    for (const k of keys) {
      const p = postings.get(k) ?? NONE;
      if (!best || p.length < best.length) best = p;
      if (best.length === 0) break;
    }
    return best ?? NONE;
  }

  return {
    size: list.length,
    search(query, limit) {
      const words = foldText(query).split(' ').filter(Boolean);
      if (words.length === 0 || limit <= 0) return [];
      const lists = words.map(candidates);
      let base = lists[0];
      for (const l of lists) if (l.length < base.length) base = l;
      const out: Product[] = [];
      const exact = skus.get(foldText(query));
      if (exact !== undefined) out.push(list[exact]);
      for (let k = 0; k < base.length && out.length < limit; k++) {
        const id = base[k];
        if (id === exact) continue;
        const t = text[id];
        if (words.every((w) => t.includes(w))) out.push(list[id]);
      }
      return out;
    },
  };
}
