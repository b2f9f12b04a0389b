/**
 * The doctor's look at a HID scanner: what the configuration selects and how the register will read
 * it, and `--scan` through the register's own HID driver and report decoders (hardware/scanner/hid.ts),
 * so what the doctor reads is what the register would read.
 */
import type { Translate } from '../../i18n/index.js';
import type { TillConfig } from '../../domain/config.js';
import type { HidScanner } from '../../../hardware/scanner/hid.js';
import type { HidLoader } from '../../../hardware/scanner/hid-module.js';
import { scannerFor } from '../scanner-config.js';
import type { DoctorEnv } from './env.js';
import { ok, problem, type Finding } from './report.js';

function which(cfg: TillConfig, t: Translate): string {
  const h = cfg.hardware;
  if (h.scannerDevice) return t('cli.doctor.scanner.atDevice', { device: h.scannerDevice });
  if (h.scannerVendorId) return `${h.scannerVendorId.toLowerCase()}${h.scannerProductId ? `:${h.scannerProductId.toLowerCase()}` : ''}`;
  return t('cli.doctor.scanner.firstPos');
}

export function scannerFindings(cfg: TillConfig, t: Translate): Finding[] {
  const s = cfg.hardware.scanner;
  if (s === 'keyboard') return [ok('scanner', t('cli.doctor.scanner.keyboard'))];
  try {
    scannerFor(cfg, () => {});
  } catch (e) {
    return [problem('scanner', (e as Error).message, t('cli.doctor.scanner.configFix'))];
  }
  if (s === 'hid-keyboard') return [ok('scanner', t('cli.doctor.scanner.hidKeyboard', { device: which(cfg, t), layout: cfg.hardware.scannerLayout }))];
  return [ok('scanner', t('cli.doctor.scanner.hidPos', { device: which(cfg, t) }))];
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
  const t = env.t;
  try {
    await scanner.start();
    if (scanner.status() !== 'connected') return [problem('scan', `${cfg.hardware.scanner}: ${scanner.problem() ?? scanner.status()}`, t('cli.doctor.scan.seeHid'))];
    out(t('cli.doctor.scan.nowWith', { device: scanner.detail() ?? '', seconds: secs }));
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
      if (scanner.status() !== 'connected') return [problem('scan', t('cli.doctor.scan.wentAway', { error: scanner.problem() ?? '' }), t('cli.doctor.scan.wentAwayFix'))];
      const mode = cfg.hardware.scanner === 'hid-keyboard' ? 'USB keyboard' : 'USB HID-POS';
      return [problem('scan', t('cli.doctor.scan.noneFrom', { seconds: secs, device: scanner.detail() ?? '' }), t('cli.doctor.scan.modeFix', { mode }))];
    }
    return [ok('scan', t('cli.doctor.scan.readFrom', { code: JSON.stringify(got.code), n: got.code.length, source: got.source }))];
  } finally {
    await scanner.stop();
  }
}
