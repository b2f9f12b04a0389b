/**
 * A report as CSV for a spreadsheet: one row per figure, `section,item,count,amount`, amounts as
 * plain decimals of the store currency ("12.50"), points in points. Read from the same ShiftReport
 * as the printed report.
 */
import { csvLine } from '../csv.js';
import { currency as currencyOf, toDecimalString, type Minor } from '../money.js';
import { formatUnits } from '../loyalty/units.js';
import type { ShiftReport } from './report.js';

export const REPORT_CSV_HEADER = 'section,item,count,amount';

export function reportCsv(r: ShiftReport): string[] {
  const cur = currencyOf(r.currency);
  const dec = (m: Minor | null) => (m === null ? '' : toDecimalString(m, cur));
  const rows: (string | number)[][] = [];
  // A name from the catalog or a typed reason never reaches a spreadsheet as a formula.
  const inert = (item: string) => (/^[=+\-@\t\r]/.test(item) ? `'${item}` : item);
  const add = (section: string, item: string, count: number | string, amount: Minor | null | string) => rows.push([section, inert(item), count, typeof amount === 'string' ? amount : dec(amount)]);
  add('report', r.kind, r.z ?? '', '');
  add('report', 'register', '', r.register ?? 'all');
  if (r.shiftId) add('report', 'shift', '', r.shiftId);
  if (r.from) add('report', 'from', '', r.from);
  if (r.to) add('report', 'to', '', r.to);
  // Who: the name with the id beside it (the id alone when the store does not know it).
  const who = (id: string | null, name: string | null | undefined) => (id === null ? '' : name ? `${name} (${id})` : id);
  if (r.openedAt) add('report', 'opened', '', r.openedAt);
  if (r.openedBy) add('report', 'opened by', '', who(r.openedBy, r.openedByName));
  if (r.closedAt) add('report', 'closed', '', r.closedAt);
  if (r.closedBy) add('report', 'closed by', '', who(r.closedBy, r.closedByName));
  add('report', 'copy', '', r.copy ? 'yes' : 'no');
  const s = r.sales;
  add('sales', 'sales', s.count, s.total);
  add('sales', 'items', s.items, '');
  add('sales', 'gross', '', s.gross);
  add('sales', 'discounts', s.discounts.count, s.discounts.amount);
  add('sales', 'net', '', s.net);
  add('sales', 'tax', '', s.tax);
  for (const x of r.taxes) {
    add('tax', `${x.taxClass} ${x.ratePct}% net`, '', x.net);
    add('tax', `${x.taxClass} ${x.ratePct}% tax`, '', x.tax);
  }
  for (const x of r.categories) add('category', x.category, x.qty, x.amount);
  for (const p of r.payments) add('payment', p.method, p.count, p.amount);
  const x = r.returns;
  if (x) {
    add('returns', 'returns', x.count, x.total);
    add('returns', 'items', x.items, '');
    add('returns', 'discounts reversed', '', x.discounts);
    add('returns', 'net', '', x.net);
    add('returns', 'tax', '', x.tax);
    for (const t of x.taxes) {
      add('return tax', `${t.taxClass} ${t.ratePct}% net`, '', t.net);
      add('return tax', `${t.taxClass} ${t.ratePct}% tax`, '', t.tax);
    }
    for (const k of x.categories) add('return category', k.category, k.qty, k.amount);
    for (const f of x.refunds) add('refund', f.method, f.count, f.amount);
    add('returns', 'cash rounding', '', x.rounding);
    add('gift cards', 'returned unspent', x.giftcards.returned.count, x.giftcards.returned.value);
    add('gift cards', 'refunded onto cards', x.giftcards.refunded.count, x.giftcards.refunded.amount);
  }
  const k = r.cash;
  if (k.float !== null) add('cash', 'float', '', k.float);
  add('cash', 'sales', '', k.sales);
  add('cash', 'rounding', '', k.rounding);
  add('cash', 'in', k.in.count, k.in.amount);
  add('cash', 'out', k.out.count, k.out.amount);
  if (k.refunds) add('cash', 'refunded', k.refunds.count, k.refunds.amount);
  for (const m of k.moves)
    add('cash move', `${m.at} ${m.direction} ${m.reason} by ${who(m.operator, m.operatorName)}${m.approvedBy ? ` (approved by ${who(m.approvedBy, m.approvedByName)})` : ''}`, '', m.direction === 'out' ? -m.amount : m.amount);
  if (k.expected !== null) add('cash', 'expected', '', k.expected);
  if (k.counted !== null) add('cash', 'counted', '', k.counted);
  for (const c of k.count ?? []) add('cash count', dec(c.value), c.pieces, c.amount);
  if (k.difference !== null) add('cash', 'difference', '', k.difference);
  add('voids', 'voided sales', r.voids.count, r.voids.amount);
  add('no-sales', 'drawer opened without a sale', r.noSales.count, '');
  add('gift cards', 'sold value', r.giftcards.sold.count, r.giftcards.sold.value);
  add('gift cards', 'sold price', r.giftcards.sold.count, r.giftcards.sold.price);
  add('gift cards', 'topped up', r.giftcards.loaded?.count ?? 0, r.giftcards.loaded?.amount ?? 0);
  add('gift cards', 'redeemed', r.giftcards.redeemed.count, r.giftcards.redeemed.amount);
  if (r.giftcards.liability) {
    add('gift cards', 'outstanding', '', r.giftcards.liability.outstanding);
    add('gift cards', 'blocked', '', r.giftcards.liability.blocked);
  }
  for (const p of r.points) {
    add('points', `${p.programId} earned`, formatUnits(p.earned, p.decimals), p.earnedValue);
    add('points', `${p.programId} spent`, formatUnits(p.spent, p.decimals), p.spentValue);
    add('points', `${p.programId} expired`, formatUnits(p.expired, p.decimals), p.expiredValue);
    add('points', `${p.programId} adjusted`, formatUnits(p.other, p.decimals), '');
  }
  for (const o of r.operators) add('operator', `${o.operator} ${o.name}`, o.count, o.amount);
  for (const d of r.days ?? []) add('day', d.day, d.count, d.total);
  for (const z of r.shifts ?? []) add('z', `${z.register} ${z.closedAt}`, z.z, z.difference);
  add('receipts', 'first', '', r.receipts.first ?? '');
  add('receipts', 'last', '', r.receipts.last ?? '');
  add('journal', 'first event', r.journal.firstSeq ?? '', '');
  add('journal', 'last event', r.journal.lastSeq ?? '', '');
  if (r.journal.covers) add('journal', 'covers', r.journal.covers.seq, r.journal.covers.hash);
  return [REPORT_CSV_HEADER, ...rows.map(csvLine)];
}
