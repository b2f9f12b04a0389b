/**
 * The boundary to node-hid 3.4.0: the part of its API the HID scanner uses, and its lazy loader.
 * Tests inject a fake module here (test/hardware/fakes/node-hid.ts); nothing else of ours is faked.
 *
 * node-hid is imported only when a HID scanner is configured (and by `till doctor`): its prebuilt
 * binary needs libusb-1.0 and libudev at run time, and a machine without them must still start the
 * register in keyboard mode.
 *
 * Two backends live in the one package and the first load picks one for the whole process:
 * - `hidraw` (node-hid's default on Linux): reads /dev/hidrawN beside the kernel's own driver, and
 *   lists each device's usage page, so a HID-POS scanner (page 0x8C) is found without ids. Used for
 *   `hid-pos`: that page makes no keystrokes, so sharing the device with the kernel is harmless.
 * - `libusb`: claims the USB interface itself and detaches the kernel's usbhid driver while open
 *   (hidapi's DETACH_KERNEL_DRIVER; re-attached on close). Used for `hid-keyboard`: while the
 *   register reads the scanner, its key reports no longer reach the console as keystrokes.
 */

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  manufacturer?: string;
  product?: string;
  serialNumber?: string;
  usagePage?: number;
  usage?: number;
  interface?: number;
}

/** An open device as node-hid's HIDAsync gives it: `data` per input report, `error` when reading fails (unplugged). */
export interface HidDevice {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(event?: string): unknown;
  close(): Promise<void>;
}

export type HidDriverType = 'hidraw' | 'libusb';

export interface HidModule {
  devices(): HidDeviceInfo[];
  devicesAsync?(): Promise<HidDeviceInfo[]>;
  HIDAsync: { open(path: string, options?: { nonExclusive?: boolean }): Promise<HidDevice> };
  setDriverType?(type: HidDriverType): void;
  /** Loads the native binding (node-hid loads it lazily): a missing libusb fails here, not at the first scan. */
  getHidapiVersion?(): string;
}

/** Loads node-hid with the backend asked for (the first call in a process decides it). */
export type HidLoader = (driver: HidDriverType) => Promise<HidModule>;

export const loadNodeHid: HidLoader = async (driver) => {
  const m = (await import('node-hid')) as unknown as { default?: HidModule } & HidModule;
  const mod = m.default ?? m;
  mod.setDriverType?.(driver);
  mod.getHidapiVersion?.();
  return mod;
};

/** "libusb-1.0.so.0: cannot open shared object file..." -> what the installer does about it. */
export function hidLoadProblem(e: unknown): string {
  const msg = ((e as Error)?.message ?? String(e)).split('\n')[0];
  if (/libusb|libudev|cannot open shared object/i.test(msg)) return `needs libusb: sudo apt install libusb-1.0-0 libudev1 and restart (scripts/kiosk/install.sh installs them; node-hid: ${msg})`;
  return `node-hid cannot be loaded: reinstall with npm ci and restart (node-hid: ${msg})`;
}

export const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
