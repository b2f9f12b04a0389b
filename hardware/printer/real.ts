/**
 * A real ESC/POS printer over a link (USB device file or TCP). Jobs go through the shared job keeper
 * (one at a time, in order, a failure kept for reprint). Before each job and on every poll it asks
 * DLE EOT 1/2/4 where the printer answers (network printers, bidirectional USB) and maps the answer
 * to ready / paper-low / paper-out / cover-open / offline; a printer that never answers is one-way
 * and its status comes from write results (and, while offline, from whether it can be opened again).
 * When the printer comes back the jobs kept are printed, each once.
 */
import type { PrintJob, PrintResult, PrinterStatus, Unsubscribe } from '../types.js';
import { createListeners } from '../listeners.js';
import { createPrinterBase, failure, type PrinterBase, type PrinterBaseOptions } from './job-keeper.js';
import { DLE_EOT, decodeStatus, type PrinterState } from './dle-eot.js';
import { LinkError, type Connection, type PrinterLink } from './link.js';

export interface RealPrinterOptions {
  link: PrinterLink;
  /** Connect and write deadline of one job, ms (default 5000). */
  timeoutMs?: number;
  /** How long to wait for a status byte, ms (default 500). */
  answerMs?: number;
  /** Status poll interval, ms (default 3000); 0 = no polling (tests drive `check()`). */
  pollMs?: number;
  /** Where kept jobs survive a restart, how a COPY looks, where problems are logged (job-keeper.ts). */
  keeper?: Pick<PrinterBaseOptions, 'queue' | 'copy' | 'log'>;
}

export interface RealPrinter extends PrinterBase {
  readonly target: string;
  /** Asks the printer now (status poll); resumes kept jobs if it is back. */
  check(): Promise<PrinterStatus>;
  /** Sends bytes that are not a receipt (drawer kick) as their own job; not kept when they fail. */
  sendRaw(bytes: Uint8Array): Promise<PrintResult>;
  /** Drawer connector pin 3 from the last status answer, when the printer answers. */
  drawerPin(): boolean | undefined;
  /** Hears pin 3 change between two status answers (the drawer sensor of a printer-driven drawer). */
  onDrawerPin(listener: (high: boolean) => void): Unsubscribe;
  /** Why the last job or poll failed, for logs and `till doctor`. */
  lastError(): string | null;
}

const REFUSE: Partial<Record<PrinterStatus, string>> = { offline: 'PRINTER_OFFLINE', 'paper-out': 'PAPER_OUT', 'cover-open': 'COVER_OPEN' };

export function createRealPrinter(opts: RealPrinterOptions): RealPrinter {
  const { link } = opts;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const answerMs = opts.answerMs ?? 500;
  /** Whether the printer answers DLE EOT: unknown until the first try. */
  let answers: boolean | undefined;
  let drawerPin: boolean | undefined;
  const drawerPinListeners = createListeners<boolean>();
  let lastError: string | null = null;
  let lock: Promise<unknown> = Promise.resolve();
  let closed = false;

  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(fn, fn);
    lock = run.catch(() => undefined);
    return run;
  };

  async function ask(conn: Connection): Promise<PrinterState | null> {
    const byte = async (n: 1 | 2 | 4) => {
      await conn.write(DLE_EOT(n), timeoutMs);
      return conn.read(answerMs);
    };
    const s1 = await byte(1);
    if (s1 === undefined) return null;
    const s2 = await byte(2);
    const s4 = await byte(4);
    return decodeStatus(s1, s2, s4);
  }

  /** One connection: status first (when the printer answers), then the bytes if it can print. */
  async function session(bytes: Uint8Array | null, forceAsk: boolean): Promise<PrintResult> {
    let conn: Connection | undefined;
    let writing = false;
    try {
      conn = await link.open(timeoutMs);
      if (answers !== false || forceAsk) {
        const st = await ask(conn);
        if (st) {
          answers = true;
          const pinBefore = drawerPin;
          drawerPin = st.drawerPin;
          if (drawerPin !== undefined && drawerPin !== pinBefore) drawerPinListeners.emit(drawerPin);
          base.setStatus(bytes && st.status === 'ready' ? 'busy' : st.status);
          const refused = REFUSE[st.status];
          if (refused) return failure(refused);
        } else if (answers === undefined || forceAsk) answers = answers ?? false;
      }
      if (bytes) {
        writing = true;
        await conn.write(bytes, timeoutMs);
      }
      lastError = null;
      return { ok: true };
    } catch (e) {
      const le = e instanceof LinkError ? e : new LinkError('PRINTER_ERROR', String((e as Error)?.message ?? e));
      lastError = le.message;
      if (le.code !== 'PRINTER_ERROR') base.setStatus('offline');
      const res = failure(le.code === 'PRINTER_PERMISSION' ? 'PRINTER_OFFLINE' : le.code, undefined);
      // Part of the job may be on paper already: its reprint must not pass for the original.
      return writing ? { ...res, maybePrinted: true } : res;
    } finally {
      await conn?.close().catch(() => undefined);
    }
  }

  const base: PrinterBase = createPrinterBase({
    kind: link.kind,
    initial: 'ready',
    send: (job: PrintJob) => exclusive(() => session(job.bytes, false)),
    ...opts.keeper,
  });

  async function check(): Promise<PrinterStatus> {
    if (closed) return base.status();
    const before = base.status();
    const res = await exclusive(() => session(null, true));
    // A one-way printer that can be opened again is back.
    if (res.ok && answers !== true && (before === 'offline' || before === 'busy')) base.setStatus('ready');
    const now = base.status();
    if ((now === 'ready' || now === 'paper-low') && base.pending().length) await base.reprintPending();
    return base.status();
  }

  let timer: ReturnType<typeof setInterval> | null = null;
  if (opts.pollMs !== 0) {
    let polling = false;
    timer = setInterval(() => {
      if (polling) return;
      polling = true;
      check().finally(() => (polling = false));
    }, opts.pollMs ?? 3000);
    timer.unref?.();
  }

  const originalClose = base.close;
  return Object.assign(base, {
    target: link.target,
    check,
    sendRaw: (bytes: Uint8Array) => exclusive(() => session(bytes, false)),
    drawerPin: () => drawerPin,
    onDrawerPin: drawerPinListeners.add,
    lastError: () => lastError,
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      await originalClose();
    },
  });
}
