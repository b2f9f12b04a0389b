/**
 * A finished sale: what is journaled as `sale.committed`, printed, and later refunded against.
 * Built by a pure function from the priced cart and the tenders; the caller supplies identity
 * (uuid, receipt number, time, register, operator).
 */
import type { PricedCart, PricedLine, AppliedDiscount } from './cart.js';
import type { TaxSummaryRow } from './tax.js';
import { changeOf, covered, type Tender } from './tender.js';
import type { Minor } from './money.js';
import { fail, ok, type Result } from './errors.js';

export interface SaleRecord {
  saleId: string;
  receiptNo: string;
  at: string;
  register: string;
  operator: { id: string; name: string };
  currency: string;
  lines: PricedLine[];
  discounts: AppliedDiscount[];
  gross: Minor;
  discountTotal: Minor;
  net: Minor;
  tax: Minor;
  total: Minor;
  taxSummary: TaxSummaryRow[];
  tenders: Tender[];
  change: Minor;
  cashRounding: Minor;
  /** Feature data attached at commit (loyalty customer and points, gift cards sold/redeemed). */
  extensions: Record<string, unknown>;
}

export interface SaleIdentity {
  saleId: string;
  receiptNo: string;
  at: string;
  register: string;
  operator: { id: string; name: string };
  currency: string;
}

export function finalizeSale(priced: PricedCart, tenders: Tender[], id: SaleIdentity, extensions: Record<string, unknown> = {}): Result<SaleRecord> {
  if (priced.lines.length === 0) return fail('EMPTY_SALE', 'The sale has no items.');
  if (!covered(priced.total, tenders)) return fail('NOT_COVERED', 'The payments do not cover the total.');
  return ok({
    ...id,
    lines: priced.lines,
    discounts: priced.discounts,
    gross: priced.gross,
    discountTotal: priced.discountTotal,
    net: priced.net,
    tax: priced.tax,
    total: priced.total,
    taxSummary: priced.taxSummary,
    tenders,
    change: changeOf(tenders),
    cashRounding: tenders.reduce((a, t) => a + (t.rounding ?? 0), 0),
    extensions,
  });
}

/** Receipt numbers: register id, dash, zero-padded sequence ("R1-000042"). */
export const formatReceiptNo = (register: string, n: number): string => `${register}-${String(n).padStart(6, '0')}`;
