import { afterEach, describe, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';
import { expectFits } from '../support/fit.js';
import { TEST_DAY } from '../support/register-fixture.js';
import { demoConfig, demoGiftCards, demoMemberCards } from '../../src/admin/demo-store.js';
import { generateCode, planIssue } from '../../src/domain/giftcard/index.js';
import type { SellMode } from '../../src/domain/giftcard/index.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

const { active: ACTIVE } = demoGiftCards();
const [LAN] = demoMemberCards();

/** Pending card stock: a face value set at sale (0), or a preset face value and price. */
function stock(seed: number, faceValue = 0, price?: number) {
  const code = generateCode(Uint8Array.from({ length: 12 }, (_, i) => (i * 37 + seed * 17 + 3) & 0xff));
  const plan = planIssue(undefined, { code, currency: 'USD', faceValue, ...(price !== undefined ? { price } : {}), pending: true, today: TEST_DAY });
  if (!plan.ok) throw plan.error;
  return { code, events: plan.value };
}

const mode = (sellMode: SellMode) => ({ giftCards: { ...demoConfig().giftCards, sellMode } });
const sold = () => (r.register.actor.getSnapshot().context.lastSale!.extensions.giftcards as { sold: { code: string; faceValue: number; price: number }[] }).sold;

describe('selling gift cards: the three modes', () => {
  test('generate: the value, then Ctrl+G; the new card is active once paid', async () => {
    r = await openRegisterUi({ fixture: { config: mode('generate') } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.type('15');
    ui.press(KEY.ctrlG);
    await ui.waitFor(/Gift card \*{4}\w{4}\s+1\s+\$15\.00\s+\$15\.00$/m);
    ui.press(KEY.pay, KEY.exact);
    await ui.waitFor('PAID');
    const [card] = sold();
    expect(findGiftCard(r.store.state, card.code)).toMatchObject({ state: 'active', balance: 1500 });
  });

  test('scan-set-amount: a stock card scanned between sales asks for its value; paid, it holds that value', async () => {
    const card = stock(1);
    r = await openRegisterUi({ fixture: { seed: card.events, config: mode('scan-set-amount') } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan(`GC${card.code}`);
    await ui.waitFor('Value to load on gift card');
    expectFits(ui, 80, 24, 'value prompt');
    ui.type('25');
    ui.press(KEY.enter);
    await ui.waitFor('TOTAL  $25.00');
    ui.press(KEY.pay, KEY.exact);
    await ui.waitFor('PAID');
    expect(findGiftCard(r.store.state, card.code)).toMatchObject({ state: 'active', balance: 2500 });
  });

  test('scan-preset: a stock card is added at its price with no prompt; its face value is loaded (promotional difference recorded)', async () => {
    const card = stock(2, 2000, 500);
    r = await openRegisterUi({ fixture: { seed: card.events, config: mode('scan-preset') } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan('101');
    await ui.waitFor('Espresso');
    ui.scan(`GC${card.code}`);
    const f = await ui.waitFor('TOTAL  $7.50');
    expect(f).toMatch(/Gift card \*{4}\w{4}\s+1\s+\$5\.00\s+\$5\.00$/m);
    expect(f).not.toContain('Value to load');
    ui.press(KEY.pay, KEY.exact);
    await ui.waitFor('PAID');
    expect(sold()[0]).toMatchObject({ code: card.code, faceValue: 2000, price: 500 });
    expect(findGiftCard(r.store.state, card.code)).toMatchObject({ state: 'active', balance: 2000 });
  });
});

describe('checking a balance: one key from the sale', () => {
  test('F7 then the scan: balance, state, expiry and the last movements in large digits; Enter goes back to the sale', async () => {
    r = await openRegisterUi({ columns: 80, rows: 24, fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan(LAN);
    ui.scan('102');
    await ui.waitFor('Cappuccino');
    ui.press(FKEY.xterm.f7);
    await ui.waitFor('Gift card to check:');
    ui.scan(`GC${ACTIVE}`);
    const f = await ui.waitFor('BALANCE  $37.50');
    expect(f).toMatch(new RegExp(`Gift card \\*{4}${ACTIVE.slice(-4)}\\s+active`));
    expect(f).toContain('Valid until 03/14/2026');
    expect(f).toMatch(/When\s+What\s+Amount\s+Balance/);
    expect(f).toMatch(/paid with\s+-\$12\.50\s+\$37\.50/);
    expect(f).toMatch(/issued\s+\$50\.00\s+\$50\.00/);
    expect(f.split('\n').filter((l) => l.includes('█')).length).toBe(5);
    expect(f).not.toContain(ACTIVE);
    expectFits(ui, 80, 24, 'balance');
    ui.press(KEY.enter);
    const g = await ui.waitFor('Cappuccino');
    expect(g).toContain('Lan Nguyen');
    expect(r.register.actor.getSnapshot().context.cart.lines).toHaveLength(1);
  });

  test('a code typed first is checked at once (Ctrl+B); a product code is not a balance check; Esc disarms', async () => {
    r = await openRegisterUi({ fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan('101');
    await ui.waitFor('Espresso');
    ui.type(`GC${ACTIVE}`);
    ui.press(KEY.ctrlB);
    await ui.waitFor('BALANCE  $37.50');
    ui.press(KEY.escape);
    await ui.waitFor('Scan or type a code:');
    ui.press(FKEY.xterm.f7);
    await ui.waitFor('Gift card to check:');
    // Typed, a product code is refused as a card to check; scanned, it closes the prompt and adds the item.
    ui.type('102');
    ui.press(KEY.enter);
    await ui.waitFor('"102" is not a gift card. Scan the gift card.');
    expect(ui.frame()).toContain('Gift card to check:');
    ui.scan('102');
    await ui.waitFor((f) => !f.includes('Gift card to check:') && f.includes('Cappuccino'));
    ui.press(KEY.escape);
    await ui.waitFor('Scan or type a code:');
    ui.scan('102');
    await ui.waitFor('Cappuccino');
    expect(r.register.actor.getSnapshot().context.cart.lines.map((l) => l.name)).toEqual(['Espresso', 'Cappuccino']);
  });

  test('from idle too, and an unknown code gets the generic refusal', async () => {
    r = await openRegisterUi({ fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.press(FKEY.linux.f7);
    await ui.waitFor('Gift card to check:');
    ui.scan('GC0000000000000000000');
    await ui.waitFor(/not recogni[sz]ed|unknown|not valid/i);
    ui.press(FKEY.xterm.f7);
    ui.scan(`GC${ACTIVE}`);
    await ui.waitFor('BALANCE  $37.50');
  });
});

describe('the demo store', () => {
  test('the idle screen lists gift cards and loyalty cards to try, and fits 80x24', async () => {
    r = await openRegisterUi({ columns: 80, rows: 24, demo: true, fixture: { demo: true } });
    const ui = r.ui;
    const f = await ui.waitFor('Cards to try');
    expect(f).toContain(`GC${ACTIVE}  gift card, $37.50, active`);
    expect(f).toContain(`GC${demoGiftCards().stock}  gift card stock, not sold yet`);
    expect(f).toMatch(/2700000000014\s+loyalty card of Lan Nguyen \(Standard, 120 pts\)/);
    expect(f).toMatch(/2700000000021\s+loyalty card of Dmitri Ivanov \(Gold, 480 pts\)/);
    expectFits(ui, 80, 24, 'demo idle');
  });
});
