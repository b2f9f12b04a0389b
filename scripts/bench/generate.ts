/**
 * Builds the benchmark stores under .bench/ (kept between runs; delete the folder to regenerate):
 *  - small: 1,000 events of history (the 100k-product catalog in 100 events, 400 customers, sales);
 *  - full: 1,000,000 events (catalog, 100,000 customers with cards, ~450,000 sales with points).
 * Written through the store's own API (commitBatch: one write and fsync per batch of transactions),
 * then closed with a snapshot, as a register that has run for years would leave it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG } from '../../src/domain/config.js';
import { writeConfig } from '../../src/store/config-file.js';
import { initStore } from '../../src/store/open.js';
import type { CommitRequest } from '../../src/store/types.js';
import { customer, product, PRODUCTS, rng, saleTx } from './data.js';

const VERSION = 'bench-data/1';

export interface Generated {
  dir: string;
  events: number;
  seconds: number;
  reused: boolean;
}

export async function generateStore(dir: string, targetEvents: number, customers: number, log: (l: string) => void): Promise<Generated> {
  const marker = path.join(dir, 'bench.json');
  if (fs.existsSync(marker)) {
    const m = JSON.parse(fs.readFileSync(marker, 'utf8'));
    if (m.version === VERSION && m.events === targetEvents) return { dir, events: m.events, seconds: m.seconds, reused: true };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const t0 = performance.now();
  writeConfig(dir, { ...DEFAULT_CONFIG, storage: { ...DEFAULT_CONFIG.storage } });
  const store = await initStore(dir, { currency: 'USD', register: 'R1', operator: 'op1', storeId: 'bench' }, [], { idleCheckpointMs: 0, checkpointEvery: 10_000_000 });
  const at = '2025-01-01T09:00:00.000Z';
  // Catalog: 100 events of 1,000 products.
  const catalog: CommitRequest[] = [];
  for (let b = 0; b < PRODUCTS / 1000; b++)
    catalog.push({ id: `catalog-${b}`, at, events: [{ type: 'catalog.upserted', data: { products: Array.from({ length: 1000 }, (_, k) => product(b * 1000 + k)) } }] });
  await store.commitBatch(catalog);
  // Customers: one customer.created event each, 5,000 per batch.
  for (let c = 0; c < customers; c += 5000) {
    const reqs: CommitRequest[] = [];
    for (let k = c; k < Math.min(customers, c + 5000); k++) reqs.push({ id: `customer-${k}`, at, events: [{ type: 'customer.created', data: { customer: customer(k) } }] });
    await store.commitBatch(reqs);
  }
  // Sales until the target: two events each (one event when a single one is left).
  const random = rng(42);
  let n = 0;
  while (store.state.meta.seq < targetEvents) {
    const reqs: CommitRequest[] = [];
    let seq = store.state.meta.seq;
    while (reqs.length < 5000 && seq < targetEvents) {
      const tx = saleTx(++n, random);
      if (seq + 2 > targetEvents) tx.events.length = 1;
      seq += tx.events.length;
      reqs.push({ ...tx, at });
    }
    await store.commitBatch(reqs);
    if (n % 100_000 < 5000) log(`    ${store.state.meta.seq} events`);
  }
  await store.close();
  const seconds = (performance.now() - t0) / 1000;
  fs.writeFileSync(marker, JSON.stringify({ version: VERSION, events: targetEvents, seconds, sales: n }));
  return { dir, events: targetEvents, seconds, reused: false };
}
