/**
 * The cashier's everyday tools at the till (issue 11): product search, quick keys, open-price items
 * and scale labels — typed slowly by a person and hit by a keyboard-wedge burst on each.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { createTestRegister } from '../support/register-fixture.js';
import { KEY } from '../support/keys.js';
import { demoProducts } from '../../src/admin/demo-store.js';
import { demoCounterProducts, demoQuickKeys } from '../../src/admin/demo-counter.js';
import type { Product } from '../../src/domain/catalog.js';

const CTRL_FIND = '\x0b';
const CTRL_QUICK = '\x05';
const LOCAL: Product[] = [
  { sku: 'VN-1', barcodes: ['8930001'], name: 'Cà phê sữa đá', price: 350, category: 'coffee', taxClass: 'standard' },
  { sku: 'RU-1', barcodes: ['4600001'], name: 'Кофе латте', price: 420, category: 'coffee', taxClass: 'standard' },
  { sku: 'ZH-1', barcodes: ['6900001'], name: '越南咖啡', price: 380, category: 'coffee', taxClass: 'standard' },
];

type R = Awaited<ReturnType<typeof openRegisterUi>>;
let r: R | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const open = async (size: { columns?: number; rows?: number } = {}) => {
  r = await openRegisterUi({ ...size, fixture: { products: [...demoProducts(), ...demoCounterProducts(), ...LOCAL], config: { quickKeys: demoQuickKeys() } } });
  await r.ui.waitFor('Scan or type a code:');
  return r.ui;
};
const lines = () => r!.register.actor.getSnapshot().context.cart.lines.map((l) => [l.name, l.qty, l.unitPrice]);

describe('find a product by name or sku', () => {
  test('Ctrl+K, "ca phe" typed slowly finds Cà phê sữa đá; Enter adds it; Esc closes without adding', async () => {
    const ui = await open();
    ui.press(CTRL_FIND);
    await ui.waitFor('Find product:');
    ui.type('ca phe');
    await ui.waitFor('Cà phê sữa đá');
    ui.press(KEY.enter);
    await ui.waitFor((f) => f.includes('Items: 1') && f.includes('Cà phê sữa đá'));
    expect(lines()).toEqual([['Cà phê sữa đá', 1, 350]]);
    ui.press(CTRL_FIND);
    ui.type('кофе');
    await ui.waitFor('Кофе латте');
    ui.press(KEY.escape);
    await ui.waitFor('Scan or type a code:');
    expect(lines()).toHaveLength(1);
  });

  test('arrows choose among the results; CJK substrings; a quantity typed before applies', async () => {
    const ui = await open();
    ui.type('2');
    ui.press(KEY.qty);
    ui.press(CTRL_FIND);
    ui.type('咖啡');
    await ui.waitFor('越南咖啡');
    ui.press(KEY.enter);
    await ui.waitFor('越南咖啡');
    expect(lines()).toEqual([['越南咖啡', 2, 380]]);
    ui.press(CTRL_FIND);
    ui.type('croi');
    await ui.waitFor('Croissant');
    ui.press(KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace);
    ui.type('filter coffee');
    await ui.waitFor('Filter coffee L');
    ui.press(KEY.down, KEY.down, KEY.enter);
    await ui.waitFor('Filter coffee L');
    expect(lines().map((l) => l[0])).toEqual(['越南咖啡', 'Filter coffee L']);
  });

  test('a wedge burst while the search is open adds the scanned product and never types into the box', async () => {
    const ui = await open();
    ui.press(CTRL_FIND);
    ui.type('lat');
    await ui.waitFor('Latte');
    ui.wedge('201\r', 5);
    await ui.waitFor((f) => f.includes('Croissant') && f.includes('Scan or type a code:'));
    expect(lines()).toEqual([['Croissant', 1, 280]]);
    expect(ui.frame()).not.toContain('lat201');
  });
});

describe('quick keys', () => {
  test('Ctrl+E shows the grid at 80x24; one key per item, the grid stays open; Esc back to the sale', async () => {
    const ui = await open({ columns: 80, rows: 24 });
    ui.press(CTRL_QUICK);
    const f = await ui.waitFor('Quick keys: Coffee & bakery');
    for (const label of ['Filter coffee S', 'Filter coffee M', 'Filter coffee L', 'Espresso', 'Croissant', 'Page 1 of 2']) expect(f).toContain(label);
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    ui.press('2');
    await ui.waitFor('Filter coffee M added.');
    ui.press('7');
    await ui.waitFor('Croissant added.');
    await ui.waitFor('Sale: $5.30');
    ui.press(KEY.right);
    await ui.waitFor('Quick keys: Other');
    ui.press('x');
    await ui.waitFor('No item on key x on this page.');
    ui.press(KEY.escape);
    await ui.waitFor('Scan or type a code:');
    expect(lines()).toEqual([['Filter coffee M', 1, 250], ['Croissant', 1, 280]]);
  });

  test('a burst on the grid is a scan: the grid closes and the scanned item is added, no key pressed', async () => {
    const ui = await open();
    ui.press(CTRL_QUICK);
    await ui.waitFor('Quick keys');
    ui.wedge('101\r', 5);
    await ui.waitFor((f) => f.includes('Espresso') && f.includes('Scan or type a code:'));
    expect(lines()).toEqual([['Espresso', 1, 250]]);
  });

  test('a configuration naming an unknown sku or a key twice is refused at load, naming the key', async () => {
    const bad = { pages: [{ keys: [{ key: '1', sku: 'SKU-101' }, { key: '2', sku: 'SKU-NOPE' }] }] };
    await expect(createTestRegister({ config: { quickKeys: bad } })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('quickKeys.pages[0].keys[1].sku: no product has the sku "SKU-NOPE"') });
  });
});

describe('open-price items', () => {
  test('900 (miscellaneous) asks its price; 4.50 Enter makes the line; zero is refused with the reason', async () => {
    const ui = await open();
    ui.type('900');
    ui.press(KEY.enter);
    await ui.waitFor('Price of Miscellaneous:');
    ui.type('0');
    ui.press(KEY.enter);
    await ui.waitFor('Type the price of Miscellaneous: more than zero.');
    ui.type('4.50');
    ui.press(KEY.enter);
    await ui.waitFor((f) => f.includes('Scan or type a code:') && f.includes('$4.50'));
    expect(lines()).toEqual([['Miscellaneous', 1, 450]]);
  });

  test('a burst on the price prompt is never the price: the prompt goes and the product is added', async () => {
    const ui = await open();
    ui.scan('101');
    await ui.waitFor('Espresso');
    ui.scan('900');
    await ui.waitFor('Price of Miscellaneous:');
    ui.wedge('102\r', 5);
    await ui.waitFor((f) => f.includes('Cappuccino') && f.includes('Scan or type a code:'));
    expect(lines()).toEqual([['Espresso', 1, 250], ['Cappuccino', 1, 380]]);
  });
});

describe('scale labels', () => {
  test('a weight label shows the weight and the price per kg; the line is weight x price, rounded', async () => {
    const ui = await open();
    ui.scan('2861001007508');
    const f = await ui.waitFor('0.750 kg');
    expect(f).toContain('Bananas, loose 0.750 kg × $2.40/kg');
    expect(lines()).toEqual([['Bananas, loose', 1, 180]]);
    ui.scan('2012345012349');
    await ui.waitFor('Deli salad');
    expect(lines()[1]).toEqual(['Deli salad', 1, 1234]);
  });

  test('a bad check digit or an unknown item code is a clear message, nothing added', async () => {
    const ui = await open();
    ui.scan('2012345012348');
    await ui.waitFor('The label 2012345012348 did not scan right (bad check digit). Scan it again.');
    ui.scan('2899999007507');
    await ui.waitFor('No product has item code 99999 (label 2899999007507).');
    expect(lines()).toEqual([]);
  });
});
