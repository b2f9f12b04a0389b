/**
 * Sales slice: how many sales, and the last receipt sequence issued per register (parsed from the
 * receipt number "R1-000042"), so receipt numbers continue after a restart without scanning history.
 * Returns print receipts from the same sequence (docs/returns.md): their numbers count here too.
 */
import type { SaleRecord } from '../../domain/sale.js';
import type { JournalEvent, ProjectionModule, StoreState } from '../types.js';
import { getOwn, setOwn } from './own.js';

export type SalesSlice = StoreState['sales'];

export const SALE_COMMITTED = 'sale.committed';
/** The same string as domain/returns RETURN_COMMITTED (kept here so the slice has no feature import). */
const RETURN_COMMITTED = 'return.committed';

export interface SaleCommitted {
  sale: SaleRecord;
}

/** Sequence part of a receipt number: the digits after the last "-". */
export function receiptSeqOf(receiptNo: unknown): number | undefined {
  if (typeof receiptNo !== 'string') return undefined;
  const m = /-(\d+)$/.exec(receiptNo);
  return m ? Number(m[1]) : undefined;
}

/** The same string as src/sync/ledger.ts CHAIN_JOINED: a register seeded from the chain (docs/chain.md). */
const CHAIN_JOINED = 'chain.joined';

/**
 * A register that replaces one under the same id continues its receipt numbers: the seed names the
 * last receipt the chain holds for it (a new register id has none), so no number is issued twice.
 */
function seedReceipts(slice: SalesSlice, data: unknown): void {
  const last = (data as { lastReceipt?: unknown } | null)?.lastReceipt;
  if (!last || typeof last !== 'object') return;
  for (const [reg, n] of Object.entries(last as Record<string, unknown>))
    if (typeof n === 'number' && Number.isSafeInteger(n) && n > (getOwn(slice.lastReceipt, reg) ?? 0)) setOwn(slice.lastReceipt, reg, n);
}

export const salesProjection: ProjectionModule<SalesSlice> = {
  name: 'sales',
  // 2: return receipts advance the sequence.
  version: 2,
  initial: () => ({ count: 0, lastReceipt: {} }),
  apply(slice, ev: JournalEvent) {
    if (ev.type === CHAIN_JOINED) return seedReceipts(slice, ev.data);
    if (ev.type !== SALE_COMMITTED && ev.type !== RETURN_COMMITTED) return;
    const d = ev.data as { sale?: Partial<SaleRecord>; return?: { receiptNo?: unknown; register?: unknown } } | null;
    const sale = ev.type === SALE_COMMITTED ? d?.sale : d?.return;
    if (!sale || typeof sale !== 'object') return;
    if (ev.type === SALE_COMMITTED) slice.count++;
    const n = receiptSeqOf(sale.receiptNo);
    const reg = typeof sale.register === 'string' ? sale.register : ev.register;
    if (n !== undefined && n > (getOwn(slice.lastReceipt, reg) ?? 0)) setOwn(slice.lastReceipt, reg, n);
  },
};

/** The receipt sequence the next sale on this register gets. */
export const nextReceiptSeq = (state: StoreState, register: string): number => (getOwn(state.sales.lastReceipt, register) ?? 0) + 1;
