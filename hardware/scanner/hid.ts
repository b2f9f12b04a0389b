/**
 * A USB scanner read directly through node-hid (hid-module.ts), in one of two modes:
 *
 * - `hid-pos`: the scanner in USB HID-POS mode (usage page 0x8C); each code arrives as a Scanned
 *   Data Report (hid-pos-report.ts). Read through hidraw.
 * - `hid-keyboard`: the scanner in its default USB keyboard mode; its boot keyboard reports are
 *   decoded with the configured layout (keyboard-report.ts). Read through libusb, which detaches the
 *   kernel's keyboard driver while open, so the codes do not also arrive as console keystrokes.
 *
 * The device is chosen by its node-hid path (`device`), else by vendor[:product] id, else (hid-pos
 * only) the first HID-POS device. Status: `connected` while open; `disconnected` when it is not
 * found, cannot be opened, or is unplugged (a read error) - then it is looked for again with backoff
 * (`firstRetryMs` doubling up to `maxRetryMs`) until it is back, without a restart. A code half read
 * when the device went away is dropped, never delivered in part. When node-hid itself cannot be
 * loaded (no libusb) the status is `keyboard`: only a scanner typing as a keyboard can be read, and
 * `problem()` says what to install.
 */
import type { Scan, Scanner, ScannerStatus } from '../types.js';
import { createListeners, createStatus, realTimers, type Timers } from '../listeners.js';
import { createHidPosAssembler } from './hid-pos-report.js';
import { createKeyboardDecoder } from './keyboard-report.js';
import type { ScannerLayout } from './layouts.js';
import { hex4, hidLoadProblem, loadNodeHid, type HidDevice, type HidDeviceInfo, type HidLoader, type HidModule } from './hid-module.js';

export type HidScannerMode = 'hid-pos' | 'hid-keyboard';

export interface HidScannerOptions {
  mode: HidScannerMode;
  vendorId?: number;
  productId?: number;
  /** node-hid path of the device (/dev/hidraw3; "1-1.2:1.0" for libusb), from `till doctor`. */
  device?: string;
  layout?: ScannerLayout;
  terminator?: 'enter' | 'tab' | 'both';
  load?: HidLoader;
  timers?: Timers;
  now?: () => number;
  log?: (line: string) => void;
  firstRetryMs?: number;
  maxRetryMs?: number;
}

export interface HidScanner extends Scanner {
  /** Why the scanner is not read (not found, no permission, no libusb), in words an installer can act on. */
  problem(): string | null;
  /** What is read and how ("hid-pos 0c2e:0b61 Honeywell Xenon at /dev/hidraw3 (hidraw)"). */
  detail(): string | null;
  /** Resolves once the first attempt to open the scanner is over (tests, the doctor). */
  ready(): Promise<void>;
}

const message = (e: unknown) => ((e as Error)?.message ?? String(e)).split('\n')[0];
const POS_PAGE = 0x8c;

/** The devices of a listing this configuration means, best first. */
export function pickHidDevice(list: HidDeviceInfo[], o: Pick<HidScannerOptions, 'mode' | 'vendorId' | 'productId' | 'device'>): { device?: HidDeviceInfo; why?: string } {
  const usable = list.filter((d) => typeof d.path === 'string' && d.path !== '');
  if (o.device) {
    const d = usable.find((x) => x.path === o.device);
    return d ? { device: d } : { why: `no HID device at ${o.device} (hardware.scannerDevice)` };
  }
  // Never "the first keyboard": that could be the cashier's own, taken away from the console.
  if (o.mode === 'hid-keyboard' && o.vendorId === undefined) return { why: 'hid-keyboard needs the scanner\'s hardware.scannerVendorId (and ProductId) or hardware.scannerDevice' };
  const id = o.vendorId === undefined ? '' : `${hex4(o.vendorId)}${o.productId === undefined ? '' : `:${hex4(o.productId)}`}`;
  const byId = o.vendorId === undefined ? usable : usable.filter((d) => d.vendorId === o.vendorId && (o.productId === undefined || d.productId === o.productId));
  if (!byId.length) return { why: o.vendorId === undefined ? 'no HID-POS scanner (usage page 0x8c) is plugged in' : `no HID device ${id} is plugged in (hardware.scannerVendorId/ProductId)` };
  if (o.mode === 'hid-pos') {
    const pos = byId.find((d) => d.usagePage === POS_PAGE);
    if (pos) return { device: pos };
    const unknown = o.vendorId === undefined ? undefined : byId.find((d) => !d.usagePage);
    if (unknown) return { device: unknown };
    return { why: `${id || 'no device'} ${o.vendorId === undefined ? 'is a HID-POS scanner (usage page 0x8c)' : 'has no HID-POS interface (usage page 0x8c): the scanner is in another USB mode - scan its "USB HID-POS" setup barcode, or set hardware.scanner "hid-keyboard"'}` };
  }
  const kbd = byId.filter((d) => d.usagePage === 1 && d.usage === 6);
  const pool = kbd.length ? kbd : byId.filter((d) => d.usagePage === undefined || d.usagePage === 0 || d.usagePage === 1);
  if (!pool.length) return { why: `${id} has no keyboard interface: the scanner is in another USB mode (HID-POS? then set hardware.scanner "hid-pos")` };
  return { device: [...pool].sort((a, b) => (a.interface ?? 0) - (b.interface ?? 0))[0] };
}

export function createHidScanner(opts: HidScannerOptions): HidScanner {
  const load = opts.load ?? loadNodeHid;
  const timers = opts.timers ?? realTimers;
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => {});
  const firstRetryMs = opts.firstRetryMs ?? 250;
  const maxRetryMs = opts.maxRetryMs ?? 5000;
  const driver = opts.mode === 'hid-pos' ? 'hidraw' : 'libusb';
  const scans = createListeners<Scan>();
  const status = createStatus<ScannerStatus>('disconnected');
  const pos = createHidPosAssembler();
  const kbd = createKeyboardDecoder({ layout: opts.layout ?? 'us', tab: opts.terminator === 'both' || opts.terminator === 'tab', tabOnly: opts.terminator === 'tab' });
  let mod: HidModule | null = null;
  let device: HidDevice | null = null;
  let info: HidDeviceInfo | null = null;
  let problem: string | null = null;
  let timer: unknown = null;
  let attempts = 0;
  let running = false;
  let first: Promise<void> | null = null;

  const say = (why: string | null) => {
    if (why && why !== problem) log(`scanner (${opts.mode}): ${why}`);
    problem = why;
  };
  const source = () => (info ? `hid:${hex4(info.vendorId)}:${hex4(info.productId)}` : 'hid');

  const retry = () => {
    if (!running || timer !== null) return;
    const delay = Math.min(maxRetryMs, firstRetryMs * 2 ** Math.min(attempts, 16));
    attempts++;
    timer = timers.setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
  };

  const onData = (data: Buffer) => {
    const at = now();
    const codes = opts.mode === 'hid-pos' ? [pos.push(data, at)].filter((c): c is string => c !== null) : kbd.push(data);
    for (const code of codes) scans.emit({ code, at, source: source() });
  };

  const lost = (e: unknown) => {
    const d = device;
    if (!d) return;
    device = null;
    pos.reset();
    kbd.reset();
    d.removeAllListeners();
    d.close().catch(() => {});
    status.set('disconnected');
    say(`unplugged: plug it back in, it is looked for until it is back (${message(e)})`);
    attempts = 0;
    retry();
  };

  async function connect(): Promise<void> {
    if (!running || !mod || device) return;
    let list: HidDeviceInfo[];
    try {
      list = mod.devicesAsync ? await mod.devicesAsync() : mod.devices();
    } catch (e) {
      say(`node-hid cannot list HID devices: ${message(e)}`);
      status.set('disconnected');
      return retry();
    }
    const pick = pickHidDevice(list, opts);
    if (!pick.device) {
      say(`${pick.why}; plug the scanner in (till doctor lists what is connected)`);
      status.set('disconnected');
      return retry();
    }
    const target = pick.device;
    let opened: HidDevice;
    try {
      opened = await mod.HIDAsync.open(target.path!);
    } catch (e) {
      const access =
        driver === 'hidraw'
          ? 'the user needs the "plugdev" group and the udev rules of scripts/kiosk/99-till.rules (or another program holds the device)'
          : 'the user needs write access to the USB device (/dev/bus/usb/...): the "plugdev" group and the udev rules of scripts/kiosk/99-till.rules';
      say(`cannot open ${hex4(target.vendorId)}:${hex4(target.productId)} at ${target.path} (${message(e)}): ${access}`);
      status.set('disconnected');
      return retry();
    }
    if (!running) {
      await opened.close().catch(() => {});
      return;
    }
    device = opened;
    info = target;
    attempts = 0;
    pos.reset();
    kbd.reset();
    opened.on('data', onData);
    opened.on('error', (e) => lost(e));
    say(null);
    log(`scanner (${opts.mode}): reading ${describe(target)}`);
    status.set('connected');
  }

  const describe = (d: HidDeviceInfo) => `${hex4(d.vendorId)}:${hex4(d.productId)}${d.product ? ` ${[d.manufacturer, d.product].filter(Boolean).join(' ')}` : ''} at ${d.path} (${driver})`;

  return {
    kind: opts.mode,
    status: status.get,
    onScan: scans.add,
    onStatus: status.on,
    problem: () => problem,
    detail: () => (info && device ? `${opts.mode} ${describe(info)}` : null),
    ready: () => first ?? Promise.resolve(),
    start() {
      if (running) return first ?? Promise.resolve();
      running = true;
      first = (async () => {
        try {
          mod = mod ?? (await load(driver));
        } catch (e) {
          // Only a scanner typing as a keyboard is read now: the status says `keyboard`.
          say(hidLoadProblem(e));
          status.set('keyboard');
          return;
        }
        await connect();
      })();
      return first;
    },
    async stop() {
      running = false;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      await first?.catch(() => {});
      const d = device;
      device = null;
      if (d) {
        d.removeAllListeners();
        await d.close().catch(() => {});
      }
    },
  };
}
