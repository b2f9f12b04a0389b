/**
 * Parking at the till (issue 11, docs/keys.md "Parking a sale"): Ctrl+P parks the open sale, Ctrl+P
 * between sales lists the parks with time, operator, lines and total; Enter recalls, - discards
 * after a second keystroke; a scan on the list starts a new sale and the parks keep waiting.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { KEY } from '../support/keys.js';
const gone = (text: string) => (f: string) => !f.includes(text);

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

async function parkedSale() {
  r = await openRegisterUi();
  const ui = r.ui;
  await ui.waitFor('Scan an item to start a sale');
  ui.scan('101');
  ui.scan('301');
  await ui.waitFor('TOTAL  $3.70');
  ui.press(KEY.ctrlP);
  await ui.waitFor('Sale parked as #1.');
  return ui;
}

describe('parking at the till', () => {
  test('Ctrl+P parks the sale and frees the till; Ctrl+P lists it; Enter recalls it; paid once', async () => {
    const ui = await parkedSale();
    expect(ui.frame()).toContain('Scan an item to start a sale');
    ui.press(KEY.ctrlP);
    const list = await ui.waitFor('Parked sales (1)');
    expect(list).toMatch(/#1\s+\d\d:\d\d\s+Demo Cashier\s+2 lines\s+\$3\.70/);
    expect(list).toContain('Enter Recall');
    ui.press(KEY.enter);
    const sale = await ui.waitFor('Parked sale #1 recalled.');
    expect(sale).toContain('TOTAL  $3.70');
    ui.press(KEY.pay);
    await ui.waitFor('Cash received:');
    ui.press(KEY.exact);
    await ui.waitFor('PAID');
    await r.register.settled();
    expect(r.store.state.sales.count).toBe(1);
    ui.press(KEY.escape);
    await ui.waitFor('Scan an item to start a sale');
    ui.press(KEY.ctrlP);
    await ui.waitFor('No sale is parked.');
  });

  test('with a payment on the sale it says why and keeps the sale', async () => {
    r = await openRegisterUi();
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan('101');
    ui.press(KEY.pay);
    await ui.waitFor('Cash received:');
    ui.type('1');
    ui.press(KEY.card);
    ui.type('OK1');
    ui.press(KEY.enter);
    await ui.waitFor('Due $1.50');
    ui.press(KEY.ctrlP);
    await ui.waitFor('Payments are on the sale: remove them (-) before parking it.');
    expect(r.register.parked.list()).toEqual([]);
  });

  test('- asks before discarding; any other key keeps it; - again discards', async () => {
    const ui = await parkedSale();
    ui.press(KEY.ctrlP);
    await ui.waitFor('Parked sales (1)');
    ui.press(KEY.remove);
    await ui.waitFor('Discard parked sale #1 (2 lines, $3.70)?');
    ui.press(KEY.down);
    await ui.waitFor('The parked sale was kept.');
    expect(r.register.parked.list()).toHaveLength(1);
    ui.press(KEY.remove);
    await ui.waitFor('Discard parked sale #1');
    ui.press(KEY.remove);
    await ui.waitFor('Parked sale #1 discarded.');
    await ui.waitFor(gone('Parked sales ('));
    expect(r.register.parked.list()).toEqual([]);
  });

  test('a product scanned on the list closes it and starts a new sale; the park keeps waiting', async () => {
    const ui = await parkedSale();
    ui.press(KEY.ctrlP);
    await ui.waitFor('Parked sales (1)');
    ui.scan('201');
    await ui.waitFor('TOTAL  $2.80');
    expect(ui.frame()).not.toContain('Parked sales (');
    expect(r.register.parked.list()).toHaveLength(1);
  });
});
