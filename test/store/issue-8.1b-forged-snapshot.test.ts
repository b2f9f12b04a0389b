/**
 * Issue 8, defect 1b: a snapshot edited by hand and given a recomputed sha256 digest (someone who knows
 * the format) is never spent. Start-up still uses it (it saves the replay), but the gift-card and
 * points balances are proven from a fresh fold of the journal in the background before any commit
 * may lower one; a commit that does waits for the proof. On a mismatch the journal's fold is used,
 * SNAPSHOT_DISCARDED says what differed, the file is set aside, and every slice is refolded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../src/store/index.js';
import { verifyStore } from '../../src/store/maintenance.js';
import { encodeSnapshot, sealLines, type SnapshotDoc } from '../../src/store/snapshot-lines.js';
import { readSnapshotFile } from '../../src/store/snapshot.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
import { loyaltyOf } from '../../src/store/projections/loyalty.js';
import { isStoreError } from '../../src/store/errors.js';
import { jsonEqual } from '../../src/store/balance-proof.js';
import type { TillStore } from '../../src/store/till-store.js';
import type { EventDraft } from '../../src/store/types.js';
import { fixedClock, saleEvent, tmpDir, upsert, product } from './helpers.js';

const CODE = '07K8T7FK6FDPBE03ZDRN';
const issued = (faceValue = 1000): EventDraft => ({ type: 'giftcard.issued', data: { code: CODE, state: 'active', currency: 'USD', faceValue, price: faceValue } });
const saleRedeeming = (n: number, amount: number): EventDraft => ({
  type: 'sale.committed',
  data: { sale: { saleId: `s${n}`, receiptNo: `R1-${n}`, register: 'R1', total: amount, currency: 'USD', extensions: { giftcards: { sold: [], redeemed: [{ code: CODE, amount }] } } } },
});
const customer = (id: string): EventDraft => ({ type: 'customer.created', data: { customer: { id, name: id, phone: '', tier: null, card: `2990000${id}`, blocked: false, created: '2025-01-01T00:00:00Z' } } });
const program: EventDraft = { type: 'loyalty.program.upserted', data: { program: { id: 'P', name: 'Points', active: true, decimals: 0, step: 1, rules: [], rewards: [] } } };
const pts = (type: 'points.earned' | 'points.spent', n: number): EventDraft => ({ type, data: { customerId: 'c1', programId: 'P', points: n, day: '2025-01-01', reason: 'test' } });

const open: TillStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => {});
});

async function refusedWith(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isStoreError(e)) return e.code;
    throw e;
  }
  return 'committed';
}

/** Edits store.json and recomputes its digest, as a forger who knows the format would. */
function forge(dir: string, from: string, to: string): void {
  const file = path.join(dir, 'store.json');
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain(from);
  const body = text
    .replace(from, to)
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('["end",'));
  fs.writeFileSync(file, [...body, sealLines(body)].join('\n') + '\n');
}

/**
 * The same forgery where the text cannot be edited in place: loyalty accounts are compact rows in
 * till-snapshot/3, so the forger decodes the snapshot, changes the account and writes it back with the
 * format's own encoder (which recomputes the digest), as someone who read the source would.
 */
function forgePoints(dir: string, customerId: string, programId: string, points: number): void {
  const file = path.join(dir, 'store.json');
  const doc = readSnapshotFile(file, dir) as SnapshotDoc;
  const customers = loyaltyOf(doc.state).customers;
  const c = customers[customerId];
  expect(c.points[programId]).toBe(50);
  customers[customerId] = { ...c, points: { ...c.points, [programId]: points } };
  const lines: string[] = [];
  encodeSnapshot(doc, (l) => void lines.push(l));
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

/** Rewrites the snapshot's accounts through the format's own encoder (see forgePoints). */
function forgeAccounts(dir: string, edit: (customers: Record<string, unknown>) => void): void {
  const file = path.join(dir, 'store.json');
  const doc = readSnapshotFile(file, dir) as SnapshotDoc;
  edit(loyaltyOf(doc.state).customers as Record<string, unknown>);
  const lines: string[] = [];
  encodeSnapshot(doc, (l) => void lines.push(l));
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

async function store(sales = 30): Promise<string> {
  const dir = tmpDir('forged');
  const s = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'shop' }, [issued(), upsert(product('A', '4006381333931')), program, customer('c1'), pts('points.earned', 50)], { now: fixedClock() });
  await s.commitBatch(Array.from({ length: sales }, (_, i) => ({ id: `sale-${i + 1}`, events: [saleEvent('R1', i + 1)] })));
  await s.close();
  return dir;
}

describe('issue 8.1b a forged snapshot with a recomputed digest', () => {
  it('is loaded, but a gift-card spend waits for the proof, which finds the forgery; 999.99 is never paid', async () => {
    const dir = await store();
    forge(dir, '"faceValue":1000,"price":1000,"balance":1000', '"faceValue":1000,"price":1000,"balance":99999');
    expect((await verifyStore(dir)).snapshot.status).toBe('mismatch');
    const s = await openStore(dir, { register: 'R1', now: fixedClock() });
    open.push(s);
    // Start-up took the snapshot (no replay) and shows its numbers: nothing is spent on them yet.
    expect(s.recovery.fullReplay).toBeUndefined();
    expect(s.balances).toBe('unproven');
    // A cash sale does not wait for the proof; the forged spend does, and is refused by the journal's fold.
    await s.commit({ id: 'cash', events: [saleEvent('R1', 31)] });
    expect(await refusedWith(s.commit({ id: 'forged-spend', events: [saleRedeeming(1, 99999)] }))).toBe('GIFT_CARD_OVERDRAWN');
    const r = await s.proof!;
    expect(r.status).toBe('discarded');
    expect(s.balances).toBe('proven');
    expect(findGiftCard(s.state, CODE)?.balance).toBe(1000);
    const n = s.notices.find((x) => x.code === 'SNAPSHOT_DISCARDED')!;
    expect(n.message).toContain(`giftcards.cards.…${CODE.slice(-4)}.balance: snapshot has 99999, the journal folds to 1000`);
    expect(n.message).not.toContain(CODE); // a card code never appears whole in a notice or the log
    expect(fs.readFileSync(path.join(dir, 'till.log'), 'utf8')).toMatch(/WARNING SNAPSHOT_DISCARDED/);
    // The forged file is set aside, not used again.
    expect(fs.readdirSync(dir).some((f) => f.startsWith('store.json.discarded-'))).toBe(true);
    // What the journal holds can be spent.
    await s.commit({ id: 'real-spend', events: [saleRedeeming(2, 1000)] });
    expect(findGiftCard(s.state, CODE)?.balance).toBe(0);
    await s.close();
    const v = await verifyStore(dir);
    expect(v.problems).toEqual([]);
    expect(findGiftCard(v.state, CODE)?.balance).toBe(0);
  });

  it('forged points are found the same way; after the refold every slice equals the journal fold', async () => {
    const dir = await store(5);
    forgePoints(dir, 'c1', 'P', 5000);
    const s = await openStore(dir, { register: 'R1', now: fixedClock() });
    open.push(s);
    expect(loyaltyOf(s.state).customers.c1.points.P).toBe(5000);
    expect(await refusedWith(s.commit({ id: 'spend', events: [pts('points.spent', 100)] }))).toBe('POINTS_OVERDRAWN');
    expect(loyaltyOf(s.state).customers.c1.points.P).toBe(50);
    const r = await s.proof!;
    expect(r.status === 'discarded' && r.differences[0]).toMatch(/^loyalty\.customers\.c1\.points\.P: snapshot has 5000, the journal folds to 50/);
    await s.commit({ id: 'spend-ok', events: [pts('points.spent', 50)] });
    // The background refold of the other slices finishes and writes a proven snapshot.
    for (let i = 0; i < 200 && !fs.existsSync(path.join(dir, 'store.json')); i++) await new Promise((res) => setTimeout(res, 10));
    expect(fs.existsSync(path.join(dir, 'store.json'))).toBe(true);
    await s.close();
    const v = await verifyStore(dir);
    expect(v.ok).toBe(true);
    expect(v.snapshot.status).toBe('ok');
  });

  it('an account the snapshot lacks, or one the journal never created, is found (compact tables compared row by row)', async () => {
    for (const [edit, expected] of [
      [(c: Record<string, unknown>) => delete c.c1, /^loyalty\.customers\.c1: the journal has it, the snapshot does not/],
      [(c: Record<string, unknown>) => (c.c9 = { ...(c.c1 as object), id: 'c9' }), /^loyalty\.customers\.c9: the snapshot has it, the journal does not/],
    ] as const) {
      const dir = await store(3);
      forgeAccounts(dir, edit);
      const s = await openStore(dir, { register: 'R1', now: fixedClock(), proofDelayMs: 0 });
      open.push(s);
      const r = await s.proof!;
      expect(r.status === 'discarded' && r.differences[0]).toMatch(expected);
      expect(Object.keys(loyaltyOf(s.state).customers)).toEqual(['c1']);
      await s.close();
    }
  });

  it('an honest snapshot is proven: nothing is reported, spends go through after the proof', async () => {
    const dir = await store();
    const s = await openStore(dir, { register: 'R1', now: fixedClock() });
    open.push(s);
    await s.commit({ id: 'spend', events: [saleRedeeming(1, 400)] });
    expect(await s.proof!).toEqual({ status: 'proven', seq: s.seq - 1 });
    expect(s.balances).toBe('proven');
    expect(s.notices).toEqual([]);
    expect(findGiftCard(s.state, CODE)?.balance).toBe(600);
  });

  it('commits made while the proof runs are followed: it still proves, and a fully replayed start needs no proof', async () => {
    const dir = await store(3000); // many pieces of the fold (64 KiB each)
    const s = await openStore(dir, { register: 'R1', now: fixedClock(), proofDelayMs: 0 });
    open.push(s);
    expect(s.balances).toBe('unproven');
    const sales = Array.from({ length: 20 }, (_, i) => s.commit({ id: `during-${i}`, events: [saleEvent('R1', 300 + i), pts('points.earned', 1)] }));
    await Promise.all(sales);
    expect((await s.proof!).status).toBe('proven');
    expect(loyaltyOf(s.state).customers.c1.points.P).toBe(70);
    await s.close();
    fs.rmSync(path.join(dir, 'store.json'));
    const t = await openStore(dir, { register: 'R1', now: fixedClock() });
    open.push(t);
    expect(t.balances).toBe('proven');
  });

  it('without the background proof (verifyHistory: false) the first lowering commit starts it and waits', async () => {
    const dir = await store(3);
    forge(dir, '"faceValue":1000,"price":1000,"balance":1000', '"faceValue":1000,"price":1000,"balance":99999');
    const s = await openStore(dir, { register: 'R1', verifyHistory: false, now: fixedClock() });
    open.push(s);
    expect(s.balances).toBe('unproven');
    expect(await refusedWith(s.commit({ id: 'forged-spend', events: [saleRedeeming(1, 5000)] }))).toBe('GIFT_CARD_OVERDRAWN');
    expect((await s.proof!).status).toBe('discarded');
  });

  it('jsonEqual: plain JSON equality, undefined members count as absent', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, u: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(jsonEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(jsonEqual({ a: null }, { a: {} })).toBe(false);
  });
});
