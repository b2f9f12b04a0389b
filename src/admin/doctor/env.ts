/** Where the doctor looks: the real system by default; tests inject a fake root, PATH and HID library. */

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  manufacturer?: string;
  product?: string;
  usagePage?: number;
  usage?: number;
  interface?: number;
}

export interface HidLibrary {
  devices(): HidDeviceInfo[];
}

export interface DoctorEnv {
  /** Filesystem root for /dev, /sys and /etc ("/" = this machine). */
  root: string;
  /** PATH searched for libgpiod's tools. */
  path: string;
  /** The user whose permissions are checked (default: who runs the doctor). */
  user?: string;
  /** Loads node-hid (default: a lazy import of the real one). */
  hid: () => Promise<HidLibrary>;
  /** Groups of this login session (process.getgroups), only when checking the running user on "/". */
  sessionGids?: number[];
}

export async function loadNodeHid(): Promise<HidLibrary> {
  const m = (await import('node-hid')) as unknown as { default?: HidLibrary } & HidLibrary;
  return m.default ?? m;
}
