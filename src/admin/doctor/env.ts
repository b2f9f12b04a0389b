/** Where the doctor looks: the real system by default; tests inject a fake root, PATH and HID library. */

import { loadNodeHid as loadHid, type HidDeviceInfo, type HidDriverType, type HidModule } from '../../../hardware/scanner/hid-module.js';

import type { Translate } from '../../i18n/index.js';

export type { HidDeviceInfo, HidDriverType };

/** node-hid as the doctor needs it: the listing always, opening a device only for --scan. */
export type HidLibrary = Pick<HidModule, 'devices'> & Partial<HidModule>;

export interface DoctorEnv {
  /** The doctor's words in the output's language (the `cli.doctor.*` keys). */
  t: Translate;
  /** Filesystem root for /dev, /sys and /etc ("/" = this machine). */
  root: string;
  /** PATH searched for libgpiod's tools. */
  path: string;
  /** The user whose permissions are checked (default: who runs the doctor). */
  user?: string;
  /** Loads node-hid with the backend the configured scanner uses (default: a lazy import of the real one). */
  hid: (driver: HidDriverType) => Promise<HidLibrary>;
  /** Groups of this login session (process.getgroups), only when checking the running user on "/". */
  sessionGids?: number[];
}

export const loadNodeHid = (driver: HidDriverType): Promise<HidLibrary> => loadHid(driver);

/** The node-hid backend of the configured scanner: libusb for hid-keyboard (its paths are what hardware.scannerDevice takes), else hidraw. */
export const hidDriverOf = (scanner: string): HidDriverType => (scanner === 'hid-keyboard' ? 'libusb' : 'hidraw');
