/**
 * "No printer" (hardware.printer = "none"). Status "none"; every print resolves ok=false with
 * PRINTER_NONE. Jobs are NOT kept: no reprint on this device can ever succeed, and the receipt is
 * not lost — the sale is in the journal and its receipt can be laid out again from it.
 */
import type { PrintResult, Printer } from '../types.js';
import { failure } from './job-keeper.js';

export function createNoPrinter(): Printer {
  return {
    kind: 'none',
    status: () => 'none',
    onStatus: () => () => {},
    print: async (): Promise<PrintResult> => failure('PRINTER_NONE'),
    pending: () => [],
    reprintPending: async () => [],
    close: async () => {},
  };
}
