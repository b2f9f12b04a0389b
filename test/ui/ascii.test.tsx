import { afterEach, expect, test } from 'vitest';
import { openRegisterUi, type AppHarness } from '../support/render-app.js';
import { KEY } from '../support/keys.js';
import { demoConfig } from '../../src/admin/demo-store.js';
import { width } from '../../src/ui/text.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

const products = [
  { sku: 'VN1', barcodes: ['111'], name: 'Cà phê sữa đá', price: 25000, category: 'coffee', taxClass: 'standard' },
  { sku: 'VN2', barcodes: ['112'], name: 'Bánh mì thịt nướng đặc biệt với pa-tê và rau thơm tươi', price: 35000, category: 'bakery', taxClass: 'reduced' },
];

function expectAscii(ui: AppHarness, what: string) {
  const f = ui.frame();
  const bad = [...f].filter((c) => c > '\x7e' && c !== '\n');
  expect(bad, `${what}:\n${f}`).toEqual([]);
  for (const l of f.split('\n')) expect(width(l), what).toBeLessThanOrEqual(80);
}

test('the Linux console (display.ascii): every screen is pure ASCII, in VND, at 80x24', async () => {
  const base = demoConfig();
  r = await openRegisterUi({
    fixture: { products, config: { currency: 'VND', locale: 'vi-VN', display: { ascii: true }, store: { ...base.store, name: 'Quán Cà Phê Hà Nội' } } },
  });
  const ui = r.ui;
  await ui.waitFor('Quan Ca Phe Ha Noi');
  expectAscii(ui, 'idle');
  ui.type('2');
  ui.press(KEY.qty);
  await ui.waitFor('2 x');
  ui.scan('111');
  ui.scan('112');
  const f = await ui.waitFor('Banh mi');
  expect(f).toMatch(/Ca phe sua da\s+2\s+25\.000 VND\s+50\.000 VND/);
  expect(f).toMatch(/^> Banh mi/m);
  expectAscii(ui, 'sale');
  ui.press(KEY.help);
  await ui.waitFor('Keys  (');
  expectAscii(ui, 'help');
  ui.press(KEY.escape, KEY.pay);
  await ui.waitFor('Due 85.000 VND');
  expectAscii(ui, 'tender');
  ui.type('100000');
  ui.press(KEY.enter);
  await ui.waitFor('CHANGE  15.000 VND');
  expect(ui.frame()).toContain('###');
  expectAscii(ui, 'paid');
  ui.press(KEY.lastReceipt);
  await ui.waitFor('Last receipt');
  expectAscii(ui, 'receipt');
});

test('the Linux console: the customer panel, search, form and rewards are pure ASCII too', async () => {
  const { demoMemberCards } = await import('../../src/admin/demo-store.js');
  const { FKEY } = await import('../support/keys.js');
  r = await openRegisterUi({ columns: 80, rows: 24, fixture: { demo: true, config: { display: { ascii: true } } } });
  const ui = r.ui;
  await ui.waitFor('Scan an item to start a sale');
  ui.scan(demoMemberCards()[0]);
  ui.scan('201');
  await ui.waitFor('Coffee Club 120 pts');
  expectAscii(ui, 'sale with customer');
  ui.press(FKEY.linux.f6);
  await ui.waitFor('Rewards: Lan Nguyen');
  expectAscii(ui, 'rewards');
  ui.press(KEY.down, KEY.enter);
  await ui.waitFor('Free espresso is on the sale.');
  expectAscii(ui, 'sale with a reward');
  ui.press(FKEY.linux.f12);
  ui.type('lan');
  await ui.waitFor(/> Lan Nguyen/);
  expectAscii(ui, 'search');
  ui.press(FKEY.linux.f2);
  await ui.waitFor('New customer');
  expectAscii(ui, 'new customer');
});
