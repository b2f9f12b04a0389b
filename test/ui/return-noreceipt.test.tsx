/**
 * A return without a receipt and an exchange at the till (docs/returns.md), driven as a cashier:
 * from the ready screen F5 opens the return, the goods are scanned (a scanner burst) or typed, Tab
 * shows the exchange's side where the new items are scanned, the difference is paid in cash (F8) or
 * refunded, the manager types the PIN (a wrong one first), the exchange receipt prints both parts.
 * Every bad input is the cashier's message and writes nothing. At 80 and 120 columns, no line wider
 * than the screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRegisterUi, type AppHarness } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';
import { shopOperators, signInUi } from '../operators/support.js';
import type { JournalEvent } from '../../src/store/types.js';
import type { TillConfig } from '../../src/domain/config.js';
import type { MockHardware } from '../../hardware/index.js';
import { width as cols } from '../../src/ui/text.js';
import { demoMemberCards } from '../../src/admin/demo-store.js';

type Ui = Awaited<ReturnType<typeof openRegisterUi>>;
let ui: Ui | null = null;
afterEach(async () => {
  await ui?.close();
  ui = null;
});

const journal = (dir: string): JournalEvent[] =>
  fs.readdirSync(path.join(dir, 'journal')).sort().flatMap((f) =>
    fs.readFileSync(path.join(dir, 'journal', f), 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as JournalEvent));

async function till(opts: { config?: Partial<TillConfig>; columns?: number; rows?: number; demo?: boolean } = {}): Promise<Ui> {
  ui = await openRegisterUi({ columns: opts.columns, rows: opts.rows, fixture: { seed: shopOperators(), demo: opts.demo, config: opts.config } });
  await signInUi(ui.ui);
  return ui;
}

/** Rings a cash sale up and pays it exactly. */
async function sell(u: Ui, items: string[]): Promise<void> {
  const app = u.ui;
  const before = u.register.store.state.sales.count;
  for (const it of items) {
    app.type(it);
    app.press(KEY.enter);
    await app.waitFor('TOTAL');
  }
  app.press(KEY.pay);
  await app.waitFor('Cash received:');
  app.press(KEY.exact);
  await app.waitFor('PAID');
  await app.waitFor(() => u.register.store.state.sales.count === before + 1);
  app.press(KEY.escape);
  await app.waitFor('Scan an item');
}

const fits = (frame: string, width: number) => frame.split('\n').every((l) => cols(l) <= width);

const returnsOf = (dir: string) => journal(dir).filter((e) => e.type === 'return.committed');

/** The manager types the PIN on the approval prompt, digit by digit. */
async function approve(app: AppHarness, pin: string): Promise<void> {
  await app.waitFor('Manager PIN:');
  app.type(pin);
  app.press(KEY.enter);
}

describe('a return without a receipt at the till', () => {
  it.each([
    [80, 24],
    [120, 40],
  ])('at %ix%i: F5 from the ready screen, bad inputs refused, a scanner burst, + one more, a wrong PIN then the manager’s, cash from the drawer', async (columns, rows) => {
    const u = await till({ columns, rows });
    const app = u.ui;
    await sell(u, ['4*101']); // 10.00 in the drawer
    // The ready bar names both return keys and fits the width.
    const ready = app.lines().at(-1)!;
    expect(ready).toContain('- Return');
    expect(ready).toContain('F5 No receipt');
    const events = journal(u.dir).length;
    app.press(FKEY.xterm.f5);
    let f = await app.waitFor('NO RECEIPT');
    expect(f).toContain('Item coming back (barcode or SKU):');
    expect(fits(f, columns)).toBe(true);
    // An unknown barcode, an absurd quantity: the cashier's message, nothing listed, nothing written.
    app.type('nope');
    app.press(KEY.enter);
    f = await app.waitFor('No product has the sku nope.');
    app.type('99999');
    app.press(KEY.qty);
    await app.waitFor('Quantity must be 1 to');
    // The goods come back through the scanner (one burst ending in Enter): an item, never typed text.
    app.scan('101');
    f = await app.waitFor(/Espresso\s+\$2\.50\s+1\s+\$2\.50/);
    app.press('+');
    f = await app.waitFor(/REFUND\s+\$5\.00/);
    expect(f).toMatch(/Cash from the drawer\s+\$5\.00/);
    expect(fits(f, columns)).toBe(true);
    expect(journal(u.dir).length).toBe(events);
    // Enter on an empty entry refunds: the manager is asked, a wrong PIN is refused and writes nothing.
    app.press(KEY.enter);
    f = await app.waitFor('Manager PIN:');
    expect(f).toContain('A manager approves this return without a receipt ($5.00)');
    await approve(app, '1111');
    f = await app.waitFor('Wrong PIN.');
    expect(f).toContain('Manager PIN:');
    expect(returnsOf(u.dir)).toHaveLength(0);
    await approve(app, '9999');
    f = await app.waitFor('REFUNDED');
    expect(f).toContain('no receipt');
    expect(f).toContain('Approved by Mai');
    expect(f).toMatch(/CASH TO HAND OUT\s+\$5\.00/);
    expect(fits(f, columns)).toBe(true);
    await u.register.settled();
    const [ret] = returnsOf(u.dir);
    expect((ret.data as { return: { noReceipt: boolean; total: number; approvedBy?: string } }).return).toMatchObject({ noReceipt: true, total: 500, approvedBy: expect.any(String) });
    expect((u.hardware as MockHardware).drawer.pulses).toBeGreaterThan(0);
    const receipt = (u.hardware as MockHardware).printer.jobs.at(-1)!.text;
    expect(receipt).toContain('No receipt');
    app.press(KEY.enter);
    await app.waitFor('Scan an item');
  });

  it('Esc cancels midway and writes nothing; a refund bigger than the drawer is refused, a new gift card takes it', async () => {
    const u = await till();
    const app = u.ui;
    const events = journal(u.dir).length;
    app.press(FKEY.xterm.f5);
    await app.waitFor('NO RECEIPT');
    app.scan('201');
    await app.waitFor('Croissant');
    app.press(KEY.escape);
    await app.waitFor('Return cancelled: nothing was written.');
    expect(journal(u.dir).length).toBe(events);
    // No sale yet: the drawer holds the float only (nothing), so cash cannot go out.
    app.press(KEY.ctrlN);
    await app.waitFor('NO RECEIPT');
    app.scan('201');
    await app.waitFor(/REFUND\s+\$2\.80/);
    app.press(KEY.enter);
    await approve(app, '9999');
    let f = await app.waitFor('The drawer holds');
    expect(f).toContain('NO RECEIPT');
    expect(returnsOf(u.dir)).toHaveLength(0);
    // F6: onto a new gift card instead; the approval given a moment ago still stands.
    app.press(FKEY.xterm.f6);
    f = await app.waitFor('NEW GIFT CARD');
    expect(f).toMatch(/Onto a new gift card \*+\w+\s+\$2\.80/);
    app.press(KEY.enter);
    await app.waitFor(/REFUNDED|Manager PIN:/);
    if (app.frame().includes('Manager PIN:')) await approve(app, '9999');
    f = await app.waitFor('REFUNDED');
    expect(f).toContain('New gift card');
    expect(f).toContain('Nothing comes out of the drawer.');
    await u.register.settled();
    const [ret] = returnsOf(u.dir);
    expect((ret.data as { return: { refundMode: string } }).return.refundMode).toBe('giftcard');
    expect(journal(u.dir).some((e) => e.type === 'giftcard.issued')).toBe(true);
  });
});

describe('an exchange at the till', () => {
  it.each([
    [80, 24],
    [120, 40],
  ])('at %ix%i without a receipt: Tab to the new items, TO PAY, a loyalty card, the difference in cash with change, one receipt of both parts', async (columns, rows) => {
    const u = await till({ columns, rows, demo: true });
    const app = u.ui;
    await sell(u, ['4*101']);
    app.press(FKEY.xterm.f5);
    await app.waitFor('NO RECEIPT');
    app.scan('101'); // 2.50 back
    await app.waitFor(/REFUND\s+\$2\.50/);
    app.press(KEY.tab);
    let f = await app.waitFor('EXCHANGE');
    expect(f).toMatch(/Coming back: 1 item\s+-\$2\.50/);
    app.type('2*201'); // 2 x 2.80 = 5.60 new
    app.press(KEY.enter);
    f = await app.waitFor(/TO PAY\s+\$3\.10/);
    // The customer's loyalty card, scanned: the new items earn their points.
    app.scan(demoMemberCards()[0]);
    f = await app.waitFor('points for Lan Nguyen');
    expect(f).toMatch(/pts earned on the new items, balance after/);
    expect(f).toMatch(/Croissant\s+\$2\.80\s+2\s+\$5\.60/);
    expect(f).toMatch(/New items\s+\$5\.60/);
    expect(f).toContain('still due $3.10');
    expect(fits(f, columns)).toBe(true);
    // Finishing before the difference is paid is refused, nothing written.
    app.press(KEY.enter);
    await app.waitFor('The customer still owes $3.10 for the new items');
    expect(returnsOf(u.dir)).toHaveLength(0);
    // A card cannot pay more than is due; cash can, and gives change.
    app.type('5');
    app.press(FKEY.xterm.f8);
    f = await app.waitFor(/^\s+paid\s*$/m);
    expect(f).toMatch(/Cash.*\$5\.00.*\$1\.90/);
    app.press(KEY.enter);
    await approve(app, '9999');
    f = await app.waitFor('EXCHANGED');
    expect(f).toMatch(/Return R1-000002 and sale R1-000003/);
    expect(f).toMatch(/TO PAY\s+\$3\.10/);
    expect(f).toMatch(/CHANGE TO HAND OUT\s+\$1\.90/);
    expect(fits(f, columns)).toBe(true);
    await u.register.settled();
    const ev = journal(u.dir);
    const ret = ev.find((e) => e.type === 'return.committed')!;
    const sale = ev.find((e) => e.type === 'sale.committed' && (e.data as { sale: { receiptNo: string } }).sale.receiptNo === 'R1-000003')!;
    expect(sale.tx).toBe(ret.tx);
    const text = (u.hardware as MockHardware).printer.jobs.find((j) => j.id === 'receipt:R1-000002')!.text;
    for (const want of ['EXCHANGE', 'No receipt', 'Returned:', 'New items:', 'TO PAY', 'Change']) expect(text).toContain(want);
    app.press(KEY.enter);
    await app.waitFor('Scan an item');
  });

  it('with a scanned receipt: one line back, a new item, TO REFUND the rest the way it was paid; a card pays nothing when nothing is due', async () => {
    const u = await till();
    const app = u.ui;
    await sell(u, ['2*201']); // 5.60 cash
    const no = u.register.actor.getSnapshot().context.lastSale!.receiptNo;
    app.scan(`R${no}`);
    await app.waitFor(`receipt ${no}`);
    app.type('2');
    app.press(KEY.enter);
    await app.waitFor(/REFUND\s+\$5\.60/);
    expect(app.lines().at(-1)).toContain('Tab Exchange');
    app.press(KEY.tab);
    await app.waitFor('EXCHANGE');
    app.scan('101'); // 2.50 new
    let f = await app.waitFor(/TO REFUND\s+\$3\.10/);
    expect(f).toMatch(/Cash from the drawer\s+\$3\.10/);
    app.press(FKEY.xterm.f9);
    await app.waitFor('Approval code');
    app.type('A1');
    app.press(KEY.enter);
    await app.waitFor('Nothing is due on this exchange.');
    // Tab back shows the receipt's lines with the exchange summed up under them.
    app.press(KEY.tab);
    f = await app.waitFor(`receipt ${no}`);
    app.press(KEY.tab);
    await app.waitFor('EXCHANGE');
    app.press(KEY.enter);
    await approve(app, '9999');
    f = await app.waitFor('EXCHANGED');
    expect(f).toMatch(/TO REFUND\s+\$3\.10/);
    expect(f).toMatch(/CASH TO HAND OUT\s+\$3\.10/);
  });
});

describe('the ready bar and the return bars in every language', () => {
  it.each(['en', 'vi', 'zh', 'ru'])('%s: both return keys on the 80-column ready bar; every return bar fits 80 columns', async (lang) => {
    const { hintLine } = await import('../../src/ui/selectors.js');
    const { setLanguage, translate } = await import('../../src/i18n/index.js');
    setLanguage(lang);
    try {
      for (const screen of ['idle', 'committed'] as const) {
        const line = hintLine(screen, 80);
        expect(cols(line), line).toBeLessThanOrEqual(80);
        expect(line).toContain(`- ${translate(lang, 'ui.hint.returnStart')}`);
        expect(line).toContain(`F5 ${translate(lang, 'ui.hint.returnNoReceipt')}`);
      }
      for (const screen of ['return', 'returnItems', 'exchange', 'returnDone', 'returnReceipt'] as const) {
        const line = hintLine(screen, 80);
        expect(cols(line), line).toBeLessThanOrEqual(80);
        expect(line).toContain('?/F1');
      }
      expect(hintLine('exchange', 80)).toContain(`F8 ${translate(lang, 'ui.hint.exchangeCash')}`);
      expect(hintLine('returnItems', 80)).toContain(`Tab ${translate(lang, 'ui.hint.exchangeOpen')}`);
    } finally {
      setLanguage('en');
    }
  });
});
