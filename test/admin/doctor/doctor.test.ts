/**
 * `till doctor` against fake machines: a fake root (/etc, /dev, /sys), the fake sysfs GPIO tree and
 * libgpiod tools, the TCP printer fake, an injected node-hid, and a fake terminal for --scan.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runDoctor, type DoctorIo } from '../../../src/admin/doctor.js';
import { translate } from '../../../src/i18n/index.js';
import { writeConfig } from '../../../src/store/config-file.js';
import { DEFAULT_CONFIG, type TillConfig } from '../../../src/domain/config.js';
import type { HidDeviceInfo } from '../../../src/admin/doctor/env.js';
import { createStore } from '../../../src/admin/init.js';
import { startFakeTcpPrinter, type FakeTcpPrinter } from '../../hardware/fakes/tcp-printer.js';
import { fakeGpiod, fakeSysfs, PI4_CHIPS } from '../../hardware/fakes/sysfs-gpio.js';
import { fakeRoot } from './fake-root.js';
import { createFakeHid, hidPosReports, usKeys } from '../../hardware/fakes/node-hid.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const hidOf = (devices: HidDeviceInfo[]) => async () => ({ devices: () => devices });
const SCANNER: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b61, manufacturer: 'Honeywell', product: 'Xenon 1900', usagePage: 0x8c, usage: 2, path: '/dev/hidraw0' };

function dataDir(hw: Partial<TillConfig['hardware']> = {}, extra: Partial<TillConfig> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'till-doctor-data-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  writeConfig(dir, { ...DEFAULT_CONFIG, ...extra, hardware: { ...DEFAULT_CONFIG.hardware, ...hw } });
  return dir;
}

async function doctor(data: string, argv: string[], io: DoctorIo) {
  const lines: string[] = [];
  const code = await runDoctor(argv, { dataDir: data, out: (l) => void lines.push(l), err: (l) => void lines.push(`ERR ${l}`), isTTY: false, now: () => new Date('2026-03-14T10:00:00Z') }, io);
  const line = (level: string, topic: string) => lines.filter((l) => l.startsWith(`${level.padEnd(8)} ${topic.padEnd(14)} `));
  return { code, lines, text: lines.join('\n'), line };
}

/** A kiosk with a USB printer, a keyboard-mode scanner, a HID-POS scanner and a Pi 4's GPIO. */
function kiosk(groups: Record<string, string[]>) {
  const fs = fakeSysfs(PI4_CHIPS);
  cleanups.push(() => fs.stop());
  const r = fakeRoot(fs.root);
  r.etc({ groups });
  r.file('dev/usb/lp0');
  r.file('dev/hidraw0');
  r.file('dev/input/event3');
  r.link('dev/input/by-id/usb-Honeywell_Xenon_1900-event-kbd', '../event3');
  r.file('sys/class/gpio/export', 0o660);
  return { root: fs.root, fs };
}

describe('till doctor on a configured kiosk', () => {
  it('everything in place: every line ok or info, exit code 0', async () => {
    const k = kiosk({ lp: ['till'], gpio: ['till'], input: ['till'], plugdev: ['till'] });
    const data = dataDir({ printer: 'usb', printerDevice: '/dev/usb/lp0', drawer: 'gpio', drawerPin: 17 });
    const d = await doctor(data, ['--user', 'till'], { env: { root: k.root, path: '', hid: hidOf([SCANNER]) } });
    expect(d.lines.filter((l) => l.startsWith('problem'))).toEqual([]);
    expect(d.code).toBe(0);
    expect(d.line('ok', 'user')[0]).toContain('till (uid 4242), groups: till lp');
    expect(d.line('ok', 'group lp')[0]).toContain('till is in "lp": USB receipt printer');
    expect(d.line('ok', 'hid')[0]).toContain('0c2e:0b61 Honeywell Xenon 1900: HID-POS scanner (usage page 0x8c), /dev/hidraw0');
    expect(d.line('ok', 'input')[0]).toContain('usb-Honeywell_Xenon_1900-event-kbd -> /dev/input/event3 (keyboard');
    expect(d.line('ok', 'printer')[0]).toMatch(/^ok {7}printer +usb \/dev\/usb\/lp0: reachable; it does not answer DLE EOT \(one-way\)/);
    expect(d.line('ok', 'usb printer')[0]).toContain('/dev/usb/lp0 (mode 660, group lp): till can open it');
    expect(d.line('info', 'gpio')).toEqual([expect.stringContaining('sysfs: gpiochip512 [pinctrl-bcm2711] base 512, 58 lines'), expect.stringContaining('sysfs: gpiochip570 [raspberrypi-exp-gpio] base 570, 8 lines')]);
    expect(d.line('ok', 'gpio drawer')[0]).toContain('kick BCM17 = sysfs gpio529 on gpiochip512 [pinctrl-bcm2711] (through onoff)');
    expect(d.lines.at(-1)).toBe('All checks ok.');
    expect(k.fs.exported()).toEqual([]); // looking exports nothing
  });

  it('a user missing groups: each device says which group and the command that adds it; exit code 1', async () => {
    const k = kiosk({ gpio: [] });
    const data = dataDir({ printer: 'usb', drawer: 'gpio' });
    const d = await doctor(data, ['--user', 'till'], { env: { root: k.root, path: '', hid: hidOf([SCANNER]) } });
    expect(d.code).toBe(1);
    expect(d.line('problem', 'group lp')[0]).toContain('till is not in "lp": USB receipt printer (/dev/usb/lp*)  -> sudo usermod -aG lp till, then log in again');
    expect(d.line('problem', 'group gpio')[0]).toContain('till is not in "gpio"');
    expect(d.line('problem', 'printer')[0]).toContain('usb /dev/usb/lp0 (mode 660, group lp): till cannot open it  -> sudo usermod -aG lp till');
    expect(d.line('problem', 'gpio drawer')[0]).toContain('/sys/class/gpio/export (mode 660, group lp): till cannot open it');
    // Groups a configuration does not use are told, not counted.
    expect(d.line('info', 'group dialout')[0]).toContain('no group "dialout" on this system');
    expect(d.lines.at(-1)).toMatch(/^\d+ problems found\.$/);
  });

  it('libusb missing, no devices at all: it says so per device', async () => {
    const r = fakeRoot();
    cleanups.push(() => r.stop());
    r.etc({});
    const d = await doctor(dataDir(), ['--user', 'till'], {
      env: {
        root: r.root,
        path: '',
        hid: async () => ({
          devices: () => {
            throw new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory');
          },
        }),
      },
    });
    expect(d.code).toBe(1);
    expect(d.line('problem', 'hid')[0]).toContain('node-hid cannot list HID devices: libusb-1.0.so.0: cannot open shared object file: No such file or directory  -> sudo apt install libusb-1.0-0');
    expect(d.line('problem', 'input')[0]).toContain('no input devices in /dev/input/by-id');
    expect(d.line('problem', 'printer')[0]).toContain('hardware.printer "simulated"');
    expect(d.line('info', 'usb printer')[0]).toContain('no USB printer');
    expect(d.line('problem', 'drawer')[0]).toContain('simulated: no cash drawer is ever opened');
    expect(d.line('info', 'gpio')[0]).toContain('no GPIO chips');
  });

  it('no HID device plugged in, and a configured HID scanner that is not there', async () => {
    const r = fakeRoot();
    cleanups.push(() => r.stop());
    r.etc({});
    const none = await doctor(dataDir(), [], { env: { root: r.root, path: '', hid: hidOf([]) } });
    expect(none.line('problem', 'hid')[0]).toContain('no HID devices found');
    const other = await doctor(dataDir({ scanner: 'hid-pos', scannerVendorId: '05e0' }), [], { env: { root: r.root, path: '', hid: hidOf([{ ...SCANNER, path: undefined }]) } });
    expect(other.line('problem', 'hid')[0]).toContain('no HID device 05e0: (hardware.scannerVendorId/ProductId)');
    expect(other.line('ok', 'scanner')[0]).toContain('hid-pos: the register reads 05e0 through hidraw');
  });

  it('no configuration: checked against the defaults, and the store is never opened or changed', async () => {
    const r = fakeRoot();
    cleanups.push(() => r.stop());
    r.etc({});
    const empty = mkdtempSync(join(tmpdir(), 'till-doctor-none-'));
    cleanups.push(() => rmSync(empty, { recursive: true, force: true }));
    const d = await doctor(join(empty, 'missing'), [], { env: { root: r.root, path: '', hid: hidOf([]) } });
    expect(d.line('info', 'config')[0]).toContain('no configuration in');
    expect(readdirSync(empty)).toEqual([]); // nothing created

    const data = join(empty, 'store');
    await createStore(data, { ...DEFAULT_CONFIG, hardware: { ...DEFAULT_CONFIG.hardware, drawer: 'none', printer: 'none' } }, []);
    const snapshot = () => readdirSync(data, { recursive: true }).map(String).sort().map((f) => `${f}:${statSync(join(data, f)).mtimeMs}:${statSync(join(data, f)).size}`);
    const before = snapshot();
    const d2 = await doctor(data, ['--print-test', '--pulse-drawer'], { env: { root: r.root, path: '', hid: hidOf([]) } });
    expect(d2.line('ok', 'config')[0]).toContain('till.config.json');
    expect(d2.line('info', 'pulse drawer')[0]).toContain('there is no drawer to pulse');
    expect(snapshot()).toEqual(before);
  });

  it('a bad configuration is a problem, and the rest is checked against the defaults', async () => {
    const r = fakeRoot();
    cleanups.push(() => r.stop());
    r.etc({});
    const data = mkdtempSync(join(tmpdir(), 'till-doctor-bad-'));
    cleanups.push(() => rmSync(data, { recursive: true, force: true }));
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'till.config.json'), '{"hardware": {"drawer": "relay"}}');
    const d = await doctor(data, [], { env: { root: r.root, path: '', hid: hidOf([]) } });
    expect(d.line('problem', 'config')[0]).toMatch(/hardware\.drawer.*checked against the default settings/);
  });
});

describe('till doctor with a network printer', () => {
  let fake: FakeTcpPrinter | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  const bare = () => {
    const r = fakeRoot();
    cleanups.push(() => r.stop());
    r.etc({});
    return { root: r.root, path: '', hid: hidOf([SCANNER]) };
  };

  it('ready, paper out, unreachable: DLE EOT status per line', async () => {
    fake = await startFakeTcpPrinter();
    const env = bare();
    const data = dataDir({ printer: 'network', printerAddress: fake.address, printerTimeoutMs: 1000 });
    expect((await doctor(data, [], { env })).line('ok', 'printer')[0]).toContain(`${fake.address}: answers DLE EOT: ready`);
    fake.state.paperOut = true;
    expect((await doctor(data, [], { env })).line('problem', 'printer')[0]).toContain(`${fake.address}: answers DLE EOT: paper-out  -> load paper`);
    const address = fake.address;
    await fake.close();
    fake = undefined;
    const gone = await doctor(data, [], { env });
    expect(gone.line('problem', 'printer')[0]).toMatch(new RegExp(`${address}: ${address} does not answer \\(ECONNREFUSED\\).*-> check the address`));
    expect(gone.code).toBe(1);
  });

  it('--print-test prints the shop texts and languages, a Code128 and a QR through the ESC/POS layout', async () => {
    fake = await startFakeTcpPrinter();
    const data = dataDir({ printer: 'network', printerAddress: fake.address, printerTimeoutMs: 1000 }, { store: { name: 'Cafe Grüße', address: ['Hauptstraße 1'], taxId: '', phone: '' } });
    const d = await doctor(data, ['--print-test'], { env: bare() });
    expect(d.line('ok', 'print test')[0]).toContain(`test page sent to ${fake.address}`);
    const [page] = await fake.settle(1);
    const latin = page.toString('latin1');
    expect(latin).toContain('TILL PRINTER TEST');
    expect(latin).toContain('Cafe Gr\xfc\xdfe'); // CP1252, as the receipts
    expect(latin).toContain('Deutsch: Gr\xfc\xdfe');
    const i = page.indexOf(Buffer.from([0x1d, 0x6b, 0x49]));
    expect(page.subarray(i + 4, i + 4 + page[i + 3]).toString('latin1')).toBe('{BRTEST-0001');
    expect(page.indexOf(Buffer.from([0x1d, 0x28, 0x6b]))).toBeGreaterThan(i); // GS ( k: the QR
    expect(latin).toContain('till printer test RTEST-0001 2026-03-14 10:00');
    expect(page.indexOf(Buffer.from([0x1d, 0x56]))).toBeGreaterThan(0); // cut
  });

  it('--pulse-drawer kicks with the timing bytes and reads the DLE EOT sensor bit', async () => {
    fake = await startFakeTcpPrinter();
    const f = fake;
    // The drawer springs open when the kick arrives (pin 3 goes high).
    const watch = setInterval(() => {
      if (f.jobs.some((j) => j[0] === 0x1b && j[1] === 0x70)) f.state.drawerHigh = true;
    }, 5);
    cleanups.push(() => clearInterval(watch));
    const data = dataDir({ printer: 'network', printerAddress: fake.address, drawer: 'printer', drawerSensor: 'printer', drawerSensorOpen: 1, printerTimeoutMs: 1000 });
    const d = await doctor(data, ['--pulse-drawer'], { env: bare() });
    expect(d.line('ok', 'pulse drawer')[0]).toContain('pulse sent (printer');
    expect(d.line('ok', 'drawer sensor')[0]).toContain('closed before the kick, open after it');
    expect(fake.jobs.find((j) => j[0] === 0x1b)?.toJSON().data).toEqual([0x1b, 0x70, 0x00, 60, 120]);
  });
});

describe('till doctor and GPIO', () => {
  it('--pulse-drawer on sysfs pulses gpio529 and leaves it low and unexported', async () => {
    const k = kiosk({ gpio: ['till'] });
    const data = dataDir({ drawer: 'gpio', drawerPin: 17, drawerPulseMs: 50 });
    const d = await doctor(data, ['--pulse-drawer'], { env: { root: k.root, path: '', hid: hidOf([SCANNER]) } });
    expect(d.line('ok', 'pulse drawer')[0]).toContain('BCM17 = sysfs gpio529, 50 ms; no sensor');
    await new Promise((r) => setTimeout(r, 30));
    expect(k.fs.history(529)).toEqual(['0', '1', '0']);
    expect(k.fs.exported()).toEqual([]);
  });

  it('no /sys/class/gpio: the character device through libgpiod, chip by label, /dev/gpiochip0 permissions', async () => {
    const r = fakeRoot();
    cleanups.push(() => r.stop());
    r.etc({ groups: { gpio: ['till'] } });
    r.file('dev/gpiochip0');
    const g = fakeGpiod({ major: 2 });
    cleanups.push(() => g.stop());
    const data = dataDir({ drawer: 'gpio', drawerPin: 17 });
    const d = await doctor(data, ['--user', 'till'], { env: { root: r.root, path: g.bin, hid: hidOf([SCANNER]) } });
    expect(d.line('info', 'gpio')[0]).toContain('character device: gpiochip0 [pinctrl-rp1], 54 lines (gpiodetect)');
    expect(d.line('ok', 'gpio drawer')[0]).toMatch(/kick: gpiochip0 line 17 \[pinctrl-rp1\] through libgpiod v2\.1\.3/);
    expect(d.line('problem', 'gpio drawer')[0]).toContain('/dev/gpiochip0 (mode 660, group lp): till cannot open it');
    expect(g.calls().map((c) => c[0])).toEqual(['gpiodetect']); // looking sets no line
  });

  it('no /sys/class/gpio and no libgpiod: what to install', async () => {
    const r = fakeRoot();
    cleanups.push(() => r.stop());
    r.etc({});
    r.file('dev/gpiochip0');
    const d = await doctor(dataDir({ drawer: 'gpio' }), [], { env: { root: r.root, path: '', hid: hidOf([]) } });
    expect(d.line('problem', 'gpio drawer')[0]).toContain("libgpiod's gpioset, gpioget, gpiodetect not found: apt install gpiod  -> sudo apt install gpiod");
  });
});

describe('till doctor --scan', () => {
  const tty = () => Object.assign(new PassThrough(), { isTTY: true, raw: false as boolean, setRawMode(v: boolean) { this.raw = v; } });
  const bare = () => {
    const r = fakeRoot();
    cleanups.push(() => r.stop());
    r.etc({});
    return { root: r.root, path: '', hid: hidOf([SCANNER]) };
  };
  const typeInto = async (s: PassThrough, text: string, gapMs: number) => {
    for (const ch of text) {
      s.write(ch);
      if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    }
  };

  it('a burst ended by Enter is a scan; the terminal is put back out of raw mode', async () => {
    const s = tty();
    const data = dataDir();
    setTimeout(() => s.write('4006381333931\r'), 50);
    const d = await doctor(data, ['--scan', '--timeout', '5'], { env: bare(), stdin: s });
    expect(d.line('ok', 'scan')[0]).toContain('read "4006381333931" (13 characters, longest gap 0 ms): the register takes it as a scan');
    expect(s.raw).toBe(false);
  });

  it('keys slower than scanner.gapMs are typing, with what to change', async () => {
    const s = tty();
    const data = dataDir();
    setTimeout(() => void typeInto(s, '12345\r', 60), 20);
    const d = await doctor(data, ['--scan'], { env: bare(), stdin: s });
    expect(d.line('problem', 'scan')[0]).toMatch(/read "12345" with gaps up to \d+ ms \(> scanner.gapMs 30 ms\): the register takes it as typing  -> raise scanner.gapMs/);
  });

  it('nothing within the timeout is a problem; a bad --timeout is a usage error', async () => {
    const d = await doctor(dataDir(), ['--scan', '--timeout', '0.2'], { env: bare(), stdin: tty() });
    expect(d.line('problem', 'scan')[0]).toContain('no scan within 0.2 s');
    await expect(doctor(dataDir(), ['--scan', '--timeout', 'soon'], { env: bare(), stdin: tty() })).rejects.toThrow(/--timeout must be a number of seconds/);
  });

  it('from a pipe: one line', async () => {
    const s = new PassThrough();
    s.end('RR1-000042\n');
    const d = await doctor(dataDir(), ['--scan'], { env: bare(), stdin: s });
    expect(d.line('ok', 'scan')[0]).toContain('read "RR1-000042" (10 characters; key timing not measured: not a terminal)');
  });
});

it('the fake root helper reads back what it wrote', () => {
  const r = fakeRoot();
  r.etc({ groups: { gpio: ['till'] } });
  expect(readFileSync(join(r.root, 'etc/group'), 'utf8')).toContain('gpio:x:7000:till');
  r.stop();
});

it('from outside: `node bin/till.js doctor --root FAKE` runs without the register and exits 1 on problems', async () => {
  const { spawnSync } = await import('node:child_process');
  const k = kiosk({ lp: ['till'] });
  const data = dataDir({ printer: 'usb', drawer: 'gpio' });
  const ROOT = join(import.meta.dirname, '..', '..', '..');
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/till.js'), 'doctor', '--root', k.root, '--user', 'till', '--data', data], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, PATH: '' } });
  expect(r.status, r.stderr).toBe(1);
  expect(r.stdout).toContain(`till doctor on`);
  expect(r.stdout).toContain('ok       usb printer    /dev/usb/lp0 (mode 660, group lp): till can open it');
  expect(r.stdout).toContain('problem  group gpio     no group "gpio" on this system: GPIO cash drawer');
  expect(r.stdout).toMatch(/\n\d+ problems? found\.\n$/);
});

describe('till doctor and a HID scanner', () => {
  const POS = { ...SCANNER, path: '/dev/hidraw3' };
  const WEDGE: HidDeviceInfo = { vendorId: 0x05e0, productId: 0x1200, manufacturer: 'Symbol', product: 'LS2208', interface: 0, path: '1-1.2:1.0' };
  const machine = (groups: Record<string, string[]> = {}) => {
    const r = fakeRoot();
    cleanups.push(() => r.stop());
    r.etc({ groups });
    r.file('dev/hidraw3');
    // What libusb opens for 1-1.2:1.0: the USB device file named by sysfs busnum/devnum.
    r.file('sys/bus/usb/devices/1-1.2/busnum');
    writeFileSync(join(r.root, 'sys/bus/usb/devices/1-1.2/busnum'), '1\n');
    writeFileSync(join(r.root, 'sys/bus/usb/devices/1-1.2/devnum'), '5\n');
    r.file('dev/bus/usb/001/005', 0o644);
    return r;
  };
  /** Runs the doctor; `onLine` sees each line as it is written (to scan when it asks). */
  async function run(data: string, argv: string[], env: DoctorIo['env'], onLine: (l: string) => void = () => {}) {
    const lines: string[] = [];
    const out = (l: string) => {
      lines.push(l);
      onLine(l);
    };
    const code = await runDoctor(argv, { dataDir: data, out, err: out, isTTY: false, now: () => new Date('2026-03-14T10:00:00Z') }, { env });
    const line = (level: string, topic: string) => lines.filter((l) => l.startsWith(`${level.padEnd(8)} ${topic.padEnd(14)} `));
    return { code, lines, line };
  }

  it('hid-pos: how the register reads it, the plugdev group it needs, --scan through the register\'s driver', async () => {
    const r = machine({ plugdev: [] });
    const hid = createFakeHid();
    hid.plug(POS);
    const data = dataDir({ scanner: 'hid-pos' });
    const d = await run(data, ['--user', 'till', '--scan', '--timeout', '2'], { root: r.root, path: '', hid: hid.load }, (l) => {
      if (l.startsWith('Scan a barcode now')) setImmediate(() => hidPosReports('4006381333931').forEach((x) => hid.report(POS.path, x)));
    });
    expect(hid.drivers[0]).toBe('hidraw');
    expect(d.line('ok', 'scanner')[0]).toContain('hid-pos: the register reads the first HID-POS scanner (usage page 0x8c) through hidraw');
    expect(d.line('problem', 'group plugdev')[0]).toContain('till is not in "plugdev": HID scanner');
    expect(d.lines).toContain('Scan a barcode now with hid-pos 0c2e:0b61 Honeywell Xenon 1900 at /dev/hidraw3 (hidraw) (waiting 2 s)...');
    expect(d.line('ok', 'scan')[0]).toContain('read "4006381333931" (13 characters) from hid:0c2e:0b61: the register takes it as a scan');
    expect(hid.isOpen(POS.path)).toBe(false); // closed again
  });

  it('hid-keyboard: listed through libusb with the USB device file it opens; --scan decodes the layout', async () => {
    const r = machine({ plugdev: ['till'] });
    const hid = createFakeHid();
    hid.plug(WEDGE);
    const data = dataDir({ scanner: 'hid-keyboard', scannerVendorId: '05e0', scannerProductId: '1200' });
    const d = await run(data, ['--user', 'till', '--scan', '--timeout', '2'], { root: r.root, path: '', hid: hid.load }, (l) => {
      if (l.startsWith('Scan a barcode now')) setImmediate(() => usKeys('RR1-000042\n').forEach((x) => hid.report(WEDGE.path!, x)));
    });
    expect(hid.drivers).toEqual(['libusb', 'libusb']);
    expect(d.line('ok', 'scanner')[0]).toContain('hid-keyboard: the register reads 05e0:1200 through libusb, with its keyboard driver detached so its codes do not also reach the console; layout us');
    // mode 644: the group may not write, and libusb needs to.
    expect(d.line('problem', 'hid')[0]).toContain('05e0:1200 Symbol LS2208: HID, 1-1.2:1.0: /dev/bus/usb/001/005 (mode 644, group lp): till cannot open it  -> install the udev rules');
    expect(d.line('ok', 'scan')[0]).toContain('read "RR1-000042" (10 characters) from hid:05e0:1200');
  });

  it('hid-keyboard without ids is a configuration problem; no libusb makes --scan a problem with what to install', async () => {
    const r = machine();
    const noIds = await run(dataDir({ scanner: 'hid-keyboard' }), [], { root: r.root, path: '', hid: createFakeHid().load });
    expect(noIds.line('problem', 'scanner')[0]).toContain('hid-keyboard" takes the scanner away from the console');
    const hid = createFakeHid({ loadError: 'libusb-1.0.so.0: cannot open shared object file: No such file or directory' });
    const d = await run(dataDir({ scanner: 'hid-pos' }), ['--scan', '--timeout', '1'], { root: r.root, path: '', hid: hid.load });
    expect(d.line('problem', 'scan')[0]).toContain('hid-pos: needs libusb: sudo apt install libusb-1.0-0 libudev1 and restart');
    expect(d.code).toBe(1);
  });

  it('--scan: a HID scanner that is not plugged in, or sends nothing in time', async () => {
    const r = machine();
    const hid = createFakeHid();
    const missing = await run(dataDir({ scanner: 'hid-pos', scannerDevice: '/dev/hidraw3' }), ['--scan', '--timeout', '1'], { root: r.root, path: '', hid: hid.load });
    expect(missing.line('problem', 'scan')[0]).toContain('no HID device at /dev/hidraw3 (hardware.scannerDevice)');
    expect(missing.line('problem', 'hid').join('\n')).toContain('no HID devices found');
    hid.plug(POS);
    const silent = await run(dataDir({ scanner: 'hid-pos' }), ['--scan', '--timeout', '0.2'], { root: r.root, path: '', hid: hid.load });
    expect(silent.line('problem', 'scan')[0]).toContain('no scan within 0.2 s from hid-pos 0c2e:0b61');
    expect(silent.line('problem', 'scan')[0]).toContain('USB HID-POS mode');
  });
});

describe('till doctor in the shop’s language (issue 13)', () => {
  async function doctorIn(language: string, groups: Record<string, string[]>) {
    const k = kiosk(groups);
    const data = dataDir({ printer: 'usb', printerDevice: '/dev/usb/lp0', drawer: 'gpio', drawerPin: 17 });
    const lines: string[] = [];
    const code = await runDoctor(['--user', 'till'], { dataDir: data, out: (l) => void lines.push(l), err: (l) => void lines.push(`ERR ${l}`), isTTY: false, now: () => new Date('2026-03-14T10:00:00Z'), language }, { env: { root: k.root, path: '', hid: hidOf([SCANNER]) } });
    return { code, lines, text: lines.join('\n') };
  }
  /** Terminal columns of a string (a CJK character takes two). */
  const cols = (s: string) => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);

  it.each([
    ['vi', 'lỗi', 'nhóm lp', 'till không thuộc nhóm "lp": máy in hóa đơn USB', 'sudo usermod -aG lp till, rồi đăng nhập lại', /^Phát hiện \d+ lỗi\.$/],
    ['zh', '问题', '用户组 lp', 'till 不在用户组“lp”中：USB 小票打印机', 'sudo usermod -aG lp till，然后重新登录', /^发现 \d+ 个问题。$/],
    ['ru', 'проблема', 'группа lp', 'till не в группе «lp»: USB-принтер чеков', 'sudo usermod -aG lp till, затем войдите заново', /^Найден[оа] \d+ проблем[аы]?\.$/],
  ])('%s: level, topic, finding and what to do; the summary through the plural rules', async (lang, level, topic, text, fix, total) => {
    const d = await doctorIn(lang, { gpio: [] });
    expect(d.code).toBe(1);
    const line = d.lines.find((l) => l.includes(text));
    expect(line, d.text).toBeDefined();
    expect(line!.startsWith(level)).toBe(true);
    expect(line).toContain(topic);
    expect(line).toContain(`  -> ${fix}`);
    expect(d.lines.at(-1)).toMatch(total);
    // The columns line up in terminal columns, CJK included: level in 9 columns, topic in 15, then the text.
    const levels = [level, ...['ok', 'info'].map((w) => translate(lang, `cli.doctor.level.${w}`))];
    for (const l of d.lines.slice(1, -1)) {
      const lv = levels.find((w) => l.startsWith(`${w} `));
      if (!lv) continue;
      let w = 0;
      let i = 0;
      const chars = [...l];
      while (i < chars.length && w < 24) w += cols(chars[i++]);
      if (cols(chars.slice(9, i).join('').trimEnd()) >= 15) continue; // a topic longer than its column
      expect(w, l).toBe(24);
      expect(chars[i - 1], l).toBe(' ');
      expect(chars[i], l).not.toBe(' ');
    }
  });

  it('the Russian summary counts in the plural rules: 1 проблема, 2 проблемы, 5 проблем', () => {
    expect(translate('ru', 'cli.doctor.problems', { n: 1 })).toBe('Найдена 1 проблема.');
    expect(translate('ru', 'cli.doctor.problems', { n: 2 })).toBe('Найдено 2 проблемы.');
    expect(translate('ru', 'cli.doctor.problems', { n: 5 })).toBe('Найдено 5 проблем.');
    expect(translate('ru', 'cli.doctor.problems', { n: 21 })).toBe('Найдена 21 проблема.');
  });

  it('English by default: the same lines as before', async () => {
    const d = await doctorIn('en', { gpio: [] });
    expect(d.text).toContain('problem  group lp       till is not in "lp": USB receipt printer (/dev/usb/lp*)  -> sudo usermod -aG lp till, then log in again');
  });
});
