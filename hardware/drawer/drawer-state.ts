/**
 * The status of a drawer with a sensor, shared by the GPIO and the printer-driven drawer: what the
 * sensor reads becomes `open`/`closed`, `openSince` marks when it opened, and a drawer still open
 * `alertSeconds` later becomes `left-open` (the status bar shows it like "paper out"; the cashier
 * closes the drawer and it is `closed` again). 0 seconds = never. The timer never keeps the process alive.
 */
import type { DrawerStatus } from '../types.js';
import { createStatus, realTimers, type Timers } from '../listeners.js';

export interface DrawerStateOptions {
  initial?: DrawerStatus;
  alertSeconds?: number;
  now?: () => number;
  timers?: Timers;
}

export function createDrawerState(opts: DrawerStateOptions = {}) {
  const status = createStatus<DrawerStatus>(opts.initial ?? 'unknown');
  const now = opts.now ?? Date.now;
  const timers = opts.timers ?? realTimers;
  const alertMs = Math.max(0, opts.alertSeconds ?? 0) * 1000;
  let openSince: number | null = null;
  let timer: unknown = null;
  const cancel = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
  return {
    get: status.get,
    on: status.on,
    openSince: () => openSince,
    /** What the sensor reads now. Repeats change nothing (the alert keeps its time). */
    sensed(open: boolean) {
      if (!open) {
        cancel();
        openSince = null;
        return status.set('closed');
      }
      if (openSince !== null) return;
      openSince = now();
      status.set('open');
      if (alertMs > 0)
        timer = timers.setTimeout(() => {
          timer = null;
          if (openSince !== null) status.set('left-open');
        }, alertMs);
    },
    /** No sensor reading: `unknown` (no sensor, sensor unreadable) or `offline` (cannot be driven). */
    set(next: 'unknown' | 'offline') {
      cancel();
      openSince = null;
      status.set(next);
    },
    stop: cancel,
  };
}
