/**
 * A stand-in for the node-hid 3.4.0 module, injected where node-hid is loaded (the `load` of
 * hardware/scanner/hid-module.ts). It behaves as the real one does at that boundary: `devices()`
 * lists what is plugged in, `HIDAsync.open(path)` opens it (or rejects like hidapi does), an open
 * device emits `data` with each input report as a Buffer and `error` when a read fails because the
 * device was unplugged. It also keeps the one bit of the kernel the tests care about: in the libusb
 * backend an open device's kernel keyboard driver is detached, so its keys do not reach the console
 * (`consoleKeys`), while through hidraw they still would.
 *
 * Helpers build the reports a real scanner sends: HID-POS scanned data reports (64-byte layout with
 * an AIM identifier, or the short layout) and boot keyboard press/release pairs for a text.
 */
import { EventEmitter } from 'node:events';
import type { HidDevice, HidDeviceInfo, HidDriverType, HidLoader, HidModule } from '../../../hardware/scanner/hid-module.js';

class FakeDevice extends EventEmitter {
  closed = false;
  constructor(readonly path: string, private readonly onClose: () => void) {
    super();
  }
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.removeAllListeners();
    this.onClose();
  }
}

export interface FakeHid {
  load: HidLoader;
  /** Backends asked for, in order (setDriverType). */
  drivers: HidDriverType[];
  plug(info: HidDeviceInfo): void;
  /** Pulls the device out: an open handle gets a read error, the listing loses it. */
  unplug(path: string): void;
  /** The device sends one input report; false when nobody has it open (the report goes nowhere we read). */
  report(path: string, bytes: number[] | Uint8Array): boolean;
  isOpen(path: string): boolean;
  opens(path: string): number;
  /** The next opens of `path` fail with this message (hidapi's), `times` times. */
  failOpen(path: string, message: string, times?: number): void;
  /** Characters that reached the console as keystrokes (keyboard reports not read by a libusb claim). */
  consoleKeys: number[];
  /** How often the devices were listed (each look for a missing scanner is one). */
  readonly listings: number;
}

export function createFakeHid(opts: { loadError?: string } = {}): FakeHid {
  const plugged = new Map<string, HidDeviceInfo>();
  const open = new Map<string, FakeDevice>();
  const openCount = new Map<string, number>();
  const failures = new Map<string, { message: string; times: number }>();
  const drivers: HidDriverType[] = [];
  const consoleKeys: number[] = [];
  let driver: HidDriverType = 'hidraw';
  let listings = 0;
  const mod: HidModule = {
    devices: () => (listings++, [...plugged.values()].map((d) => ({ ...d }))),
    devicesAsync: async () => (listings++, [...plugged.values()].map((d) => ({ ...d }))),
    setDriverType: (t) => {
      drivers.push(t);
      driver = t;
    },
    getHidapiVersion: () => '0.14.0',
    HIDAsync: {
      async open(path: string): Promise<HidDevice> {
        const f = failures.get(path);
        if (f && f.times > 0) {
          f.times--;
          throw new Error(f.message);
        }
        if (!plugged.has(path)) throw new Error(`Failed to open a device with path '${path}'`);
        if (open.has(path)) throw new Error(`Failed to open a device with path '${path}': busy`);
        const d = new FakeDevice(path, () => open.delete(path));
        open.set(path, d);
        openCount.set(path, (openCount.get(path) ?? 0) + 1);
        return d as unknown as HidDevice;
      },
    },
  };
  return {
    drivers,
    consoleKeys,
    load: async (t) => {
      if (opts.loadError) throw new Error(opts.loadError);
      mod.setDriverType!(t);
      return mod;
    },
    plug(info) {
      plugged.set(info.path!, { ...info });
    },
    unplug(path) {
      plugged.delete(path);
      const d = open.get(path);
      if (d) {
        open.delete(path);
        d.emit('error', new Error('could not read from HID device'));
      }
    },
    report(path, bytes) {
      const d = open.get(path);
      const info = plugged.get(path);
      const keyboard = info?.usagePage === 1 || info?.usagePage === undefined;
      // Not claimed through libusb: the kernel's keyboard driver still turns the keys into keystrokes.
      if (keyboard && !(d && driver === 'libusb')) for (const k of Array.from(bytes).slice(2)) if (k) consoleKeys.push(k);
      if (!d) return false;
      d.emit('data', Buffer.from(Array.from(bytes)));
      return true;
    },
    get listings() {
      return listings;
    },
    isOpen: (path) => open.has(path),
    opens: (path) => openCount.get(path) ?? 0,
    failOpen(path, message, times = 1) {
      failures.set(path, { message, times });
    },
  };
}

/** HID-POS scanned data reports (report id 2) for a code: 64-byte layout with AIM id and the continued bit. */
export function hidPosReports(code: string | Uint8Array, opts: { aim?: string; chunk?: number } = {}): number[][] {
  const bytes = typeof code === 'string' ? Buffer.from(code, 'utf8') : Buffer.from(code);
  const chunk = opts.chunk ?? 56;
  const aim = opts.aim === undefined ? [0x5d, 0x43, 0x30] : opts.aim === '' ? [0, 0, 0] : [...Buffer.from(opts.aim, 'latin1')];
  const out: number[][] = [];
  for (let i = 0; i < bytes.length || i === 0; i += chunk) {
    const part = bytes.subarray(i, i + chunk);
    const r = new Array<number>(64).fill(0);
    r[0] = 0x02;
    r[1] = part.length;
    r.splice(2, 3, ...aim);
    for (let j = 0; j < part.length; j++) r[5 + j] = part[j];
    r[63] = i + chunk < bytes.length ? 0x01 : 0x00;
    out.push(r);
  }
  return out;
}

/** The short layout (Newland): id 2, length, data at byte 2. */
export function shortHidPosReport(code: string): number[] {
  const b = Buffer.from(code, 'latin1');
  const r = new Array<number>(63).fill(0);
  r[0] = 0x02;
  r[1] = b.length;
  for (let j = 0; j < b.length; j++) r[2 + j] = b[j];
  return r;
}

/** One key down then all keys up, as a scanner types a character: [modifiers, 0, usage, 0...]. */
export function keyPress(usage: number, mods = 0): number[][] {
  return [
    [mods, 0, usage, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0],
  ];
}

const SHIFT = 0x02;
/** US-layout usages for digits, letters and a few symbols (enough for the tests' codes). */
export function usKeys(text: string): number[][] {
  const out: number[][] = [];
  for (const ch of text) {
    if (ch >= 'a' && ch <= 'z') out.push(...keyPress(0x04 + ch.charCodeAt(0) - 97));
    else if (ch >= 'A' && ch <= 'Z') out.push(...keyPress(0x04 + ch.charCodeAt(0) - 65, SHIFT));
    else if (ch >= '1' && ch <= '9') out.push(...keyPress(0x1e + ch.charCodeAt(0) - 49));
    else if (ch === '0') out.push(...keyPress(0x27));
    else if (ch === '-') out.push(...keyPress(0x2d));
    else if (ch === '\n') out.push(...keyPress(0x28));
    else throw new Error(`usKeys: no key for ${JSON.stringify(ch)}`);
  }
  return out;
}
