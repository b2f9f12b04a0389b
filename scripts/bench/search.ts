/**
 * Product search at 100,000 products (issue 11): the index is built once (timed), then each keystroke
 * of a cashier typing a query is one lookup for a screenful of results. Compared with what a search
 * without an index does per keystroke: fold and test every product's name and sku. Names mix the
 * languages of the register (English, Vietnamese with diacritics, Russian, Chinese) so folding is real.
 * Alone: `npm run bench:search`.
 */
import { buildProductIndex, foldText } from '../../src/domain/product-search.js';
import type { Product } from '../../src/domain/catalog.js';
import { product, PRODUCTS } from './data.js';
import { summarize, type Summary } from './stats.js';

const LOCAL = ['Cà phê sữa đá', 'Bánh mì thịt', 'Trà đào cam sả', 'Кофе латте', 'Круассан с маслом', 'Квас хлебный', '越南咖啡', '拿铁咖啡', '牛角包'];
/** Keystrokes of the queries a cashier types, each prefix one keystroke. */
const QUERIES = ['ca phe sua', 'banh mi', 'coffee dairy 12', 'кофе', 'круас', '咖啡', 'p00421', 'tea snacks 9'];

export function searchCatalog(): Product[] {
  return Array.from({ length: PRODUCTS }, (_, i) => {
    const p = product(i);
    return i % 3 === 0 ? { ...p, name: `${LOCAL[i % LOCAL.length]} ${i}` } : p;
  });
}

export interface SearchBench {
  buildMs: number;
  index: Summary;
  scan: Summary;
  keystrokes: number;
}

export function searchBench(limit = 15, rounds = 5): SearchBench {
  const products = searchCatalog();
  const t0 = performance.now();
  const idx = buildProductIndex(products);
  const buildMs = performance.now() - t0;
  const keys = QUERIES.flatMap((q) => [...q].map((_, i) => q.slice(0, i + 1)));
  const timedIndex: number[] = [];
  const timedScan: number[] = [];
  // A search without an index: every keystroke folds and tests each product.
  const scan = (q: string) => {
    const words = foldText(q).split(' ').filter(Boolean);
    const out: Product[] = [];
    for (const p of products) {
      const t = `${foldText(p.name)} ${foldText(p.sku)}`;
      if (words.every((w) => t.includes(w)) && out.push(p) >= limit) break;
    }
    return out;
  };
  for (let r = 0; r < rounds; r++)
    for (const k of keys) {
      // Alternating, so both see the same machine load.
      let t = performance.now();
      const a = idx.search(k, limit);
      timedIndex.push(performance.now() - t);
      t = performance.now();
      const b = scan(k);
      timedScan.push(performance.now() - t);
      if (r === 0 && a.length === 0 && b.length > 0) throw new Error(`index found nothing for "${k}"`);
    }
  return { buildMs, index: summarize(timedIndex), scan: summarize(timedScan), keystrokes: keys.length };
}

export function searchRows(b: SearchBench, ms: (x: number) => string): [string, string, string, string][] {
  return [
    [`product search index build, ${PRODUCTS.toLocaleString('en')} products (once)`, `${ms(b.buildMs)} ms`, '', ''],
    [`search keystroke, ${PRODUCTS.toLocaleString('en')} products, index (${b.keystrokes} keystrokes x 5)`, `median ${ms(b.index.median)} ms, p99 ${ms(b.index.p99)} ms`, '< 16 ms p99 (a frame)', b.index.p99 < 16 ? 'met' : 'MISSED'],
    ['search keystroke without index (fold + test every product)', `median ${ms(b.scan.median)} ms, p99 ${ms(b.scan.p99)} ms`, '', ''],
    ['search keystroke: without index / index (medians)', `${(b.scan.median / b.index.median).toFixed(0)}x`, '', ''],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { ms } = await import('./stats.js');
  const rows = searchRows(searchBench(), ms);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}
