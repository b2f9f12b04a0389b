import { afterEach, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';
import { KEY } from '../support/keys.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

async function paying() {
  r = await openRegisterUi();
  const ui = r.ui;
  await ui.waitFor('Scan an item to start a sale');
  ui.scan('101');
  ui.scan('201');
  await ui.waitFor('TOTAL  $5.30');
  ui.press(KEY.pay);
  await ui.waitFor('Cash received:');
  return ui;
}

test('a full disk: the error, the sale still on screen, nothing printed; Enter retries and it is paid', async () => {
  const ui = await paying();
  r.failCommits('DISK_FULL');
  ui.type('10');
  ui.press(KEY.enter);
  const f = await ui.waitFor('The disk is full. The sale was not saved.');
  expect(f).toContain('NOT SAVED');
  expect(f).toContain('Espresso');
  expect(f).toContain('Croissant');
  expect(f).toContain('TOTAL  $5.30');
  expect(f).toMatch(/Enter\/\+ Retry\s+\/\/F5 Void/);
  expect(r.store.state.sales.count).toBe(0);
  await r.register.settled();
  expect(r.hardware.printer.jobs).toHaveLength(0);
  expect(r.hardware.drawer.pulses).toBe(0);
  ui.press(KEY.enter);
  const g = await ui.waitFor('PAID');
  expect(g).toContain('CHANGE  $4.70');
  expect(r.store.state.sales.count).toBe(1);
});

test('after a failed save the sale can be voided', async () => {
  const ui = await paying();
  r.failCommits('IO_ERROR');
  ui.press(KEY.exact);
  await ui.waitFor('The sale could not be saved (disk error). Try again.');
  ui.press(KEY.void);
  await ui.waitFor('Void the whole sale?');
  ui.press(KEY.enter);
  await ui.waitFor('Sale voided.');
  expect(r.store.state.sales.count).toBe(0);
});

test('while the sale is saved the screen says so and ignores keys', async () => {
  const ui = await paying();
  const release = r.holdCommits();
  ui.press(KEY.exact);
  await ui.waitFor('Saving the sale…');
  ui.type('101');
  ui.press(KEY.enter, KEY.void);
  expect(r.register.actor.getSnapshot().value).toBe('committing');
  release();
  await ui.waitFor('PAID');
  expect(r.store.state.sales.count).toBe(1);
});
