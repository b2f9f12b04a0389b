import { afterEach, describe, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';
import { generateCode, localDate, planIssue } from '../../src/domain/giftcard/index.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
import type { Customer, LoyaltyProgram } from '../../src/domain/loyalty/types.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

function issue(value: number, seed: number) {
  const code = generateCode(Uint8Array.from({ length: 12 }, (_, i) => (i * 41 + seed * 13) & 0xff));
  const plan = planIssue(undefined, { code, currency: 'USD', faceValue: value, pending: false, today: localDate(new Date()) });
  if (!plan.ok) throw plan.error;
  return { code, events: plan.value };
}

describe('gift cards at the till', () => {
  test('a card scanned between sales shows its balance; Enter goes back', async () => {
    const card = issue(2500, 1);
    r = await openRegisterUi({ fixture: { seed: card.events } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan(`GC${card.code}`);
    const f = await ui.waitFor('BALANCE  $25.00');
    expect(f).toContain(`Gift card ****${card.code.slice(-4)}`);
    expect(f).toContain('active');
    expect(f).not.toContain(card.code);
    ui.press(KEY.enter);
    await ui.waitFor('Scan an item to start a sale');
  });

  test('a card scanned on the payment screen pays; the rest in cash', async () => {
    const card = issue(500, 2);
    r = await openRegisterUi({ fixture: { seed: card.events } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan('703');
    ui.press(KEY.pay);
    await ui.waitFor('Due $12.99');
    ui.scan(`GC${card.code}`);
    const f = await ui.waitFor('Due $7.99');
    expect(f).toMatch(/Gift card\s+\$5\.00/);
    ui.press(KEY.exact);
    await ui.waitFor('PAID');
    expect(findGiftCard(r.store.state, card.code)?.balance).toBe(0);
  });

  test('F11 sells a new card of the typed value; it is active once the sale is paid', async () => {
    r = await openRegisterUi();
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.type('20');
    ui.press(FKEY.xterm.f11);
    await ui.waitFor('TOTAL  $20.00');
    ui.press(KEY.pay);
    ui.press(KEY.exact);
    await ui.waitFor('PAID');
    const sold = (r.register.actor.getSnapshot().context.lastSale!.extensions.giftcards as { sold: { code: string }[] }).sold[0].code;
    expect(findGiftCard(r.store.state, sold)).toMatchObject({ state: 'active', balance: 2000 });
  });

  test('a stock card in scan-set-amount mode asks for its value; Esc cancels, Enter loads', async () => {
    const card = { code: generateCode(Uint8Array.from({ length: 12 }, (_, i) => (i * 29 + 7) & 0xff)) };
    const pending = planIssue(undefined, { code: card.code, currency: 'USD', faceValue: 0, pending: true, today: localDate(new Date()) });
    if (!pending.ok) throw pending.error;
    r = await openRegisterUi({
      fixture: { seed: pending.value, config: { giftCards: { sellMode: 'scan-set-amount', defaultValidityDays: 365, terms: '', guessLimitPerMinute: 5, cooldownSeconds: 60 } } as never },
    });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan('101');
    await ui.waitFor('Espresso');
    ui.scan(`GC${card.code}`);
    const f = await ui.waitFor('Value to load on gift card');
    expect(f).toContain('Load');
    ui.press(KEY.escape);
    await ui.waitFor('Scan or type a code:');
    expect(r.register.actor.getSnapshot().value).toEqual({ open: 'sale' });
    ui.scan(`GC${card.code}`);
    await ui.waitFor('Value to load on gift card');
    // Letters cannot be typed into a value.
    ui.type('x15');
    ui.press(KEY.enter);
    await ui.waitFor('TOTAL  $17.50');
  });
});

describe('loyalty customer', () => {
  const PROGRAM: LoyaltyProgram = {
    id: 'cb', name: 'Points', active: true, decimals: 0, step: 1,
    rules: [{ id: 'base', perAmount: { points: 1, per: 100 } }],
    rewards: [],
  };
  const CUSTOMER: Customer = { id: 'c1', name: 'Nguyễn Thị Lan', phone: '+84901234567', tier: null, card: '2700000000014', blocked: false, created: '2026-01-01T00:00:00Z' };

  test('a loyalty card scanned into the sale shows the customer and the points this sale earns', async () => {
    r = await openRegisterUi({
      fixture: {
        seed: [
          { type: 'loyalty.program.upserted', data: { program: PROGRAM } },
          { type: 'customer.created', data: { customer: CUSTOMER } },
        ],
      },
    });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan(CUSTOMER.card);
    ui.scan('703');
    const f = await ui.waitFor('Nguyễn Thị Lan  *********0014');
    expect(f).toContain('This sale: up to +12 pts');
    expect(f).toMatch(/Points 0 pts$/m);
  });

  test('a gift card pays part: the payment screen counts it, the paid screen and the receipt say the same', async () => {
    const card = issue(500, 3);
    r = await openRegisterUi({
      fixture: {
        seed: [
          ...card.events,
          { type: 'loyalty.program.upserted', data: { program: PROGRAM } },
          { type: 'customer.created', data: { customer: CUSTOMER } },
        ],
      },
    });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan(CUSTOMER.card);
    ui.scan('703');
    await ui.waitFor('This sale: up to +12 pts');
    ui.press(KEY.pay);
    await ui.waitFor('Points this sale: +12 pts');
    ui.scan(`GC${card.code}`);
    // 12.99 at 1 point per 1.00, 5.00 of it by gift card: 7.99 earns, 7 points.
    let f = await ui.waitFor('Due $7.99');
    expect(f).toContain('Points this sale: +7 pts (no points on $5.00 paid by gift card or points)');
    ui.press(KEY.exact);
    f = await ui.waitFor('PAID');
    expect(f).toContain('Points earned: +7 pts (no points on $5.00 paid by gift card or points)');
    expect(r.hardware.printer.jobs.at(-1)!.text).toMatch(/Points earned\s+\+7\b/);
    for (const line of f.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});
