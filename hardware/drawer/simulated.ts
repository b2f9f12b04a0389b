/**
 * Demo drawer: a kick opens it; the simulated cashier shuts it after `autoCloseMs` (default 4 s), so
 * the status bar shows open -> closed as on a drawer with a sensor. `shut()` closes it at once.
 */
import type { Drawer, DrawerStatus } from '../types.js';
import { createStatus, realTimers, type Timers } from '../listeners.js';

export interface SimulatedDrawer extends Drawer {
  /** The cashier shuts the drawer now. */
  shut(): void;
  readonly pulses: number;
}

export function createSimulatedDrawer(opts: { autoCloseMs?: number; timers?: Timers } = {}): SimulatedDrawer {
  const delay = Math.max(0, opts.autoCloseMs ?? 4000);
  const timers = opts.timers ?? realTimers;
  const status = createStatus<DrawerStatus>('closed');
  let timer: unknown = null;
  let pulses = 0;

  const cancel = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };
  const shut = () => {
    cancel();
    status.set('closed');
  };

  return {
    kind: 'simulated',
    status: status.get,
    onStatus: status.on,
    get pulses() {
      return pulses;
    },
    async open() {
      pulses++;
      status.set('open');
      cancel();
      timer = timers.setTimeout(() => {
        timer = null;
        status.set('closed');
      }, delay);
      return { ok: true };
    },
    shut,
    async close() {
      cancel();
    },
  };
}
