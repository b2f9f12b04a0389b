/**
 * `node --expose-gc --import tsx scripts/bench/memory-parts.ts [DATA]`: what the store's data costs in
 * live heap at full scale (default .bench/full): the store is opened in this process, then parts of
 * the projection are dropped one at a time with a full GC between, and the memory each drop frees
 * (V8 heap plus the buffers outside it, where compact tables keep their rows) is printed. Shows what dominates the register's memory (issue 12).
 */
import path from 'node:path';
import { openStore } from '../../src/store/open.js';
import { customerIndex, loyaltyOf } from '../../src/store/projections/loyalty.js';
import { ROOT } from './startup.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const heap = () => {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
};
const dir = process.argv[2] ?? path.join(ROOT, '.bench', 'full');
const base = heap();
const t = performance.now();
const store = await openStore(dir, { register: 'M1', idleCheckpointMs: 0 });
const openMs = performance.now() - t;
const state = store.state as unknown as Record<string, Record<string, unknown>>;
const opened = heap();
const rss = process.memoryUsage().rss / 2 ** 20;
customerIndex(loyaltyOf(store.state));
const indexed = heap();
const rows: [string, number][] = [];
let accounts: unknown = (state.loyalty as Record<string, unknown>).customers;
const drop = (label: string, f: () => void) => {
  const before = heap();
  f();
  rows.push([label, before - heap()]);
};
// The index holds the table it was built over until the next lookup sees the record replaced.
drop('search index', () => void ((state.loyalty as Record<string, unknown>).customers = {}, customerIndex(loyaltyOf(store.state)), ((state.loyalty as Record<string, unknown>).customers = accounts)));
drop('loyalty accounts', () => void ((state.loyalty as Record<string, unknown>).customers = {}, (accounts = null), customerIndex(loyaltyOf(store.state))));
drop('catalog products', () => ((state.catalog as Record<string, unknown>).products = {}));
drop('catalog barcode index', () => ((state.catalog as Record<string, unknown>).barcodes = {}));
drop('transaction ids', () => ((store as unknown as { p: { txs: unknown } }).p.txs = null));
for (const name of Object.keys(state)) if (!['catalog', 'loyalty', 'meta'].includes(name)) drop(`slice ${name}`, () => (state[name] = {}));
console.log(`store open ${openMs.toFixed(0)} ms; heap + buffers before ${base.toFixed(1)} MB, after open ${opened.toFixed(1)} MB (rss ${rss.toFixed(0)} MB), with search index ${indexed.toFixed(1)} MB`);
for (const [l, mb] of rows) console.log(`  ${l.padEnd(28)} ${mb.toFixed(1)} MB`);
console.log(`  left after dropping all      ${heap().toFixed(1)} MB`);
process.exit(0);
