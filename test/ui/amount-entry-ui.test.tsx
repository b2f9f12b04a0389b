/** Amount entry at the terminal (issue 11): "Cash received: 1.50*" is gone; the card key takes 1.50. */
import { afterEach, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { KEY } from '../support/keys.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

async function atTender(locale?: string) {
  r = await openRegisterUi(locale ? { fixture: { config: { locale } } } : {});
  const ui = r.ui;
  await ui.waitFor('Scan an item to start a sale');
  ui.scan('101');
  await ui.waitFor('TOTAL');
  ui.press(KEY.pay);
  await ui.waitFor('Cash received:');
  return ui;
}

test('1.50 then * asks for the approval code of a 1.50 card payment; the rest is cash', async () => {
  const ui = await atTender();
  ui.type('1.50');
  ui.press(KEY.card);
  const f = await ui.waitFor('Card $1.50. Approval code:');
  expect(f).not.toContain('1.50*');
  ui.type('A1');
  ui.press(KEY.enter);
  await ui.waitFor('Due $1.00');
  ui.type('1.00');
  ui.press(KEY.enter);
  await ui.waitFor('PAID');
  expect(r.store.state.sales.count).toBe(1);
});

test('ru-RU: 1,50 then * is the same card payment', async () => {
  const ui = await atTender('ru-RU');
  ui.type('1,50');
  ui.press(KEY.card);
  await ui.waitFor(/Card 1,50.*Approval code:/);
});
