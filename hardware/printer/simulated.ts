/**
 * Demo printer: each job lands in `<dataDir>/receipts/` as `<name>.bin` (the exact ESC/POS bytes a
 * real printer would get) and `<name>.txt` (the same receipt as text), where <name> is the receipt
 * number ("receipt:R1-000042" -> "R1-000042"). A reprint overwrites the same files.
 * `setStatus('offline' | 'paper-out')` makes it fail like a real one, for demos; `setStatus('ready')`
 * brings it back, and `reprintPending()` prints what failed meanwhile.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrintJob, PrinterStatus } from '../types.js';
import { createPrinterBase, failure, type PrinterBase } from './job-keeper.js';

export interface SimulatedPrinter extends PrinterBase {
  /** The folder receipts are written to. */
  readonly dir: string;
  /** Last job printed successfully, for "show last receipt". */
  lastPrinted(): PrintJob | undefined;
  /** Where the files of a job id go (without extension). */
  fileFor(jobId: string): string;
}

/** A job id made safe as a file name: "receipt:R1-000042" -> "R1-000042". */
export const jobFileName = (id: string): string =>
  id.replace(/^receipt:/, '').replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_').slice(0, 120) || 'job';

export function createSimulatedPrinter(opts: { dataDir: string; initial?: PrinterStatus }): SimulatedPrinter {
  const dir = join(opts.dataDir, 'receipts');
  let last: PrintJob | undefined;
  const fileFor = (id: string) => join(dir, jobFileName(id));
  const base = createPrinterBase({
    kind: 'simulated',
    initial: opts.initial ?? 'ready',
    async send(job) {
      try {
        await mkdir(dir, { recursive: true });
        const file = fileFor(job.id);
        await writeFile(`${file}.bin`, job.bytes);
        await writeFile(`${file}.txt`, job.text, 'utf8');
      } catch (e) {
        return failure('PRINTER_ERROR', `Could not write the receipt file: ${(e as Error).message}`);
      }
      last = job;
      return { ok: true };
    },
  });
  return Object.assign(base, { dir, lastPrinted: () => last, fileFor });
}
