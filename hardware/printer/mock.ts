/** Test printer: records what printed, fails on demand, can hold jobs to observe "busy". */
import type { PrintJob, PrinterStatus } from '../types.js';
import { createPrinterBase, failure, type PrinterBase } from './job-keeper.js';

export type PrinterFault = 'offline' | 'paper-out' | 'error';

export interface MockPrinter extends PrinterBase {
  /** Jobs printed successfully, in order (a reprint appears again). */
  readonly jobs: PrintJob[];
  /** Every job that reached the printer, printed or not. */
  readonly attempts: PrintJob[];
  /**
   * The next job that reaches the printer fails: "offline" and "paper-out" also leave the printer in
   * that state (as a real one would stay) until `setStatus('ready')`; "error" fails only that job.
   */
  fail(next: PrinterFault): void;
  /** Hold jobs in "busy" until `release()`. */
  hold(): void;
  release(): void;
}

export function createMockPrinter(opts: { initial?: PrinterStatus } = {}): MockPrinter {
  const jobs: PrintJob[] = [];
  const attempts: PrintJob[] = [];
  const faults: PrinterFault[] = [];
  let gate: { promise: Promise<void>; open: () => void } | null = null;
  let base: PrinterBase;

  base = createPrinterBase({
    kind: 'mock',
    initial: opts.initial ?? 'ready',
    async send(job) {
      attempts.push(job);
      if (gate) await gate.promise;
      const fault = faults.shift();
      if (fault === 'offline') {
        base.setStatus('offline');
        return failure('PRINTER_OFFLINE');
      }
      if (fault === 'paper-out') {
        base.setStatus('paper-out');
        return failure('PAPER_OUT');
      }
      if (fault === 'error') return failure('PRINTER_ERROR');
      jobs.push(job);
      return { ok: true };
    },
  });

  return Object.assign(base, {
    jobs,
    attempts,
    fail(next: PrinterFault) {
      faults.push(next);
    },
    hold() {
      if (gate) return;
      let open!: () => void;
      const promise = new Promise<void>((r) => (open = r));
      gate = { promise, open };
    },
    release() {
      const g = gate;
      gate = null;
      g?.open();
    },
  });
}
