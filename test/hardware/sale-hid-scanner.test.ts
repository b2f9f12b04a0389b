/**
 * The HID scanner in a register, as `till start` builds it (hardwareFor with hardware.scanner
 * "hid-pos"/"hid-keyboard" and a fake node-hid injected where node-hid is loaded): scans go through
 * the register's one scan entry, so headless they reach the checkout machine and under the terminal
 * UI they follow its routing table like a keyboard-wedge scan. Configuration mistakes stop start-up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initStore } from '../../src/store/open.js';
import { createRegister, type Register } from '../../src/register.js';
import { demoConfig, demoExtras, demoProducts } from '../../src/admin/demo-store.js';
import { hardwareFor } from '../../src/admin/run.js';
import { createHeadlessHandler } from '../../src/headless/driver.js';
import type { TillConfig } from '../../src/domain/config.js';
import type { Scan } from '../../hardware/types.js';
import { renderApp } from '../support/render-app.js';
import { KEY } from '../support/keys.js';
import { TEST_DAY } from '../support/register-fixture.js';
import { createFakeHid, hidPosReports, usKeys, type FakeHid } from './fakes/node-hid.js';

const POS = { vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, usage: 2, path: '/dev/hidraw3' };
const WEDGE = { vendorId: 0x05e0, productId: 0x1200, interface: 0, path: '1-1.2:1.0' };

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

type Hw = Partial<TillConfig['hardware']>;

async function register(hw: Hw, hid: FakeHid, demo = false): Promise<Register> {
  const dir = mkdtempSync(join(tmpdir(), 'till-hid-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const base = demoConfig();
  const config: TillConfig = { ...base, hardware: { ...base.hardware, ...hw } };
  const store = await initStore(dir, { currency: config.currency, register: config.register.id }, [{ type: 'catalog.upserted', data: { products: demoProducts() } }, ...(demo ? demoExtras(TEST_DAY) : [])]);
  const hardware = hardwareFor(config, dir, () => {}, { hid: hid.load });
  const reg = createRegister({ config, store, hardware });
  cleanup.push(async () => {
    await reg.stop();
    await hardware.scanner.stop();
    await store.close();
  });
  await hardware.scanner.start();
  return reg;
}

const lines = (reg: Register) => reg.actor.getSnapshot().context.cart.lines.map((l) => [l.name, l.qty]);

describe('a HID scanner in the register', () => {
  it('hid-pos: a scan reaches the cart through the scan hub; headless state shows the scanner', async () => {
    const hid = createFakeHid();
    hid.plug(POS);
    const reg = await register({ scanner: 'hid-pos' }, hid);
    expect(reg.hardware.scanner.status()).toBe('connected');
    hidPosReports('101').forEach((r) => hid.report(POS.path, r));
    hidPosReports('101').forEach((r) => hid.report(POS.path, r));
    expect(lines(reg)).toEqual([['Espresso', 2]]);
    const reply = await createHeadlessHandler(reg)(JSON.stringify({ cmd: 'state' }));
    expect((reply as { state: { devices: unknown } }).state.devices).toEqual({ scanner: 'connected', printer: 'ready', drawer: 'closed', receiptsWaiting: 0 });
    hid.unplug(POS.path);
    const after = (await createHeadlessHandler(reg)(JSON.stringify({ cmd: 'state' }))) as { state: { devices: { scanner: string; scannerProblem?: string } } };
    expect(after.state.devices.scanner).toBe('disconnected');
    expect(after.state.devices.scannerProblem).toMatch(/^unplugged: plug it back in/);
  });

  it('hid-keyboard ("hid" is the old name of hid-pos): a keyboard-mode scan goes to whoever routes scans, like a wedge scan', async () => {
    const hid = createFakeHid();
    hid.plug(WEDGE);
    const reg = await register({ scanner: 'hid-keyboard', scannerVendorId: '05e0', scannerProductId: '0x1200' }, hid);
    const routed: Scan[] = [];
    const back = reg.scans.route((s) => routed.push(s));
    usKeys('102\n').forEach((r) => hid.report(WEDGE.path, r));
    expect(routed.map((s) => [s.code, s.source])).toEqual([['102', 'hid:05e0:1200']]);
    expect(lines(reg)).toEqual([]);
    back();
    usKeys('102\n').forEach((r) => hid.report(WEDGE.path, r));
    expect(lines(reg)).toEqual([['Cappuccino', 1]]);
    expect(hid.drivers).toEqual(['libusb']);
  });

  it('under the terminal UI a HID scan follows the routing table: customer search closes, the item is added', async () => {
    const hid = createFakeHid();
    hid.plug(POS);
    const reg = await register({ scanner: 'hid' }, hid, true);
    const ui = renderApp(reg);
    cleanup.push(() => ui.unmount());
    await ui.waitFor('Scan an item to start a sale');
    hidPosReports('101').forEach((r) => hid.report(POS.path, r));
    await ui.waitFor('Espresso');
    ui.press(KEY.ctrlF);
    await ui.waitFor('Find customer');
    hidPosReports('102').forEach((r) => hid.report(POS.path, r));
    await ui.waitFor('Cappuccino');
    expect(ui.frame()).not.toContain('Find customer');
    hid.unplug(POS.path);
    await ui.waitFor('Scanner disconnected');
  });

  it('without libusb the register runs on in keyboard mode, and the message line says what to install', async () => {
    const hid = createFakeHid({ loadError: 'libusb-1.0.so.0: cannot open shared object file: No such file or directory' });
    const reg = await register({ scanner: 'hid-pos' }, hid, true);
    expect(reg.hardware.scanner.status()).toBe('keyboard');
    const ui = renderApp(reg);
    cleanup.push(() => ui.unmount());
    await ui.waitFor('Scan an item to start a sale');
    await ui.waitFor('sudo apt install libusb-1.0-0');
    ui.scan('101'); // the keyboard still works, a scanner in keyboard mode too
    await ui.waitFor('Espresso');
  });

  it('a configuration that cannot pick the device stops start-up with CONFIG_INVALID', () => {
    const dir = '/nonexistent';
    const cfg = (hw: Hw): TillConfig => ({ ...demoConfig(), hardware: { ...demoConfig().hardware, ...hw } });
    expect(() => hardwareFor(cfg({ scanner: 'hid-keyboard' }), dir)).toThrow(/hid-keyboard.*takes the scanner away from the console.*scannerVendorId/);
    expect(() => hardwareFor(cfg({ scanner: 'hid-pos', scannerVendorId: 'honeywell' }), dir)).toThrow(/scannerVendorId must be a USB id of up to 4 hex digits/);
    expect(() => hardwareFor(cfg({ scanner: 'hid-pos', scannerProductId: '0b61' }), dir)).toThrow(/scannerProductId needs hardware.scannerVendorId/);
    try {
      hardwareFor(cfg({ scanner: 'hid-keyboard' }), dir);
    } catch (e) {
      expect((e as { code: string }).code).toBe('CONFIG_INVALID');
    }
  });
});
