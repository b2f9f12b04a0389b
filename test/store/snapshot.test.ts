import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../src/store/index.js';
import { verifyStore } from '../../src/store/maintenance.js';
import type { TillStore } from '../../src/store/till-store.js';
import { encodeSnapshot, sealLines } from '../../src/store/snapshot-lines.js';
import { isCompact, plainCopy } from '../../src/store/compact/record.js';
import { fixedClock, product, readSnapshot, saleEvent, tmpDir, upsert } from './helpers.js';

const opened: TillStore[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close().catch(() => {});
});
const open = async (dir: string) => {
  const s = await openStore(dir, { register: 'R1', idleCheckpointMs: 0 });
  opened.push(s);
  return s;
};
const snap = (dir: string) => path.join(dir, 'store.json');

/** A closed store with 300 products (a record big enough to be written as entry lines) and 40 sales. */
async function fixture(): Promise<string> {
  const dir = tmpDir('snap');
  const products = Array.from({ length: 300 }, (_, i) => product(`P${String(i).padStart(3, '0')}`, String(1000 + i)));
  products.push(product('__proto__', '999'), product('10', '998'));
  const s = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'shop' }, [upsert(...products)], { now: fixedClock() });
  for (let i = 1; i <= 40; i++) await s.commit({ id: `sale-${i}`, events: [saleEvent('R1', i)] });
  await s.close();
  return dir;
}

describe('snapshot file (JSON Lines, till-snapshot/3)', () => {
  it('writes compact records as their rows, and reads back the same state, key order and ids', async () => {
    const dir = await fixture();
    const lines = fs.readFileSync(snap(dir), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(JSON.parse(lines[0])).toMatchObject({ format: 'till-snapshot/3', txs: 41 });
    expect(JSON.parse(lines.find((l) => l.startsWith('["table","catalog","products"'))!)[3]).toMatchObject({ v: 1, rows: 302 });
    expect(lines.filter((l) => l.startsWith('["rows","catalog","products"')).length).toBeGreaterThanOrEqual(1);
    expect(lines.filter((l) => l.startsWith('["entries","catalog","products"'))).toEqual([]);
    expect(JSON.parse(lines.at(-1)!)).toEqual(['end', lines.length - 1, expect.stringMatching(/^[0-9a-f]{64}$/)]);
    const s = await open(dir);
    expect(s.recovery).toEqual({ tornBytes: 0, replayed: 0 });
    expect(Object.keys(s.state.catalog.products).slice(0, 3)).toEqual(['10', 'P000', 'P001']);
    expect(Object.getPrototypeOf(s.state.catalog.products)).toBe(Object.prototype);
    expect(s.catalog.bySku('__proto__')?.barcodes).toEqual(['999']);
    expect(s.catalog.byBarcode('1299')?.sku).toBe('P299');
    expect(s.hasTx('sale-17')).toBe(true);
    expect(s.hasTx('sale-41')).toBe(false);
    expect((await verifyStore(dir)).problems).toEqual([]);
  });

  it('is a consistent cut of the state while commits continue', async () => {
    const dir = await fixture();
    const s = await open(dir);
    await s.commit({ id: 'sale-41', events: [saleEvent('R1', 41)] });
    const at = s.state.meta.seq;
    const writing = s.checkpoint();
    const more = Promise.all(Array.from({ length: 5 }, (_, i) => s.commit({ id: `late-${i}`, events: [saleEvent('R1', 50 + i)] })));
    await Promise.all([writing, more]);
    expect(readSnapshot(dir).state.meta.seq).toBe(at);
    expect(readSnapshot(dir).state.sales.count).toBe(41);
    expect((await verifyStore(dir)).problems).toEqual([]);
  });

  it.each([
    ['cut in the middle of a line', (t: string) => t.slice(0, Math.floor(t.length / 2))],
    ['without its end line', (t: string) => t.slice(0, t.lastIndexOf('["end"'))],
    ['with a line changed', (t: string) => t.replace('"rows"', '"rows!"')],
    ['with a table row cut short', (t: string) => t.replace(/\["rows","catalog","products","([^"]+)"\]/, (_, b64: string) => `["rows","catalog","products","${Buffer.from(b64, 'base64').subarray(0, 40).toString('base64')}"]`)],
    ['empty', () => ''],
  ])('a snapshot %s stops start-up with the file and the rebuild command', async (_, damage) => {
    const dir = await fixture();
    fs.writeFileSync(snap(dir), damage(fs.readFileSync(snap(dir), 'utf8')));
    const e = await openStore(dir, { register: 'R1' }).catch((x) => x);
    expect(e.code).toBe('STORE_CORRUPT');
    expect(e.message).toContain(snap(dir));
    expect(e.message).toContain('till store rebuild');
    const v = await verifyStore(dir);
    expect([v.ok, v.snapshot.status, v.lastSeq]).toEqual([false, 'unreadable', 42]);
  });

  it('a till-snapshot/2 (products and accounts as entry lines, the object version) is read into compact records without a replay, then rewritten as /3', async () => {
    const dir = await fixture();
    const live = await open(dir);
    const want = { keys: Object.keys(live.state.catalog.products), p10: live.catalog.bySku('10'), proto: live.catalog.bySku('__proto__'), by1299: live.catalog.byBarcode('1299') };
    await live.close();
    opened.length = 0;
    // What the object version wrote: the same encoder over plain records (entry lines), format /2.
    const doc = readSnapshot(dir);
    const lines: string[] = [];
    encodeSnapshot({ ...doc, state: plainCopy(doc.state) }, (l) => lines.push(l));
    lines.pop();
    lines[0] = JSON.stringify({ ...JSON.parse(lines[0]), format: 'till-snapshot/2' });
    expect(lines.some((l) => l.startsWith('["entries","catalog","products"'))).toBe(true);
    expect(lines.some((l) => l.startsWith('["table"'))).toBe(false);
    fs.writeFileSync(snap(dir), `${[...lines, sealLines(lines)].join('\n')}\n`);
    expect((await verifyStore(dir)).snapshot.status).toBe('ok');
    const s = await open(dir);
    expect(s.recovery).toEqual({ tornBytes: 0, replayed: 0 });
    expect(isCompact(s.state.catalog.products)).toBe(true);
    expect(isCompact(s.state.catalog.barcodes)).toBe(true);
    expect(Object.keys(s.state.catalog.products)).toEqual(want.keys);
    expect([s.catalog.bySku('10'), s.catalog.bySku('__proto__'), s.catalog.byBarcode('1299')]).toEqual([want.p10, want.proto, want.by1299]);
    await s.commit({ id: 'sale-41', events: [saleEvent('R1', 41)] });
    await s.checkpoint();
    expect(fs.readFileSync(snap(dir), 'utf8').slice(0, 40)).toContain('till-snapshot/3');
    await s.close();
    const again = await open(dir);
    expect(again.catalog.byBarcode('1299')).toEqual(want.by1299);
    expect(again.state.sales.count).toBe(41);
  });

  it('an outdated snapshot (till-snapshot/1) is not read: the journal is replayed and a new snapshot written', async () => {
    const dir = await fixture();
    const doc = readSnapshot(dir);
    fs.writeFileSync(snap(dir), JSON.stringify({ format: 'till-snapshot/1', pos: doc.pos, projections: doc.projections, txs: '', writtenAt: doc.writtenAt, state: doc.state }));
    expect((await verifyStore(dir)).snapshot.status).toBe('other-version');
    expect((await verifyStore(dir)).ok).toBe(true);
    const s = await open(dir);
    expect(s.recovery.fullReplay).toMatch(/earlier version \(till-snapshot\/1\)/);
    expect(s.state.sales.count).toBe(40);
    await s.close();
    expect(readSnapshot(dir).format).toBe('till-snapshot/3');
    const again = await open(dir);
    expect(again.recovery).toEqual({ tornBytes: 0, replayed: 0 });
  });

  it('a snapshot built by another projection version is replaced at the first start, even at the journal end', async () => {
    const dir = await fixture();
    const doc = readSnapshot(dir);
    const lines = fs.readFileSync(snap(dir), 'utf8').split('\n');
    lines[0] = JSON.stringify({ ...JSON.parse(lines[0]), projections: { ...doc.projections, loyalty: 1 } });
    lines.pop();
    lines[lines.length - 1] = sealLines(lines.slice(0, -1));
    fs.writeFileSync(snap(dir), lines.join('\n') + '\n');
    const s = await open(dir);
    expect(s.recovery.fullReplay).toBe(`projection loyalty changed (version 1 -> ${doc.projections.loyalty})`);
    await s.close();
    const again = await open(dir);
    expect(again.recovery).toEqual({ tornBytes: 0, replayed: 0 });
  });
});
