/**
 * Test drawer: counts kicks, fails on demand, stays open until the test shuts it (`close()` or
 * `shut()`: the cashier pushes it closed; the mock holds no device to release).
 */
import type { Drawer, DrawerStatus } from '../types.js';
import { createStatus } from '../listeners.js';
import { t } from '../../src/i18n/index.js';

export interface MockDrawer extends Drawer {
  /** Successful kicks. */
  readonly pulses: number;
  /** Every open() call, successful or not. */
  readonly attempts: number;
  /** The next open() resolves ok=false with this code (default DRAWER_ERROR) and the drawer stays shut. */
  fail(next?: string): void;
  setStatus(status: DrawerStatus): void;
  /** The cashier shuts the drawer. Same as close(). */
  shut(): void;
}

export function createMockDrawer(opts: { initial?: DrawerStatus } = {}): MockDrawer {
  const status = createStatus<DrawerStatus>(opts.initial ?? 'closed');
  const faults: string[] = [];
  let pulses = 0;
  let attempts = 0;
  const shut = () => status.set('closed');
  return {
    kind: 'mock',
    status: status.get,
    onStatus: status.on,
    get pulses() {
      return pulses;
    },
    get attempts() {
      return attempts;
    },
    async open() {
      attempts++;
      const fault = faults.shift();
      if (fault) return { ok: false, code: fault, message: t(`error.${fault}`) };
      pulses++;
      status.set('open');
      return { ok: true };
    },
    fail(next = 'DRAWER_ERROR') {
      faults.push(next);
    },
    setStatus: status.set,
    shut,
    async close() {
      shut();
    },
  };
}
