/**
 * Demo printer: each job lands in `<dataDir>/receipts/` as `<name>.bin` (the exact ESC/POS bytes a
 * real printer would get) and `<name>.txt` (the same receipt as text), where <name> is the receipt
 * number ("receipt:R1-000042" -> "R1-000042"). A reprint overwrites the same files.
 * Receipts of sold gift cards carry whole codes: the folder is 0700 and every file 0600, like the
 * rest of the data folder (an existing 0755 folder or 0644 file from an earlier version is tightened).
 * `setStatus('offline' | 'paper-out')` makes it fail like a real one, for demos; `setStatus('ready')`
 * brings it back, and `reprintPending()` prints what failed meanwhile.
 */
import { chmod, lstat, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrintJob, PrinterStatus } from '../types.js';
import { createPrinterBase, failure, type PrinterBase, type PrinterBaseOptions } from './job-keeper.js';

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

export function createSimulatedPrinter(opts: { dataDir: string; initial?: PrinterStatus; keeper?: Pick<PrinterBaseOptions, 'queue' | 'copy' | 'log'> }): SimulatedPrinter {
  const dir = join(opts.dataDir, 'receipts');
  let last: PrintJob | undefined;
  const fileFor = (id: string) => join(dir, jobFileName(id));
  let tightened = false;
  /** Once per process: receipt files an earlier version left at 0644 become 0600 (they may carry whole card codes). */
  const tightenOld = async () => {
    if (tightened) return;
    tightened = true;
    for (const f of await readdir(dir)) {
      const path = join(dir, f);
      const st = await lstat(path);
      if (st.isFile() && (st.mode & 0o077) !== 0) await chmod(path, 0o600);
    }
  };
  const base = createPrinterBase({
    kind: 'simulated',
    initial: opts.initial ?? 'ready',
    async send(job) {
      try {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await chmod(dir, 0o700);
        await tightenOld();
        const file = fileFor(job.id);
        for (const [name, data] of [[`${file}.bin`, job.bytes], [`${file}.txt`, job.text]] as const) {
          await writeFile(name, data, { mode: 0o600 });
          await chmod(name, 0o600); // writeFile's mode applies only to a new file (a reprint overwrites)
        }
      } catch (e) {
        return failure('PRINTER_ERROR', `Could not write the receipt file: ${(e as Error).message}`);
      }
      last = job;
      return { ok: true };
    },
    ...opts.keeper,
  });
  return Object.assign(base, { dir, lastPrinted: () => last, fileFor });
}
