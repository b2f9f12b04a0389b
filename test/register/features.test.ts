/**
 * One register, in process, on a real store in a temp folder with mock devices: gift cards and loyalty
 * from the scan to the journal, the projections and the printed receipt.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from 'xstate';
import { initStore } from '../../src/store/open.js';
import { createRegister, type Register } from '../../src/register.js';
import { createMockHardware } from '../../hardware/index.js';
import { demoConfig, demoProducts } from '../../src/admin/demo-store.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
import { accountById, loyaltyOf } from '../../src/store/projections/loyalty.js';
import { generateCode, planIssue, localDate } from '../../src/domain/giftcard/index.js';
import type { Customer, LoyaltyProgram, TierLadder } from '../../src/domain/loyalty/types.js';

const dirs: string[] = [];
const regs: Register[] = [];
afterEach(async () => {
  for (const r of regs.splice(0)) {
    await r.stop();
    await r.store.close();
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const PROGRAM: LoyaltyProgram = {
  id: 'cb', name: 'Cashback 1%', active: true, decimals: 0, step: 1,
  rules: [{ id: 'base', perAmount: { points: 1, per: 100 } }],
  rewards: [{ id: 'spend', name: 'Pay with points', kind: 'cashback', cost: 1, value: { amount: 100, points: 1 } }],
};
const LADDER: TierLadder = {
  basis: 'spend', demotion: false,
  tiers: [{ id: 'std', name: 'Standard', threshold: 0 }, { id: 'gold', name: 'Gold', threshold: 1000 }],
};
const CUSTOMER: Customer = { id: 'c1', name: 'Ivan Petrov', phone: '+79001234567', tier: 'std', card: '2700000000014', blocked: false, created: '2026-01-01T00:00:00Z' };
let codeN = 0;
const code = () => generateCode(Uint8Array.from({ length: 12 }, (_, i) => (i * 37 + ++codeN * 11) & 0xff));

async function open(seed: { type: string; data: unknown }[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'till-reg-'));
  dirs.push(dir);
  const config = demoConfig();
  const store = await initStore(dir, { currency: 'USD', register: 'R1' }, [
    { type: 'catalog.upserted', data: { products: demoProducts() } },
    ...seed,
  ]);
  const hardware = createMockHardware();
  let n = 0;
  const reg = createRegister({ config, store, hardware, newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` });
  regs.push(reg);
  const send = reg.actor.send.bind(reg.actor);
  const paid = async () => {
    await waitFor(reg.actor, (s) => s.matches('committed') || s.matches({ open: 'commitFailed' }));
    await reg.settled();
    return reg.actor.getSnapshot();
  };
  return { reg, store, hardware, send, paid };
}

function issue(value: number) {
  const c = code();
  const r = planIssue(undefined, { code: c, currency: 'USD', faceValue: value, pending: false, today: localDate(new Date()) });
  if (!r.ok) throw r.error;
  return { code: c, events: r.value };
}

describe('gift cards end to end', () => {
  it('sells a card, then redeems part of it on another sale; balances, journal and receipts agree', async () => {
    const t = await open();
    t.send({ type: 'giftcard.sell', amount: 2000 });
    t.send({ type: 'tender.start' });
    t.send({ type: 'tender.exact' });
    const s1 = await t.paid();
    expect(s1.value).toBe('committed');
    const sold = (s1.context.lastSale!.extensions.giftcards as { sold: { code: string }[] }).sold[0].code;
    expect(findGiftCard(t.store.state, sold)).toMatchObject({ state: 'active', balance: 2000 });
    const card1 = t.hardware.printer.jobs[0].text;
    expect(card1).toContain('GIFT CARD');
    expect(card1).toContain(sold.slice(0, 4));

    t.send({ type: 'sale.next' });
    t.send({ type: 'cart.scan', code: '703' }); // charger 12.99
    t.send({ type: 'tender.start' });
    t.send({ type: 'cart.scan', code: `GC${sold}` });
    const s2 = await t.paid();
    expect(s2.value).toBe('committed');
    expect(findGiftCard(t.store.state, sold)!.balance).toBe(2000 - 1299);
    const receipt = t.hardware.printer.jobs[1].text;
    expect(receipt).toContain(`****${sold.slice(-4)}`);
    expect(receipt).not.toContain(sold);
    expect(receipt).toContain('7.01');
  });

  it('a card spent elsewhere after it was scanned refuses the commit and leaves the sale open', async () => {
    const card = issue(500);
    const t = await open(card.events);
    t.send({ type: 'cart.scan', code: '703' });
    t.send({ type: 'tender.start' });
    t.send({ type: 'cart.scan', code: `GC${card.code}` });
    // The back office blocks the card while the cashier takes the rest in cash.
    await t.store.commit({ id: 'block-1', events: [{ type: 'giftcard.blocked', data: { code: card.code, reason: 'reported stolen' } }] });
    t.send({ type: 'tender.cash', amount: 799 });
    const s = await t.paid();
    expect(s.value).toEqual({ open: 'commitFailed' });
    expect(s.context.message?.code).toBe('GIFT_CARD_BLOCKED');
    expect(t.store.state.sales.count).toBe(0);
    expect(findGiftCard(t.store.state, card.code)!.balance).toBe(500);
  });
});

describe('loyalty end to end', () => {
  const seed = [
    { type: 'loyalty.program.upserted', data: { program: PROGRAM } },
    { type: 'loyalty.tiers.set', data: { ladder: LADDER } },
    { type: 'customer.created', data: { customer: CUSTOMER } },
  ];

  it('earns on commit, promotes across the threshold on that very receipt, and spends later', async () => {
    const t = await open(seed);
    t.send({ type: 'cart.scan', code: CUSTOMER.card });
    t.send({ type: 'cart.scan', code: '703' }); // 12.99 -> 12 points at 1 per 1.00, crosses Gold at 10.00 spend
    t.send({ type: 'tender.start' });
    t.send({ type: 'tender.exact' });
    const s = await t.paid();
    expect(s.value).toBe('committed');
    const acc = accountById(loyaltyOf(t.store.state), 'c1')!;
    expect(acc.points.cb).toBe(12);
    expect(acc.tier).toBe('gold');
    const receipt = t.hardware.printer.jobs[0].text;
    expect(receipt).toContain('*********0014');
    expect(receipt).toMatch(/Points earned\s+\+12/);
    expect(receipt).toContain('Welcome to Gold!');

    t.send({ type: 'cart.scan', code: CUSTOMER.card });
    t.send({ type: 'cart.scan', code: '101' }); // espresso 2.50
    t.send({ type: 'reward.apply', programId: 'cb', rewardId: 'spend', points: 2 });
    expect(t.reg.actor.getSnapshot().context.priced.total).toBe(50);
    t.send({ type: 'tender.start' });
    t.send({ type: 'tender.exact' });
    await t.paid();
    expect(accountById(loyaltyOf(t.store.state), 'c1')!.points.cb).toBe(12 - 2 + 0);
  });

  it('creates a customer at the till with a generated, scannable card, finds them by phone, and attaches them', async () => {
    const t = await open(seed);
    const bad = await t.reg.customers.create({ name: 'Mai', phone: '12' });
    expect(bad.ok).toBe(false);
    const r = await t.reg.customers.create({ name: 'Tran Thi Mai', phone: '0912 345 678' });
    if (!r.ok) throw r.error;
    expect(r.value.card).toMatch(/^27\d{11}$/);
    expect(r.value.tier).toBe('std');
    const dup = await t.reg.customers.create({ name: 'Someone', phone: '0912345678' });
    expect(!dup.ok && dup.error.code).toBe('PHONE_TAKEN');
    expect(t.reg.customers.search('345 678').map((a) => a.name)).toEqual(['Tran Thi Mai']);
    expect(t.reg.customers.search('tran').map((a) => a.id)).toEqual([r.value.id]);
    t.send({ type: 'cart.scan', code: r.value.card });
    expect(t.reg.actor.getSnapshot().context.customer?.id).toBe(r.value.id);
  });
});
