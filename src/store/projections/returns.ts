/**
 * Returns slice: where each receipt is in the journal, and what the returns of each sale took back.
 *
 * - `receipts`: per register, the journal sequence of every receipt it issued, at the position of
 *   the receipt's number ("R1-000042" -> receipts.R1[41]); sales and returns share the sequence, a
 *   return's entry is negative, 0 is a number never issued. A scanned or typed receipt number finds
 *   its `sale.committed` line in the journal by that seq (one read, never a walk), and a return's
 *   own receipt is told apart. An array of numbers is what keeps a million receipts small (about 8
 *   bytes each in memory, 7 in the snapshot) where a map keyed by receipt number would take ~60.
 * - `sales`: by sale id, only for sales something was returned of: the quantities per line, the money
 *   per tender, cash, points and spend taken back (domain/returns/fold.ts).
 */
import { foldReturn } from '../../domain/returns/fold.js';
import { noReturns, RETURN_COMMITTED, type ReturnCommitted, type SaleReturns } from '../../domain/returns/types.js';
import type { JournalEvent, ProjectionModule, StoreState } from '../types.js';
import { appendOnly, setAt } from './append-only.js';
import { getOwn, setOwn } from './own.js';
import { SALE_COMMITTED, type SaleCommitted } from './sales.js';

export const RETURNS_SLICE = 'returns';

export interface ReturnsSlice {
  receipts: Record<string, number[]>;
  sales: Record<string, SaleReturns>;
}

/**
 * Receipt numbers past this in one register are not indexed (a number that large is not one the
 * register issued: its sequence counts up from 1); the receipt is then unknown to returns.
 */
export const MAX_INDEXED_RECEIPT = 10_000_000;

/** "R1-000042" -> ["R1", 42]; null for anything else. */
export function parseReceiptNo(receiptNo: unknown): [string, number] | null {
  if (typeof receiptNo !== 'string') return null;
  const m = /^(.+)-(\d{1,12})$/.exec(receiptNo);
  if (!m) return null;
  const n = Number(m[2]);
  return n >= 1 && n <= MAX_INDEXED_RECEIPT ? [m[1], n] : null;
}

function index(slice: ReturnsSlice, receiptNo: unknown, entry: number): void {
  const p = parseReceiptNo(receiptNo);
  if (!p) return;
  const [reg, n] = p;
  let list = getOwn(slice.receipts, reg);
  if (!list) setOwn(slice.receipts, reg, (list = appendOnly([])));
  while (list.length < n - 1) list.push(0);
  if (list.length < n) list.push(entry);
  // A number issued twice (it never is) keeps its first line: that is the receipt that was printed.
  // A gap filled later (a number issued out of order) is the one change in place (append-only.ts).
  else if (list[n - 1] === 0) setAt(list, n - 1, entry);
}

/** The receipt lists only grow: a snapshot's cut takes them by their length (append-only.ts). */
function markLists(slice: ReturnsSlice): void {
  if (!slice || typeof slice.receipts !== 'object' || slice.receipts === null) return;
  for (const k of Object.keys(slice.receipts)) {
    const list = slice.receipts[k];
    if (Array.isArray(list) && list.every((x) => typeof x === 'number')) appendOnly(list);
  }
}

export const returnsProjection: ProjectionModule<ReturnsSlice> = {
  name: RETURNS_SLICE,
  // 2: returns without a receipt (no `sale`) are indexed by their receipt number too.
  version: 2,
  initial: () => ({ receipts: {}, sales: {} }),
  adopt: markLists,
  apply(slice, ev: JournalEvent) {
    if (ev.type === SALE_COMMITTED) {
      const sale = (ev.data as SaleCommitted | null)?.sale;
      if (sale && typeof sale === 'object') index(slice, sale.receiptNo, ev.seq);
      return;
    }
    if (ev.type !== RETURN_COMMITTED) return;
    const r = (ev.data as ReturnCommitted | null)?.return;
    if (!r || typeof r !== 'object') return;
    // A return without a receipt has a number too (its scan is refused as a return's); it reverses no sale.
    index(slice, r.receiptNo, -ev.seq);
    if (!r.sale || typeof r.sale.saleId !== 'string') return;
    let so = getOwn(slice.sales, r.sale.saleId);
    if (!so) setOwn(slice.sales, r.sale.saleId, (so = noReturns()));
    foldReturn(so, r);
  },
};

// ---- queries (read-only) ----

export const returnsOf = (state: StoreState): ReturnsSlice => (state[RETURNS_SLICE] as ReturnsSlice | undefined) ?? returnsProjection.initial();

/** Where a receipt is: the journal seq of its sale, or of its return, or null when it was never issued here. */
export function receiptEntry(state: StoreState, receiptNo: string): { kind: 'sale' | 'return'; seq: number } | null {
  const p = parseReceiptNo(receiptNo);
  if (!p) return null;
  const list = getOwn(returnsOf(state).receipts, p[0]);
  const e = list?.[p[1] - 1] ?? 0;
  if (!Number.isSafeInteger(e) || e === 0) return null;
  return e > 0 ? { kind: 'sale', seq: e } : { kind: 'return', seq: -e };
}

/** What earlier returns of a sale took back (nothing yet: all zero). */
export const saleReturns = (state: StoreState, saleId: string): SaleReturns => getOwn(returnsOf(state).sales, saleId) ?? noReturns();
