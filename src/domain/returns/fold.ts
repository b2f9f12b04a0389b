/**
 * What the returns of a sale took back: folds one `return.committed` record into the sale's running
 * figures (types.ts SaleReturns) in place. The returns projection and the tests fold with this one
 * function. Like every fold it never throws and ignores what is malformed (validation is plan.ts's).
 */
import { getOwn, setOwn } from '../shift/records.js';
import type { ReturnRecord, SaleReturns } from './types.js';

const int = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export function foldReturn(s: SaleReturns, r: Partial<ReturnRecord>): void {
  for (const l of list<{ lineId?: unknown; qty?: unknown }>(r.lines))
    if (typeof l.lineId === 'string') setOwn(s.qty, l.lineId, (getOwn(s.qty, l.lineId) ?? 0) + int(l.qty));
  for (const f of list<{ tenderId?: unknown; amount?: unknown }>(r.refunds))
    if (typeof f.tenderId === 'string') setOwn(s.tenders, f.tenderId, (getOwn(s.tenders, f.tenderId) ?? 0) + int(f.amount));
  s.cashDue += int(r.cash?.due);
  s.cashGiven += int(r.cash?.given);
  s.total += int(r.total);
  for (const p of list<{ programId?: unknown; returned?: unknown; clawedBack?: unknown; unrecovered?: unknown }>(r.loyalty?.programs)) {
    if (typeof p.programId !== 'string') continue;
    let row = getOwn(s.points, p.programId);
    if (!row) setOwn(s.points, p.programId, (row = { returned: 0, taken: 0 }));
    row.returned += int(p.returned);
    row.taken += int(p.clawedBack) + int(p.unrecovered);
  }
  s.spend += int(r.loyalty?.spend);
  if (typeof r.receiptNo === 'string') s.receipts.push(r.receiptNo);
}
