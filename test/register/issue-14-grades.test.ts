/**
 * Issue 14, grade percentages and main/additional points at the till, end to end on a real store:
 * a Gold customer (5% back, the Odoo answer's "0.05 for 5%") with 100 additional points from the
 * Russian page's bulk accrual pays 30.00 with points — the additional ones go first — and the receipt
 * and headless show main and additional apart.
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
import { customerPanel } from '../../src/ui/loyalty-view.js';
import type { Customer, LoyaltyProgram, TierLadder } from '../../src/domain/loyalty/types.js';
import type { Store } from '../../src/store/types.js';

const BONUS: LoyaltyProgram = {
  id: 'bonus', name: 'Bonus card', active: true, decimals: 0, step: 1, expiryDays: 365, additionalExpiryDays: 30,
  rules: [{ id: 'base', perAmount: { points: 1, per: 100 } }],
  rewards: [{ id: 'pay', name: 'Pay with bonuses', kind: 'cashback', cost: 1, value: { amount: 100, points: 1 } }],
};
const GRADES: TierLadder = {
  basis: 'spend', programId: 'bonus', demotion: false,
  tiers: [{ id: 'base', name: 'Base', threshold: 0, cashbackPpm: 10_000 }, { id: 'gold', name: 'Gold', threshold: 700_000, cashbackPpm: 50_000 }],
};
const OLGA: Customer = { id: 'olga', name: 'Olga Smirnova', phone: '+79001112233', tier: 'gold', card: '2700000000014', blocked: false, created: '2025-01-01T00:00:00Z' };
const NOW = new Date('2025-03-14T09:26:00Z');
const SEED = [
  { type: 'catalog.upserted', data: { products: demoProducts() } },
  { type: 'loyalty.program.upserted', data: { program: BONUS } },
  { type: 'loyalty.tiers.set', data: { ladder: GRADES } },
  { type: 'customer.created', data: { customer: OLGA } },
  { type: 'points.adjusted', data: { customerId: 'olga', programId: 'bonus', points: 20, day: '2025-03-01', reason: 'opening balance' } },
  { type: 'loyalty.accrued', data: { batchId: 'new-year', part: 1, programId: 'bonus', points: 100, reason: 'New year', day: '2025-03-10', customerIds: ['olga'], additional: true } },
];

const dirs: string[] = [];
const regs: Register[] = [];
afterEach(async () => {
  for (const r of regs.splice(0)) await r.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(): Promise<{ store: Store; reg: Register; hardware: ReturnType<typeof createMockHardware> }> {
  const dir = mkdtempSync(join(tmpdir(), 'till-14-grades-'));
  dirs.push(dir);
  const store = await initStore(dir, { currency: 'USD', register: 'R1' }, SEED);
  const hardware = createMockHardware();
  let n = 0;
  const reg = createRegister({ config: demoConfig(), store, hardware, now: () => NOW, newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` });
  regs.push(reg);
  return { store, reg, hardware };
}

const fmt = { money: (m: number) => `$${(m / 100).toFixed(2)}`, text: (s: string) => s, t: (k: string, p: Record<string, string | number> = {}) => (k === 'ui.points' ? `${p.points} pts` : k === 'ui.customer.additional' ? `${p.points} additional` : k === 'ui.paren' ? `${p.text} (${p.inner})` : k), ascii: false, locale: 'en-US', currency: 'USD' };

describe('grades and additional points at the till', () => {
  it('Gold earns 5% of what is paid; points pay additional first; the receipt shows main and additional apart', async () => {
    const { store, reg, hardware } = await open();
    reg.actor.send({ type: 'cart.scan', code: OLGA.card });
    expect(customerPanel(reg.actor.getSnapshot().context as never, fmt as never)?.balances).toBe('Bonus card 120 pts (100 additional)');
    reg.actor.send({ type: 'cart.scan', code: '703' }); // 12.99
    reg.actor.send({ type: 'cart.scan', code: '704' }); // 8.99
    reg.actor.send({ type: 'cart.scan', code: '702' }); // 5.99
    reg.actor.send({ type: 'cart.scan', code: '206' }); // 6.50 -> 34.47
    reg.actor.send({ type: 'reward.apply', programId: 'bonus', rewardId: 'pay', points: 30 });
    expect(reg.actor.getSnapshot().context.priced.total).toBe(447);
    reg.actor.send({ type: 'tender.start' });
    reg.actor.send({ type: 'tender.exact' });
    await waitFor(reg.actor, (s) => s.matches('committed'));
    await reg.settled();
    const a = accountById(loyaltyOf(store.state), 'olga')!;
    // 5% of the 4.47 paid in money = 0.2235 -> 0 whole points; 30 spent, all of them additional.
    expect([a.points.bonus, a.extra?.bonus]).toEqual([90, 70]);
    const text = hardware.printer.jobs[0].text.split('\n').map((l) => l.trimEnd());
    const from = text.findIndex((l) => l.startsWith('Loyalty card'));
    expect(text.slice(from, text.findIndex((l, i) => i > from && l.startsWith('Date:')))).toEqual([
      'Loyalty card                 *********0014',
      'Bonus card',
      'Points earned                           +0',
      'Points spent                           -30',
      '  of them additional                   -30',
      'Points balance                          90',
      '  Main points                           20',
      '  Additional points                     70',
      '  Additional until              04/09/2025',
      'Expiring within 30 days                 70',
      'Tier                                  Gold',
      '------------------------------------------',
    ]);
    await store.close();
  });

  it('headless: state.customer.additional beside the points; a 100.00 sale at Gold earns 5 points', async () => {
    const { store, reg } = await open();
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d) => (out += d));
    const done = runHeadless(reg, { input, output });
    for (const c of [{ id: 1, cmd: 'scan', code: OLGA.card }, { id: 2, cmd: 'scan', code: '704', qty: 10 }, { id: 3, cmd: 'scan', code: '301', qty: 8 }, { id: 4, cmd: 'state' }]) input.write(`${JSON.stringify(c)}\n`);
    input.end();
    await done;
    const r = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(r[0].state.customer).toMatchObject({ points: { bonus: 120 }, additional: { bonus: 100 } });
    // 89.90 + 9.60 = 99.50 at 5% = 4.975 -> 4 points (rounded down); the base rule's 1 per 1.00 is replaced.
    expect(r[3].state.loyalty.programs[0]).toMatchObject({ earned: 4, additional: { earned: 0, spent: 0, balanceAfter: 100, expiresOn: '2025-04-09' } });
    await store.close();
  });
});
