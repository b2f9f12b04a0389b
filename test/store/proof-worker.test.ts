/**
 * Issue 12: the proof of the balances (issue 8) with its fold in a worker thread (balance-proof.ts
 * `proveInWorker`, proof-worker.ts), as a full-scale journal gets it ('auto' above WORKER_MIN_BYTES;
 * these stores are small, so they ask for it with proofWorker: 'always'). The contract is the
 * in-thread proof's: an honest snapshot is proven also while commits go on (the worker compares a
 * cut of the live slices taken between two commits with the journal folded up to it), a lowering
 * commit waits for the proof, a forged balance is found and replaced by the journal's fold, damage
 * in older history raises STORE_DAMAGED and refuses lowering commits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../src/store/index.js';
import { readSnapshotFile } from '../../src/store/snapshot.js';
import { encodeSnapshot, type SnapshotDoc } from '../../src/store/snapshot-lines.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
import { loyaltyOf } from '../../src/store/projections/loyalty.js';
import { isStoreError } from '../../src/store/errors.js';
import type { TillStore } from '../../src/store/till-store.js';
import type { EventDraft } from '../../src/store/types.js';
import { fixedClock, saleEvent, seg1, tmpDir } from './helpers.js';

const CODE = '07K8T7FK6FDPBE03ZDRN';
const issued: EventDraft = { type: 'giftcard.issued', data: { code: CODE, state: 'active', currency: 'USD', faceValue: 1000, price: 1000 } };
const redeem = (amount: number): EventDraft => ({ type: 'giftcard.redeemed', data: { code: CODE, amount } });
const program: EventDraft = { type: 'loyalty.program.upserted', data: { program: { id: 'P', name: 'Points', active: true, decimals: 0, step: 1, rules: [], rewards: [] } } };
const customer = (id: string): EventDraft => ({ type: 'customer.created', data: { customer: { id, name: `Customer ${id}`, phone: '', tier: null, card: `2990000${id.slice(1).padStart(5, '0')}`, blocked: false, created: '2025-01-01T00:00:00Z' } } });
const pts = (type: 'points.earned' | 'points.spent', id: string, n: number): EventDraft => ({ type, data: { customerId: id, programId: 'P', points: n, day: '2025-01-01', reason: 'test' } });

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

/** A store closed with a snapshot: a gift card, 300 customers with 50 points each, `sales` sales. */
async function store(sales = 200): Promise<string> {
  const dir = tmpDir('proof-worker');
  const people = Array.from({ length: 300 }, (_, i) => `c${i + 1}`);
  const s = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'shop' }, [issued, program, ...people.map(customer)], { now: fixedClock() });
  await s.commitBatch(people.map((id) => ({ id: `earn-${id}`, events: [pts('points.earned', id, 50)] })));
  await s.commitBatch(Array.from({ length: sales }, (_, i) => ({ id: `sale-${i + 1}`, events: [saleEvent('R1', i + 1)] })));
  await s.close();
  return dir;
}

/** Rewrites the snapshot's accounts through the format's own encoder, as a forger who read the source would. */
function forgePoints(dir: string, id: string, points: number): void {
  const file = path.join(dir, 'store.json');
  const doc = readSnapshotFile(file, dir) as SnapshotDoc;
  const customers = loyaltyOf(doc.state).customers;
  customers[id] = { ...customers[id], points: { P: points } };
  const lines: string[] = [];
  encodeSnapshot(doc, (l) => void lines.push(l));
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

describe('issue 12 the proof of the balances with its fold in a worker thread', () => {
  it('proves an honest snapshot in the worker while commits go on, also ones that change accounts; a spend waits for it', async () => {
    const dir = await store();
    const s = await openStore(dir, { register: 'R1', now: fixedClock(), proofDelayMs: 0, proofWorker: 'always' });
    open.push(s);
    let done = false;
    const proof = s.proof!.then((r) => ((done = true), r));
    // Commits between the cut and the worker's answer: points earned change live accounts the cut holds.
    let n = 0;
    while (!done && n < 2000) {
      n++;
      await s.commit({ id: `during-${n}`, events: [saleEvent('R1', 1000 + n), pts('points.earned', `c${(n % 300) + 1}`, 1)] });
    }
    const r = await proof;
    expect(r).toEqual({ status: 'proven', seq: expect.any(Number), worker: true });
    expect(n).toBeGreaterThan(0);
    expect(s.balances).toBe('proven');
    expect(s.notices).toEqual([]);
    await s.commit({ id: 'spend', events: [pts('points.spent', 'c1', 10), redeem(400)] });
    expect(findGiftCard(s.state, CODE)?.balance).toBe(600);
    // c1 earned a point for every n that is a multiple of 300.
    expect(loyaltyOf(s.state).customers.c1.points.P).toBe(50 + Math.floor(n / 300) - 10);
  });

  it('a forged balance is found: the snapshot is discarded and the journal folds the balance the spend is checked on', async () => {
    const dir = await store();
    forgePoints(dir, 'c7', 5000);
    const s = await openStore(dir, { register: 'R1', now: fixedClock(), proofWorker: 'always' });
    open.push(s);
    expect(loyaltyOf(s.state).customers.c7.points.P).toBe(5000);
    expect(await refusedWith(s.commit({ id: 'spend', events: [pts('points.spent', 'c7', 100)] }))).toBe('POINTS_OVERDRAWN');
    const r = await s.proof!;
    expect(r.status === 'discarded' && r.differences[0]).toMatch(/^loyalty\.customers\.c7\.points\.P: snapshot has 5000, the journal folds to 50/);
    expect(loyaltyOf(s.state).customers.c7.points.P).toBe(50);
    expect(s.notices.map((x) => x.code)).toContain('SNAPSHOT_DISCARDED');
  });

  it('damage in older history is found by the worker: STORE_DAMAGED, sales go on, spends are refused', async () => {
    const dir = await store();
    const file = seg1(dir);
    const buf = fs.readFileSync(file);
    const needle = Buffer.from('"receiptNo":"R1-000007"');
    const at = buf.indexOf(needle);
    expect(at).toBeGreaterThan(0);
    buf[at + needle.length - 2] = '9'.charCodeAt(0);
    fs.writeFileSync(file, buf);
    const s = await openStore(dir, { register: 'R1', now: fixedClock(), proofDelayMs: 0, proofWorker: 'always' });
    open.push(s);
    const r = await s.proof!;
    expect(r.status).toBe('damaged');
    expect(r.status === 'damaged' && r.damage.message).toMatch(/altered/);
    expect(s.notices.map((x) => x.code)).toContain('STORE_DAMAGED');
    await s.commit({ id: 'cash', events: [saleEvent('R1', 500)] });
    expect(await refusedWith(s.commit({ id: 'spend', events: [redeem(100)] }))).toBe('BALANCES_UNPROVEN');
  });

  it('a store closed while the worker folds ends the proof as stopped', async () => {
    const dir = await store();
    const s = await openStore(dir, { register: 'R1', now: fixedClock(), proofDelayMs: 0, proofWorker: 'always' });
    const proof = s.proof!;
    await s.close();
    expect((await proof).status).toBe('stopped');
  });
});
