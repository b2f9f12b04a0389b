/**
 * Returns: what a `return.committed` event journals, and what earlier returns of a sale took back
 * (kept per sale by the returns projection). Amounts are positive integer minor units of what goes
 * back to the customer; a return reverses a committed sale exactly as it was charged, so the sale and
 * all its returns add up to zero once everything has come back (see plan.ts and docs/returns.md).
 */
import type { LineKind } from '../cart.js';
import type { Minor } from '../money.js';
import type { TaxSummaryRow } from '../tax.js';
import type { TenderKind } from '../tender.js';
import type { Units } from '../loyalty/types.js';

export const RETURN_COMMITTED = 'return.committed';

/**
 * How the money goes back. `original`: the way it came (cash from the drawer, card by reference,
 * gift-card value onto the same card). `cash`: a manager's choice, everything that is money in cash.
 * `giftcard`: onto a NEW gift card issued in the same transaction — only without a receipt, where
 * the money goes back as cash or a new card (no-receipt.ts).
 */
export type RefundMode = 'original' | 'cash' | 'giftcard';

/** One line (or part of one) coming back. */
export interface ReturnLine {
  /** The sale's line id ("L2"). */
  lineId: string;
  kind: LineKind;
  sku: string;
  name: string;
  category: string;
  taxClass: string;
  qty: number;
  unitPrice: Minor;
  /** This return's share of the line's gross, its discounts (own and order), amount and tax. */
  gross: Minor;
  discount: Minor;
  /** Part of `discount` that was the line's share of order discounts. */
  orderDiscount: Minor;
  amount: Minor;
  tax: Minor;
  /** What the customer gets back for it: amount, plus tax when prices excluded tax. */
  refund: Minor;
  /** Gift card sold on this line: blocked and its value cleared by the return. */
  giftCard?: string;
}

/** Money going back for (a share of) one tender of the sale. */
export interface Refund {
  /** The sale's tender this reverses ("T1"); absent when there was none (no receipt). */
  tenderId?: string;
  /** How the sale's tender was paid; absent without a receipt (no tender to reverse). */
  paid?: TenderKind;
  /**
   * How it goes back (cash when the manager chose cash, or without a receipt); `exchange`: it is not
   * paid out but pays the new items of an exchange (the new sale's `exchange` tender, exchange.ts).
   */
  kind: TenderKind;
  amount: Minor;
  /** Card: the sale's approval reference (the terminal does the card side); gift card: masked code. */
  reference?: string;
  /** Gift card the value goes back onto (canonical code; `giftcard.refunded` moves it). */
  code?: string;
}

export interface ReturnLoyaltyProgram {
  programId: string;
  name: string;
  /** 1 point = 10^decimals units (for the receipt). */
  decimals: number;
  /** Points the sale spent, given back. */
  returned: Units;
  /** Points the sale earned, taken back (never below zero: the rest is `unrecovered`). */
  clawedBack: Units;
  unrecovered: Units;
  /** Balance after the return, for the receipt. */
  balanceAfter: Units;
}

export interface ReturnLoyalty {
  customerId: string;
  cardNumber: string;
  /** Lifetime spend taken off. */
  spend: Minor;
  programs: ReturnLoyaltyProgram[];
  /** The tier the sale reached, reviewed: where the customer stands after the return. */
  tier: { before: string | null; after: string | null; changed: boolean } | null;
}

export interface ReturnGiftCards {
  /** Value put back onto cards the sale was paid with. */
  refunded: { code: string; amount: Minor; balanceAfter: Minor }[];
  /** Cards the sale sold that came back unspent: blocked, their value cleared. */
  returned: { code: string; lineId: string; cleared: Minor }[];
  /** New cards issued by the return to take the refund (no receipt, refund `giftcard`): the receipt prints the code. */
  issued?: { code: string; amount: Minor; expiresOn?: string }[];
}

/** The new part of an exchange, journaled as its own `sale.committed` in the same transaction. */
export interface ReturnExchange {
  saleId: string;
  receiptNo: string;
  /** What the new items cost (the new sale's total). */
  total: Minor;
  /** Value of the return that paid for them (the new sale's `exchange` tender, this return's `exchange` refunds). */
  credit: Minor;
}

/** The `return.committed` record: journaled as `{ return: ReturnRecord }`. */
export interface ReturnRecord {
  returnId: string;
  /** The return's own receipt number: the same per-register sequence as sales ("R1-000043"). */
  receiptNo: string;
  at: string;
  register: string;
  operator: { id: string; name: string };
  currency: string;
  /** Manager who approved the refund (operator id). */
  approvedBy?: string;
  /** The sale returned against; absent for a return without a receipt (`noReceipt`). */
  sale?: { saleId: string; receiptNo: string; at: string; register: string };
  /** Taken back without a receipt: priced at the current catalog price, refunded as cash or a new gift card. */
  noReceipt?: true;
  /** An exchange: the new items sold in the same transaction, paid (in part) by this return. */
  exchange?: ReturnExchange;
  lines: ReturnLine[];
  gross: Minor;
  discount: Minor;
  tax: Minor;
  /** total - tax */
  net: Minor;
  /** What goes back to the customer in money and points-paid value: the sum of the lines' refunds. */
  total: Minor;
  /** Tax reversed per class (base and tax of the returned part). */
  taxSummary: TaxSummaryRow[];
  refundMode: RefundMode;
  refunds: Refund[];
  /** The drawer: cash due to the customer, handed out after cash rounding, and the difference. */
  cash: { due: Minor; given: Minor; rounding: Minor };
  /** This return brings back everything that was left of the sale. */
  complete: boolean;
  loyalty?: ReturnLoyalty;
  giftcards?: ReturnGiftCards;
}

export interface ReturnCommitted {
  return: ReturnRecord;
}

/**
 * What the returns of one sale took back so far, folded from its `return.committed` events
 * (fold.ts). Absent for a sale nobody returned anything of.
 */
export interface SaleReturns {
  /** Units returned per sale line id. */
  qty: Record<string, number>;
  /** Money refunded per sale tender id (what the tender's share was worth, before cash rounding). */
  tenders: Record<string, Minor>;
  /** Cash due and cash handed out over all returns (cash rounding works on the running sum). */
  cashDue: Minor;
  cashGiven: Minor;
  /** Sum of the returns' totals. */
  total: Minor;
  /** Per program: points given back, and points taken back (clawed back plus unrecovered). */
  points: Record<string, { returned: Units; taken: Units }>;
  /** Lifetime spend taken off. */
  spend: Minor;
  /** Receipt numbers of the returns, oldest first. */
  receipts: string[];
}

export const noReturns = (): SaleReturns => ({ qty: {}, tenders: {}, cashDue: 0, cashGiven: 0, total: 0, points: {}, spend: 0, receipts: [] });
