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

describe('sign-in screen', () => {
  it('code, wrong PIN, right PIN, then the sale screen with the operator in the status bar', async () => {
    ui = await openRegisterUi({ fixture: { seed: shopOperators() } });
    const app = ui.ui;
    await app.waitFor('Operator code or badge:');
    app.type('anna');
    app.press(KEY.enter);
    await app.waitFor('PIN for Anna');
    app.type('1111');
    await app.waitFor('PIN: ••••');
    expect(app.frame()).not.toContain('1111');
    app.press(KEY.enter);
    await app.waitFor('Wrong PIN.');
    app.type('1234');
    app.press(KEY.enter);
    await app.waitFor((f) => f.includes('Anna') && !f.includes('Sign in'));
  });

  async function signedIn(config = {}) {
    ui = await openRegisterUi({ fixture: { seed: shopOperators(), config } });
    const app = ui.ui;
    await signInUi(app);
    return app;
  }

  it('a badge scan on the PIN prompt is refused: a scan is never a PIN', async () => {
    ui = await openRegisterUi({ fixture: { seed: shopOperators() } });
    const app = ui.ui;
    await app.waitFor('Operator code or badge:');
    app.scan('OP-0001');
    await app.waitFor('PIN for Anna');
    app.scan('1234');
    await app.waitFor('A scan is not a PIN');
    expect(ui.register.session.status()).toBe('pin');
  });

  it('void with a payment: the manager types the PIN on the spot; wrong PIN keeps the prompt, Esc keeps the sale', async () => {
    const app = await signedIn();
    app.scan('101');
    await app.waitFor('Espresso');
    app.press('+');
    await app.waitFor('DUE');
    app.type('1');
    app.press('*');
    app.type('A1');
    app.press(KEY.enter);
    await app.waitFor('ref A1');
    app.press('/');
    app.press('/');
    await app.waitFor('Manager approval');
    app.type('1234');
    await app.waitFor('Manager PIN: ••••');
    app.press(KEY.enter);
    await app.waitFor('Wrong PIN.');
    app.press(KEY.escape);
    await app.waitFor('Not approved');
    expect(ui!.register.actor.getSnapshot().context.tenders).toHaveLength(1);
    app.press('/');
    app.press('/');
    await app.waitFor('Manager approval');
    app.scan('9999');
    await app.waitFor('A scan is not a PIN');
    app.type('9999');
    app.press(KEY.enter);
    await app.waitFor('Sale voided');
  });

  it('Ctrl+L locks mid-sale; scans are refused; the manager unlocks and the sale is still there', async () => {
    const app = await signedIn();
    app.scan('101');
    await app.waitFor('Espresso');
    app.press('\x0c');
    await app.waitFor('Locked by Anna');
    app.scan('102');
    await app.waitFor('The till is locked');
    app.press('\x0c');
    await app.waitFor('Finish or void the sale first');
    app.type('9999');
    app.press(KEY.enter);
    await app.waitFor((f) => f.includes('Espresso') && f.includes('Mai'));
    expect(ui!.register.actor.getSnapshot().context.cart.lines).toHaveLength(1);
  });

  it('between sales Ctrl+L twice: another operator signs in', async () => {
    const app = await signedIn();
    app.press('\x0c');
    await app.waitFor('Locked by Anna');
    app.press('\x0c');
    await app.waitFor('Operator code or badge:');
    app.type('mai');
    app.press(KEY.enter);
    await app.waitFor('PIN for Mai');
  });
});
