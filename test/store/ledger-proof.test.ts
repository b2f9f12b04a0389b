/**
 * Issue 8, defect 1: a snapshot the register cannot prove is never used, and no commit may take a
 * balance below zero by the journal's own fold (checked in the store's commit, for every path).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initStore, openStore } from '../../src/store/index.js';
import { backupStore, verifyStore } from '../../src/store/maintenance.js';
import { sealLines } from '../../src/store/snapshot-lines.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
import { loyaltyOf } from '../../src/store/projections/loyalty.js';
import type { TillStore } from '../../src/store/till-store.js';
import type { EventDraft } from '../../src/store/types.js';
import { isStoreError } from '../../src/store/errors.js';
import { fixedClock, readLines, seg1, tmpDir } from './helpers.js';

const CODE = '07K8T7FK6FDPBE03ZDRN';
const issued = (code = CODE, faceValue = 1000): EventDraft => ({ type: 'giftcard.issued', data: { code, state: 'active', currency: 'USD', faceValue, price: faceValue } });
const redeemed = (amount: number, code = CODE): EventDraft => ({ type: 'giftcard.redeemed', data: { code, amount } });
const saleRedeeming = (n: number, amount: number, code = CODE): EventDraft => ({
  type: 'sale.committed',
  data: { sale: { saleId: `s${n}`, receiptNo: `R1-${n}`, register: 'R1', total: amount, currency: 'USD', extensions: { giftcards: { sold: [], redeemed: [{ code, amount }] } } } },
});
const customer = (id: string): EventDraft => ({ type: 'customer.created', data: { customer: { id, name: id, phone: '', tier: null, card: `2990000${id}`, blocked: false, created: '2025-01-01T00:00:00Z' } } });
const program = (expiryDays?: number): EventDraft => ({
  type: 'loyalty.program.upserted',
  data: { program: { id: 'P', name: 'Points', active: true, decimals: 0, step: 1, ...(expiryDays ? { expiryDays } : {}), rules: [], rewards: [] } },
});
const points = (type: 'points.earned' | 'points.spent' | 'points.adjusted' | 'points.expired', customerId: string, pts: number, day: string): EventDraft => ({
  type,
  data: { customerId, programId: 'P', points: pts, day, reason: 'test' },
});

const open: TillStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => {});
});

async function cardStore(now = fixedClock()): Promise<{ dir: string; s: TillStore }> {
  const dir = tmpDir('proof');
  const s = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'shop' }, [issued()], { now });
  open.push(s);
  return { dir, s };
}

async function refusedWith(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isStoreError(e)) return e.code;
    throw e;
  }
  return 'committed';
}

describe('issue 8.1 hand-edited snapshot', () => {
  it('a balance edited in store.json is never spent: the snapshot is discarded and the journal replayed', async () => {
    const { dir, s } = await cardStore();
    await s.close();
    const file = path.join(dir, 'store.json');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('"balance":1000');
    fs.writeFileSync(file, text.replace('"faceValue":1000,"price":1000,"balance":1000', '"faceValue":1000,"price":1000,"balance":99999'));
    const v = await verifyStore(dir);
    expect(v.snapshot.status).toBe('unproven');
    expect(v.ok).toBe(false);

    const again = await openStore(dir, { register: 'R1' });
    open.push(again);
    expect(again.recovery.snapshotDiscarded).toMatch(/digest/);
    expect(again.recovery.fullReplay).toMatch(/digest/);
    expect(findGiftCard(again.state, CODE)?.balance).toBe(1000);
    // The journal's fold decides: 999.99 cannot be redeemed, 10.00 can.
    expect(await refusedWith(again.commit({ id: 'spend-big', events: [saleRedeeming(1, 99999)] }))).toBe('GIFT_CARD_OVERDRAWN');
    await again.commit({ id: 'spend-ok', events: [saleRedeeming(2, 1000)] });
    expect(findGiftCard(again.state, CODE)?.balance).toBe(0);
    await again.close();
    // The start-up checkpoint replaced the edited file: everything agrees again.
    const after = await verifyStore(dir);
    expect(after.ok).toBe(true);
    expect(after.snapshot.status).toBe('ok');
  });

  it('a snapshot without a digest (or with a wrong one) is not used; one the register wrote is', async () => {
    const { dir, s } = await cardStore();
    await s.close();
    const file = path.join(dir, 'store.json');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const end = JSON.parse(lines[lines.length - 2]);
    lines[lines.length - 2] = JSON.stringify([end[0], end[1]]);
    fs.writeFileSync(file, lines.join('\n'));
    const a = await openStore(dir, { register: 'R1' });
    expect(a.recovery.snapshotDiscarded).toMatch(/no digest/);
    await a.close();
    const b = await openStore(dir, { register: 'R1' });
    expect(b.recovery).toEqual({ tornBytes: 0, replayed: 0 });
    await b.close();
  });
});

describe('issue 8.1 a snapshot edited and given a recomputed digest (the limit docs/storage.md names)', () => {
  it('journal verify names the slice and value that differ from the fold; a backup refuses and advises store rebuild', async () => {
    const { dir, s } = await cardStore();
    await s.close();
    const file = path.join(dir, 'store.json');
    const body = fs
      .readFileSync(file, 'utf8')
      .replace('"faceValue":1000,"price":1000,"balance":1000', '"faceValue":1000,"price":1000,"balance":99999')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('["end",'));
    fs.writeFileSync(file, [...body, sealLines(body)].join('\n') + '\n');
    const v = await verifyStore(dir);
    expect(v.snapshot.status).toBe('mismatch');
    expect(v.problems[0].message).toContain(`giftcards.cards.${CODE}.balance: snapshot has 99999, the journal folds to 1000`);
    const dest = tmpDir('forged-backup');
    fs.rmSync(dest, { recursive: true, force: true });
    await expect(backupStore(dir, dest)).rejects.toThrow(`then \`till store rebuild --data ${dir}\``);
    expect(fs.existsSync(dest)).toBe(false);
  });
});

describe('issue 8.1 append-time balance check', () => {
  it('refuses a gift-card redemption beyond the balance, in a sale or as an event, and writes nothing', async () => {
    const { dir, s } = await cardStore();
    const before = readLines(seg1(dir)).length;
    expect(await refusedWith(s.commit({ id: 'r1', events: [redeemed(1001)] }))).toBe('GIFT_CARD_OVERDRAWN');
    expect(await refusedWith(s.commit({ id: 'r2', events: [saleRedeeming(1, 600), saleRedeeming(2, 600)] }))).toBe('GIFT_CARD_OVERDRAWN');
    expect(await refusedWith(s.commit({ id: 'r3', events: [{ type: 'giftcard.adjusted', data: { code: CODE, amount: -1001, reason: 'x' } }] }))).toBe('GIFT_CARD_OVERDRAWN');
    expect(await refusedWith(s.commit({ id: 'r4', events: [{ type: 'giftcard.loaded', data: { code: CODE, amount: -2000 } }] }))).toBe('GIFT_CARD_OVERDRAWN');
    // Within one batch, later transactions see the earlier ones.
    expect(await refusedWith(s.commitBatch([{ id: 'b1', events: [redeemed(700)] }, { id: 'b2', events: [redeemed(700)] }]))).toBe('GIFT_CARD_OVERDRAWN');
    expect(readLines(seg1(dir)).length).toBe(before);
    expect(s.hasTx('r1')).toBe(false);
    await s.commit({ id: 'ok', events: [redeemed(1000)] });
    expect(findGiftCard(s.state, CODE)?.balance).toBe(0);
    expect(await refusedWith(s.commit({ id: 'r5', events: [redeemed(1)] }))).toBe('GIFT_CARD_OVERDRAWN');
    // A load then a redemption in one transaction is fine.
    await s.commit({ id: 'ok2', events: [{ type: 'giftcard.loaded', data: { code: CODE, amount: 500 } }, redeemed(500)] });
    const v = await verifyStore(dir);
    expect(v.ok).toBe(true);
  });

  it('refuses a points spend or negative adjustment beyond the balance', async () => {
    const dir = tmpDir('proof');
    const s = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'shop' }, [program(), customer('c1'), points('points.earned', 'c1', 100, '2025-01-01')], { now: fixedClock() });
    open.push(s);
    expect(await refusedWith(s.commit({ id: 'p1', events: [points('points.spent', 'c1', 101, '2025-01-01')] }))).toBe('POINTS_OVERDRAWN');
    expect(await refusedWith(s.commit({ id: 'p2', events: [points('points.adjusted', 'c1', -101, '2025-01-01')] }))).toBe('POINTS_OVERDRAWN');
    await s.commit({ id: 'p3', events: [points('points.spent', 'c1', 100, '2025-01-01')] });
    expect(loyaltyOf(s.state).customers.c1.points.P).toBe(0);
  });

  it('points whose lots expired before the commit day cannot be spent, even before the expiry is journaled', async () => {
    const dir = tmpDir('proof');
    // Clock: 2025-01-01; points earned 2024-12-01 expire after 15 days (2024-12-16).
    const s = await initStore(dir, { currency: 'USD', register: 'R1', storeId: 'shop' }, [program(15), customer('c1'), points('points.earned', 'c1', 100, '2024-12-01')], { now: fixedClock() });
    open.push(s);
    expect(loyaltyOf(s.state).customers.c1.points.P).toBe(100);
    expect(await refusedWith(s.commit({ id: 'e1', events: [points('points.spent', 'c1', 100, '2025-01-01')] }))).toBe('POINTS_OVERDRAWN');
    // The batch job may still journal the expiry (checked against the balance itself).
    await s.commit({ id: 'e2', events: [points('points.expired', 'c1', 100, '2025-01-01')] });
    expect(loyaltyOf(s.state).customers.c1.points.P).toBe(0);
    // Fresh points are spendable.
    await s.commit({ id: 'e3', events: [points('points.earned', 'c1', 40, '2025-01-01'), points('points.spent', 'c1', 40, '2025-01-01')] });
  });
});

describe('issue 8.1 refusal reaches the cashier', () => {
  it('a commit refused with GIFT_CARD_OVERDRAWN keeps the sale open and shows the cashier message', async () => {
    const { startHeadless } = await import('../headless/support.js');
    const { StoreError } = await import('../../src/store/errors.js');
    const h = startHeadless();
    h.store.failNext(new StoreError('GIFT_CARD_OVERDRAWN', 'Gift card …ZDRN holds 1000 by the journal; this would take it to -500.', { last4: 'ZDRN', balance: 1000, after: -500 }));
    for (const r of [{ id: 1, cmd: 'scan', code: '101' }, { id: 2, cmd: 'pay' }, { id: 3, cmd: 'cash', amount: 300 }]) h.send(r);
    const replies = await h.end();
    expect(replies[2]).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_OVERDRAWN', message: expect.stringContaining('The gift card ending ZDRN does not hold that much') } });
    expect(replies[2].state.status).toBe('commit_failed');
  });
});
