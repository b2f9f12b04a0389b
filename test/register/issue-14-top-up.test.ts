/**
 * Issue 14, top-up at the till, end to end on a real store (the Odoo gift-card page's "Bar 2" POS in
 * "scan an existing card and set its price" mode, which also gives value to an existing or expired
 * card). Its numbers: the 1000 card with 800 left gets 200; the expired 1500 card with 516 left gets a
 * new 1500 and a new expiry. Through the checkout (what the till's keys send), headless, the printed
 * receipt, and `till giftcard load --extend`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from 'xstate';
import { initStore } from '../../src/store/open.js';
import { createRegister, type Register } from '../../src/register.js';
import { createMockHardware } from '../../hardware/index.js';
import { demoConfig, demoProducts } from '../../src/admin/demo-store.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
import { runHeadless } from '../../src/headless/driver.js';
import { generateCode, maskCode } from '../../src/domain/giftcard/index.js';
import { main } from '../../src/cli.js';
import { createStore } from '../../src/admin/init.js';
import type { TillConfig } from '../../src/domain/config.js';
import type { Store } from '../../src/store/types.js';

const NOW = new Date('2027-04-01T09:26:00Z');
let n = 0;
const code = () => generateCode(Uint8Array.from({ length: 12 }, (_, i) => (i * 41 + ++n * 23) & 0xff));
const EIGHT = code();
const EXPIRED = code();
const SEED = [
  { type: 'catalog.upserted', data: { products: demoProducts() } },
  { type: 'giftcard.issued', data: { code: EIGHT, state: 'active', currency: 'USD', faceValue: 100000, price: 100000, expiresOn: '2027-12-31' } },
  { type: 'giftcard.redeemed', data: { code: EIGHT, amount: 20000 } },
  { type: 'giftcard.issued', data: { code: EXPIRED, state: 'active', currency: 'USD', faceValue: 150000, price: 150000, expiresOn: '2026-12-31' } },
  { type: 'giftcard.redeemed', data: { code: EXPIRED, amount: 98400 } },
];

const dirs: string[] = [];
const regs: Register[] = [];
afterEach(async () => {
  for (const r of regs.splice(0)) await r.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'till-14-topup-'));
  dirs.push(d);
  return d;
};

const config = (topUp: boolean): TillConfig => {
  const c = demoConfig();
  return { ...c, register: { id: 'BAR2' }, giftCards: { ...c.giftCards, sellMode: 'scan-set-amount', defaultValidityDays: 365, maxValue: '5000.00', topUp } };
};

function open(store: Store, topUp = true) {
  const hardware = createMockHardware();
  let i = 0;
  const reg = createRegister({ config: config(topUp), store, hardware, now: () => NOW, newId: () => `00000000-0000-4000-8000-${String(++i).padStart(12, '0')}` });
  regs.push(reg);
  return { reg, hardware };
}

const paid = async (reg: Register) => {
  await waitFor(reg.actor, (s) => s.matches('committed') || s.matches({ open: 'commitFailed' }));
  await reg.settled();
};

/** The gift-card lines of a printed receipt, from the top-up line to the one before the date. */
const cardLines = (text: string): string[] => {
  const lines = text.split('\n').map((l) => l.trimEnd());
  return lines.slice(lines.findIndex((l) => l.startsWith('Gift card top-up')), lines.findIndex((l) => l.startsWith('Date:')));
};

describe('top-up mode at the till', () => {
  it('the 800 card takes 200 from idle (a new sale), cash pays, the receipt shows the balance now', async () => {
    const store = await initStore(tmp(), { currency: 'USD', register: 'BAR2' }, SEED);
    const { reg, hardware } = open(store);
    reg.actor.send({ type: 'cart.scan', code: `GC${EIGHT}` });
    let s = reg.actor.getSnapshot();
    expect(s.matches({ open: 'cardAmount' })).toBe(true);
    expect(s.context.cardPrompt).toEqual({ code: EIGHT, masked: maskCode(EIGHT), topUp: { balance: 80000 } });
    reg.actor.send({ type: 'giftcard.amount', amount: 20000 });
    s = reg.actor.getSnapshot();
    expect(s.matches({ open: 'sale' })).toBe(true);
    expect(s.context.priced.total).toBe(20000);
    // A gift card cannot pay for a top-up; neither can the card itself.
    reg.actor.send({ type: 'tender.start' });
    reg.actor.send({ type: 'cart.scan', code: `GC${EIGHT}` });
    expect(reg.actor.getSnapshot().context.message?.code).toBe('GIFT_CARD_IN_SALE');
    reg.actor.send({ type: 'tender.exact' });
    await paid(reg);
    expect(findGiftCard(store.state, EIGHT)).toMatchObject({ state: 'active', balance: 100000, expiresOn: '2027-12-31' });
    expect(cardLines(hardware.printer.jobs[0].text)).toEqual([
      `Gift card top-up ${maskCode(EIGHT)}          $200.00`,
      '------------------------------------------',
      'Subtotal                           $200.00',
      'TOTAL                              $200.00',
      '------------------------------------------',
      'Cash                               $200.00',
      'Change                               $0.00',
      '------------------------------------------',
      `Gift card ${maskCode(EIGHT)} loaded          $200.00`,
      '  Balance now                    $1,000.00',
      '------------------------------------------',
    ]);
    expect(hardware.printer.jobs[0].text).not.toContain(EIGHT);
    await store.close();
  });

  it('the expired 1500 card: the prompt says the new expiry, 516 is forfeited, 1500 loaded, receipt golden', async () => {
    const store = await initStore(tmp(), { currency: 'USD', register: 'BAR2' }, SEED);
    const { reg, hardware } = open(store);
    reg.actor.send({ type: 'cart.scan', code: '101' });
    reg.actor.send({ type: 'cart.scan', code: `GC${EXPIRED}` });
    expect(reg.actor.getSnapshot().context.cardPrompt?.topUp).toEqual({ balance: 0, renewTo: '2028-03-31' });
    reg.actor.send({ type: 'giftcard.amount', amount: 150000 });
    reg.actor.send({ type: 'tender.start' });
    reg.actor.send({ type: 'tender.card', reference: 'A1B2C3' });
    await paid(reg);
    const card = findGiftCard(store.state, EXPIRED)!;
    expect(card).toMatchObject({ state: 'active', balance: 150000, expiresOn: '2028-03-31' });
    expect(card.history.slice(-2).map((h) => [h.kind, h.amount, h.balance])).toEqual([['expired', -51600, 0], ['loaded', 150000, 150000]]);
    const lines = cardLines(hardware.printer.jobs[0].text);
    expect(lines.slice(0, 1)).toEqual([`Gift card top-up ${maskCode(EXPIRED)}        $1,500.00`]);
    expect(lines.slice(-4)).toEqual([
      `Gift card ${maskCode(EXPIRED)} loaded        $1,500.00`,
      '  Balance now                    $1,500.00',
      '  Valid again until 03/31/2028',
      '------------------------------------------',
    ]);
    await store.close();
  });

  it('the X report counts a top-up as gift-card value sold, and the liability grows by it', async () => {
    const store = await initStore(tmp(), { currency: 'USD', register: 'BAR2' }, SEED);
    const { reg } = open(store);
    // Before: 800.00 on the first card and 516.00 past its expiry on the second, not yet recorded expired.
    const before = 80000 + 51600;
    reg.actor.send({ type: 'cart.scan', code: `GC${EIGHT}` });
    reg.actor.send({ type: 'giftcard.amount', amount: 20000 });
    reg.actor.send({ type: 'tender.start' });
    reg.actor.send({ type: 'tender.exact' });
    await paid(reg);
    const x = reg.shift.x();
    if (!x.ok) throw x.error;
    expect(x.value.giftcards).toMatchObject({ sold: { count: 0, value: 0 }, loaded: { count: 1, amount: 20000 }, liability: { outstanding: before + 20000, blocked: 0 } });
    const text = reg.shift.text(x.value);
    expect(text).toContain('Topped up (1)                      $200.00');
    expect(text).toContain('Outstanding, all cards           $1,516.00');
    // The renewal of the expired card forfeits its 516.00 and loads 1500.00: the liability moves by both.
    reg.actor.send({ type: 'cart.scan', code: `GC${EXPIRED}` });
    reg.actor.send({ type: 'giftcard.amount', amount: 150000 });
    reg.actor.send({ type: 'tender.start' });
    reg.actor.send({ type: 'tender.exact' });
    await paid(reg);
    const x2 = reg.shift.x();
    if (!x2.ok) throw x2.error;
    expect(x2.value.giftcards).toMatchObject({ loaded: { count: 2, amount: 170000 }, liability: { outstanding: 100000 + 150000 } });
    await store.close();
  });

  it('without top-up mode a scanned card pays as before', async () => {
    const store = await initStore(tmp(), { currency: 'USD', register: 'BAR2' }, SEED);
    const { reg } = open(store, false);
    reg.actor.send({ type: 'cart.scan', code: '101' });
    reg.actor.send({ type: 'cart.scan', code: `GC${EIGHT}` });
    await paid(reg);
    expect(reg.actor.getSnapshot().context.lastSale?.tenders.map((t) => [t.kind, t.amount])).toEqual([['giftcard', 250]]);
    expect(findGiftCard(store.state, EIGHT)!.balance).toBe(80000 - 250);
    await store.close();
  });

  it('headless: card_amount with the top-up prompt, then giftcard_amount loads it', async () => {
    const store = await initStore(tmp(), { currency: 'USD', register: 'BAR2' }, SEED);
    const { reg } = open(store);
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d) => (out += d));
    const done = runHeadless(reg, { input, output });
    for (const c of [
      { id: 1, cmd: 'scan', code: `GC${EXPIRED}` },
      { id: 2, cmd: 'giftcard_amount', amount: 0 },
      { id: 3, cmd: 'giftcard_amount', amount: 150000 },
      { id: 4, cmd: 'pay' },
      { id: 5, cmd: 'exact' },
    ])
      input.write(`${JSON.stringify(c)}\n`);
    input.end();
    await done;
    const r = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(r[0].state).toMatchObject({ status: 'card_amount', cardPrompt: { masked: maskCode(EXPIRED), topUp: { balance: 0, renewTo: '2028-03-31' } } });
    expect(r[1]).toMatchObject({ ok: false, error: { code: 'BAD_AMOUNT' } });
    expect(r[2].state.lines).toEqual([expect.objectContaining({ kind: 'giftcard', name: `Gift card top-up ${maskCode(EXPIRED)}`, amount: 150000, tax: 0 })]);
    expect(r[4].state.status).toBe('committed');
    expect(findGiftCard(store.state, EXPIRED)).toMatchObject({ state: 'active', balance: 150000, expiresOn: '2028-03-31' });
    await store.close();
  });
});

describe('till giftcard load --extend', () => {
  it('renews the expired card from the back office; without --extend it says how', async () => {
    const dir = tmp();
    await createStore(dir, config(false), SEED);
    const out: string[] = [];
    const err: string[] = [];
    const run = (...argv: string[]) => main(['--data', dir, ...argv], { out: (l) => void out.push(l), err: (l) => void err.push(l), isTTY: false, now: () => NOW });
    expect(await run('giftcard', 'load', `GC${EXPIRED}`, '--amount', '1500.00')).toBe(1);
    expect(err.join('\n')).toContain(`To top it up with a new expiry: till giftcard load ${maskCode(EXPIRED)} --amount 1500.00 --extend`);
    expect(await run('giftcard', 'load', `GC${EXPIRED}`, '--amount', '1500.00', '--extend', '--days', '90')).toBe(0);
    expect(out.slice(-2)).toEqual([`Loaded gift card ${maskCode(EXPIRED)}: active, balance 1500.00 USD.`, 'Valid until 2027-06-30.']);
    expect(await run('giftcard', 'block', `GC${EIGHT}`, '--reason', 'x', '--extend')).toBe(2);
    expect(await run('giftcard', 'load', `GC${EIGHT}`, '--amount', '1', '--days', '9')).toBe(2);
    out.length = 0;
    expect(await run('giftcard', 'show', `GC${EXPIRED}`)).toBe(0);
    expect(out.join('\n')).toMatch(/loaded\s+\+1500\.00\s+1500\.00[\s\S]*expired\s+-516\.00\s+0\.00/);
  });
});
