/**
 * What every printer shares: jobs go out one at a time in the order given, a failed job is kept
 * (oldest first, one entry per job id) until a print of the same id succeeds, and status changes are
 * announced. The driver supplies only `send`: the transport of one job's bytes.
 * Nothing here throws or rejects: every failure becomes a PrintResult.
 *
 * With a `queue` (src/store/print-queue.ts) the kept jobs survive a restart: each job is written
 * before it is sent and removed after it printed, and the jobs a previous run left are pending again
 * at start. A job whose outcome is unknown - the previous run died while sending it, or a write failed
 * part-way (`maybePrinted`) - is `uncertain`: its reprint goes out marked COPY (`copy`), so a receipt
 * is never printed twice as an original. Reprints of kept jobs check at their turn that the job still
 * waits, so two callers (a status poll and the register) never print it twice.
 */
import type { KeptJob, PrintJob, PrintQueue, PrintResult, Printer, PrinterStatus } from '../types.js';
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

export interface PrinterBaseOptions {
  kind: string;
  initial?: PrinterStatus;
  send: Send;
  close?: () => Promise<void>;
  /** Durable home of kept jobs (none: kept in memory only). */
  queue?: PrintQueue;
  /** The job as a COPY (default: an ASCII "*** COPY ***" line above it). */
  copy?: (job: PrintJob) => PrintJob;
  log?: (line: string) => void;
}

export function createPrinterBase(opts: PrinterBaseOptions): PrinterBase {
  const status = createStatus<PrinterStatus>(opts.initial ?? 'ready');
  const results = createListeners<{ job: PrintJob; result: PrintResult }>();
  const copy = opts.copy ?? copyJob;
  const log = opts.log ?? (() => {});
  const queue = opts.queue;
  /** Kept jobs by id, oldest first (a reprint of the same id keeps its place). */
  const pending = new Map<string, KeptJob>();
  let chain: Promise<unknown> = Promise.resolve();

  const durable = (what: string, p: Promise<void> | undefined) =>
    p?.catch((e: unknown) => log(`printer: the print queue could not record ${what}: ${(e as Error)?.message ?? e}`));
  const keep = async (entry: KeptJob) => {
    pending.set(entry.job.id, entry);
    await durable(`${entry.job.id} as waiting`, queue?.kept(entry));
  };

  if (queue) {
    try {
      for (const e of queue.load()) pending.set(e.job.id, e);
    } catch (e) {
      log(`printer: the print queue could not be read: ${(e as Error)?.message ?? e}`);
    }
  }

  async function once(job: PrintJob, onlyIfKept: boolean): Promise<PrintResult> {
    const kept = pending.get(job.id);
    if (onlyIfKept && !kept) return { ok: true }; // printed meanwhile (another reprint got there first)
    const uncertain = kept?.uncertain ?? false;
    const before = status.get();
    const refused = CODE_OF[before];
    if (refused) {
      await keep({ job, uncertain });
      const res = failure(refused);
      results.emit({ job, result: res });
      return res;
    }
    status.set('busy');
    await durable(`${job.id} before sending it`, queue?.sending(job));
    let res: PrintResult;
    try {
      res = await opts.send(uncertain ? copy(job) : job);
      if (!res || typeof res.ok !== 'boolean') res = failure('PRINTER_ERROR');
    } catch (e) {
      res = failure('PRINTER_ERROR', (e as Error)?.message);
    }
    if (status.get() === 'busy') status.set(before === 'paper-low' ? 'paper-low' : 'ready');
    if (res.ok) {
      pending.delete(job.id);
      await durable(`${job.id} as printed`, queue?.printed(job.id));
    } else await keep({ job, uncertain: uncertain || res.maybePrinted === true });
    results.emit({ job, result: res });
    return res;
  }

  const enqueue = (job: PrintJob, onlyIfKept: boolean): Promise<PrintResult> => {
    if (!isPrintJob(job)) return Promise.resolve(failure('PRINTER_ERROR', 'Not a print job.'));
    const run = chain.then(() => once(job, onlyIfKept));
    chain = run.catch(() => undefined);
    return run.catch(() => failure('PRINTER_ERROR'));
  };

  return {
    kind: opts.kind,
    status: status.get,
    onStatus: status.on,
    setStatus: status.set,
    print: (job) => enqueue(job, false),
    pending: () => [...pending.values()].map((e) => e.job),
    onResult: (listener) => results.add(({ job, result }) => listener(job, result)),
    async reprintPending() {
      const out: PrintResult[] = [];
      for (const { job } of [...pending.values()]) out.push(await enqueue(job, true));
      return out;
    },
    async close() {
      await chain.catch(() => undefined);
      await opts.close?.().catch(() => undefined);
    },
  };
}

/** "*** COPY ***" in bold, centred, above the job: plain ASCII, which every code page prints. */
const COPY_BANNER = Uint8Array.from([0x1b, 0x40, 0x1b, 0x61, 0x01, 0x1b, 0x45, 0x01, ...Buffer.from('*** COPY ***', 'latin1'), 0x0a, 0x1b, 0x45, 0x00, 0x1b, 0x61, 0x00]);

/** A job marked as a copy: a banner before its bytes (they start with ESC @, which resets the style), a line before its text. */
export function copyJob(job: PrintJob, banner: Uint8Array = COPY_BANNER, label = '*** COPY ***'): PrintJob {
  // A copy (a reprint by number) that comes out uncertain is not marked twice.
  if (job.text.startsWith(`${label}\n`)) return job;
  const bytes = new Uint8Array(banner.length + job.bytes.length);
  bytes.set(banner, 0);
  bytes.set(job.bytes, banner.length);
  return { id: job.id, bytes, text: `${label}\n${job.text}` };
}
