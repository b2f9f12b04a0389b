/**
 * The doctor's look at a HID scanner: what the configuration selects and how the register will read
 * it, and `--scan` through the register's own HID driver and report decoders (hardware/scanner/hid.ts),
 * so what the doctor reads is what the register would read.
 */
import type { TillConfig } from '../../domain/config.js';
import type { HidScanner } from '../../../hardware/scanner/hid.js';
import type { HidLoader } from '../../../hardware/scanner/hid-module.js';
import { scannerFor } from '../scanner-config.js';
import type { DoctorEnv } from './env.js';
import { ok, problem, type Finding } from './report.js';

function which(cfg: TillConfig): string {
  const h = cfg.hardware;
  if (h.scannerDevice) return `the device at ${h.scannerDevice}`;
  if (h.scannerVendorId) return `${h.scannerVendorId.toLowerCase()}${h.scannerProductId ? `:${h.scannerProductId.toLowerCase()}` : ''}`;
  return 'the first HID-POS scanner (usage page 0x8c)';
}

export function scannerFindings(cfg: TillConfig): Finding[] {
  const s = cfg.hardware.scanner;
  if (s === 'keyboard') return [ok('scanner', 'keyboard mode: the scanner types into the console like a keyboard (no driver, no permission needed; test it: till doctor --scan)')];
  try {
    scannerFor(cfg, () => {});
  } catch (e) {
    return [problem('scanner', (e as Error).message, 'fix the configuration (till doctor lists the HID devices below)')];
  }
  if (s === 'hid-keyboard')
    return [ok('scanner', `hid-keyboard: the register reads ${which(cfg)} through libusb, with its keyboard driver detached so its codes do not also reach the console; layout ${cfg.hardware.scannerLayout} (test it: till doctor --scan)`)];
  return [ok('scanner', `hid-pos: the register reads ${which(cfg)} through hidraw (test it: till doctor --scan)`)];
}

/** Waits for one scan from the configured HID scanner. */
export async function waitForHidScan(cfg: TillConfig, env: DoctorEnv, timeoutMs: number, out: (line: string) => void): Promise<Finding[]> {
  let scanner: HidScanner;
  try {
    // One look for the device, no retries (timers that never fire): the doctor reports, it does not wait for a replug.
    scanner = scannerFor(cfg, () => {}, { hid: env.hid as HidLoader, timers: { setTimeout: () => 0, clearTimeout: () => {} } }) as HidScanner;
  } catch (e) {
    return [problem('scan', (e as Error).message)];
  }
  const secs = Number((timeoutMs / 1000).toFixed(1));
  try {
    await scanner.start();
    if (scanner.status() !== 'connected') return [problem('scan', `${cfg.hardware.scanner}: ${scanner.problem() ?? scanner.status()}`, 'see the hid lines above')];
    out(`Scan a barcode now with ${scanner.detail()} (waiting ${secs} s)...`);
    const got = await new Promise<{ code: string; source: string } | null>((resolve) => {
      const timer = setTimeout(() => done(null), timeoutMs);
      const offScan = scanner.onScan((x) => done(x));
      const offStatus = scanner.onStatus((st) => st === 'disconnected' && done(null));
      const done = (x: { code: string; source: string } | null) => {
        clearTimeout(timer);
        offScan();
        offStatus();
        resolve(x);
      };
    });
    if (!got) {
      if (scanner.status() !== 'connected') return [problem('scan', `the scanner went away while waiting: ${scanner.problem() ?? ''}`, 'plug it back in and try again')];
      const mode = cfg.hardware.scanner === 'hid-keyboard' ? 'USB keyboard' : 'USB HID-POS';
      return [problem('scan', `no scan within ${secs} s from ${scanner.detail()}`, `check the scanner is in ${mode} mode and ends each code with Enter (its manual has the setup barcodes)`)];
    }
    return [ok('scan', `read ${JSON.stringify(got.code)} (${got.code.length} characters) from ${got.source}: the register takes it as a scan`)];
  } finally {
    await scanner.stop();
  }
}
