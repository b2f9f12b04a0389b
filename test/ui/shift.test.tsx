import { afterEach, describe, expect, it } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { KEY } from '../support/keys.js';
import { shopOperators, signInUi } from '../operators/support.js';

type Ui = Awaited<ReturnType<typeof openRegisterUi>>;
let ui: Ui | null = null;
afterEach(async () => {
  await ui?.close();
  ui = null;
});

describe('the shift overlay (Ctrl+T)', () => {
  it('open with a float, a paid-out approved by the manager, X report, close with the count: the Z prints', async () => {
    ui = await openRegisterUi({ fixture: { seed: shopOperators() } });
    const app = ui.ui;
    await signInUi(app);
    app.press('\x14');
    await app.waitFor('No shift is open');
    app.press(KEY.enter);
    await app.waitFor('Opening float:');
    app.type('100');
    app.press(KEY.enter);
    await app.waitFor('Shift open, float $100.00.');
    app.press('\x14');
    await app.waitFor('Open since');
    // Who opened it by name, as the Z names them, not the sign-in code.
    expect(app.frame()).toMatch(/by Anna[:\s]/);
    app.press(KEY.down, KEY.down, KEY.enter);
    await app.waitFor('Cash out, amount:');
    app.type('5');
    app.press(KEY.enter);
    await app.waitFor('Reason:');
    app.type('milk');
    app.press(KEY.enter);
    await app.waitFor('Manager approval');
    app.type('9999');
    app.press(KEY.enter);
    await app.waitFor('Cash out $5.00 journaled.');
    app.press('\x14');
    await app.waitFor('Open since');
    app.press(KEY.down, KEY.down, KEY.down, KEY.down, KEY.enter);
    await app.waitFor('X REPORT');
    // PgDn moves the report a page (it stood still: only the arrows scrolled), PgUp back to the top.
    expect(app.lines()[1]).toMatch(/\(1-\d+\/\d+\)/);
    app.press(KEY.pageDown);
    await app.waitFor(/\((?!1-)\d+-\d+\/\d+\)/);
    app.press(KEY.pageUp);
    await app.waitFor(/\(1-\d+\/\d+\)/);
    app.press(KEY.escape);
    app.press('\x14');
    await app.waitFor('Open since');
    app.press(KEY.down, KEY.down, KEY.down, KEY.down, KEY.down, KEY.enter);
    await app.waitFor('Cash counted in the drawer:');
    app.type('94.50');
    app.press(KEY.enter);
    await app.waitFor('Shift closed');
    await ui.register.settled();
    const z = ui.register.shift.z();
    expect(z.ok).toBe(true);
    const text = z.ok ? ui.register.shift.text(z.value) : '';
    expect(text).toMatch(/Expected in drawer\s+\$95\.00/);
    expect(text).toMatch(/Difference\s+-\$0\.50/);
    expect(ui.hardware.printer.jobs.length).toBeGreaterThan(0);
  });
});
