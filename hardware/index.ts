/**
 * Hardware sets. src/cli.ts picks one by configuration (never by NODE_ENV): simulated devices for demo
 * mode, mocks with test controls for tests. Real drivers (HID scanner, GPIO drawer, USB/network
 * printer; see docs/hardware.md) implement the same interfaces and drop in here.
 */
import type { Drawer, Hardware, Printer, Scanner } from './types.js';
import type { Timers } from './listeners.js';
import { createKeyboardScanner } from './scanner/keyboard.js';
import { createMockScanner, type MockScanner } from './scanner/mock.js';
import { createSimulatedPrinter, type SimulatedPrinter } from './printer/simulated.js';
import { createMockPrinter, type MockPrinter } from './printer/mock.js';
import { createNoPrinter } from './printer/none.js';
import type { PrinterBaseOptions } from './printer/job-keeper.js';
import { createSimulatedDrawer, type SimulatedDrawer } from './drawer/simulated.js';
import { createMockDrawer, type MockDrawer } from './drawer/mock.js';
import { createNoDrawer } from './drawer/none.js';

export interface SimulatedHardwareOptions {
  /** The data folder; receipts go to `<dataDir>/receipts/`. */
  dataDir: string;
  printer?: 'simulated' | 'none';
  drawer?: 'simulated' | 'none';
  /** How long the simulated cashier leaves the drawer open (ms, default 4000). */
  drawerAutoCloseMs?: number;
  timers?: Timers;
  /** The simulated printer's kept jobs: durable queue, COPY marking, log (printer/job-keeper.ts). */
  keeper?: Pick<PrinterBaseOptions, 'queue' | 'copy' | 'log'>;
}

export interface SimulatedHardware extends Hardware {
  scanner: Scanner;
  /** The simulated printer (with demo controls), or a plain Printer when printer is "none". */
  printer: SimulatedPrinter | Printer;
  drawer: SimulatedDrawer | Drawer;
}

export function createSimulatedHardware(opts: SimulatedHardwareOptions): SimulatedHardware {
  return {
    scanner: createKeyboardScanner(),
    printer: opts.printer === 'none' ? createNoPrinter() : createSimulatedPrinter({ dataDir: opts.dataDir, keeper: opts.keeper }),
    drawer: opts.drawer === 'none' ? createNoDrawer() : createSimulatedDrawer({ autoCloseMs: opts.drawerAutoCloseMs, timers: opts.timers }),
  };
}

export interface MockHardware extends Hardware {
  scanner: MockScanner;
  printer: MockPrinter;
  drawer: MockDrawer;
}

export function createMockHardware(opts: { now?: () => number } = {}): MockHardware {
  return { scanner: createMockScanner({ now: opts.now }), printer: createMockPrinter(), drawer: createMockDrawer() };
}

export { createKeyboardScanner, createMockScanner, createSimulatedPrinter, createMockPrinter, createNoPrinter, createSimulatedDrawer, createMockDrawer, createNoDrawer };
export type { MockScanner, SimulatedPrinter, MockPrinter, SimulatedDrawer, MockDrawer, Timers };
export { jobFileName } from './printer/simulated.js';
