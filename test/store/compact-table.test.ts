/**
 * The compact table's own bookkeeping (src/store/compact/table.ts), beside the record-level
 * properties of compact.property.test.ts: rows rewritten in place when they do not grow, gaps closed
 * in the same buffer when most bytes are dead, renumbering after deletions, and the row-by-row reads
 * the proof of the balances and the customer search index use. A Map is the model.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CompactTable } from '../../src/store/compact/table.js';

type Op = { k: number; kind: 'set' | 'delete' | 'touch'; v: { n: number; s: string } };

const opArb: fc.Arbitrary<Op> = fc.record({
  k: fc.nat(60),
  kind: fc.constantFrom('set', 'set', 'set', 'delete', 'touch'),
  v: fc.record({ n: fc.integer(), s: fc.string({ maxLength: 40 }) }),
});

describe('compact table bookkeeping', () => {
  it('answers like a Map through rewrites that shrink, grow, delete and close gaps', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 600 }), fc.integer({ min: 1, max: 8 }), (ops, live) => {
        const t = new CompactTable<{ n: number; s: string }>({ live });
        const m = new Map<string, { n: number; s: string }>();
        for (const op of ops) {
          const key = `k${op.k}`;
          if (op.kind === 'set') {
            t.set(key, { ...op.v });
            m.set(key, { ...op.v });
          } else if (op.kind === 'delete') {
            expect(t.delete(key)).toBe(m.delete(key));
          } else {
            // Mutating a live object in place, as the fold does; written back when it leaves the live set.
            const v = t.get(key);
            if (v) {
              v.s += 'x'.repeat(op.v.n & 7);
              v.n = op.v.n;
              m.set(key, { ...v });
            }
          }
        }
        expect(t.size).toBe(m.size);
        expect(t.keys()).toEqual([...m.keys()]);
        for (const [k, v] of m) expect(t.peek(k)).toEqual(v);
        // Row reads: every held row answers its key and value.
        let rows = 0;
        for (let r = 0; r < t.rowSpan; r++) {
          if (!t.hasRow(r)) {
            expect(t.keyOfRow(r)).toBeUndefined();
            continue;
          }
          rows++;
          const k = t.keyOfRow(r)!;
          expect(t.rowOf(k)).toBe(r);
          expect(t.peekRow(r)).toEqual(m.get(k));
        }
        expect(rows).toBe(m.size);
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it('a fold rewriting every row keeps one buffer of about 1.5x the rows (no second copy at each growth)', () => {
    const t = new CompactTable<{ id: string; seqs: string; n: number }>({ live: 4 });
    for (let i = 0; i < 5000; i++) t.set(`c${i}`, { id: `c${i}`, seqs: '', n: 0 });
    for (let round = 0; round < 20; round++) for (let i = 0; i < 5000; i += 7) {
      const a = t.get(`c${(i * 31 + round) % 5000}`)!;
      a.seqs += `${round},`;
      a.n++;
    }
    let liveBytes = 0;
    for (const [k, v] of t.entries()) liveBytes += k.length + JSON.stringify(v).length;
    expect(t.size).toBe(5000);
    // Bytes held stay within a small multiple of the rows' size however many rewrites happened.
    expect(t.bytes).toBeLessThan(4 * liveBytes + 200_000);
  });

  it('sameRow: equal rows of two tables built in the same order are equal by their bytes; a live or changed row is not', () => {
    const a = new CompactTable<{ p: number; t: string }>({ internValues: ['t'], live: 1 });
    const b = new CompactTable<{ p: number; t: string }>({ internValues: ['t'], live: 1 });
    for (const x of [a, b]) for (let i = 0; i < 10; i++) x.load(`k${i}`, { p: i, t: i % 2 ? 'gold' : 'silver' });
    b.load('k3', { p: 99, t: 'gold' });
    for (let r = 0; r < 10; r++) expect(a.sameRow(r, b, b.rowOf(a.keyOfRow(r)!))).toBe(r !== 3);
    a.get('k5'); // live: its bytes may be stale, so not known equal
    expect(a.sameRow(a.rowOf('k5'), b, b.rowOf('k5'))).toBe(false);
    // String tables that disagree (interned in another order): never equal by bytes.
    const c = new CompactTable<{ p: number; t: string }>({ internValues: ['t'] });
    c.load('k0', { p: 0, t: 'gold' });
    c.load('k1', { p: 1, t: 'gold' });
    expect(a.sameRow(a.rowOf('k1'), c, c.rowOf('k1'))).toBe(false);
  });

  it('rows read back from their bytes (a snapshot) answer the same, integer-like and wide keys included; a key twice is damage', () => {
    const a = new CompactTable<unknown>();
    const keys = ['b', '10', '2', '01', 'ключ', '商品', 'a', '4294967295', '0'];
    keys.forEach((k, i) => a.set(k, { i, k }));
    a.set('b', { changed: true });
    a.delete('a');
    const head = a.dumpHeader();
    const chunks: Buffer[] = [];
    for (const c of a.dumpChunks(24)) chunks.push(Buffer.from(c)); // a view, valid until the next: copied
    const b = new CompactTable<unknown>();
    b.restore(head);
    for (const c of chunks) b.appendRows(c);
    b.restored();
    expect(b.keys()).toEqual(a.keys());
    for (const k of a.keys()) expect(b.peek(k)).toEqual(a.peek(k));
    // Sorted by key then updated after the read: integer-like keys still first.
    b.set('7', 'x');
    expect(b.keys().slice(0, 4)).toEqual(['0', '2', '7', '10']);
    const c = new CompactTable<unknown>();
    c.restore({ ...head, rows: head.rows * 2, bytes: head.bytes * 2 });
    for (const ch of chunks) c.appendRows(ch);
    expect(() => c.appendRows(chunks[0])).toThrow(/is in the table twice/);
  });
});
