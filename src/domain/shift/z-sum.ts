/**
 * Z reports across registers (`till hq report`): each Z as one line of its main figures, and their
 * sum. The figures are the Z's own (the same ShiftReport `till report z` prints), so a total is the
 * sum of what each register printed — nothing is recomputed here.
 */
import { csvLine } from '../csv.js';
import { currency as currencyOf, toDecimalString, type Minor } from '../money.js';
import type { ShiftReport } from './report.js';

export interface ZLine {
  /** Register id; null on the total. */
  register: string | null;
  z: number | null;
  closedAt: string | null;
  sales: number;
  items: number;
  gross: Minor;
  discounts: Minor;
  net: Minor;
  tax: Minor;
  total: Minor;
  returns: number;
  returned: Minor;
  voids: number;
  /** Per tender method: what it contributed to the sales. */
  payments: Record<string, Minor>;
  cashExpected: Minor;
  cashCounted: Minor;
  cashDifference: Minor;
}

export function zLine(r: ShiftReport): ZLine {
  const payments: Record<string, Minor> = {};
  for (const p of r.payments) payments[p.method] = (payments[p.method] ?? 0) + p.amount;
  return {
    register: r.register,
    z: r.z,
    closedAt: r.closedAt,
    sales: r.sales.count,
    items: r.sales.items,
    gross: r.sales.gross,
    discounts: r.sales.discounts.amount,
    net: r.sales.net,
    tax: r.sales.tax,
    total: r.sales.total,
    returns: r.returns.count,
    returned: r.returns.total,
    voids: r.voids.count,
    payments,
    cashExpected: r.cash.expected ?? 0,
    cashCounted: r.cash.counted ?? 0,
    cashDifference: r.cash.difference ?? 0,
  };
}

const NUMERIC = ['sales', 'items', 'gross', 'discounts', 'net', 'tax', 'total', 'returns', 'returned', 'voids', 'cashExpected', 'cashCounted', 'cashDifference'] as const;

/** The sum of Z lines (register and Z number null). */
export function sumZ(lines: readonly ZLine[]): ZLine {
  const t: ZLine = { register: null, z: null, closedAt: null, sales: 0, items: 0, gross: 0, discounts: 0, net: 0, tax: 0, total: 0, returns: 0, returned: 0, voids: 0, payments: {}, cashExpected: 0, cashCounted: 0, cashDifference: 0 };
  for (const l of lines) {
    for (const k of NUMERIC) t[k] += l[k];
    for (const [m, a] of Object.entries(l.payments)) t.payments[m] = (t.payments[m] ?? 0) + a;
  }
  return t;
}

/** Payment methods of the lines, in a stable order (cash first, then by name). */
export const methodsOf = (lines: readonly ZLine[]): string[] => [...new Set(lines.flatMap((l) => Object.keys(l.payments)))].sort((a, b) => (a === 'cash' ? -1 : b === 'cash' ? 1 : a.localeCompare(b)));

export const Z_CSV_COLUMNS = ['register', 'z', 'closed_at', 'sales', 'items', 'gross', 'discounts', 'net', 'tax', 'total', 'returns', 'returned', 'voids', 'cash_expected', 'cash_counted', 'cash_difference'];

/** One CSV row per Z and a `total` row; amounts as decimals of the currency, a column per payment method. */
export function zCsv(lines: readonly ZLine[], currency: string): string[] {
  const cur = currencyOf(currency);
  const dec = (m: Minor) => toDecimalString(m, cur);
  const methods = methodsOf(lines);
  const row = (l: ZLine) => [
    l.register ?? 'total',
    l.z ?? '',
    l.closedAt ?? '',
    l.sales,
    l.items,
    dec(l.gross),
    dec(l.discounts),
    dec(l.net),
    dec(l.tax),
    dec(l.total),
    l.returns,
    dec(l.returned),
    l.voids,
    dec(l.cashExpected),
    dec(l.cashCounted),
    dec(l.cashDifference),
    ...methods.map((m) => dec(l.payments[m] ?? 0)),
  ];
  return [csvLine([...Z_CSV_COLUMNS, ...methods.map((m) => `pay_${m}`)]), ...lines.map((l) => csvLine(row(l))), csvLine(row(sumZ(lines)))];
}
