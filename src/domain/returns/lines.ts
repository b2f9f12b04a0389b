/**
 * A line's money split over its units, and the share of the units a return takes. A unit's gross is
 * its price; the line's discounts and its tax are split over its units by largest remainder — `allocate(x,
 * [1, 1, …])`, which with equal weights gives the first `x mod qty` units one minor unit more — and
 * returns take units in order: the first return of a line takes the first units, the next one the
 * units after them. So every return of a line is priced as the sale charged it, and when all of a
 * line's units are back its shares add up to exactly what the line cost.
 */
import type { Minor } from '../money.js';
import type { SaleRecord } from '../sale.js';
import type { ReturnLine } from './types.js';

type SaleLine = SaleRecord['lines'][number];

/**
 * Sum of units [from, from + count) of `total` split over `qty` equal units by largest remainder
 * (the closed form of summing `allocate(total, Array(qty).fill(1)).slice(from, from + count)`).
 */
export function unitShare(total: Minor, qty: number, from: number, count: number): Minor {
  if (qty <= 0 || count <= 0) return 0;
  if (total < 0) return -unitShare(-total, qty, from, count);
  const base = Math.floor(total / qty);
  const rem = total - base * qty;
  const extra = Math.max(0, Math.min(from + count, rem) - Math.min(from, rem));
  return base * count + extra;
}

/** Did this sale's prices exclude tax? Its arithmetic says: exclusive tax is added to the lines. */
export function taxExclusive(sale: Pick<SaleRecord, 'lines' | 'tax' | 'total'>): boolean {
  return sale.tax !== 0 && sale.total === sale.lines.reduce((a, l) => a + l.amount, 0) + sale.tax;
}

/** The line's own discount (as the receipt shows it under the line); the rest was its share of order discounts. */
const ownDiscount = (l: SaleLine): Minor => Math.min(l.lineDiscount ?? 0, l.gross);

/** `count` units of the line, after `already` units came back in earlier returns. */
export function returnLine(l: SaleLine, already: number, count: number, exclusive: boolean): ReturnLine {
  const share = (x: Minor) => unitShare(x, l.qty, already, count);
  // Gross is exact per unit; the discounts are split, and what the units cost is the difference.
  const gross = l.unitPrice * count;
  const discount = share(l.discount);
  const amount = gross - discount;
  const tax = share(l.tax);
  const out: ReturnLine = {
    lineId: l.id,
    kind: l.kind,
    sku: l.sku,
    name: l.name,
    category: l.category,
    taxClass: l.taxClass,
    qty: count,
    unitPrice: l.unitPrice,
    gross,
    discount,
    orderDiscount: discount - share(ownDiscount(l)),
    amount,
    tax,
    refund: exclusive ? amount + tax : amount,
  };
  return out;
}
