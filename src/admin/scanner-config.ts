/**
 * The scanner the configuration asks for (`hardware.scanner`, docs/hardware.md): `keyboard` reads
 * nothing itself (the scanner types into the register's entry line); `hid-pos` (`hid` is its older
 * name) and `hid-keyboard` read the device through node-hid, loaded only then. A configuration that
 * cannot pick a device stops start-up with CONFIG_INVALID before anything is opened.
 */
import { TillError } from '../domain/errors.js';
import type { TillConfig } from '../domain/config.js';
import type { Scanner } from '../../hardware/types.js';
import type { Timers } from '../../hardware/listeners.js';
import { createKeyboardScanner } from '../../hardware/index.js';
import { createHidScanner } from '../../hardware/scanner/hid.js';
import type { HidLoader } from '../../hardware/scanner/hid-module.js';

export interface ScannerEnv {
  /** Loads node-hid (tests inject a fake module). */
  hid?: HidLoader;
  timers?: Timers;
}

/** "0c2e" / "0x0C2E" -> 0x0c2e; "" -> undefined. */
export function usbId(value: string, key: string): number | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  if (!/^(0x)?[0-9a-f]{1,4}$/i.test(v)) throw new TillError('CONFIG_INVALID', `hardware.${key} must be a USB id of up to 4 hex digits ("0c2e", as lsusb or till doctor shows it), got "${value}".`);
  return parseInt(v.replace(/^0x/i, ''), 16);
}

export function scannerFor(config: TillConfig, log: (line: string) => void, env: ScannerEnv = {}): Scanner {
  const h = config.hardware;
  if (h.scanner === 'keyboard') return createKeyboardScanner();
  const mode = h.scanner === 'hid-keyboard' ? 'hid-keyboard' : 'hid-pos';
  const vendorId = usbId(h.scannerVendorId, 'scannerVendorId');
  const productId = usbId(h.scannerProductId, 'scannerProductId');
  if (productId !== undefined && vendorId === undefined) throw new TillError('CONFIG_INVALID', 'hardware.scannerProductId needs hardware.scannerVendorId too.');
  const device = h.scannerDevice.trim() || undefined;
  if (mode === 'hid-keyboard' && vendorId === undefined && !device)
    throw new TillError('CONFIG_INVALID', 'hardware.scanner "hid-keyboard" takes the scanner away from the console, so it must know which device is the scanner: set hardware.scannerVendorId and scannerProductId (till doctor lists them), or hardware.scannerDevice.');
  return createHidScanner({ mode, vendorId, productId, device, layout: h.scannerLayout, terminator: config.scanner.terminator, load: env.hid, timers: env.timers, log });
}
