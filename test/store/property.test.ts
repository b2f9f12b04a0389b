import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldEvents, initStore, openStore } from '../../src/store/index.js';
import type { JournalEvent } from '../../src/store/types.js';
import type { TillStore } from '../../src/store/till-store.js';
import { product, readLines, tmpDir, upsert } from './helpers.js';

type Step =
  | { kind: 'upsert'; sku: string; code: string; price: number }
  | { kind: 'remove'; sku: string }
  | { kind: 'sale'; register: string; n: number; id: string }
  | { kind: 'reopen'; crash: boolean }
  | { kind: 'checkpoint' };

const sku = fc.constantFrom('A', 'B', 'C', 'D', '__proto__', '42');
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), sku, code: fc.constantFrom('1', '2', '3', '4', 'constructor'), price: fc.integer({ min: 0, max: 10_000 }) }),
  fc.record({ kind: fc.constant('remove' as const), sku }),
  fc.record({ kind: fc.constant('sale' as const), register: fc.constantFrom('R1', 'R2'), n: fc.integer({ min: 1, max: 999 }), id: fc.constantFrom('t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8') }),
  fc.record({ kind: fc.constant('reopen' as const), crash: fc.boolean() }),
  fc.record({ kind: fc.constant('checkpoint' as const) }),
);

describe('store equals the pure fold of what it acknowledged', () => {
  it('for random commits, duplicates, checkpoints, clean and crashed reopens', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), fc.integer({ min: 1, max: 5 }), async (steps, every) => {
        const dir = tmpDir('prop');
        const opts = { register: 'R1', checkpointEvery: every, idleCheckpointMs: 0, segmentBytes: 4096 };
        let s: TillStore = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'p' }, [], opts);
        const acked: JournalEvent[] = [];
        const ids = new Set<string>();
        const first = readLines(path.join(dir, 'journal', '00000001.jsonl'));
        acked.push(...first.map((l) => JSON.parse(l)));
        let k = 0;
        for (const st of steps) {
          if (st.kind === 'reopen') {
            if (st.crash) await s.abandon();
            else await s.close();
            s = await openStore(dir, opts);
            continue;
          }
          if (st.kind === 'checkpoint') {
            await s.checkpoint();
            continue;
          }
          const id = st.kind === 'sale' ? st.id : `c${k++}`;
          const draft =
            st.kind === 'upsert'
              ? upsert(product(st.sku, st.code, st.price))
              : st.kind === 'remove'
                ? { type: 'catalog.removed', data: { skus: [st.sku] } }
                : { type: 'sale.committed', data: { sale: { receiptNo: `${st.register}-${st.n}`, register: st.register } } };
          const r = await s.commit({ id, events: [draft] });
          expect(r.duplicate).toBe(ids.has(id));
          ids.add(id);
          acked.push(...r.events);
        }
        const expected = foldEvents(acked);
        expect(s.state).toEqual(expected);
        await s.close();
        const again = await openStore(dir, opts);
        expect(again.state).toEqual(expected);
        for (const p of Object.values(expected.catalog.products)) for (const b of p.barcodes) {
          const hit = again.catalog.byBarcode(b);
          if (hit) expect(expected.catalog.barcodes![b]).toBe(hit.sku);
        }
        await again.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 60 },
    );
  });
});
