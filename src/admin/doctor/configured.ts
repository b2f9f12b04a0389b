/**
 * The devices the configuration names: the receipt printer (a USB device or a network address, asked
 * for its DLE EOT status: harmless real-time bytes that print nothing) and the drawer (the scanner:
 * hid-scan.ts).
 */
import type { TillConfig } from '../../domain/config.js';
import { createRealPrinter } from '../../../hardware/printer/real.js';
import { createUsbLink } from '../../../hardware/printer/usb.js';
import { createNetworkLink, parseTcpAddress } from '../../../hardware/printer/network.js';
import type { PrinterLink } from '../../../hardware/printer/link.js';
import type { DoctorEnv } from './env.js';
import { info, ok, problem, type Finding } from './report.js';
import { accessFinding, rooted, type SystemGroup, type Who } from './system.js';

import type { Translate } from '../../i18n/index.js';

/** What to do about a printer status (`cli.doctor.printer.fix.<status>`). */
const STATUS_FIX = new Set(['paper-out', 'cover-open', 'offline']);

/** Asks a printer for its status once; what it says, and whether it answers at all. */
async function askPrinter(link: PrinterLink, cfg: TillConfig): Promise<{ status: string; answers: boolean; error: string | null }> {
  const p = createRealPrinter({ link, timeoutMs: Math.min(cfg.hardware.printerTimeoutMs, 5000), pollMs: 0 });
  try {
    const status = await p.check();
    return { status, answers: p.drawerPin() !== undefined, error: p.lastError() };
  } finally {
    await p.close();
  }
}

export async function printerFindings(env: DoctorEnv, who: Who, groups: SystemGroup[], cfg: TillConfig, usbFound: string[]): Promise<Finding[]> {
  const h = cfg.hardware;
  const t = env.t;
  if (h.printer === 'none') return [info('printer', t('cli.doctor.printer.none'))];
  if (h.printer === 'simulated')
    return [problem('printer', t('cli.doctor.printer.simulated'), usbFound.length ? t('cli.doctor.printer.simulatedFixUsb', { device: usbFound.includes('/dev/till-printer') ? '/dev/till-printer' : usbFound[0] }) : t('cli.doctor.printer.simulatedFix'))];
  let link: PrinterLink;
  let label: string;
  if (h.printer === 'usb') {
    const path = h.printerDevice || '/dev/usb/lp0';
    const real = rooted(env.root, path);
    const a = accessFinding(real, who, groups, t);
    if (!a.ok) return [problem('printer', `usb ${a.text.replace(real, path)}`, a.fix)];
    link = createUsbLink(real);
    label = `usb ${path}`;
  } else {
    if (!parseTcpAddress(h.printerAddress)) return [problem('printer', t('cli.doctor.printer.badAddress', { address: h.printerAddress }), t('cli.doctor.printer.badAddressFix'))];
    link = createNetworkLink(h.printerAddress);
    label = h.printerAddress;
  }
  const r = await askPrinter(link, cfg);
  if (r.status === 'offline' && r.error) return [problem('printer', `${label}: ${r.error}`, t(h.printer === 'network' ? 'cli.doctor.printer.offlineFixNetwork' : 'cli.doctor.printer.fix.offline'))];
  if (!r.answers) return [ok('printer', t('cli.doctor.printer.oneWay', { printer: label }))];
  if (r.status === 'ready') return [ok('printer', t('cli.doctor.printer.ready', { printer: label }))];
  if (r.status === 'paper-low') return [ok('printer', t('cli.doctor.printer.paperLow', { printer: label }))];
  return [problem('printer', t('cli.doctor.printer.status', { printer: label, status: r.status }), STATUS_FIX.has(r.status) ? t(`cli.doctor.printer.fix.${r.status}`) : undefined)];
}

export function drawerFindings(cfg: TillConfig, t: Translate): Finding[] {
  const h = cfg.hardware;
  const realPrinter = h.printer === 'usb' || h.printer === 'network';
  const kind = h.drawer === 'auto' ? (realPrinter ? 'printer' : 'simulated') : h.drawer;
  const sensor = h.drawerSensor === 'auto' ? (h.drawerSensorPin >= 0 ? 'gpio' : 'none') : h.drawerSensor;
  const alert = h.drawerOpenAlertSeconds > 0 ? t('cli.doctor.drawer.alert', { seconds: h.drawerOpenAlertSeconds }) : '';
  const sensorText =
    sensor === 'none'
      ? t('cli.doctor.drawer.noSensor')
      : sensor === 'gpio'
        ? t('cli.doctor.drawer.gpioSensor', { pin: h.drawerSensorPin, open: h.drawerSensorOpen, alert })
        : t('cli.doctor.drawer.printerSensor', { open: h.drawerSensorOpen ? 'high' : 'low', alert });
  if (kind === 'none') return [info('drawer', t('cli.doctor.drawer.none'))];
  if (kind === 'simulated') return [problem('drawer', t(h.drawer === 'auto' ? 'cli.doctor.drawer.autoSimulated' : 'cli.doctor.drawer.simulated'), t('cli.doctor.drawer.simulatedFix'))];
  if (kind === 'printer') {
    if (!realPrinter) return [problem('drawer', t('cli.doctor.drawer.needsPrinter'), t('cli.doctor.drawer.needsPrinterFix'))];
    return [ok('drawer', t('cli.doctor.drawer.onPrinter', { pin: h.drawerKickPin, ms: h.drawerPulseMs, sensor: sensorText }))];
  }
  return [ok('drawer', t('cli.doctor.drawer.onGpio', { pin: h.drawerPin, ms: h.drawerPulseMs, sensor: sensorText }))];
}

