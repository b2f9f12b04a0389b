/**
 * The shift: journal event payloads, and the running totals the projection keeps per shift (so an X
 * or Z report reads one object, never the journal). Money is integer minor units of the store
 * currency; points are integer units of their program (see loyalty/types.ts).
 */
import type { Minor } from '../money.js';
import type { DenominationCount } from '../denominations.js';

export const SHIFT_EVENTS = {
  opened: 'shift.opened',
  cashMoved: 'cash.moved',
  closed: 'shift.closed',
  /** Exists since the first drawer: { reason: 'sale', ok }; a no-sale open is { reason: 'no-sale', ok, approvedBy? }. */
  drawerOpened: 'drawer.opened',
  saleVoided: 'sale.voided',
} as const;

// ---- journal event payloads ---------------------------------------------------------------

export interface ShiftOpenedData {
  shiftId: string;
  register: string;
  /** Opening float (cash in the drawer at the start). */
  float: Minor;
  /** The float counted per note and coin, when it was. */
  count?: DenominationCount;
  /** Opened by the register itself at the first sale (shift.mode "auto"), float 0. */
  auto?: boolean;
}

export interface CashMovedData {
  shiftId: string;
  direction: 'in' | 'out';
  /** > 0 */
  amount: Minor;
  reason: string;
  /** Operator id of the manager who approved a paid-out. */
  approvedBy?: string;
}

export interface DrawerOpenedData {
  /** 'return': cash refunded by a return (never a no-sale). */
  reason: 'sale' | 'no-sale' | 'return';
  ok: boolean;
  approvedBy?: string;
}

export interface SaleVoidedData {
  saleId: string | null;
  total: Minor;
  lines: number;
  tenders: number;
}

export interface ShiftClosedData {
  shiftId: string;
  /** Cash counted in the drawer at close. */
  counted: Minor;
  count?: DenominationCount;
  /** Cash the drawer should hold by the shift's totals. */
  expected: Minor;
  /** counted - expected: negative is a shortage. */
  difference: Minor;
  /** Z counter of the register: 1 for its first close, one more each time, never reused. */
  z: number;
  /** The last journal line folded into the shift (the line just before this event). */
  covers: { seq: number; hash: string };
}

// ---- running totals -----------------------------------------------------------------------

export interface TaxRow {
  ratePct: number;
  /** Tax-exclusive amount of the class. */
  net: Minor;
  tax: Minor;
}

export interface CountAmount {
  count: number;
  amount: Minor;
}

export interface CategoryRow {
  /** Units sold (sum of line quantities). */
  qty: number;
  /** What the lines cost after discounts, as priced (tax included in an inclusive store). */
  amount: Minor;
}

export interface CashMove {
  seq: number;
  at: string;
  direction: 'in' | 'out';
  amount: Minor;
  reason: string;
  operator: string;
  approvedBy?: string;
  /** In a report only (report.ts nameOperators): the operators' names. */
  operatorName?: string;
  approvedByName?: string;
}

export interface PointsRow {
  name: string;
  /** Units: 1 point = 10^decimals units. */
  decimals: number;
  earned: number;
  spent: number;
  expired: number;
  /** Adjustments, bulk accruals and refunds, signed. */
  other: number;
  /** Money value of the points spent: the discounts their rewards gave. */
  spentValue: Minor;
  /** Money value of the points earned and expired at the program's cashback rate, when it has one. */
  earnedValue: Minor | null;
  expiredValue: Minor | null;
}

export interface OperatorRow {
  name: string;
  count: number;
  amount: Minor;
}

/** What the shift's returns gave back (the mirror of `sales`, folded from `return.committed`). */
export interface ReturnTotals {
  count: number;
  /** Units taken back. */
  items: number;
  gross: Minor;
  /** Discounts reversed with the returned lines (their own and their share of order discounts). */
  discounts: Minor;
  net: Minor;
  tax: Minor;
  /** Value refunded. */
  total: Minor;
  /** Per tax class: the tax reversed and its tax-exclusive base. */
  taxes: Record<string, TaxRow>;
  categories: Record<string, CategoryRow>;
  /** How the money went back, per method (cash, card, giftcard; points: no money). */
  refunds: Record<string, CountAmount>;
  /** Cash handed out minus cash due over the refunds (cash rounding; negative: the drawer kept it). */
  rounding: Minor;
  /** Cards the shift's sales sold that came back unspent (blocked, value cleared), and the value put back onto cards. */
  giftcards: { returned: { count: number; value: Minor; price: Minor }; refunded: CountAmount };
}

export interface ShiftTotals {
  sales: {
    count: number;
    /** Units sold. */
    items: number;
    /** Before discounts. */
    gross: Minor;
    /** Discount applications (order discounts and line discounts with an amount) and their sum. */
    discounts: CountAmount;
    /** Total - tax. */
    net: Minor;
    tax: Minor;
    total: Minor;
  };
  /** Per tax class (gift-card lines carry no tax and are not here). */
  taxes: Record<string, TaxRow>;
  categories: Record<string, CategoryRow>;
  /** Per tender kind: what the tenders contributed to the sales (cash: the amount due it settled). */
  payments: Record<string, CountAmount>;
  cash: {
    /** Cash the sales left in the drawer: tendered minus change (cash rounding included). */
    sales: Minor;
    /** Cash rounding kept (+) or given away (-) over the shift. */
    rounding: Minor;
    in: CountAmount;
    out: CountAmount;
    moves: CashMove[];
    /** Cash handed out by returns (after cash rounding): expected cash drops by it. */
    refunds: CountAmount;
  };
  voids: CountAmount;
  /** Drawer opened without a sale (and how many of those a manager approved). */
  noSales: { count: number; approved: number };
  giftcards: {
    sold: { count: number; value: Minor; price: Minor };
    /**
     * Value loaded onto existing cards by sales (top-ups, issue 14.3): gift-card value sold as well,
     * on cards sold before. Absent on totals written before top-ups were counted.
     */
    loaded?: CountAmount;
    redeemed: CountAmount;
  };
  points: Record<string, PointsRow>;
  /** By the envelope's operator id. */
  operators: Record<string, OperatorRow>;
  receipts: { first: string | null; last: string | null };
  returns: ReturnTotals;
}

/** Gift-card balances the shop owes, store-wide (kept running by the projection, see projection). */
export interface GiftCardLiability {
  /** Balances of cards that can be spent (and of cards past expiry not yet recorded expired). */
  outstanding: Minor;
  /** Balances frozen on blocked cards. */
  blocked: Minor;
}

export interface Shift {
  shiftId: string;
  register: string;
  openedAt: string;
  /** Operator id in the envelope of shift.opened. */
  openedBy: string;
  float: Minor;
  floatCount?: DenominationCount;
  auto: boolean;
  totals: ShiftTotals;
  /** Journal sequence of shift.opened and of the last event folded into the shift. */
  firstSeq: number;
  lastSeq: number;
  /** Set by shift.closed; a closed shift never changes again. */
  closed?: ShiftClosedData & { at: string; by: string; seq: number; liability: GiftCardLiability };
}

export interface ShiftSlice {
  /** The open shift of each register (at most one). */
  open: Record<string, Shift>;
  /** Closed shifts by "register#z". */
  closed: Record<string, Shift>;
  /** Last Z number per register. */
  lastZ: Record<string, number>;
  liability: GiftCardLiability;
}

export const closedKey = (register: string, z: number): string => `${register}#${z}`;
