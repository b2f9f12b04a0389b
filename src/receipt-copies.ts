/**
 * Reprinting any receipt by number, marked COPY (issue 11): what the cashier typed or scanned is
 * looked up through the returns projection's receipt index and read back from the journal (one read,
 * never a walk), so it works after a restart and for every receipt this register printed — sales and
 * returns alike. A copy never passes for the original: its bytes and text carry the receipt
 * language's "*** COPY ***" banner (copyMarker), and its print job has its own id, so a copy waiting
 * for paper never takes the place of an original still in the durable print queue.
 */
import type { Hardware, PrintJob } from '../hardware/types.js';
import type { TillConfig } from './domain/config.js';
import { fail, ok, type Result } from './domain/errors.js';
import { formatReceiptNo, type SaleRecord } from './domain/sale.js';
import { receiptNoOf } from './domain/scan-kind.js';
import type { ReturnCommitted } from './domain/returns/types.js';
import { buildPrintJob, buildReturnPrintJob, copyMarker, returnReceiptText, receiptText, type ReceiptSectionsProvider } from './receipt-job.js';
import { receiptEntry } from './store/projections/returns.js';
import type { SaleCommitted } from './store/projections/sales.js';
import type { Store } from './store/types.js';

/** A receipt found in the journal, ready to show and to print again. */
export interface ReceiptCopy {
  receiptNo: string;
  kind: 'sale' | 'return';
  /** The receipt as printed (plain text), without the COPY banner: what the screen shows. */
  text: string;
  /** The print job of the copy (banner included). */
  job: PrintJob;
}

export interface ReceiptCopies {
  /** The receipt of `text` ("42", "R1-000042", a scanned receipt barcode), or the register's last one for null or "". */
  find(text: string | null): Result<ReceiptCopy>;
  /** Prints the copy; a printer failure keeps the job for a reprint, like any receipt. */
  print(copy: ReceiptCopy): Promise<{ ok: boolean; code?: string }>;
  /** The copy of a sale in hand (the last one, on the paid or receipt screen). */
  ofSale(sale: SaleRecord): ReceiptCopy;
}

export interface ReceiptCopiesOptions {
  config: TillConfig;
  store: Store;
  hardware: Pick<Hardware, 'printer'>;
  sections: ReceiptSectionsProvider;
  operatorName: (id: string) => string | undefined;
  /** Each print's outcome (the register's printer status). */
  printed: (receiptNo: string, res: { ok: boolean; code?: string; message?: string } | null, error?: Error) => void;
}

/** Receipt numbers look like "R1-000042". */
const RECEIPT_NO = /^[A-Za-z0-9_-]{1,16}-\d{6,}$/;

/**
 * What was typed or scanned, as candidate receipt numbers: a bare number is this register's
 * ("42" -> "R1-000042"), a whole number is taken as it is, a receipt barcode loses its prefix.
 */
export function receiptCandidates(text: string, register: string, receiptPrefix: string): string[] {
  const t = text.trim();
  const out: string[] = [];
  if (/^\d{1,9}$/.test(t) && Number(t) > 0) out.push(formatReceiptNo(register, Number(t)));
  if (RECEIPT_NO.test(t)) out.push(t);
  const scanned = receiptNoOf(t, receiptPrefix);
  if (scanned) out.push(scanned);
  return out;
}

export function createReceiptCopies(o: ReceiptCopiesOptions): ReceiptCopies {
  const { config, store } = o;
  const register = config.register.id;
  const mark = copyMarker(config);
  const copyOf = (receiptNo: string, job: PrintJob) => ({ ...mark(job), id: `copy:${receiptNo}` });

  const ofSale = (sale: SaleRecord): ReceiptCopy => ({ receiptNo: sale.receiptNo, kind: 'sale', text: receiptText(sale, config, o.sections), job: copyOf(sale.receiptNo, buildPrintJob(sale, config, o.sections)) });

  function read(receiptNo: string): Result<ReceiptCopy> | null {
    const hit = receiptEntry(store.state, receiptNo);
    if (!hit) return null;
    const ev = store.readEvents?.([hit.seq]).get(hit.seq);
    const unreadable = () => fail<ReceiptCopy>('RECEIPT_UNREADABLE', 'The sale of receipt {receipt} cannot be read from the journal. Ask the manager to run `till journal verify`.', { receipt: receiptNo });
    if (hit.kind === 'sale') {
      const sale = (ev?.data as SaleCommitted | undefined)?.sale;
      if (!ev || ev.type !== 'sale.committed' || !sale || sale.receiptNo !== receiptNo) return unreadable();
      return ok(ofSale(sale));
    }
    const r = (ev?.data as ReturnCommitted | undefined)?.return;
    if (!ev || ev.type !== 'return.committed' || !r || r.receiptNo !== receiptNo) return unreadable();
    return ok({ receiptNo, kind: 'return', text: returnReceiptText(r, config, o.operatorName), job: copyOf(receiptNo, buildReturnPrintJob(r, config, o.operatorName)) });
  }

  return {
    ofSale,
    find(text) {
      const typed = (text ?? '').trim();
      if (typed === '') {
        const last = store.state.sales.lastReceipt[register];
        if (!last) return fail('NO_LAST_RECEIPT', 'There is no receipt yet.');
        return read(formatReceiptNo(register, last)) ?? fail('NO_LAST_RECEIPT', 'There is no receipt yet.');
      }
      for (const no of receiptCandidates(typed, register, config.codes.receiptPrefix)) {
        const r = read(no);
        if (r) return r;
      }
      return fail('RECEIPT_UNKNOWN', 'Receipt {receipt} was not issued by this store or register. Check the number.', { receipt: typed.slice(0, 40) });
    },
    async print(copy) {
      try {
        const res = await o.hardware.printer.print(copy.job);
        o.printed(copy.receiptNo, res);
        return res.ok ? { ok: true } : { ok: false, code: res.code ?? 'PRINTER_ERROR' };
      } catch (e) {
        o.printed(copy.receiptNo, null, e as Error);
        return { ok: false, code: 'PRINTER_ERROR' };
      }
    },
  };
}
