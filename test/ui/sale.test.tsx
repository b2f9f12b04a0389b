import { afterEach, describe, expect, test } from 'vitest';
import { ean13 } from '../../src/domain/catalog.js';
import { openRegisterUi } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

const open = async () => {
  r = await openRegisterUi();
  await r.ui.waitFor('Scan an item to start a sale');
  return r.ui;
};
const lineOf = (frame: string, name: string) => frame.split('\n').find((l) => l.includes(name)) ?? '';

describe('scanning', () => {
  test('a scan adds the line with qty, unit price, line total, and the totals', async () => {
    const ui = await open();
    ui.scan('101');
    const f = await ui.waitFor('Espresso');
    expect(lineOf(f, 'Espresso')).toMatch(/Espresso\s+1\s+\$2\.50\s+\$2\.50/);
    expect(f).toContain('TOTAL  $2.50');
    expect(f).toMatch(/Subtotal \$2\.50\s+Incl\. tax \$0\.23/);
    // A second scan of the same product increases the quantity.
    ui.scan('101');
    const g = await ui.waitFor('TOTAL  $5.00');
    expect(lineOf(g, 'Espresso')).toMatch(/Espresso\s+2\s+\$2\.50\s+\$5\.00/);
  });

  test('typing digits one by one then Enter is a keyboard scan', async () => {
    const ui = await open();
    ui.type('201');
    await ui.waitFor('Scan or type a code: 201');
    ui.press(KEY.enter);
    await ui.waitFor('Croissant');
    expect(r.register.actor.getSnapshot().context.cart.lines).toHaveLength(1);
  });

  test('quantity prefix: 3 * then scan adds three', async () => {
    const ui = await open();
    ui.type('3');
    ui.press(KEY.qty);
    await ui.waitFor(/Scan or type a code: 3 × *$/m);
    ui.scan('201');
    const f = await ui.waitFor('Croissant');
    expect(lineOf(f, 'Croissant')).toMatch(/Croissant\s+3\s+\$2\.80\s+\$8\.40/);
    expect(f).toContain('TOTAL  $8.40');
  });

  test('quantity of the selected line: select, type 4, *, Enter (and F3 does the same)', async () => {
    const ui = await open();
    ui.scan('101');
    ui.scan('201');
    await ui.waitFor('Croissant');
    ui.press(KEY.up);
    await ui.waitFor((f) => /▶ Espresso/.test(f));
    ui.type('4');
    ui.press(KEY.qty, KEY.enter);
    const f = await ui.waitFor((fr) => /Espresso\s+4\s/.test(fr));
    expect(lineOf(f, 'Croissant')).toMatch(/Croissant\s+1\s/);
    ui.type('2');
    ui.press(FKEY.xterm.f3, KEY.enter);
    await ui.waitFor((fr) => /Espresso\s+2\s/.test(fr));
  });

  test('unknown barcode, garbled scan and empty Enter each say so and change nothing', async () => {
    const ui = await open();
    ui.scan('101');
    await ui.waitFor('Espresso');
    const unknown = ean13('400000000001');
    ui.scan(unknown);
    await ui.waitFor(`No product has barcode ${unknown}.`);
    ui.scan('4006381333932');
    await ui.waitFor('The scan was not readable. Scan again.');
    ui.press(KEY.enter);
    const f = await ui.waitFor('Nothing was scanned.');
    expect(f).toContain('TOTAL  $2.50');
    expect(r.register.actor.getSnapshot().context.cart.lines).toHaveLength(1);
  });

  test('on the idle screen an unknown code shows the message and no sale opens', async () => {
    const ui = await open();
    ui.scan('999');
    await ui.waitFor('No product has barcode 999.');
    expect(ui.frame()).toContain('Scan an item to start a sale');
  });

  test('a scanner burst keeps its symbols as text: they are not shortcuts', async () => {
    const ui = await open();
    ui.scan('101');
    await ui.waitFor('Espresso');
    ui.scan('AB12-34/5+6');
    await ui.waitFor('No product has barcode AB12-34/5+6.');
    expect(r.register.actor.getSnapshot().value).toEqual({ open: 'sale' });
    expect(ui.frame()).toContain('Espresso');
  });

  test('"3*301" arriving in one burst still means three of 301', async () => {
    const ui = await open();
    ui.scan('3*301');
    await ui.waitFor('Still water 0.5 l');
    const lines = r.register.actor.getSnapshot().context.cart.lines;
    expect(lines.map((l) => [l.sku, l.qty])).toEqual([['SKU-301', 3]]);
  });

  test('after a letter, symbol keys are typed into the code', async () => {
    const ui = await open();
    ui.type('AB');
    ui.press(KEY.remove, KEY.void);
    await ui.waitFor('Scan or type a code: AB-/');
  });

  test('Backspace (DEL or BS) and Delete erase; Esc clears the line', async () => {
    const ui = await open();
    ui.type('10199');
    ui.press(KEY.backspace, KEY.backspaceBS);
    await ui.waitFor(/Scan or type a code: 101 *$/m);
    ui.press(KEY.delete);
    await ui.waitFor(/Scan or type a code: 10 *$/m);
    ui.press(KEY.escape);
    await ui.waitFor(/Scan or type a code: *$/m);
    ui.type('101');
    ui.press(KEY.enter);
    await ui.waitFor('Espresso');
  });
});

describe('removing and voiding', () => {
  test('- removes the selected line', async () => {
    const ui = await open();
    for (const c of ['101', '201', '301']) ui.scan(c);
    await ui.waitFor('Still water');
    ui.press(KEY.up);
    await ui.waitFor((f) => /▶ Croissant/.test(f));
    ui.press(KEY.remove);
    const f = await ui.waitFor((fr) => !fr.includes('Croissant'));
    expect(f).toContain('Espresso');
    expect(f).toContain('Still water');
    expect(f).toContain('TOTAL  $3.70');
  });

  test('removing the last line ends the sale', async () => {
    const ui = await open();
    ui.scan('101');
    await ui.waitFor('Espresso');
    ui.press(FKEY.linux.f4);
    await ui.waitFor('Scan an item to start a sale');
  });

  test('/ asks for confirmation; another key keeps the sale; / again voids it', async () => {
    const ui = await open();
    ui.scan('101');
    await ui.waitFor('Espresso');
    ui.press(KEY.void);
    await ui.waitFor('Void the whole sale? Press / or Enter to confirm');
    ui.press(KEY.down);
    await ui.waitFor('The sale was not voided.');
    expect(ui.frame()).toContain('Espresso');
    ui.press(KEY.void, KEY.void);
    await ui.waitFor('Sale voided.');
    expect(ui.frame()).toContain('Scan an item to start a sale');
    await r.register.settled();
    expect(r.store.state.sales.count).toBe(0);
  });

  test('F5 then Enter voids too', async () => {
    const ui = await open();
    ui.scan('101');
    await ui.waitFor('Espresso');
    ui.press(FKEY.xterm.f5);
    await ui.waitFor('Void the whole sale?');
    ui.press(KEY.enter);
    await ui.waitFor('Sale voided.');
  });
});
