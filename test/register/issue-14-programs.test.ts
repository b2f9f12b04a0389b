/**
 * Issue 14, programs per register, end to end on a real store: two registers of one shop ("Bar 1"
 * and "Bar 2", the POS names of the Odoo gift-card page) share the customers; Bar 1's configuration
 * lists only the cashback (0.01 point per 1.00, 1.00 off per point: the Odoo cashback answer), Bar 2
 * runs every program. Bar 1 neither earns nor offers the coffee stamps, on screen, in headless and
 * on the receipt.
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
import { accountById, loyaltyOf } from '../../src/store/projections/loyalty.js';
import { runHeadless } from '../../src/headless/driver.js';
import { claimableNow } from '../../machines/checkout.loyalty.js';
import { createStore } from '../../src/admin/init.js';
import { openRegister } from '../../src/admin/run.js';
import { TillError } from '../../src/domain/errors.js';
import type { TillConfig } from '../../src/domain/config.js';
import type { Customer, LoyaltyProgram } from '../../src/domain/loyalty/types.js';
import type { Store } from '../../src/store/types.js';

const CASHBACK: LoyaltyProgram = {
  id: 'cashback', name: 'Cashback', active: true, decimals: 2, step: 1,
  rules: [{ id: 'base', perAmount: { points: 1, per: 100 } }],
  rewards: [{ id: 'cash', name: 'Cashback', kind: 'cashback', cost: 1, value: { amount: 1, points: 1 } }],
};
const COFFEE: LoyaltyProgram = {
  id: 'coffee', name: 'Coffee stamps', active: true, decimals: 0, step: 1,
  rules: [{ id: 'cups', target: { category: 'coffee' }, perUnit: 1 }],
  rewards: [{ id: 'free', name: 'Free espresso', kind: 'free-product', cost: 10, sku: 'SKU-101' }],
};
const CUSTOMER: Customer = { id: 'c1', name: 'Ivan Petrov', phone: '+79001234567', tier: null, card: '2700000000014', blocked: false, created: '2025-01-01T00:00:00Z' };
const NOW = new Date('2025-03-14T09:26:00Z');
const SEED = [
  { type: 'catalog.upserted', data: { products: demoProducts() } },
  { type: 'loyalty.program.upserted', data: { program: CASHBACK } },
  { type: 'loyalty.program.upserted', data: { program: COFFEE } },
  { type: 'customer.created', data: { customer: CUSTOMER } },
  { type: 'points.adjusted', data: { customerId: 'c1', programId: 'coffee', points: 12, day: '2025-03-01', reason: 'stamps from the paper card' } },
  { type: 'points.adjusted', data: { customerId: 'c1', programId: 'cashback', points: 500, day: '2025-03-01', reason: 'opening balance' } },
];

const dirs: string[] = [];
const regs: Register[] = [];
afterEach(async () => {
  for (const r of regs.splice(0)) await r.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'till-14-'));
  dirs.push(d);
  return d;
};

function bar(store: Store, id: string, programs: TillConfig['loyalty']['programs']) {
  const base = demoConfig();
  const config: TillConfig = { ...base, register: { id }, loyalty: { ...base.loyalty, programs } };
  const hardware = createMockHardware();
  let n = 0;
  const reg = createRegister({ config, store, hardware, now: () => NOW, newId: () => `00000000-0000-4000-8000-${id}${String(++n).padStart(8, '0')}` });
  regs.push(reg);
  return { reg, hardware };
}

/** Ten lattes (4.20 each, category coffee) for the customer, paid exact. */
async function tenLattes(reg: Register) {
  reg.actor.send({ type: 'cart.scan', code: CUSTOMER.card });
  reg.actor.send({ type: 'cart.scan', code: '103', qty: 10 });
  const offered = claimableNow(reg.actor.getSnapshot().context).map((r) => `${r.programId}/${r.rewardId}`);
  const preview = reg.actor.getSnapshot().context.loyalty?.programs.map((p) => [p.programId, p.earned]);
  reg.actor.send({ type: 'tender.start' });
  reg.actor.send({ type: 'tender.exact' });
  await waitFor(reg.actor, (s) => s.matches('committed') || s.matches({ open: 'commitFailed' }));
  await reg.settled();
  return { offered, preview };
}

/** The loyalty lines of a printed receipt, from the card line to the one before the date. */
const loyaltyLines = (text: string): string[] => {
  const lines = text.split('\n').map((l) => l.trimEnd());
  const from = lines.findIndex((l) => l.startsWith('Loyalty card'));
  return lines.slice(from, lines.findIndex((l, i) => i > from && l.startsWith('Date:')));
};

describe('programs per register', () => {
  it('Bar 1 (cashback only) earns and offers the cashback alone; Bar 2 runs both; receipts follow', async () => {
    const store = await initStore(tmp(), { currency: 'USD', register: 'BAR1' }, SEED);
    const one = bar(store, 'BAR1', ['cashback']);
    const r1 = await tenLattes(one.reg);
    expect(r1.offered).toEqual(['cashback/cash']); // 12 stamps would buy a free espresso at Bar 2, not here
    expect(r1.preview).toEqual([['cashback', 42]]);
    let acc = accountById(loyaltyOf(store.state), 'c1')!;
    expect(acc.points).toEqual({ coffee: 12, cashback: 542 });
    // Receipt golden: 42.00 at 0.01 per 1.00 earns 0.42; the stamps are not on it.
    expect(loyaltyLines(one.hardware.printer.jobs[0].text)).toEqual([
      'Loyalty card                 *********0014',
      'Cashback',
      'Points earned                        +0.42',
      'Points balance                        5.42',
      '------------------------------------------',
    ]);
    await one.reg.stop();
    regs.splice(0);

    const two = bar(store, 'BAR2', 'all');
    const r2 = await tenLattes(two.reg);
    expect(r2.offered).toEqual(['cashback/cash', 'coffee/free']);
    expect(r2.preview).toEqual([['cashback', 42], ['coffee', 10]]);
    acc = accountById(loyaltyOf(store.state), 'c1')!;
    expect(acc.points).toEqual({ coffee: 22, cashback: 584 });
    expect(loyaltyLines(two.hardware.printer.jobs[0].text)).toEqual([
      'Loyalty card                 *********0014',
      'Cashback',
      'Points earned                        +0.42',
      'Points balance                        5.84',
      'Coffee stamps',
      'Points earned                          +10',
      'Points balance                          22',
      '------------------------------------------',
    ]);
    await store.close();
  });

  it('headless at Bar 1 shows only the cashback balance and refuses a coffee reward', async () => {
    const store = await initStore(tmp(), { currency: 'USD', register: 'BAR1' }, SEED);
    const { reg } = bar(store, 'BAR1', ['cashback']);
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d) => (out += d));
    const done = runHeadless(reg, { input, output });
    for (const c of [
      { id: 1, cmd: 'scan', code: CUSTOMER.card },
      { id: 2, cmd: 'scan', code: '101' },
      { id: 3, cmd: 'reward_apply', program: 'coffee', reward: 'free' },
      { id: 4, cmd: 'state' },
    ])
      input.write(`${JSON.stringify(c)}\n`);
    input.end();
    await done;
    const r = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(r[2]).toMatchObject({ ok: false, error: { code: 'PROGRAM_UNKNOWN' } });
    expect(r[3].state.customer.points).toEqual({ cashback: 500 });
    expect(r[3].state.rewards.map((x: { program: string }) => x.program)).toEqual(['cashback']);
    expect(r[3].state.loyalty.programs.map((p: { programId: string }) => p.programId)).toEqual(['cashback']);
    await store.close();
  });

  it('a register whose configuration names a program the store does not have does not open', async () => {
    const dir = tmp();
    const base = demoConfig();
    await createStore(dir, { ...base, loyalty: { ...base.loyalty, programs: ['cashbak'] } }, SEED);
    const e = await openRegister(dir, () => {}).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(TillError);
    expect((e as TillError).code).toBe('CONFIG_INVALID');
    expect((e as TillError).message).toContain('loyalty.programs names "cashbak", which the store has no program for (programs: cashback, coffee)');
  });
});
