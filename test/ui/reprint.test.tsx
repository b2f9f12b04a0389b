/**
 * Reprinting a receipt by number at the till (issue 11, docs/keys.md "Reprinting a receipt"): on
 * the ready screen `.`/F8 asks for the number, Enter prints it again marked COPY and shows it; a
 * scanned receipt barcode on the prompt does the same; an unknown number says so; F9 prints the
 * last one. Checked after a restart (a second register on the same store: no last sale in memory).
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createRegister, type Register } from '../../src/register.js';
import { createMockHardware, type MockHardware } from '../../hardware/index.js';
import { createTestRegister, type TestRegister } from '../support/register-fixture.js';
import { renderApp, type AppHarness } from '../support/render-app.js';
import { FKEY, KEY } from '../support/keys.js';

let t: TestRegister;
let again: Register | null = null;
let ui: AppHarness | null = null;
afterEach(async () => {
  ui?.unmount();
  await again?.stop();
  again = ui = null;
  await t?.close();
});

/** One sale paid on a first register, then the till "restarted": a new register and screen on the store. */
async function afterRestart(): Promise<{ ui: AppHarness; hardware: MockHardware }> {
  t = await createTestRegister();
  t.register.actor.send({ type: 'cart.scan', code: '101' });
  t.register.actor.send({ type: 'tender.start' });
  t.register.actor.send({ type: 'tender.exact' });
  await t.register.settled();
  await new Promise((r) => setTimeout(r, 20));
  expect(t.store.state.sales.count).toBe(1);
  const hardware = createMockHardware();
  again = createRegister({ config: t.config, store: t.store, hardware });
  ui = renderApp(again);
  await ui.waitFor('Scan an item to start a sale');
  return { ui, hardware };
}

describe('reprint a receipt by number', () => {
  test('F8, the number, Enter: printed again marked COPY and shown; Esc closes', async () => {
    const { ui, hardware } = await afterRestart();
    ui.press(FKEY.xterm.f8);
    await ui.waitFor('Reprint receipt no. (Enter: the last):');
    ui.type('1');
    ui.press(KEY.enter);
    const f = await ui.waitFor('Copy of receipt R1-000001');
    expect(f).toContain('Espresso');
    await ui.waitFor('Receipt R1-000001 printed again, marked COPY.');
    expect(hardware.printer.jobs.map((j) => [j.id, j.text.split('\n')[0].trim()])).toEqual([['copy:R1-000001', '*** COPY ***']]);
    ui.press(KEY.pay);
    await ui.waitFor(() => hardware.printer.jobs.length === 2);
    ui.press(KEY.escape);
    await ui.waitFor('Scan an item to start a sale');
  });

  test('a receipt barcode scanned on the prompt reprints it; an unknown number says so and the prompt stays', async () => {
    const { ui, hardware } = await afterRestart();
    ui.press(KEY.lastReceipt);
    await ui.waitFor('Reprint receipt no.');
    ui.type('42');
    ui.press(KEY.enter);
    await ui.waitFor('Receipt 42 was not issued by this store or register');
    expect(ui.frame()).toContain('Reprint receipt no.');
    expect(hardware.printer.jobs).toEqual([]);
    ui.scan(`${t.config.codes.receiptPrefix}R1-000001`);
    await ui.waitFor('Copy of receipt R1-000001');
    await ui.waitFor(() => hardware.printer.jobs.length === 1);
    expect(hardware.printer.jobs[0].text).toMatch(/^\s*\*\*\* COPY \*\*\*\s*\n/);
  });

  test('Enter alone reprints the last receipt; F9 on the ready screen prints it without opening it', async () => {
    const { ui, hardware } = await afterRestart();
    ui.press(FKEY.linux.f9);
    await ui.waitFor('Receipt R1-000001 printed again, marked COPY.');
    expect(ui.frame()).toContain('Scan an item to start a sale');
    ui.press(KEY.lastReceipt);
    await ui.waitFor('Reprint receipt no.');
    ui.press(KEY.enter);
    await ui.waitFor('Copy of receipt R1-000001');
    await ui.waitFor(() => hardware.printer.jobs.length === 2);
    expect(hardware.printer.jobs.every((j) => j.id === 'copy:R1-000001')).toBe(true);
  });

  test('a product scanned on the prompt closes it and starts the sale', async () => {
    const { ui } = await afterRestart();
    ui.press(KEY.lastReceipt);
    await ui.waitFor('Reprint receipt no.');
    ui.scan('201');
    await ui.waitFor('TOTAL  $2.80');
    expect(ui.frame()).not.toContain('Reprint receipt no.');
  });
});
