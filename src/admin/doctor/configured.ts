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

const STATUS_FIX: Record<string, string> = {
  'paper-out': 'load paper',
  'cover-open': 'close the cover',
  offline: 'switch the printer on and check its cable',
};

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
  if (h.printer === 'none') return [info('printer', 'hardware.printer "none": no receipts are printed')];
  if (h.printer === 'simulated')
    return [problem('printer', 'hardware.printer "simulated": receipts are written to files, none is printed', usbFound.length ? `set hardware.printer "usb" and printerDevice "${usbFound.includes('/dev/till-printer') ? '/dev/till-printer' : usbFound[0]}"` : 'connect a printer and set hardware.printer to "usb" or "network"')];
  let link: PrinterLink;
  let label: string;
  if (h.printer === 'usb') {
    const path = h.printerDevice || '/dev/usb/lp0';
    const real = rooted(env.root, path);
    const a = accessFinding(real, who, groups);
    if (!a.ok) return [problem('printer', `usb ${a.text.replace(real, path)}`, a.fix)];
    link = createUsbLink(real);
    label = `usb ${path}`;
  } else {
    if (!parseTcpAddress(h.printerAddress)) return [problem('printer', `hardware.printerAddress "${h.printerAddress}" is not tcp://host:port`, 'set it to the printer\'s address, e.g. tcp://192.168.1.50:9100 (the printer\'s self-test page shows its IP)')];
    link = createNetworkLink(h.printerAddress);
    label = h.printerAddress;
  }
  const r = await askPrinter(link, cfg);
  if (r.status === 'offline' && r.error) return [problem('printer', `${label}: ${r.error}`, h.printer === 'network' ? 'check the address, the cable and that the printer is on (ping its host)' : 'switch the printer on and check its cable')];
  if (!r.answers) return [ok('printer', `${label}: reachable; it does not answer DLE EOT (one-way), so paper and cover status are not known`)];
  if (r.status === 'ready') return [ok('printer', `${label}: answers DLE EOT: ready`)];
  if (r.status === 'paper-low') return [ok('printer', `${label}: answers DLE EOT: paper near its end (still prints)`)];
  return [problem('printer', `${label}: answers DLE EOT: ${r.status}`, STATUS_FIX[r.status])];
}

export function drawerFindings(cfg: TillConfig): Finding[] {
  const h = cfg.hardware;
  const realPrinter = h.printer === 'usb' || h.printer === 'network';
  const kind = h.drawer === 'auto' ? (realPrinter ? 'printer' : 'simulated') : h.drawer;
  const sensor = h.drawerSensor === 'auto' ? (h.drawerSensorPin >= 0 ? 'gpio' : 'none') : h.drawerSensor;
  const alert = h.drawerOpenAlertSeconds > 0 ? `, shown as left open after ${h.drawerOpenAlertSeconds} s` : '';
  const sensorText = sensor === 'none' ? 'no sensor (status unknown)' : sensor === 'gpio' ? `sensor on BCM${h.drawerSensorPin}, open = ${h.drawerSensorOpen}${alert}` : `sensor: printer DLE EOT 1 pin 3, open = ${h.drawerSensorOpen ? 'high' : 'low'}${alert}`;
  if (kind === 'none') return [info('drawer', 'hardware.drawer "none": no cash drawer')];
  if (kind === 'simulated') return [problem('drawer', `hardware.drawer ${h.drawer === 'auto' ? '"auto" (no real printer): simulated' : '"simulated"'}: no cash drawer is ever opened`, 'set hardware.drawer "printer" (drawer on the printer\'s DK port) or "gpio"')];
  if (kind === 'printer') {
    if (!realPrinter) return [problem('drawer', 'hardware.drawer "printer" needs a usb or network printer', 'set hardware.printer, or use hardware.drawer "gpio"')];
    return [ok('drawer', `on the printer's DK port, pin ${h.drawerKickPin}, ${h.drawerPulseMs} ms pulse; ${sensorText} (test it: till doctor --pulse-drawer)`)];
  }
  return [ok('drawer', `GPIO BCM${h.drawerPin}, ${h.drawerPulseMs} ms pulse; ${sensorText} (lines: see gpio drawer; test it: till doctor --pulse-drawer)`)];
}

