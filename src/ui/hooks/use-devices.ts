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
}

function read(register: Register): DeviceStatus {
  const h = register.hardware;
  return { scanner: h.scanner.status(), printer: h.printer.status(), drawer: h.drawer.status(), printProblem: register.printProblem() };
}

const same = (a: DeviceStatus, b: DeviceStatus) =>
  a.scanner === b.scanner && a.printer === b.printer && a.drawer === b.drawer && a.printProblem === b.printProblem;

/** `tick` changes whenever the caller wants a re-read (clock tick, new snapshot). */
export function useDevices(register: Register, tick: unknown): DeviceStatus {
  const [status, setStatus] = useState<DeviceStatus>(() => read(register));
  useEffect(() => {
    let live = true;
    const refresh = () => {
      if (!live) return;
      const next = read(register);
      setStatus((prev) => (same(prev, next) ? prev : next));
    };
    const h = register.hardware;
    const offs = [h.scanner.onStatus(refresh), h.printer.onStatus(refresh), h.drawer.onStatus(refresh)];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [register]);
  useEffect(() => {
    let live = true;
    const refresh = () => {
      if (!live) return;
      const next = read(register);
      setStatus((prev) => (same(prev, next) ? prev : next));
    };
    refresh();
    register.settled().then(refresh, refresh);
    return () => {
      live = false;
    };
  }, [register, tick]);
  return status;
}
