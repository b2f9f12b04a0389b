/**
 * Issue 12: products, the barcode index and loyalty accounts are compact records (encoded rows,
 * src/store/compact/). These properties check that they answer every lookup exactly as the plain
 * objects of the version before did: random values (non-ASCII and ill-formed strings, undefined and
 * missing members, -0, big integers, ISO times, digit strings, integer-like keys, "__proto__"),
 * random catalogs and loyalty histories folded into both, with updates after the state went through
 * a snapshot, and snapshots written by the object version read into the compact one.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compactRecord, eachEntry, peekOwn, plainCopy, tableOf } from '../../src/store/compact/record.js';
import { catalogProjection, type CatalogSlice } from '../../src/store/projections/catalog.js';
import { accountByCard, findCustomers, loyaltyProjection, type LoyaltySlice } from '../../src/store/projections/loyalty.js';
import { encodeSnapshot, sealLines, SnapshotDecoder, SNAPSHOT_FORMAT } from '../../src/store/snapshot-lines.js';
import { TxSet } from '../../src/store/tx-set.js';
import type { JournalEvent, StoreState } from '../../src/store/types.js';
import type { Product } from '../../src/domain/catalog.js';

const getOwnPlain = <T,>(o: Record<string, T>, k: string): T | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** Strings the codec treats specially, and ones it must not mangle. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }), // lone surrogates
  fc.constantFrom('', 'Nguyễn Văn Thị', '王小明', 'Иван Петров', '+84 90 (123) 45-67', '0042', '2900000012345', '2024-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '2025-02-30', '2025-03-01', '0000-01-01', 'ÿÿ', '\u0100'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.stringMatching(/^[0-9+\-() ]{0,70}$/),
);
const keyArb = fc.oneof(fc.constantFrom('a', 'b', '0', '7', '42', '01', '4294967294', '4294967295', '-1', '__proto__', 'toString', 'constructor', 'ключ', '商品', '\ud800', ''), text);
/** Members of nested objects: not "constructor" (toStrictEqual compares constructors, so two equal plain objects with that key differ). */
const fieldArb = keyArb.filter((k) => k !== 'constructor');
const leaf = fc.oneof(text, fc.integer(), fc.maxSafeInteger(), fc.double(), fc.constantFrom(-0, 0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, null, true, false, undefined));
const valueArb = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fieldArb, tie('v'), { maxKeys: 5 })),
})).v;
const objArb = fc.dictionary(fieldArb, valueArb, { maxKeys: 6 });

function expectSame(compact: Record<string, unknown>, plain: Record<string, unknown>, probe: readonly string[]): void {
  expect(Object.keys(compact)).toEqual(Object.keys(plain));
  for (const k of [...Object.keys(plain), ...probe]) {
    expect(k in compact).toBe(k in plain);
    expect(Object.prototype.hasOwnProperty.call(compact, k)).toBe(Object.prototype.hasOwnProperty.call(plain, k));
    expect(peekOwn(compact, k)).toStrictEqual(getOwnPlain(plain, k));
    if (Object.prototype.hasOwnProperty.call(plain, k)) expect(compact[k]).toStrictEqual(plain[k]);
  }
  expect(JSON.stringify(compact)).toBe(JSON.stringify(plain));
  expect(Object.values(compact)).toStrictEqual(Object.values(plain));
}

type Op = { op: 'set'; k: string; v: unknown } | { op: 'del'; k: string } | { op: 'mutate'; k: string; field: string; v: unknown } | { op: 'touch'; k: string };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), k: keyArb, v: fc.oneof(objArb, valueArb) }),
  fc.record({ op: fc.constant('del' as const), k: keyArb }),
  fc.record({ op: fc.constant('mutate' as const), k: keyArb, field: fieldArb, v: valueArb }),
  fc.record({ op: fc.constant('touch' as const), k: keyArb }),
);

describe('compact record = plain record', () => {
  it('answers every lookup as a plain object does, across sets, deletes, in-place changes and evictions', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), fc.integer({ min: 1, max: 4 }), (ops, live) => {
        // A tiny live cache, so that in-place changes are written back and read again from rows.
        const compact = compactRecord<unknown>({ live, internValues: ['a', 'tier'] });
        const plain: Record<string, unknown> = {};
        const probe = new Set<string>();
        for (const o of ops) {
          probe.add(o.k);
          if (o.op === 'set') {
            const def = { value: structuredClone(o.v), enumerable: true, writable: true, configurable: true };
            Object.defineProperty(plain, o.k, def);
            compact[o.k] = structuredClone(o.v);
          } else if (o.op === 'del') {
            delete plain[o.k];
            delete compact[o.k];
          } else if (o.op === 'mutate') {
            const p = getOwnPlain(plain, o.k);
            const c = Object.prototype.hasOwnProperty.call(compact, o.k) ? compact[o.k] : undefined;
            if (p !== null && typeof p === 'object' && !Array.isArray(p) && o.field !== '__proto__') {
              (p as Record<string, unknown>)[o.field] = structuredClone(o.v);
              (c as Record<string, unknown>)[o.field] = structuredClone(o.v);
            }
          } else void compact[o.k];
          expectSame(compact, plain, [...probe]);
        }
        const copy = plainCopy(compact);
        // toEqual: toStrictEqual would compare `constructor`, which a stored key of that name replaces.
        expect(copy).toEqual(plain);
        expect(Object.keys(copy)).toEqual(Object.keys(plain));
        const seen: string[] = [];
        eachEntry(compact, (k) => seen.push(k));
        expect(seen).toEqual(Object.keys(plain));
        expect(tableOf(compact)!.size).toBe(Object.keys(plain).length);
      }),
      { numRuns: 300, seed: 1212 },
    );
  });

  it('keeps up with many rows: growth, deleted rows renumbered, the hash index rebuilt', () => {
    const compact = compactRecord<{ n: number; name: string }>({ live: 8 });
    const plain: Record<string, { n: number; name: string }> = {};
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5000; i++) {
        const k = i % 3 === 0 ? String(i) : `k${i}-Ωé`;
        compact[k] = { n: i + round, name: `名前 ${i}` };
        plain[k] = { n: i + round, name: `名前 ${i}` };
      }
      for (let i = 0; i < 5000; i += 2) {
        const k = i % 3 === 0 ? String(i) : `k${i}-Ωé`;
        delete compact[k];
        delete plain[k];
      }
      for (let i = 1; i < 5000; i += 14) {
        const k = i % 3 === 0 ? String(i) : `k${i}-Ωé`;
        compact[k].n = -i;
        plain[k].n = -i;
      }
    }
    expect(Object.keys(compact)).toEqual(Object.keys(plain));
    for (const k of Object.keys(plain)) expect(peekOwn(compact, k)).toStrictEqual(plain[k]);
  });
});

// ---- the catalog, folded both ways ----

const sku = fc.constantFrom('P1', 'P2', 'P3', '17', '__proto__', 'Ω-9', 'x');
const barcode = fc.constantFrom('4006381333931', '123', '99', 'ABC-1', 'toString', '0');
const productArb: fc.Arbitrary<Product> = fc.record({
  sku,
  barcodes: fc.array(barcode, { maxLength: 3 }),
  name: text,
  price: fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.maxSafeInteger()),
  category: fc.constantFrom('grocery', 'drinks', 'đồ uống', '饮料', ''),
  taxClass: fc.constantFrom('standard', 'reduced'),
});
const catalogEvent = fc.oneof(
  fc.array(productArb, { maxLength: 5 }).map((products) => ({ type: 'catalog.upserted', data: { products } })),
  fc.array(sku, { maxLength: 3 }).map((skus) => ({ type: 'catalog.removed', data: { skus } })),
);

let seq = 0;
const journalEvent = (e: { type: string; data: unknown; at?: string }): JournalEvent => ({ seq: ++seq, id: `e${seq}`, type: e.type, at: e.at ?? '2026-03-01T10:00:00.000Z', register: 'R1', operator: 'op', tx: `t${seq}`, data: structuredClone(e.data), prev: '', hash: `h${seq}` });

/** Through a snapshot; `old`: as the object version wrote it (plain records as entry lines, format /2). */
function roundTrip(state: StoreState, old = false): StoreState {
  let lines: string[] = [];
  encodeSnapshot({ format: SNAPSHOT_FORMAT, pos: null, projections: {}, txs: new TxSet(4), writtenAt: '', state }, (l) => lines.push(l));
  if (old) {
    lines.pop();
    expect(lines.some((l) => l.startsWith('["table"'))).toBe(false);
    lines[0] = JSON.stringify({ ...JSON.parse(lines[0]), format: 'till-snapshot/2' });
    lines = [...lines, sealLines(lines)];
  }
  const dec = new SnapshotDecoder();
  for (const l of lines) dec.line(l);
  const doc = dec.finish();
  expect(doc.unproven).toBeUndefined();
  return doc.state;
}

const stateOf = (name: string, slice: unknown): StoreState => ({ meta: { storeId: 's', currency: 'USD', createdAt: '', seq: 0, hash: '' }, catalog: { products: {} }, sales: { count: 0, lastReceipt: {} }, [name]: slice }) as StoreState;

function expectSameCatalog(c: CatalogSlice, p: CatalogSlice): void {
  for (const code of ['4006381333931', '123', '99', 'ABC-1', 'toString', '0', 'nope', '__proto__']) {
    const ci = peekOwn(c.barcodes!, code);
    expect(ci).toStrictEqual(getOwnPlain(p.barcodes!, code));
    if (ci !== undefined) expect(peekOwn(c.products, ci)).toStrictEqual(getOwnPlain(p.products, ci));
  }
  expectSame(c.products as Record<string, unknown>, p.products as Record<string, unknown>, ['P1', 'P2', 'P3', '17', '__proto__', 'Ω-9', 'x', 'hasOwnProperty']);
  expectSame(c.barcodes as Record<string, unknown>, p.barcodes as Record<string, unknown>, []);
}

describe('catalog: compact slice = object slice', () => {
  it('every sku and barcode lookup, before and after a snapshot, with updates after load', () => {
    fc.assert(
      fc.property(fc.array(catalogEvent, { maxLength: 12 }), fc.array(catalogEvent, { maxLength: 6 }), (before, after) => {
        const compact = catalogProjection.initial();
        const tiny: CatalogSlice = { products: compactRecord({ live: 1, internValues: ['category'] }), barcodes: compactRecord({ live: 1 }) };
        const plain: CatalogSlice = { products: {}, barcodes: {} };
        const st = stateOf('catalog', compact);
        for (const e of before) {
          const ev = journalEvent(e);
          catalogProjection.apply(compact, ev, st);
          catalogProjection.apply(tiny, { ...ev, data: structuredClone(ev.data) }, st);
          catalogProjection.apply(plain, { ...ev, data: structuredClone(ev.data) }, st);
        }
        expectSameCatalog(compact, plain);
        expectSameCatalog(tiny, plain);
        // Written by the compact version, and by the object version (an old snapshot): both read back compact.
        const loaded = roundTrip(stateOf('catalog', compact)).catalog as CatalogSlice;
        const upgraded = roundTrip(stateOf('catalog', plain), true).catalog as CatalogSlice;
        expect(tableOf(loaded.products)).toBeDefined();
        expect(tableOf(upgraded.products)).toBeDefined();
        for (const e of after) {
          const ev = journalEvent(e);
          for (const s of [loaded, upgraded]) catalogProjection.apply(s, { ...ev, data: structuredClone(ev.data) }, st);
          catalogProjection.apply(plain, { ...ev, data: structuredClone(ev.data) }, st);
        }
        expectSameCatalog(loaded, plain);
        expectSameCatalog(upgraded, plain);
      }),
      { numRuns: 150, seed: 4711 },
    );
  });
});

// ---- loyalty accounts, folded both ways ----

const ids = ['C1', 'C2', 'C3', '10', 'Ж-4'];
const cid = fc.constantFrom(...ids);
const day = fc.constantFrom('2026-01-15', '2026-02-01', '2026-03-10', '');
const customerArb = fc.record(
  {
    id: cid,
    name: fc.oneof(text, fc.constantFrom('Nguyễn Văn An', 'Trần Thị Bình', '李雷', 'Мария Иванова', 'Anna Müller')),
    phone: fc.oneof(fc.constantFrom('+84 90 123 4567', '0901234567', ''), text),
    email: fc.constantFrom('a@example.com', 'тест@пример.рф'),
    tier: fc.constantFrom(null, 'gold', 'bạc'),
    card: fc.constantFrom('2900000000017', '2900000000024', '2900000000031', '2900000000048'),
    blocked: fc.boolean(),
    created: fc.date({ noInvalidDate: true, min: new Date(0) }).map((d) => d.toISOString()),
  },
  { requiredKeys: ['id', 'name', 'phone', 'tier', 'card', 'blocked', 'created'] },
);
const loyaltyEvent = fc.oneof(
  customerArb.map((customer) => ({ type: 'customer.created', data: { customer } })),
  fc.record({ customerId: cid, changes: fc.record({ name: text, phone: text, email: fc.constantFrom('', 'b@example.com') }, { requiredKeys: [] }) }).map((data) => ({ type: 'customer.updated', data })),
  fc.record({ customerId: cid, reason: text }).map((data) => ({ type: 'card.blocked', data })),
  fc.record({ customerId: cid, reason: text }).map((data) => ({ type: 'card.unblocked', data })),
  fc.record({ customerId: cid, to: fc.constantFrom(null, 'gold', 'bạc'), from: fc.constant(null), reason: fc.constant('review') }).map((data) => ({ type: 'customer.regraded', data })),
  fc.record({ customerId: cid, programId: fc.constantFrom('pts', 'exp'), points: fc.integer({ min: 1, max: 500 }), day, reason: text }).map((data) => ({ type: 'points.earned', data })),
  fc.record({ customerId: cid, programId: fc.constantFrom('pts', 'exp'), points: fc.integer({ min: 1, max: 50 }), day, reason: text }).map((data) => ({ type: 'points.spent', data })),
  fc.record({ customerId: cid, programId: fc.constantFrom('pts', 'exp'), points: fc.integer({ min: 1, max: 50 }), day }).map((data) => ({ type: 'points.expired', data })),
  fc.record({ customerId: cid, spend: fc.integer({ min: 0, max: 100_000 }), earned: fc.integer({ min: 0, max: 40 }), day }).map(({ customerId, spend, earned, day: d }) => ({
    type: 'sale.committed',
    data: { saleId: `S${spend}`, receiptNo: `R-${spend}`, extensions: { loyalty: { v: 1, customerId, cardNumber: '', day: d, spend, tierBefore: null, tierAfter: 'gold', promoted: spend > 50_000, tierDiscount: 0, programs: [{ programId: 'pts', name: 'Points', earned, spent: 0, balanceBefore: 0, balanceAfter: 0, expiringSoon: 0, rewards: [] }] } } },
  })),
  fc.record({ batchId: fc.constantFrom('B1', 'B2'), part: fc.constant(1), programId: fc.constant('pts'), points: fc.integer({ min: 1, max: 9 }), reason: text, day, customerIds: fc.subarray(ids) }).map((data) => ({ type: 'loyalty.accrued', data })),
);
const PROGRAMS = [
  { type: 'loyalty.program.upserted', data: { program: { id: 'pts', name: 'Points' } } },
  { type: 'loyalty.program.upserted', data: { program: { id: 'exp', name: 'Expiring', expiryDays: 30 } } },
];

function expectSameLoyalty(c: LoyaltySlice, p: LoyaltySlice, queries: readonly string[]): void {
  expectSame(c.customers as Record<string, unknown>, p.customers as Record<string, unknown>, [...ids, 'nobody', '__proto__']);
  for (const card of ['2900000000017', '2900000000024', '2900000000031', '2900000000048', '0'])
    expect(accountByCard(c, card)).toStrictEqual(accountByCard(p, card));
  for (const q of queries) expect(findCustomers(c, q, '84').map((a) => a.id)).toEqual(findCustomers(p, q, '84').map((a) => a.id));
}

describe('loyalty accounts: compact slice = object slice', () => {
  it('every account, card and search answer, before and after a snapshot, with updates after load', () => {
    fc.assert(
      fc.property(fc.array(loyaltyEvent, { maxLength: 25 }), fc.array(loyaltyEvent, { maxLength: 10 }), fc.array(fc.oneof(text, fc.constantFrom('nguyen', 'van', '4567', '090', '李', 'мар', 'müller')), { maxLength: 3 }), (before, after, queries) => {
        const compact = loyaltyProjection.initial();
        // The same with one decoded account kept live: every other one is written back and read from its row.
        const tiny: LoyaltySlice = { ...loyaltyProjection.initial(), customers: compactRecord({ live: 1, internValues: ['tier'] }) };
        const plain: LoyaltySlice = { ...loyaltyProjection.initial(), customers: {} };
        const st = stateOf('loyalty', compact);
        const fold = (slices: LoyaltySlice[], e: { type: string; data: unknown }) => {
          const ev = journalEvent(e);
          for (const s of slices) loyaltyProjection.apply(s, { ...ev, data: structuredClone(ev.data) }, st);
        };
        for (const e of [...PROGRAMS, ...before]) fold([compact, tiny, plain], e);
        // Searching first builds the index, which the later events then keep current.
        expectSameLoyalty(compact, plain, queries);
        expectSameLoyalty(tiny, plain, queries);
        const loaded = roundTrip(stateOf('loyalty', compact)).loyalty as LoyaltySlice;
        const upgraded = roundTrip(stateOf('loyalty', plain), true).loyalty as LoyaltySlice;
        expect(tableOf(loaded.customers)).toBeDefined();
        expect(tableOf(upgraded.customers)).toBeDefined();
        expectSameLoyalty(upgraded, plain, queries);
        for (const e of after) fold([compact, tiny, loaded, upgraded, plain], e);
        for (const s of [compact, tiny, loaded, upgraded]) expectSameLoyalty(s, plain, queries);
      }),
      { numRuns: 150, seed: 99 },
    );
  });
});
