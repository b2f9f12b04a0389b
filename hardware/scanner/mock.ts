/** Test scanner: tests push complete codes and plug or unplug it. */
import type { Scan, Scanner, ScannerStatus } from '../types.js';
import { createListeners, createStatus } from '../listeners.js';

export interface MockScanner extends Scanner {
  /**
   * Delivers a complete code as the device would. Returns false (and delivers nothing) while the
   * scanner is disconnected, as an unplugged scanner cannot scan.
   */
  emitScan(code: string, source?: string): boolean;
  /** Plug (connected) or unplug (disconnected); listeners hear only real changes. */
  setStatus(status: 'connected' | 'disconnected'): void;
  readonly started: boolean;
}

export function createMockScanner(opts: { now?: () => number } = {}): MockScanner {
  const now = opts.now ?? Date.now;
  const scans = createListeners<Scan>();
  const status = createStatus<ScannerStatus>('connected');
  let started = false;
  return {
    kind: 'mock',
    status: status.get,
    onScan: scans.add,
    onStatus: status.on,
    async start() {
      started = true;
    },
    async stop() {
      started = false;
    },
    get started() {
      return started;
    },
    emitScan(code, source = 'mock') {
      if (status.get() === 'disconnected') return false;
      scans.emit({ code: String(code), at: now(), source });
      return true;
    },
    setStatus(s) {
      status.set(s);
    },
  };
}
