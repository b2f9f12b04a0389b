/**
 * A cash sale on a register whose drawer is on a GPIO pin (hardwareFor with hardware.drawer "gpio"),
 * against a fake sysfs tree; and a register whose GPIO interface is missing still starts and sells.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from 'xstate';
import { initStore } from '../../src/store/open.js';
import { createRegister } from '../../src/register.js';
import { demoConfig, demoProducts } from '../../src/admin/demo-store.js';
import { hardwareFor, type DeviceEnv } from '../../src/admin/run.js';
import type { GpioDrawer } from '../../hardware/drawer/gpio.js';
import { fakeSysfs, PI4_CHIPS, rootWithoutSysfs } from './fakes/sysfs-gpio.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function cashSale(env: DeviceEnv) {
  const dir = mkdtempSync(join(tmpdir(), 'till-gpio-sale-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const base = demoConfig();
  const config = { ...base, hardware: { ...base.hardware, drawer: 'gpio' as const, drawerPin: 17, drawerPulseMs: 60 } };
  const store = await initStore(dir, { currency: config.currency, register: config.register.id }, [{ type: 'catalog.upserted', data: { products: demoProducts() } }]);
  const logs: string[] = [];
  const hardware = hardwareFor(config, dir, (l) => logs.push(l), env);
  const reg = createRegister({ config, store, hardware });
  cleanup.push(async () => {
    await reg.stop();
    await hardware.printer.close();
    await hardware.drawer.close();
    await store.close();
  });
  await (hardware.drawer as GpioDrawer).ready();
  reg.actor.send({ type: 'cart.scan', code: '703' });
  reg.actor.send({ type: 'tender.start' });
  reg.actor.send({ type: 'tender.exact' });
  await waitFor(reg.actor, (s) => s.matches('committed') || s.matches({ open: 'commitFailed' }));
  await reg.settled();
  return { reg, store, drawer: hardware.drawer, logs };
}

describe('a cash sale with the drawer on GPIO', () => {
  it('commits, then pulses BCM17 (gpio529 on base 512) once', async () => {
    const fs = fakeSysfs(PI4_CHIPS);
    cleanup.push(() => fs.stop());
    const { reg, store, drawer } = await cashSale({ gpio: { root: fs.root } });
    expect(reg.actor.getSnapshot().matches('committed')).toBe(true);
    expect(store.state.sales.count).toBe(1);
    expect(drawer.kind).toBe('gpio');
    expect(fs.value(529)).toBe('0');
    // The fake kernel samples the value file every 2 ms: give it a moment to see the last level.
    await new Promise((r) => setTimeout(r, 30));
    expect(fs.history(529).join('')).toBe('010');
  });

  it('no GPIO interface at all: the register starts, sells, and the drawer says why it is offline', async () => {
    const r = rootWithoutSysfs();
    cleanup.push(() => r.stop());
    const { reg, store, drawer, logs } = await cashSale({ gpio: { root: r.root, path: '' } });
    expect(reg.actor.getSnapshot().matches('committed')).toBe(true);
    expect(store.state.sales.count).toBe(1);
    expect(drawer.status()).toBe('offline');
    expect(drawer.problem?.()).toContain('apt install gpiod');
    expect(logs.some((l) => l.startsWith('drawer (gpio): no sysfs GPIO'))).toBe(true);
  });
});
