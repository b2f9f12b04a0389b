/**
 * Cash drawer on the printer's DK (RJ-11) port: `ESC p m t1 t2` with the pulse timing bytes, sent as
 * its own job (never inside a receipt, never kept for a reprint: a drawer that opens minutes later is
 * worse than one that does not). Where the drawer has a switch on connector pin 3 and the printer
 * answers DLE EOT, `openLevel` says which level of that bit (DLE EOT 1, bit 2) means open - drawers
 * differ - and the status follows it at each status poll: open / closed / left-open. Otherwise the
 * status is `unknown`. While the printer is offline so is the drawer: it cannot be kicked (the status
 * bar already says why, under the printer).
 */
import type { Drawer, PrinterStatus } from '../types.js';
import type { Timers } from '../listeners.js';
import { drawerKick } from '../printer/escpos.js';
import type { RealPrinter } from '../printer/real.js';
import { createDrawerState } from './drawer-state.js';
import { t } from '../../src/i18n/index.js';

export interface PrinterDrawerOptions {
  printer: RealPrinter;
  pulseMs?: number;
  pin?: 2 | 5;
  /** Pin 3 level that means "open" (true = high); undefined = no sensor. */
  openLevel?: boolean;
  /** A drawer the sensor sees open longer than this becomes `left-open` (0 = never). */
  openAlertSeconds?: number;
  now?: () => number;
  timers?: Timers;
}

export function createPrinterDrawer(opts: PrinterDrawerOptions): Drawer {
  const status = createDrawerState({ alertSeconds: opts.openAlertSeconds, now: opts.now, timers: opts.timers });
  const sensor = opts.openLevel !== undefined;
  const read = () => {
    if (opts.printer.status() === 'offline') return status.set('offline');
    const pin = opts.printer.drawerPin();
    if (!sensor || pin === undefined) return status.set('unknown');
    status.sensed(pin === opts.openLevel);
  };
  const onPrinter = (s: PrinterStatus) => (s === 'busy' ? undefined : read());
  const offs = [opts.printer.onStatus(onPrinter), opts.printer.onDrawerPin(read)];
  read();
  return {
    kind: 'printer',
    status: status.get,
    onStatus: status.on,
    openSince: status.openSince,
    detail: () => `printer ${opts.printer.target}, ESC p pin ${opts.pin ?? 2}, ${opts.pulseMs ?? 120} ms${sensor ? `; sensor: DLE EOT 1 pin 3, open = ${opts.openLevel ? 'high' : 'low'}` : '; no sensor'}`,
    async open() {
      const res = await opts.printer.sendRaw(drawerKick(opts.pin ?? 2, opts.pulseMs ?? 120, (opts.pulseMs ?? 120) * 2));
      if (!res.ok) return { ok: false, code: 'DRAWER_OFFLINE', message: t('error.DRAWER_OFFLINE') };
      read();
      return { ok: true };
    },
    async close() {
      offs.forEach((off) => off());
      status.stop();
    },
  };
}
