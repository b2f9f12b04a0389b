/**
 * A finished sale: what is journaled as `sale.committed`, printed, and later refunded against.
 * Built by a pure function from the priced cart and the tenders; the caller supplies identity
 * (uuid, receipt number, time, register, operator).
 */
import type { PricedCart } from './cart.js';
import { changeOf, covered, type Tender } from './tender.js';
import type { Minor } from './money.js';
import { fail, ok, type Result } from './errors.js';

export interface SaleIdentity {
  saleId: string;
  receiptNo: string;
  at: string;
  register: string;
  operator: { id: string; name: string };
  currency: string;
}

/** The priced cart as sold (without the item count, which the lines carry), plus how it was paid. */
export interface SaleRecord extends SaleIdentity, Omit<PricedCart, 'itemCount'> {
  tenders: Tender[];
  change: Minor;
  cashRounding: Minor;
  /** Feature data attached at commit (loyalty customer and points, gift cards sold/redeemed). */
  extensions: Record<string, unknown>;
}

export function finalizeSale(priced: PricedCart, tenders: Tender[], id: SaleIdentity, extensions: Record<string, unknown> = {}): Result<SaleRecord> {
  if (priced.lines.length === 0) return fail('EMPTY_SALE', 'The sale has no items.');
  if (!covered(priced.total, tenders)) return fail('NOT_COVERED', 'The payments do not cover the total.');
  const { itemCount: _count, ...sold } = priced;
  return ok({
    ...id,
    ...sold,
    tenders,
    change: changeOf(tenders),
    cashRounding: tenders.reduce((a, t) => a + (t.rounding ?? 0), 0),
    extensions,
  });
}

/** Receipt numbers: register id, dash, zero-padded sequence ("R1-000042"). */
export const formatReceiptNo = (register: string, n: number): string => `${register}-${String(n).padStart(6, '0')}`;
