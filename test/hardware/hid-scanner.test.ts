/**
 * The HID scanner driver (hardware/scanner/hid.ts) against a fake node-hid module injected where
 * node-hid is loaded: finding the device, HID-POS and keyboard boot reports, the exclusive libusb
 * claim, unplug mid-scan, reconnect with backoff, a failing open, and no libusb at all.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHidScanner, pickHidDevice, type HidScanner } from '../../hardware/scanner/hid.js';
import { loadNodeHid, type HidDeviceInfo } from '../../hardware/scanner/hid-module.js';
import type { Scan, ScannerStatus } from '../../hardware/types.js';
import { createFakeHid, hidPosReports, keyPress, usKeys } from './fakes/node-hid.js';

const POS: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b61, manufacturer: 'Honeywell', product: 'Xenon 1900', usagePage: 0x8c, usage: 2, interface: 1, path: '/dev/hidraw3' };
const POS_KBD: HidDeviceInfo = { ...POS, usagePage: 1, usage: 6, interface: 0, path: '/dev/hidraw2' };
const CASHIER_KBD: HidDeviceInfo = { vendorId: 0x046d, productId: 0xc31c, product: 'Keyboard', usagePage: 1, usage: 6, interface: 0, path: '/dev/hidraw0' };
// In the libusb backend node-hid lists no usage page, and paths are bus-port:config.interface.
const WEDGE: HidDeviceInfo = { vendorId: 0x05e0, productId: 0x1200, manufacturer: 'Symbol', product: 'LS2208', interface: 0, path: '1-1.2:1.0' };

const scanners: HidScanner[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const s of scanners.splice(0)) await s.stop();
});

function watch(s: HidScanner) {
  scanners.push(s);
  const scans: Scan[] = [];
  const statuses: ScannerStatus[] = [];
  s.onScan((x) => scans.push(x));
  s.onStatus((x) => statuses.push(x));
  return { scans, statuses, codes: () => scans.map((x) => x.code) };
}

describe('hid-pos', () => {
  it('finds the HID-POS interface by usage page (not the cashier keyboard, not its own keyboard interface) and reads codes', async () => {
    const hid = createFakeHid();
    [CASHIER_KBD, POS_KBD, POS].forEach((d) => hid.plug(d));
    const s = createHidScanner({ mode: 'hid-pos', load: hid.load, now: () => 42 });
    const w = watch(s);
    await s.start();
    expect(hid.drivers).toEqual(['hidraw']);
    expect(s.status()).toBe('connected');
    expect(hid.isOpen('/dev/hidraw3')).toBe(true);
    expect(hid.isOpen('/dev/hidraw0')).toBe(false);
    expect(s.detail()).toBe('hid-pos 0c2e:0b61 Honeywell Xenon 1900 at /dev/hidraw3 (hidraw)');
    hidPosReports('4006381333931', { aim: ']E0' }).forEach((r) => hid.report(POS.path!, r));
    hid.report(POS.path!, [0x04, 0, 0, 0]); // a status report is no scan
    hidPosReports('https://shop.example/' + 'x'.repeat(100)).forEach((r) => hid.report(POS.path!, r));
    expect(w.scans[0]).toEqual({ code: '4006381333931', at: 42, source: 'hid:0c2e:0b61' });
    expect(w.codes()[1]).toBe('https://shop.example/' + 'x'.repeat(100));
    expect(w.scans).toHaveLength(2);
    expect(s.problem()).toBeNull();
  });

  it('by vendor:product id; a scanner of that id in another USB mode is named as such', async () => {
    const hid = createFakeHid();
    hid.plug(POS_KBD);
    expect(pickHidDevice([POS_KBD, POS], { mode: 'hid-pos', vendorId: 0x0c2e, productId: 0x0b61 }).device).toEqual(POS);
    const s = createHidScanner({ mode: 'hid-pos', vendorId: 0x0c2e, productId: 0x0b61, load: hid.load, maxRetryMs: 60000 });
    watch(s);
    await s.start();
    expect(s.status()).toBe('disconnected');
    expect(s.problem()).toContain('0c2e:0b61 has no HID-POS interface (usage page 0x8c): the scanner is in another USB mode');
    expect(pickHidDevice([POS], { mode: 'hid-pos', device: '/dev/hidraw9' }).why).toBe('no HID device at /dev/hidraw9 (hardware.scannerDevice)');
  });

  it('unplugged mid-scan: disconnected, the half code is dropped; plugged back: found again with backoff, no restart', async () => {
    vi.useFakeTimers();
    const hid = createFakeHid();
    hid.plug(POS);
    const log: string[] = [];
    const s = createHidScanner({ mode: 'hid-pos', load: hid.load, firstRetryMs: 100, maxRetryMs: 400, log: (l) => log.push(l) });
    const w = watch(s);
    await s.start();
    const long = hidPosReports('A'.repeat(120));
    hid.report(POS.path!, long[0]);
    hid.unplug(POS.path!);
    expect(s.status()).toBe('disconnected');
    expect(s.problem()).toBe('unplugged: plug it back in, it is looked for until it is back (could not read from HID device)');
    // Looked for at 100, 200, 400, 400... ms while it stays away: backoff, capped.
    const before = hid.listings;
    await vi.advanceTimersByTimeAsync(100 + 200 + 400 + 400);
    expect(hid.listings - before).toBe(4);
    expect(hid.opens(POS.path!)).toBe(1);
    hid.plug(POS);
    await vi.advanceTimersByTimeAsync(400);
    expect(s.status()).toBe('connected');
    expect(hid.opens(POS.path!)).toBe(2);
    // Scanned again after the replug, the long code arrives whole; the first half never surfaced.
    long.forEach((r) => hid.report(POS.path!, r));
    hidPosReports('703').forEach((r) => hid.report(POS.path!, r));
    expect(w.codes()).toEqual(['A'.repeat(120), '703']);
    expect(w.statuses).toEqual(['connected', 'disconnected', 'connected']);
    expect(log.some((l) => l.includes('reading 0c2e:0b61'))).toBe(true);
  });

  it('not plugged in at start: disconnected with what to do, then connected when it appears', async () => {
    vi.useFakeTimers();
    const hid = createFakeHid();
    const s = createHidScanner({ mode: 'hid-pos', load: hid.load, firstRetryMs: 50 });
    watch(s);
    await s.start();
    expect(s.status()).toBe('disconnected');
    expect(s.problem()).toBe('no HID-POS scanner (usage page 0x8c) is plugged in; plug the scanner in (till doctor lists what is connected)');
    hid.plug(POS);
    await vi.advanceTimersByTimeAsync(200);
    expect(s.status()).toBe('connected');
    expect(s.problem()).toBeNull();
  });

  it('an open that fails (permission) says which group and rules, and is tried again', async () => {
    vi.useFakeTimers();
    const hid = createFakeHid();
    hid.plug(POS);
    hid.failOpen(POS.path!, "Failed to open a device with path '/dev/hidraw3': Permission denied", 2);
    const s = createHidScanner({ mode: 'hid-pos', load: hid.load, firstRetryMs: 10 });
    watch(s);
    await s.start();
    expect(s.status()).toBe('disconnected');
    expect(s.problem()).toContain('cannot open 0c2e:0b61 at /dev/hidraw3 (Failed to open a device with path \'/dev/hidraw3\': Permission denied): the user needs the "plugdev" group');
    await vi.advanceTimersByTimeAsync(100);
    expect(s.status()).toBe('connected');
  });

  it('stop() closes the device and stops looking', async () => {
    vi.useFakeTimers();
    const hid = createFakeHid();
    const s = createHidScanner({ mode: 'hid-pos', load: hid.load, firstRetryMs: 10 });
    await s.start();
    await s.stop();
    hid.plug(POS);
    await vi.advanceTimersByTimeAsync(1000);
    expect(hid.opens(POS.path!)).toBe(0);
    const s2 = createHidScanner({ mode: 'hid-pos', load: hid.load });
    await s2.start();
    expect(hid.isOpen(POS.path!)).toBe(true);
    await s2.stop();
    expect(hid.isOpen(POS.path!)).toBe(false);
  });
});

describe('hid-keyboard', () => {
  it('claims the scanner through libusb (its keys stop reaching the console) and decodes the layout with Shift', async () => {
    const hid = createFakeHid();
    hid.plug(WEDGE);
    hid.report(WEDGE.path!, keyPress(0x1e)[0]); // before the register claims it, keys are keystrokes
    expect(hid.consoleKeys).toEqual([0x1e]);
    const s = createHidScanner({ mode: 'hid-keyboard', vendorId: 0x05e0, layout: 'us', load: hid.load, now: () => 7 });
    const w = watch(s);
    await s.start();
    expect(hid.drivers).toEqual(['libusb']);
    expect(s.status()).toBe('connected');
    [...usKeys('RR1-000042\n'), ...keyPress(0x1f, 0x02), ...usKeys('x\n')].forEach((r) => hid.report(WEDGE.path!, r));
    expect(w.scans).toEqual([
      { code: 'RR1-000042', at: 7, source: 'hid:05e0:1200' },
      { code: '@x', at: 7, source: 'hid:05e0:1200' },
    ]);
    expect(hid.consoleKeys).toEqual([0x1e]);
  });

  it('reads the configured layout (de): the same keys a US reading gets wrong', async () => {
    const hid = createFakeHid();
    hid.plug(WEDGE);
    const s = createHidScanner({ mode: 'hid-keyboard', vendorId: 0x05e0, productId: 0x1200, layout: 'de', load: hid.load });
    const w = watch(s);
    await s.start();
    [...keyPress(0x1d), ...keyPress(0x38), ...keyPress(0x24, 0x02), ...keyPress(0x28)].forEach((r) => hid.report(WEDGE.path!, r));
    expect(w.codes()).toEqual(['y-/']);
  });

  it('unplugged mid-code: nothing half-typed is delivered; after the replug codes are whole again', async () => {
    vi.useFakeTimers();
    const hid = createFakeHid();
    hid.plug(WEDGE);
    const s = createHidScanner({ mode: 'hid-keyboard', vendorId: 0x05e0, load: hid.load, firstRetryMs: 20 });
    const w = watch(s);
    await s.start();
    usKeys('4006').forEach((r) => hid.report(WEDGE.path!, r));
    hid.report(WEDGE.path!, [0, 0, 0x1e, 0, 0, 0, 0, 0]); // key down, then gone
    hid.unplug(WEDGE.path!);
    expect(s.status()).toBe('disconnected');
    hid.plug(WEDGE);
    await vi.advanceTimersByTimeAsync(50);
    expect(s.status()).toBe('connected');
    // The first report after the replug holds the same key: it is a new press, not a held one.
    [[0, 0, 0x1e, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0], ...usKeys('23\n')].forEach((r) => hid.report(WEDGE.path!, r));
    expect(w.codes()).toEqual(['123']);
  });

  it('never takes a keyboard it was not pointed at; picks the keyboard interface of a composite device', () => {
    expect(pickHidDevice([CASHIER_KBD], { mode: 'hid-keyboard' }).why).toMatch(/needs the scanner's hardware.scannerVendorId/);
    expect(pickHidDevice([POS, POS_KBD], { mode: 'hid-keyboard', vendorId: 0x0c2e }).device).toEqual(POS_KBD);
    expect(pickHidDevice([{ ...WEDGE, interface: 1, path: '1-1.2:1.1' }, WEDGE], { mode: 'hid-keyboard', vendorId: 0x05e0 }).device).toEqual(WEDGE);
    expect(pickHidDevice([POS], { mode: 'hid-keyboard', vendorId: 0x0c2e }).why).toMatch(/no keyboard interface.*hid-pos/);
    expect(pickHidDevice([WEDGE], { mode: 'hid-keyboard', device: '1-1.2:1.0' }).device).toEqual(WEDGE);
  });
});

describe('without libusb', () => {
  it('the status is keyboard and the problem says what to install', async () => {
    const hid = createFakeHid({ loadError: 'libusb-1.0.so.0: cannot open shared object file: No such file or directory' });
    const log: string[] = [];
    const s = createHidScanner({ mode: 'hid-pos', load: hid.load, log: (l) => log.push(l) });
    const w = watch(s);
    await s.start();
    expect(s.status()).toBe('keyboard');
    expect(w.statuses).toEqual(['keyboard']);
    expect(s.problem()).toBe(
      'needs libusb: sudo apt install libusb-1.0-0 libudev1 and restart (scripts/kiosk/install.sh installs them; node-hid: libusb-1.0.so.0: cannot open shared object file: No such file or directory)',
    );
    expect(log).toHaveLength(1);
  });

  it('the real node-hid on this machine: keyboard with the libusb message where libusb is missing, else it looks for the device', async () => {
    let loadError = '';
    try {
      await loadNodeHid('hidraw');
    } catch (e) {
      loadError = (e as Error).message;
    }
    const s = createHidScanner({ mode: 'hid-pos', vendorId: 0xfffe, maxRetryMs: 60000 });
    watch(s);
    await s.start();
    if (/libusb/.test(loadError)) {
      expect(s.status()).toBe('keyboard');
      expect(s.problem()).toMatch(/sudo apt install libusb-1.0-0/);
    } else {
      expect(s.status()).toBe('disconnected');
      expect(s.problem()).toMatch(/no HID device fffe/);
    }
  });
});
