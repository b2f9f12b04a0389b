/**
 * Cash drawer on the printer's DK (RJ-11) port: `ESC p m t1 t2` with the pulse timing bytes, sent as
 * its own job (never inside a receipt, never kept for a reprint: a drawer that opens minutes later is
 * worse than one that does not). Status comes from the drawer bit of DLE EOT 1 where the printer
 * answers and the drawer has a switch; otherwise `unknown`.
 */
import type { Drawer, DrawerStatus } from '../types.js';
import { createStatus } from '../listeners.js';
import { drawerKick } from '../printer/escpos.js';
import type { RealPrinter } from '../printer/real.js';
import { t } from '../../src/i18n/index.js';

export interface PrinterDrawerOptions {
  printer: RealPrinter;
  pulseMs?: number;
  pin?: 2 | 5;
  /** Pin 3 level that means "open" (most drawers: high = open); undefined = no sensor. */
  openLevel?: boolean;
  now?: () => number;
}

export function createPrinterDrawer(opts: PrinterDrawerOptions): Drawer {
  const status = createStatus<DrawerStatus>('unknown');
  const now = opts.now ?? Date.now;
  let openSince: number | null = null;
  const read = () => {
    const pin = opts.printer.drawerPin();
    if (opts.openLevel === undefined || pin === undefined) return;
    const next: DrawerStatus = pin === opts.openLevel ? 'open' : 'closed';
    if (next === 'open' && status.get() !== 'open') openSince = now();
    if (next === 'closed') openSince = null;
    status.set(next);
  };
  const off = opts.printer.onStatus(read);
  return {
    kind: 'printer',
    status: status.get,
    onStatus: status.on,
    openSince: () => openSince,
    async open() {
      const res = await opts.printer.sendRaw(drawerKick(opts.pin ?? 2, opts.pulseMs ?? 120, (opts.pulseMs ?? 120) * 2));
      if (!res.ok) return { ok: false, code: 'DRAWER_OFFLINE', message: t('error.DRAWER_OFFLINE') };
      read();
      return { ok: true };
    },
    async close() {
      off();
    },
  };
}
