/**
 * Messages clear when the cashier moves on (issue 11): an error stays while the code is typed again
 * and until the next action; it never comes back after Esc, a cancelled prompt or a closed receipt.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { openRegisterUi } from '../support/render-app.js';
import { KEY } from '../support/keys.js';
import { handleKey, type KeyView } from '../../src/ui/input/handle-key.js';
import { initialInput } from '../../src/ui/input/state.js';
import { decodeKeys } from '../../src/ui/keys/decode.js';
import { CODE_A, CODE_UNKNOWN, machineWith, makeDeps, scriptedCommit } from '../machines/fixtures.js';

const NO_PRODUCT = 'No product has barcode 999.';
type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

async function ready() {
  r = await openRegisterUi();
  await r.ui.waitFor('Scan an item to start a sale');
  return r.ui;
}

/** A frame whose message line no longer shows `text` (waits for the render after the key). */
const gone = (text: string) => (f: string) => !f.includes(text);

describe('at the terminal', () => {
  test('Esc clears the entry and the error with it', async () => {
    const ui = await ready();
    ui.scan('999');
    await ui.waitFor(NO_PRODUCT);
    ui.press(KEY.escape);
    await ui.waitFor(gone(NO_PRODUCT));
  });

  test('typing the code again keeps the error on screen; Enter replaces it', async () => {
    const ui = await ready();
    ui.scan('999');
    await ui.waitFor(NO_PRODUCT);
    ui.type('10');
    ui.press(KEY.backspace);
    await ui.waitFor(/Scan or type a code: 1\s*\n/);
    expect(ui.frame()).toContain(NO_PRODUCT);
    ui.type('01');
    ui.press(KEY.enter);
    await ui.waitFor('TOTAL  $2.50');
    expect(ui.frame()).not.toContain(NO_PRODUCT);
  });

  test('the last receipt opened and closed: the old error does not come back', async () => {
    const ui = await ready();
    ui.scan('101');
    ui.press(KEY.pay);
    await ui.waitFor('Cash received:');
    ui.press(KEY.exact);
    await ui.waitFor('PAID');
    ui.press(KEY.escape);
    await ui.waitFor('Scan an item to start a sale');
    ui.scan('999');
    await ui.waitFor(NO_PRODUCT);
    // On the ready screen `.` asks which receipt to reprint; Enter alone: the last one.
    ui.press(KEY.lastReceipt);
    await ui.waitFor('Reprint receipt no.');
    ui.press(KEY.enter);
    const receipt = await ui.waitFor('Copy of receipt R1-000001');
    expect(receipt).not.toContain(NO_PRODUCT);
    ui.press(KEY.escape);
    const idle = await ui.waitFor('Scan an item to start a sale');
    expect(idle).not.toContain(NO_PRODUCT);
  });

  test('a void prompt answered "keep": its notice goes with the next key, the old error stays gone', async () => {
    const ui = await ready();
    ui.scan('101');
    ui.scan('999');
    await ui.waitFor(NO_PRODUCT);
    ui.press(KEY.void);
    await ui.waitFor('Void the sale');
    ui.press(KEY.down);
    await ui.waitFor('The sale was not voided.');
    ui.press(KEY.up);
    await ui.waitFor(gone('The sale was not voided.'));
    expect(ui.frame()).not.toContain(NO_PRODUCT);
  });
});

describe('the rules', () => {
  const sale: KeyView = { screen: 'sale', lineIds: ['L1'], tenderIds: [], currency: 'USD', pageRows: 10, receiptLines: 0, helpLines: 30, message: true };
  const events = (chunk: string, v: KeyView = sale) => decodeKeys(chunk).flatMap((k) => handleKey(initialInput(), k, v).events);

  test('an action clears the message before its own events; typing, Backspace and help keep it', () => {
    expect(events(KEY.escape)).toEqual([{ type: 'message.clear' }]);
    expect(events(KEY.down)).toEqual([{ type: 'message.clear' }]);
    expect(events(KEY.pay)).toEqual([{ type: 'message.clear' }, { type: 'tender.start' }]);
    expect(events('7')).toEqual([]);
    expect(events(KEY.backspace)).toEqual([]);
    expect(events(KEY.help)).toEqual([]);
    expect(events(KEY.escape, { ...sale, message: false })).toEqual([]);
  });

  test('the machine clears it when the receipt is opened or closed and when the next sale starts', async () => {
    const actor = createActor(machineWith(scriptedCommit(['ok']).logic), { input: makeDeps() });
    actor.start();
    actor.send({ type: 'cart.scan', code: CODE_A });
    actor.send({ type: 'tender.start' });
    actor.send({ type: 'tender.exact' });
    const msg = () => actor.getSnapshot().context.message;
    await waitFor(actor, (x) => x.matches('committed'));
    {
      expect(actor.getSnapshot().value).toBe('committed');
      actor.send({ type: 'sale.next' });
      actor.send({ type: 'cart.scan', code: CODE_UNKNOWN });
      expect(msg()?.code).toBe('UNKNOWN_BARCODE');
      actor.send({ type: 'receipt.view' });
      expect(msg()).toBeNull();
      actor.send({ type: 'receipt.close' });
      actor.send({ type: 'cart.scan', code: CODE_UNKNOWN });
      actor.send({ type: 'receipt.view' });
      actor.send({ type: 'receipt.close' });
      expect(actor.getSnapshot().value).toBe('idle');
      expect(msg()).toBeNull();
    }
  });
});
