/**
 * Typos cannot cost money, at the terminal (issue 11): the machine's question takes the message line
 * and the hint bar; Enter is yes, Esc is no, any other key is no and then does what it always does.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

async function ready() {
  r = await openRegisterUi();
  await r.ui.waitFor('Scan an item to start a sale');
  return r.ui;
}

/** Espresso 2.50 on the payment screen. */
async function atTender() {
  const ui = await ready();
  ui.scan('101');
  await ui.waitFor('TOTAL  $2.50');
  ui.press(KEY.pay);
  await ui.waitFor('Cash received:');
  return ui;
}

describe('cash far above what is due', () => {
  test('99999 Enter for 2.50 asks; nothing is paid and the drawer stays shut; Enter says yes', async () => {
    const ui = await atTender();
    ui.type('99999');
    ui.press(KEY.enter);
    const f = await ui.waitFor('Cash received $99,999.00 with $2.50 due: is that right?');
    expect(f).toContain('Enter Yes, that is right  Esc No');
    expect(f).toContain('No payment yet');
    expect(r.store.state.sales.count).toBe(0);
    expect(r.hardware.drawer.pulses).toBe(0);
    ui.press(KEY.enter);
    await ui.waitFor('CHANGE  $99,996.50');
    expect(r.store.state.sales.count).toBe(1);
  });

  test('Esc says no: nothing taken, the amount can be typed again', async () => {
    const ui = await atTender();
    ui.type('99999');
    ui.press(KEY.enter);
    await ui.waitFor('is that right?');
    ui.press(KEY.escape);
    const f = await ui.waitFor('Not done: nothing was added or paid.');
    expect(f).toContain('No payment yet');
    ui.type('5');
    ui.press(KEY.enter);
    await ui.waitFor('CHANGE  $2.50');
  });

  test('a digit says no and starts the amount again', async () => {
    const ui = await atTender();
    ui.type('99999');
    ui.press(KEY.enter);
    await ui.waitFor('is that right?');
    ui.type('3');
    await ui.waitFor(/Cash received: 3\s*\n/);
    expect(ui.frame()).not.toContain('is that right?');
    expect(r.register.actor.getSnapshot().context.confirm).toBeNull();
  });

  test('one note (100.00 for 2.50) is taken at once', async () => {
    const ui = await atTender();
    ui.type('100');
    ui.press(KEY.enter);
    await ui.waitFor('CHANGE  $97.50');
  });
});

describe('quantities', () => {
  test('9999 * 101 asks before adding 24,997.50; Esc adds nothing', async () => {
    const ui = await ready();
    ui.type('9999');
    ui.press(KEY.qty);
    ui.type('101');
    ui.press(KEY.enter);
    await ui.waitFor('Quantity 9999 of Espresso: is that right?');
    ui.press(KEY.escape);
    await ui.waitFor('Not done: nothing was added or paid.');
    expect(r.register.actor.getSnapshot().context.cart.lines).toEqual([]);
  });

  test('"10000*101" in one burst says the quantity is too large, not "No product has barcode"', async () => {
    const ui = await ready();
    ui.wedge(`10000*101${KEY.enter}`);
    const f = await ui.waitFor('Quantity must be 1 to 9999.');
    expect(f).not.toContain('No product has barcode');
    ui.type('10000');
    ui.press(KEY.qty);
    await ui.waitFor('Quantity must be 1 to 9999.');
  });

  test('a large sale total asks before the payment screen', async () => {
    const ui = await ready();
    ui.type('9999');
    ui.press(KEY.qty);
    ui.type('101');
    ui.press(KEY.enter);
    await ui.waitFor('Quantity 9999 of Espresso');
    ui.press(KEY.enter);
    await ui.waitFor('TOTAL  $24,997.50');
    ui.press(KEY.pay);
    await ui.waitFor("The sale's total is $24,997.50, above $10,000.00: is that right?");
    ui.press(KEY.enter);
    await ui.waitFor('Cash received:');
  });
});

test('a gift card above giftCards.maxValue is refused', async () => {
  const ui = await ready();
  ui.type('5000');
  ui.press(FKEY.xterm.f11);
  await ui.waitFor('A gift card can hold at most 1000.00 USD. Check the value.');
  expect(r.register.actor.getSnapshot().context.cart.lines).toEqual([]);
});
