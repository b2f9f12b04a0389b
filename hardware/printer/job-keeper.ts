/**
 * What every printer shares: jobs go out one at a time in the order given, a failed job is kept
 * (oldest first, one entry per job id) until a print of the same id succeeds, and status changes are
 * announced. The driver supplies only `send`: the transport of one job's bytes.
 * Nothing here throws or rejects: every failure becomes a PrintResult.
 */
import type { PrintJob, PrintResult, Printer, PrinterStatus } from '../types.js';
import { createListeners, createStatus } from '../listeners.js';
import { t } from '../../src/i18n/index.js';

export type Send = (job: PrintJob) => Promise<PrintResult>;

export interface PrinterBase extends Printer {
  /** Driver and control hook: the printer reports a new state (e.g. paper-out from a status poll). */
  setStatus(status: PrinterStatus): void;
}

const CODE_OF: Partial<Record<PrinterStatus, string>> = { offline: 'PRINTER_OFFLINE', 'paper-out': 'PAPER_OUT', 'cover-open': 'COVER_OPEN', none: 'PRINTER_NONE' };

export const failure = (code: string, message?: string): PrintResult => ({ ok: false, code, message: message ?? t(`error.${code}`) });

export function isPrintJob(job: unknown): job is PrintJob {
  const j = job as PrintJob;
  return !!j && typeof j.id === 'string' && j.id !== '' && j.bytes instanceof Uint8Array && typeof j.text === 'string';
}

export function createPrinterBase(opts: { kind: string; initial?: PrinterStatus; send: Send; close?: () => Promise<void> }): PrinterBase {
  const status = createStatus<PrinterStatus>(opts.initial ?? 'ready');
  const results = createListeners<{ job: PrintJob; result: PrintResult }>();
  let pending: PrintJob[] = [];
  let chain: Promise<unknown> = Promise.resolve();

  const keep = (job: PrintJob) => {
    const i = pending.findIndex((p) => p.id === job.id);
    if (i >= 0) pending[i] = job;
    else pending.push(job);
  };

  async function once(job: PrintJob): Promise<PrintResult> {
    const before = status.get();
    const refused = CODE_OF[before];
    if (refused) {
      keep(job);
      const res = failure(refused);
      results.emit({ job, result: res });
      return res;
    }
    status.set('busy');
    let res: PrintResult;
    try {
      res = await opts.send(job);
      if (!res || typeof res.ok !== 'boolean') res = failure('PRINTER_ERROR');
    } catch (e) {
      res = failure('PRINTER_ERROR', (e as Error)?.message);
    }
    if (status.get() === 'busy') status.set(before === 'paper-low' ? 'paper-low' : 'ready');
    if (res.ok) pending = pending.filter((p) => p.id !== job.id);
    else keep(job);
    results.emit({ job, result: res });
    return res;
  }

  const print = (job: PrintJob): Promise<PrintResult> => {
    if (!isPrintJob(job)) return Promise.resolve(failure('PRINTER_ERROR', 'Not a print job.'));
    const run = chain.then(() => once(job));
    chain = run.catch(() => undefined);
    return run.catch(() => failure('PRINTER_ERROR'));
  };

  return {
    kind: opts.kind,
    status: status.get,
    onStatus: status.on,
    setStatus: status.set,
    print,
    pending: () => pending.slice(),
    onResult: (listener) => results.add(({ job, result }) => listener(job, result)),
    async reprintPending() {
      const results: PrintResult[] = [];
      for (const job of pending.slice()) results.push(await print(job));
      return results;
    },
    async close() {
      await chain.catch(() => undefined);
      await opts.close?.().catch(() => undefined);
    },
  };
}
