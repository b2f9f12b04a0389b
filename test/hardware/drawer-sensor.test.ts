/**
 * Drawer sensors: the shared open/closed/left-open state, the GPIO sensor input with the alert, the
 * printer's drawer-kick connector bit (DLE EOT 1) against the TCP printer fake, and how hardwareFor
 * wires hardware.drawerSensor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDrawerState } from '../../hardware/drawer/drawer-state.js';
import { createGpioDrawer } from '../../hardware/drawer/gpio.js';
import { createPrinterDrawer } from '../../hardware/drawer/printer-kick.js';
import { createRealPrinter, type RealPrinter } from '../../hardware/printer/real.js';
import { createNetworkLink } from '../../hardware/printer/network.js';
import type { Timers } from '../../hardware/listeners.js';
import type { DrawerStatus } from '../../hardware/types.js';
import { hardwareFor } from '../../src/admin/run.js';
import { DEFAULT_CONFIG, type TillConfig } from '../../src/domain/config.js';
import { startFakeTcpPrinter, type FakeTcpPrinter } from './fakes/tcp-printer.js';
import { fakeSysfs, PI4_CHIPS } from './fakes/sysfs-gpio.js';

/** Timers the test fires by hand, with the delay each was set for. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let id = 0;
  const timers: Timers = {
    setTimeout: (fn, ms) => (pending.set(++id, { fn, ms }), id),
    clearTimeout: (h) => void pending.delete(h as number),
  };
  const fireAll = () => {
    const due = [...pending.values()];
    pending.clear();
    due.forEach((t) => t.fn());
  };
  return { timers, pending, fireAll };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('drawer state', () => {
  it('open past the alert time is left-open; closing clears it; repeats keep the time it opened', () => {
    const m = manualTimers();
    let now = 10_000;
    const s = createDrawerState({ alertSeconds: 60, now: () => now, timers: m.timers });
    const seen: DrawerStatus[] = [];
    s.on((x) => seen.push(x));
    s.sensed(true);
    now += 5000;
    s.sensed(true);
    expect(s.openSince()).toBe(10_000);
    expect([...m.pending.values()].map((t) => t.ms)).toEqual([60_000]);
    m.fireAll();
    expect(s.get()).toBe('left-open');
    s.sensed(true);
    expect(s.get()).toBe('left-open');
    s.sensed(false);
    expect([s.get(), s.openSince(), m.pending.size]).toEqual(['closed', null, 0]);
    s.sensed(true);
    s.sensed(false);
    expect(m.pending.size).toBe(0); // closed in time: no alert
    expect(seen).toEqual(['open', 'left-open', 'closed', 'open', 'closed']);
  });

  it('alert 0 never fires; losing the sensor cancels the alert', () => {
    const m = manualTimers();
    const s = createDrawerState({ alertSeconds: 0, timers: m.timers });
    s.sensed(true);
    expect(m.pending.size).toBe(0);
    const s2 = createDrawerState({ alertSeconds: 1, timers: m.timers });
    s2.sensed(true);
    s2.set('offline');
    expect([s2.get(), s2.openSince(), m.pending.size]).toEqual(['offline', null, 0]);
  });
});

describe('GPIO sensor', () => {
  it('a drawer left open shows left-open after drawerOpenAlertSeconds, closed once shut', async () => {
    const fs = fakeSysfs(PI4_CHIPS);
    cleanups.push(() => fs.stop());
    const m = manualTimers();
    const d = createGpioDrawer({ pin: 17, pulseMs: 10, sensorPin: 27, sensorOpen: 1, sensorPollMs: 60_000, openAlertSeconds: 30, timers: m.timers, gpio: { root: fs.root } });
    cleanups.push(() => d.close());
    await d.ready();
    expect(d.status()).toBe('closed');
    expect(d.detail?.()).toContain('sensor BCM27 = sysfs gpio539, open = 1');
    fs.setInput(539, 1); // the solenoid releases the latch; the switch opens
    expect(await d.open()).toEqual({ ok: true });
    expect(d.status()).toBe('open');
    expect([...m.pending.values()].map((t) => t.ms)).toEqual([30_000]);
    m.fireAll();
    expect(d.status()).toBe('left-open');
    fs.setInput(539, 0);
    await d.poll();
    expect(d.status()).toBe('closed');
  });
});

describe("the printer's drawer connector bit (DLE EOT 1)", () => {
  let fake: FakeTcpPrinter | undefined;
  let printer: RealPrinter | undefined;
  afterEach(async () => {
    await printer?.close();
    await fake?.close();
    printer = fake = undefined;
  });

  it('follows pin 3 at each poll even while the printer stays ready, alerts when left open, offline with the printer', async () => {
    fake = await startFakeTcpPrinter();
    printer = createRealPrinter({ link: createNetworkLink(fake.address), timeoutMs: 1000, answerMs: 200, pollMs: 0 });
    const m = manualTimers();
    const d = createPrinterDrawer({ printer, openLevel: true, openAlertSeconds: 45, timers: m.timers });
    cleanups.push(() => d.close());
    expect(d.status()).toBe('unknown'); // nothing asked yet
    await printer.check();
    expect([printer.status(), d.status()]).toEqual(['ready', 'closed']);
    fake.state.drawerHigh = true;
    await printer.check();
    expect([printer.status(), d.status()]).toEqual(['ready', 'open']);
    m.fireAll();
    expect(d.status()).toBe('left-open');
    fake.state.drawerHigh = false;
    await printer.check();
    expect(d.status()).toBe('closed');
    await fake.close();
    await printer.check();
    expect([printer.status(), d.status()]).toEqual(['offline', 'offline']);
    expect(await d.open()).toMatchObject({ ok: false, code: 'DRAWER_OFFLINE' });
  });

  it('open = low for drawers whose switch pulls pin 3 low when open', async () => {
    fake = await startFakeTcpPrinter({ drawerHigh: true });
    printer = createRealPrinter({ link: createNetworkLink(fake.address), timeoutMs: 1000, answerMs: 200, pollMs: 0 });
    const d = createPrinterDrawer({ printer, openLevel: false });
    cleanups.push(() => d.close());
    await printer.check();
    expect(d.status()).toBe('closed');
    expect(d.detail?.()).toContain('sensor: DLE EOT 1 pin 3, open = low');
  });

  it('without a sensor the status stays unknown whatever pin 3 says', async () => {
    fake = await startFakeTcpPrinter({ drawerHigh: true });
    printer = createRealPrinter({ link: createNetworkLink(fake.address), timeoutMs: 1000, answerMs: 200, pollMs: 0 });
    const d = createPrinterDrawer({ printer });
    cleanups.push(() => d.close());
    await printer.check();
    expect(d.status()).toBe('unknown');
  });
});

describe('hardware.drawerSensor in hardwareFor', () => {
  const config = (hw: Partial<TillConfig['hardware']>): TillConfig => ({ ...DEFAULT_CONFIG, hardware: { ...DEFAULT_CONFIG.hardware, ...hw } });

  it('"printer" with a network printer reads pin 3 with drawerSensorOpen as the open level', async () => {
    const hw = hardwareFor(config({ printer: 'network', printerAddress: 'tcp://127.0.0.1:9', printerPollMs: 0, drawerSensor: 'printer', drawerSensorOpen: 0 }), '/nonexistent');
    cleanups.push(() => hw.printer.close(), () => hw.drawer.close());
    expect(hw.drawer.kind).toBe('printer');
    expect(hw.drawer.detail?.()).toContain('open = low');
  });

  it('auto: a GPIO sensor when drawerSensorPin is set on a GPIO drawer', async () => {
    const fs = fakeSysfs(PI4_CHIPS);
    cleanups.push(() => fs.stop());
    const hw = hardwareFor(config({ drawer: 'gpio', drawerSensorPin: 27 }), '/nonexistent', () => {}, { gpio: { root: fs.root } });
    cleanups.push(() => hw.drawer.close());
    await (hw.drawer as ReturnType<typeof createGpioDrawer>).ready();
    expect(hw.drawer.status()).toBe('closed');
    expect(fs.direction(539)).toBe('in');
  });

  it('a sensor that cannot be read by the drawer configured is refused with what to change', () => {
    expect(() => hardwareFor(config({ drawer: 'simulated', drawerSensor: 'printer' }), '/x')).toThrow(/needs hardware.drawer "printer"/);
    expect(() => hardwareFor(config({ drawer: 'simulated', drawerSensorPin: 27 }), '/x')).toThrow(/needs hardware.drawer "gpio"/);
    expect(() => hardwareFor(config({ drawer: 'gpio', drawerSensor: 'gpio' }), '/x')).toThrow(/needs hardware.drawerSensorPin/);
  });
});
