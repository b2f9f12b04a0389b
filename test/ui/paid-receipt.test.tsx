import { afterEach, describe, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { KEY } from '../support/keys.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

async function paid() {
  r = await openRegisterUi({ demo: true });
  const ui = r.ui;
  await ui.waitFor('Scan an item to start a sale');
  ui.scan('101');
  ui.press(KEY.pay);
  await ui.waitFor('Cash received:');
  ui.type('5');
  ui.press(KEY.enter);
  await ui.waitFor('PAID');
  return ui;
}

describe('paid screen', () => {
  test('the next scan starts a new sale directly', async () => {
    const ui = await paid();
    ui.scan('201');
    const f = await ui.waitFor('Croissant');
    expect(f).not.toContain('Espresso');
    expect(f).toContain('TOTAL  $2.80');
  });

  test('Enter goes to the idle screen; so does any other non-text key', async () => {
    const ui = await paid();
    ui.press(KEY.enter);
    await ui.waitFor('Scan an item to start a sale');
    expect(r.register.actor.getSnapshot().value).toBe('idle');
  });

  test('an arrow key also leaves the paid screen', async () => {
    const ui = await paid();
    ui.press(KEY.down);
    await ui.waitFor('Scan an item to start a sale');
  });
});

describe('last receipt', () => {
  test('shows the printed text, scrolls, reprints, closes', async () => {
    const ui = await paid();
    ui.press(KEY.lastReceipt);
    const f = await ui.waitFor('Last receipt R1-000001');
    expect(f).toContain('Demo Cafe & Corner Shop');
    const job = (await r.register.settled(), r.hardware.printer.jobs[0]);
    // What is on screen is the printed job's own text rendering.
    const firstLines = job.text.split('\n').slice(0, 5).map((l) => l.trim()).filter(Boolean);
    for (const l of firstLines) expect(f).toContain(l);
    const total = job.text.replace(/\n+$/, '').split('\n').length;
    expect(total).toBeGreaterThan(18);
    expect(f).toContain(`(1-18/${total})`);
    ui.press(KEY.pageDown);
    const top = Math.min(17, total - 18);
    await ui.waitFor(`(${top + 1}-${top + 18}/${total})`);
    ui.press(KEY.pay);
    await r.register.settled();
    await ui.waitFor(() => r.hardware.printer.jobs.length === 2);
    ui.press(KEY.escape);
    await ui.waitFor('Scan an item to start a sale');
  });

  test('from the idle screen with no sale yet it says there is none', async () => {
    r = await openRegisterUi();
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.press(KEY.lastReceipt);
    await ui.waitFor('Reprint receipt no.');
    ui.press(KEY.enter);
    await ui.waitFor('There is no receipt yet.');
  });

  test('a printer failure shows on the status bar and as a warning; the sale stays paid', async () => {
    r = await openRegisterUi();
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    r.hardware.printer.fail('paper-out');
    ui.scan('101');
    ui.press(KEY.pay);
    await ui.waitFor('Cash received:');
    ui.press(KEY.exact);
    await ui.waitFor('PAID');
    await r.register.settled();
    const f = await ui.waitFor('Printer paper out');
    expect(f).toMatch(/out of paper|paper/i);
    expect(r.store.state.sales.count).toBe(1);
  });
});

describe('idle screen', () => {
  test('demo mode lists a few codes that really sell', async () => {
    r = await openRegisterUi({ demo: true });
    const ui = r.ui;
    const f = await ui.waitFor('Demo: type a code and press Enter:');
    const m = f.match(/^\s*(\d{3})\s{2}(\S[^\n]*?)\s{2,}/m);
    expect(m).not.toBeNull();
    ui.scan(m![1]);
    await ui.waitFor(m![2].trim());
  });

  test('without demo mode there is no code list', async () => {
    r = await openRegisterUi();
    const f = await r.ui.waitFor('Scan an item to start a sale');
    expect(f).not.toContain('Demo:');
  });
});

describe('last receipt of a sale with a loyalty customer', () => {
  test('shows the same loyalty section as the printed receipt', async () => {
    r = await openRegisterUi({ fixture: { demo: true } });
    const ui = r.ui;
    await ui.waitFor('Scan an item to start a sale');
    ui.scan('2700000000014');
    await ui.waitFor('Lan Nguyen');
    ui.scan('703');
    ui.press(KEY.pay);
    await ui.waitFor('Cash received:');
    ui.type('20');
    ui.press(KEY.enter);
    await ui.waitFor('PAID');
    ui.press(KEY.lastReceipt);
    await ui.waitFor('Last receipt');
    const printed = r.hardware.printer.jobs.at(-1)!.text;
    expect(printed).toMatch(/Points earned\s+\+12/);
    // The receipt view scrolls: one page down brings the loyalty lines into view.
    ui.press(KEY.pageDown);
    await ui.waitFor(/Points earned\s+\+12/);
  });
});
