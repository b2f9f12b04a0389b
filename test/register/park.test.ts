/**
 * Parking and recalling on a register over a real store (issue 11): what is journaled, what a recall
 * restores, and that a parked sale is never committed twice — recalled twice at once on two screens
 * of one till, recalled after it was recalled or paid, or committed while still parked.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { waitFor } from 'xstate';
import { createRegister, type Register } from '../../src/register.js';
import { createMockHardware } from '../../hardware/index.js';
import { createTestRegister, demoProduct, type TestRegister } from '../support/register-fixture.js';
import { parkedList } from '../../src/store/projections/parked.js';
import { PARK_DISCARDED, SALE_PARKED, SALE_RECALLED } from '../../src/domain/park.js';
import { demoMemberCards } from '../../src/admin/demo-store.js';
import type { JournalEvent } from '../../src/store/types.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let t: TestRegister;
afterEach(async () => t?.close());

const busy = (v: unknown) => v === 'parking' || v === 'recalling' || v === 'committing';
async function send(reg: Register, ev: Parameters<Register['actor']['send']>[0]) {
  reg.actor.send(ev);
  return waitFor(reg.actor, (s) => !busy(s.value));
}
/** Every event on disk, read back from the journal's segments. */
const journal = (): JournalEvent[] =>
  readdirSync(join(t.dir, 'journal'))
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) => readFileSync(join(t.dir, 'journal', f), 'utf8').split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l) as JournalEvent));
const msg = (reg: Register) => reg.actor.getSnapshot().context.message;

async function parkTwoItems(reg: Register) {
  await send(reg, { type: 'cart.scan', code: '101' });
  await send(reg, { type: 'cart.scan', code: '201' });
  const saleId = reg.actor.getSnapshot().context.saleId;
  await send(reg, { type: 'sale.park' });
  return saleId!;
}

describe('parking a sale', () => {
  test('journals the sale aside and frees the till; the list shows time, operator, lines and total', async () => {
    t = await createTestRegister();
    const reg = t.register;
    const saleId = await parkTwoItems(reg);
    const snap = reg.actor.getSnapshot();
    expect(snap.value).toBe('idle');
    expect(snap.context.cart.lines).toEqual([]);
    expect(msg(reg)).toMatchObject({ code: 'SALE_PARKED', level: 'info', params: { no: 1 } });
    const [row] = reg.parked.list();
    const total = demoProduct('101').price + demoProduct('201').price;
    expect(row).toMatchObject({ no: 1, lines: 2, total, currency: 'USD', operator: { id: t.config.operators[0].id }, at: '2025-03-14T09:26:00.000Z', interrupted: null });
    const parked = journal().filter((e) => e.type === SALE_PARKED);
    expect(parked).toHaveLength(1);
    expect(parked[0].data).toMatchObject({ parked: { saleId, lines: 2, total } });
    expect(t.store.state.sales.count).toBe(0);
  });

  test('not while payments are on it: it says why and nothing is written', async () => {
    t = await createTestRegister();
    const reg = t.register;
    await send(reg, { type: 'cart.scan', code: '101' });
    await send(reg, { type: 'tender.start' });
    await send(reg, { type: 'tender.card', amount: 100, reference: 'A1' });
    const seq = t.store.state.meta.seq;
    await send(reg, { type: 'sale.park' });
    expect(reg.actor.getSnapshot().matches({ open: 'tender' })).toBe(true);
    expect(msg(reg)).toMatchObject({ code: 'PARK_HAS_PAYMENTS', level: 'error' });
    expect(t.store.state.meta.seq).toBe(seq);
  });

  test('from the payment screen without payments it parks; a claimed reward is released, the customer kept', async () => {
    t = await createTestRegister({ demo: true });
    const reg = t.register;
    await send(reg, { type: 'cart.scan', code: demoMemberCards()[0] });
    await send(reg, { type: 'cart.scan', code: '101' });
    await send(reg, { type: 'reward.apply', programId: 'coffee-club', rewardId: 'free-espresso' });
    expect(reg.actor.getSnapshot().context.cart.lines.some((l) => l.kind === 'reward')).toBe(true);
    const customer = reg.actor.getSnapshot().context.customer!.id;
    await send(reg, { type: 'tender.start' });
    await send(reg, { type: 'sale.park' });
    expect(msg(reg)).toMatchObject({ code: 'SALE_PARKED_REWARDS', params: { released: 1 } });
    const [entry] = parkedList(t.store.state);
    expect(entry.cart.lines.map((l) => l.kind)).toEqual(['product']);
    expect(entry.customerId).toBe(customer);
    await send(reg, { type: 'sale.recall', parkId: entry.parkId });
    const c = reg.actor.getSnapshot().context;
    expect(c.customer?.id).toBe(customer);
    expect(c.cart.lines.map((l) => l.kind)).toEqual(['product']);
    expect(c.loyalty).not.toBeNull();
  });
});

describe('recalling a parked sale', () => {
  test('puts it back as the open sale with its own id; paid, it is committed once and gone from the list', async () => {
    t = await createTestRegister();
    const reg = t.register;
    const saleId = await parkTwoItems(reg);
    const [row] = reg.parked.list();
    await send(reg, { type: 'sale.recall', parkId: row.parkId });
    let snap = reg.actor.getSnapshot();
    expect(snap.matches({ open: 'sale' })).toBe(true);
    expect(snap.context.saleId).toBe(saleId);
    expect(snap.context.cart.lines.map((l) => l.sku)).toEqual([demoProduct('101').sku, demoProduct('201').sku]);
    expect(msg(reg)).toMatchObject({ code: 'SALE_RECALLED', params: { no: 1 } });
    // The sale on the screen is not offered again.
    expect(reg.parked.list()).toEqual([]);
    await send(reg, { type: 'tender.start' });
    await send(reg, { type: 'tender.exact' });
    snap = reg.actor.getSnapshot();
    expect(snap.value).toBe('committed');
    expect(snap.context.lastSale?.saleId).toBe(saleId);
    expect(parkedList(t.store.state)).toEqual([]);
    // Recalled after it was recalled and paid: refused, nothing opened, nothing written.
    const seq = t.store.state.meta.seq;
    await send(reg, { type: 'sale.recall', parkId: row.parkId });
    expect(reg.actor.getSnapshot().value).toBe('idle');
    expect(msg(reg)).toMatchObject({ code: 'PARKED_SALE_GONE', level: 'error' });
    expect(t.store.state.meta.seq).toBe(seq);
    expect(journal().filter((e) => e.type === 'sale.committed' && (e.data as any).sale.saleId === saleId)).toHaveLength(1);
    expect(journal().filter((e) => e.type === SALE_RECALLED)).toHaveLength(1);
  });

  test('keeps the parked prices and says how many lines the catalog prices differently now', async () => {
    t = await createTestRegister();
    const reg = t.register;
    await parkTwoItems(reg);
    const espresso = demoProduct('101');
    await t.store.commit({ id: 'price-change', events: [{ type: 'catalog.upserted', data: { products: [{ ...espresso, price: espresso.price + 50 }] } }] });
    await send(reg, { type: 'sale.recall', parkId: reg.parked.list()[0].parkId });
    const c = reg.actor.getSnapshot().context;
    expect(c.cart.lines.find((l) => l.sku === espresso.sku)?.unitPrice).toBe(espresso.price);
    expect(msg(reg)).toMatchObject({ code: 'SALE_RECALLED_PRICES', params: { changed: 1 } });
  });

  test('on two screens of one till at once: one recall wins, the other is refused, the sale is paid once', async () => {
    t = await createTestRegister();
    const a = t.register;
    const b = createRegister({ config: t.config, store: t.store, hardware: createMockHardware() });
    try {
      const saleId = await parkTwoItems(a);
      const parkId = a.parked.list()[0].parkId;
      a.actor.send({ type: 'sale.recall', parkId });
      b.actor.send({ type: 'sale.recall', parkId });
      const [sa, sb] = await Promise.all([waitFor(a.actor, (s) => !busy(s.value)), waitFor(b.actor, (s) => !busy(s.value))]);
      const opened = [sa, sb].filter((s) => s.matches({ open: 'sale' }));
      const refused = [sa, sb].filter((s) => s.value === 'idle');
      expect(opened).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0].context.message?.code).toBe('PARKED_SALE_GONE');
      expect(journal().filter((e) => e.type === SALE_RECALLED)).toHaveLength(1);
      const winner = sa.matches({ open: 'sale' }) ? a : b;
      await send(winner, { type: 'tender.start' });
      await send(winner, { type: 'tender.exact' });
      expect(winner.actor.getSnapshot().value).toBe('committed');
      expect(journal().filter((e) => e.type === 'sale.committed' && (e.data as any).sale.saleId === saleId)).toHaveLength(1);
    } finally {
      await b.stop();
    }
  });

  test('the store refuses a second recall of the same attempt and a commit of a sale still parked', async () => {
    t = await createTestRegister();
    const saleId = await parkTwoItems(t.register);
    const [entry] = parkedList(t.store.state);
    await expect(t.store.commit({ id: 'r-late', events: [{ type: SALE_RECALLED, data: { parkId: entry.parkId, saleId, attempt: 2 } }] })).rejects.toMatchObject({ code: 'PARKED_SALE_GONE' });
    await expect(t.store.commit({ id: saleId, events: [{ type: 'sale.committed', data: { sale: { saleId, receiptNo: 'R1-000001', register: 'R1' } } }] })).rejects.toMatchObject({ code: 'SALE_IS_PARKED' });
    await t.store.commit({ id: 'r1', events: [{ type: SALE_RECALLED, data: { parkId: entry.parkId, saleId, attempt: 1 } }] });
    await expect(t.store.commit({ id: 'r1-again', events: [{ type: SALE_RECALLED, data: { parkId: entry.parkId, saleId, attempt: 1 } }] })).rejects.toMatchObject({ code: 'PARKED_SALE_GONE' });
    expect(parkedList(t.store.state)[0]).toMatchObject({ state: 'recalled', recalls: 1 });
  });

  test('a recalled sale voided is finished: not listed again', async () => {
    t = await createTestRegister();
    const reg = t.register;
    await parkTwoItems(reg);
    await send(reg, { type: 'sale.recall', parkId: reg.parked.list()[0].parkId });
    await send(reg, { type: 'cart.void' });
    await reg.settled();
    expect(parkedList(t.store.state)).toEqual([]);
  });
});

describe('discarding a park and the shift close', () => {
  test('the Z is refused while sales are parked; a discard is journaled with the operator, then the close goes through', async () => {
    t = await createTestRegister();
    const reg = t.register;
    expect((await reg.shift.open(0)).ok).toBe(true);
    await parkTwoItems(reg);
    const refused = await reg.shift.close(0);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ code: 'PARKED_SALES_OPEN', params: { count: 1 } });
    const parkId = reg.parked.list()[0].parkId;
    const d = await reg.parked.discard(parkId);
    expect(d.ok).toBe(true);
    const ev = journal().find((e) => e.type === PARK_DISCARDED)!;
    expect(ev.operator).toBe(t.config.operators[0].id);
    expect(ev.data).toMatchObject({ parkId, lines: 2 });
    expect(reg.parked.list()).toEqual([]);
    const again = await reg.parked.discard(parkId);
    expect(again.ok ? null : again.error.code).toBe('PARKED_SALE_GONE');
    await send(reg, { type: 'sale.recall', parkId });
    expect(msg(reg)?.code).toBe('PARKED_SALE_GONE');
    expect((await reg.shift.close(0)).ok).toBe(true);
  });
});
