/** The drawer in the status bar and on the message line, whatever driver runs (the mock here). */
import { afterEach, expect, test } from 'vitest';
import { openRegisterUi } from '../support/render-app.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

test('a drawer left open shows on the status bar like "paper out", and on the message line until it is shut', async () => {
  r = await openRegisterUi();
  const ui = r.ui;
  await ui.waitFor('Scan an item to start a sale');
  r.hardware.drawer.setStatus('open');
  await ui.waitFor('Drawer open');
  r.hardware.drawer.setStatus('left-open');
  const f = await ui.waitFor('Drawer open too long');
  expect(f).toContain('The cash drawer has been left open. Close it.');
  r.hardware.drawer.shut();
  const g = await ui.waitFor('Drawer closed');
  expect(g).not.toContain('left open');
});
