/**
 * The X, Z and sales-range reports as plain data: built by pure functions from a shift's running
 * totals (or a range's), never from the journal. The printed layout (report-layout.ts), the CSV
 * (report-csv.ts), headless and `--json` all read this one document, so they cannot disagree.
 * A Z is built from a closed shift, which the fold never changes again: a reprint is the same
 * report with `copy` set.
 */
import type { Minor } from '../money.js';
import { countRows } from '../denominations.js';
import { emptyReturnTotals, expectedCash } from './totals.js';
import type { CashMove, CountAmount, GiftCardLiability, ReturnTotals, Shift, ShiftTotals } from './types.js';

export type ReportKind = 'X' | 'Z' | 'SALES';

export interface CountRow {
  value: Minor;
  pieces: number;
  amount: Minor;
}

export interface ShiftReport {
  kind: ReportKind;
  /** A reprint of a Z (or of any report already printed once): printed with "COPY". */
  copy: boolean;
  currency: string;
  /** Register of the shift; for a sales range, the register filter or null for all. */
  register: string | null;
  shiftId: string | null;
  /** Z counter of a Z report. */
  z: number | null;
  /** Opened by the register at its first sale (shift.mode "auto"). */
  auto: boolean;
  openedAt: string | null;
  openedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  /** The operators' names beside their ids (nameOperators): what the report prints, the CSV and JSON carry. */
  openedByName?: string | null;
  closedByName?: string | null;
  /** A sales range: local dates, inclusive. */
  from: string | null;
  to: string | null;
  printedAt: string;
  sales: ShiftTotals['sales'];
  taxes: { taxClass: string; ratePct: number; net: Minor; tax: Minor; gross: Minor }[];
  categories: { category: string; qty: number; amount: Minor }[];
  payments: { method: string; count: number; amount: Minor }[];
  cash: {
    /** Null for a sales range (floats belong to shifts). */
    float: Minor | null;
    floatCount: CountRow[] | null;
    sales: Minor;
    rounding: Minor;
    in: CountAmount;
    out: CountAmount;
    moves: CashMove[];
    /** Cash handed back by returns. */
    refunds: CountAmount;
    expected: Minor | null;
    counted: Minor | null;
    count: CountRow[] | null;
    difference: Minor | null;
  };
  voids: CountAmount;
  noSales: { count: number; approved: number };
  giftcards: ShiftTotals['giftcards'] & { liability: GiftCardLiability | null };
  points: { programId: string; name: string; decimals: number; earned: number; spent: number; expired: number; other: number; spentValue: Minor; earnedValue: Minor | null; expiredValue: Minor | null }[];
  operators: { operator: string; name: string; count: number; amount: Minor }[];
  receipts: { first: string | null; last: string | null };
  /** What returns gave back (sales figures above are what was sold). */
  returns: {
    count: number;
    items: number;
    gross: Minor;
    discounts: Minor;
    net: Minor;
    tax: Minor;
    total: Minor;
    taxes: { taxClass: string; ratePct: number; net: Minor; tax: Minor; gross: Minor }[];
    categories: { category: string; qty: number; amount: Minor }[];
    refunds: { method: string; count: number; amount: Minor }[];
    rounding: Minor;
    giftcards: ReturnTotals['giftcards'];
  };
  journal: { firstSeq: number | null; lastSeq: number | null; covers: { seq: number; hash: string } | null };
  /** A sales range: per local day, and the Z reports closed in it. */
  days?: { day: string; count: number; total: Minor }[];
  shifts?: { register: string; z: number; closedAt: string; expected: Minor; counted: Minor; difference: Minor }[];
}

/** Payment methods in the order a report lists them; others follow by name. */
const METHOD_ORDER = ['cash', 'card', 'giftcard', 'points'];

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const rank = (m: string) => (METHOD_ORDER.includes(m) ? METHOD_ORDER.indexOf(m) : METHOD_ORDER.length);

function returnsSection(t: ShiftTotals): ShiftReport['returns'] {
  // A slice folded before returns existed has none (the projection's version bump rebuilds it).
  const x = t.returns ?? emptyReturnTotals();
  return {
    count: x.count,
    items: x.items,
    gross: x.gross,
    discounts: x.discounts,
    net: x.net,
    tax: x.tax,
    total: x.total,
    taxes: Object.entries(x.taxes)
      .sort(([a], [b]) => byName(a, b))
      .map(([taxClass, r]) => ({ taxClass, ratePct: r.ratePct, net: r.net, tax: r.tax, gross: r.net + r.tax })),
    categories: Object.entries(x.categories)
      .sort(([a], [b]) => byName(a, b))
      .map(([category, r]) => ({ category, qty: r.qty, amount: r.amount })),
    refunds: Object.entries(x.refunds)
      .sort(([a], [b]) => rank(a) - rank(b) || byName(a, b))
      .map(([method, r]) => ({ method, count: r.count, amount: r.amount })),
    rounding: x.rounding,
    giftcards: { returned: { ...x.giftcards.returned }, refunded: { ...x.giftcards.refunded } },
  };
}

function sections(t: ShiftTotals): Pick<ShiftReport, 'sales' | 'taxes' | 'categories' | 'payments' | 'voids' | 'noSales' | 'points' | 'operators' | 'receipts' | 'returns'> & { giftcards: ShiftTotals['giftcards'] } {
  return {
    sales: { ...t.sales, discounts: { ...t.sales.discounts } },
    taxes: Object.entries(t.taxes)
      .sort(([a], [b]) => byName(a, b))
      .map(([taxClass, r]) => ({ taxClass, ratePct: r.ratePct, net: r.net, tax: r.tax, gross: r.net + r.tax })),
    categories: Object.entries(t.categories)
      .sort(([a], [b]) => byName(a, b))
      .map(([category, r]) => ({ category, qty: r.qty, amount: r.amount })),
    payments: Object.entries(t.payments)
      .sort(([a], [b]) => rank(a) - rank(b) || byName(a, b))
      .map(([method, r]) => ({ method, count: r.count, amount: r.amount })),
    voids: { ...t.voids },
    noSales: { ...t.noSales },
    giftcards: { sold: { ...t.giftcards.sold }, loaded: { count: 0, amount: 0, ...t.giftcards.loaded }, redeemed: { ...t.giftcards.redeemed } },
    points: Object.entries(t.points)
      .sort(([a], [b]) => byName(a, b))
      .map(([programId, r]) => ({ programId, ...r })),
    operators: Object.entries(t.operators)
      .sort(([a], [b]) => byName(a, b))
      .map(([operator, r]) => ({ operator, name: r.name, count: r.count, amount: r.amount })),
    receipts: { ...t.receipts },
    returns: returnsSection(t),
  };
}

/**
 * X (the open shift, any time) or Z (a closed shift). `liability` is the store's gift-card liability
 * now, for an X; a Z prints the liability recorded when it closed.
 */
export function buildShiftReport(shift: Shift, opts: { currency: string; printedAt: string; copy?: boolean; liability?: GiftCardLiability }): ShiftReport {
  const c = shift.closed;
  const s = sections(shift.totals);
  return {
    kind: c ? 'Z' : 'X',
    copy: opts.copy === true,
    currency: opts.currency,
    register: shift.register,
    shiftId: shift.shiftId,
    z: c ? c.z : null,
    auto: shift.auto,
    openedAt: shift.openedAt,
    openedBy: shift.openedBy,
    closedAt: c?.at ?? null,
    closedBy: c?.by ?? null,
    from: null,
    to: null,
    printedAt: opts.printedAt,
    ...s,
    cash: {
      float: shift.float,
      floatCount: shift.floatCount ? countRows(shift.floatCount) : null,
      sales: shift.totals.cash.sales,
      rounding: shift.totals.cash.rounding,
      in: { ...shift.totals.cash.in },
      out: { ...shift.totals.cash.out },
      moves: shift.totals.cash.moves.map((m) => ({ ...m })),
      refunds: { ...(shift.totals.cash.refunds ?? { count: 0, amount: 0 }) },
      expected: c ? c.expected : expectedCash(shift),
      counted: c ? c.counted : null,
      count: c?.count ? countRows(c.count) : null,
      difference: c ? c.difference : null,
    },
    giftcards: { ...s.giftcards, liability: c ? { ...c.liability } : opts.liability ? { ...opts.liability } : null },
    journal: { firstSeq: shift.firstSeq, lastSeq: shift.lastSeq, covers: c ? { ...c.covers } : null },
  };
}

/** Totals over a date range (till report sales), with per-day rows and the Zs closed in the range. */
export function buildRangeReport(
  t: ShiftTotals,
  opts: {
    currency: string;
    printedAt: string;
    from: string;
    to: string;
    register: string | null;
    firstSeq: number | null;
    lastSeq: number | null;
    days: { day: string; count: number; total: Minor }[];
    shifts: NonNullable<ShiftReport['shifts']>;
  },
): ShiftReport {
  const s = sections(t);
  return {
    kind: 'SALES',
    copy: false,
    currency: opts.currency,
    register: opts.register,
    shiftId: null,
    z: null,
    auto: false,
    openedAt: null,
    openedBy: null,
    closedAt: null,
    closedBy: null,
    from: opts.from,
    to: opts.to,
    printedAt: opts.printedAt,
    ...s,
    cash: { float: null, floatCount: null, sales: t.cash.sales, rounding: t.cash.rounding, in: { ...t.cash.in }, out: { ...t.cash.out }, moves: t.cash.moves.map((m) => ({ ...m })), refunds: { ...(t.cash.refunds ?? { count: 0, amount: 0 }) }, expected: null, counted: null, count: null, difference: null },
    giftcards: { ...s.giftcards, liability: null },
    journal: { firstSeq: opts.firstSeq, lastSeq: opts.lastSeq, covers: null },
    days: opts.days.map((d) => ({ ...d })),
    shifts: opts.shifts.map((z) => ({ ...z })),
  };
}

/**
 * The report with its operators named: who opened and closed the shift, who made and approved each
 * cash movement, and each row of sales per operator (the name the sale recorded, else the store's).
 * Ids stay beside the names; an id the store does not know keeps no name (it is printed as the id).
 * The printed report, the screen, headless, `till report` text, CSV and JSON all read these names.
 */
export function nameOperators(r: ShiftReport, nameOf: (id: string) => string | undefined): ShiftReport {
  const name = (id: string | null): string | null => (id === null ? null : (nameOf(id) ?? null));
  return {
    ...r,
    openedByName: name(r.openedBy),
    closedByName: name(r.closedBy),
    operators: r.operators.map((o) => ({ ...o, name: o.name && o.name !== o.operator ? o.name : (nameOf(o.operator) ?? o.name) })),
    cash: {
      ...r.cash,
      moves: r.cash.moves.map((m) => {
        const out: CashMove = { ...m };
        const by = nameOf(m.operator);
        if (by) out.operatorName = by;
        const ok = m.approvedBy ? nameOf(m.approvedBy) : undefined;
        if (ok) out.approvedByName = ok;
        return out;
      }),
    },
  };
}
