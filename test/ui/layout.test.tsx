import { afterEach, describe, expect, test } from 'vitest';
import { openRegisterUi, type AppHarness } from '../support/render-app.js';
import { KEY } from '../support/keys.js';
import { width } from '../../src/ui/text.js';
import { demoProducts } from '../../src/admin/demo-store.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

const CODES = demoProducts()
  .map((p) => p.barcodes.find((b) => b.length === 3)!)
  .slice(0, 30);

function expectFits(ui: AppHarness, cols: number, rows: number, what: string) {
  const lines = ui.lines();
  expect(lines.length, `${what}: height`).toBeLessThanOrEqual(rows - 1);
  for (const l of lines) expect(width(l), `${what}: "${l}"`).toBeLessThanOrEqual(cols);
}

const cartRows = (frame: string) => frame.split('\n').filter((l) => /^(▶ | {2})\S.*\$\d+\.\d\d$/.test(l)).length;

describe('80x24', () => {
  test('every screen fits: no line over 80 columns, at most 23 rows', async () => {
    r = await openRegisterUi({ columns: 80, rows: 24, demo: true });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    expectFits(ui, 80, 24, 'idle');
    for (const c of CODES) ui.scan(c);
    await ui.waitFor('Items: 30');
    expectFits(ui, 80, 24, 'sale, 30 lines');
    ui.press(KEY.help);
    await ui.waitFor('Keys  (');
    expectFits(ui, 80, 24, 'help');
    ui.press(KEY.escape);
    ui.press(KEY.pay);
    await ui.waitFor('Cash received:');
    ui.type('5');
    ui.press(KEY.enter);
    ui.type('10');
    ui.press(KEY.card);
    ui.type('REF123');
    ui.press(KEY.enter);
    await ui.waitFor('2. Card');
    expectFits(ui, 80, 24, 'tender');
    r.failCommits('DISK_FULL');
    ui.type('500');
    ui.press(KEY.enter);
    await ui.waitFor('NOT SAVED');
    expectFits(ui, 80, 24, 'commit failed');
    ui.press(KEY.enter);
    await ui.waitFor('PAID');
    expectFits(ui, 80, 24, 'paid');
    ui.press(KEY.lastReceipt);
    await ui.waitFor('Last receipt');
    expectFits(ui, 80, 24, 'receipt');
  });

  test('a long cart scrolls to keep the selected line visible', async () => {
    r = await openRegisterUi({ columns: 80, rows: 24 });
    const ui = r.ui;
    await ui.waitFor('Scan an item');
    for (const c of CODES) ui.scan(c);
    const f = await ui.waitFor('Items: 30');
    // 23 rows - status, header, marker, two totals, message, entry, hints = 15 cart rows.
    expect(cartRows(f)).toBe(15);
    expect(f).toContain('▲ 15 more');
    expect(f).toMatch(/^▶ /m);
    ui.press(KEY.pageUp, KEY.pageUp, KEY.pageUp);
    const g = await ui.waitFor('▼ 15 more');
    expect(g).toMatch(/^▶ Espresso/m);
    ui.press(KEY.down);
    await ui.waitFor(/^▶ Cappuccino/m);
  });
});

describe('a larger terminal', () => {
  test('120x40 shows more cart rows and a wider name column', async () => {
    r = await openRegisterUi({ columns: 120, rows: 40 });
    const ui = r.ui;
    await ui.waitFor('Scan an item');
    for (const c of CODES) ui.scan(c);
    const f = await ui.waitFor('Items: 30');
    expectFits(ui, 120, 40, 'sale 120x40');
    expect(f.split('\n')).toHaveLength(39);
    expect(cartRows(f)).toBe(30);
    expect(f).not.toContain('more');
    // The shop name fits in the status bar now.
    expect(f.split('\n')[0]).toContain('Demo Cafe & Corner Shop');
    const header = f.split('\n')[1];
    expect(header.indexOf('Qty')).toBeGreaterThan(80);
  });

  test('a resize is followed: the UI grows and shrinks with the terminal', async () => {
    r = await openRegisterUi({ columns: 80, rows: 24 });
    const ui = r.ui;
    await ui.waitFor('Scan an item');
    for (const c of CODES.slice(0, 20)) ui.scan(c);
    await ui.waitFor('Items: 20');
    expect(cartRows(ui.frame())).toBe(15);
    ui.resize(100, 30);
    await ui.waitFor((f) => cartRows(f) === 20);
    expectFits(ui, 100, 30, 'after growing');
    ui.resize(80, 24);
    await ui.waitFor((f) => cartRows(f) === 15);
    expectFits(ui, 80, 24, 'after shrinking');
  });
});
