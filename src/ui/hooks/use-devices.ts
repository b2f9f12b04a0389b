/**
 * Scanner, printer and drawer status for the status bar, plus the register's last print problem.
 * Devices push their status; the print problem is re-read when a commit's effects settle and on the
 * clock tick, since the register exposes it as a value, not an event.
 */
import { useEffect, useState } from 'react';
import type { DrawerStatus, PrinterStatus, ScannerStatus } from '../../../hardware/types.js';
import type { Register } from '../../register.js';

export interface DeviceStatus {
  scanner: ScannerStatus;
  printer: PrinterStatus;
  drawer: DrawerStatus;
  printProblem: string | null;
  /** Store notice for the manager (torn tail cut, damaged history...), see Register.storeNotice. */
  storeNotice: string | null;
  /** Receipts kept by the printer, waiting for it to come back. */
  waiting: number;
  /** Why the drawer cannot be driven (GPIO missing, permission), whatever its driver; null when fine. */
  drawerProblem: string | null;
  /** Why the configured HID scanner is not read (unplugged, no permission, no libusb); null when fine. */
  scannerProblem: string | null;
}

function read(register: Register): DeviceStatus {
  const h = register.hardware;
  return { scanner: h.scanner.status(), printer: h.printer.status(), drawer: h.drawer.status(), printProblem: register.printProblem(), storeNotice: register.storeNotice?.() ?? null, waiting: h.printer.pending().length, drawerProblem: h.drawer.problem?.() ?? null, scannerProblem: h.scanner.problem?.() ?? null };
}

const same = (a: DeviceStatus, b: DeviceStatus) =>
  a.scanner === b.scanner && a.printer === b.printer && a.drawer === b.drawer && a.printProblem === b.printProblem && a.storeNotice === b.storeNotice && a.waiting === b.waiting && a.drawerProblem === b.drawerProblem && a.scannerProblem === b.scannerProblem;

/** Re-reads the devices into state unless the effect that made it has been cleaned up. */
function refresher(register: Register, setStatus: (f: (prev: DeviceStatus) => DeviceStatus) => void) {
  let live = true;
  return {
    refresh: () => {
      if (!live) return;
      const next = read(register);
      setStatus((prev) => (same(prev, next) ? prev : next));
    },
    stop: () => void (live = false),
  };
}

/** `tick` changes whenever the caller wants a re-read (clock tick, new snapshot). */
export function useDevices(register: Register, tick: unknown): DeviceStatus {
  const [status, setStatus] = useState<DeviceStatus>(() => read(register));
  useEffect(() => {
    const r = refresher(register, setStatus);
    const h = register.hardware;
    const offs = [h.scanner.onStatus(r.refresh), h.printer.onStatus(r.refresh), h.drawer.onStatus(r.refresh), h.printer.onResult?.(r.refresh) ?? (() => {})];
    return () => {
      r.stop();
      offs.forEach((off) => off());
    };
  }, [register]);
  useEffect(() => {
    const r = refresher(register, setStatus);
    r.refresh();
    register.settled().then(r.refresh, r.refresh);
    return r.stop;
  }, [register, tick]);
  return status;
}
