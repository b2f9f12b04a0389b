/**
 * Issue 14.5 on the till's screen at 80x24: a Gold customer with a price list (2.10 for the 2.50
 * espresso, 15% off bakery). The lines show the tier price in the price column and the tier and the
 * list price after the name; the tier's 10% stays on the unpriced line only; detaching (Ctrl+D on the
 * customer screen) puts the catalog prices back.
 */
import { afterEach, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';
import { DEMO_LADDER } from '../../src/admin/demo-store.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

const ladder = { ...DEMO_LADDER, tiers: DEMO_LADDER.tiers.map((t) => (t.id === 'gold' ? { ...t, prices: [{ sku: 'SKU-101', price: 210 }, { category: 'bakery', percentPpm: 150_000 }] } : t)) };

test('Gold prices on screen: list and tier price per line, the 10% once, back to the catalog when detached', async () => {
  r = await openRegisterUi({ columns: 80, rows: 24, fixture: { demo: true, seed: [{ type: 'loyalty.tiers.set', data: { ladder } }] } });
  const ui = r.ui;
  await ui.waitFor('Scan an item to start a sale');
  ui.scan('101');
  ui.scan('101');
  ui.scan('204');
  ui.scan('304');
  await ui.waitFor('TOTAL  $9.80');
  ui.scan('2700000000021');
  const f = await ui.waitFor('TOTAL  $8.37');
  expect(f).toMatch(/Espresso \(Gold, list \$2\.50\)\s+2\s+\$2\.10\s+\$4\.20/);
  expect(f).toMatch(/Blueberry muffin \(Gold, list \$3\.00\)\s+1\s+\$2\.55\s+\$2\.55/);
  expect(f).toMatch(/Cola 0\.33 l\s+1\s+\$1\.80\s+\$1\.80/);
  expect(f).toMatch(/Gold tier discount\s+-\$0\.18/);
  expect(f).toContain('Subtotal $8.55   Discounts -$0.18');
  expect(f.split('\n').every((l) => l.length <= 80)).toBe(true);
  ui.press(FKEY.xterm.f12);
  await ui.waitFor('Ctrl+D takes them off');
  ui.press(KEY.ctrlD);
  const back = await ui.waitFor('TOTAL  $9.80');
  expect(back).toMatch(/Espresso\s+2\s+\$2\.50\s+\$5\.00/);
  expect(back).not.toContain('list $');
});
