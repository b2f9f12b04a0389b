/**
 * A return against a committed sale, planned purely: the lines and quantities chosen, checked against
 * what the sale sold minus what earlier returns took back, priced exactly as the sale charged them
 * (lines.ts), refunded the way the money came (tenders.ts) with gift cards (giftcards.ts) and points
 * (loyalty.ts) moved in the same transaction. Nothing is written here: the caller commits the events
 * in one transaction, `return.committed` first.
 *
 * Refusals: ALREADY_RETURNED, RETURN_NOTHING, RETURN_LINE_UNKNOWN, BAD_QUANTITY, RETURN_TOO_MANY,
 * RETURN_CURRENCY, REFUND_MODE (a new gift card is for returns without a receipt), EXCHANGE_CREDIT, and the gift-card ones (GIFT_CARD_USED, REFUND_CARD_BLOCKED, REFUND_CARD_EXPIRED...).
 */
import { fail, ok, type Result } from '../errors.js';
import type { GiftCard, SaleGiftCards } from '../giftcard/types.js';
import { getOwn } from '../shift/records.js';
import type { Minor } from '../money.js';
import type { SaleRecord } from '../sale.js';
import { UNTAXED, type TaxSummaryRow } from '../tax.js';
import { planCards } from './giftcards.js';
import { returnLine, taxExclusive } from './lines.js';
import { planReturnLoyalty, type LoyaltyContext } from './loyalty.js';
import { cashOut, creditable, splitRefund, withCredit } from './tenders.js';
import { RETURN_COMMITTED, type RefundMode, type ReturnCommitted, type ReturnLine, type ReturnRecord, type SaleReturns } from './types.js';

export interface ReturnPick {
  lineId: string;
  qty: number;
}

/** A line of the sale as the return screen lists it. */
export interface ReturnableLine {
  lineId: string;
  kind: SaleRecord['lines'][number]['kind'];
  sku: string;
  name: string;
  unitPrice: Minor;
  sold: number;
  returned: number;
  returnable: number;
}

export function returnableLines(sale: Pick<SaleRecord, 'lines'>, before: SaleReturns): ReturnableLine[] {
  return sale.lines.map((l) => {
    const returned = Math.min(l.qty, getOwn(before.qty, l.id) ?? 0);
    return { lineId: l.id, kind: l.kind, sku: l.sku, name: l.name, unitPrice: l.unitPrice, sold: l.qty, returned, returnable: l.qty - returned };
  });
}

export const fullyReturned = (sale: Pick<SaleRecord, 'lines'>, before: SaleReturns): boolean => returnableLines(sale, before).every((l) => l.returnable === 0);

/** Value of the sale not yet refunded. */
export const valueLeft = (sale: Pick<SaleRecord, 'total'>, before: SaleReturns): Minor => Math.max(0, sale.total - before.total);

export interface ReturnIdentity {
  returnId: string;
  receiptNo: string;
  at: string;
  register: string;
  operator: { id: string; name: string };
  currency: string;
}

export interface ReturnInput {
  sale: SaleRecord;
  before: SaleReturns;
  picks: readonly ReturnPick[];
  mode: RefundMode;
  identity: ReturnIdentity;
  approvedBy?: string;
  /** Cash rounding unit of the drawer (1 = none). */
  cashRoundingUnit: number;
  /** Business date of the return. */
  today: string;
  card(code: string): GiftCard | undefined;
  loyalty: Omit<LoyaltyContext, 'today' | 'returnReceiptNo'>;
  /** An exchange: this much of the return pays its new items instead of going back (exchange.ts). */
  credit?: Minor;
  exchange?: ReturnRecord['exchange'];
}

export interface ReturnPlan {
  record: ReturnRecord;
  /** `return.committed` first, then the gift-card and points events it needs: one transaction. */
  events: { type: string; data: unknown }[];
}

/** The chosen quantities per sale line, merged and checked. */
function checkPicks(sale: SaleRecord, before: SaleReturns, picks: readonly ReturnPick[]): Result<Map<string, number>> {
  const rows = new Map(returnableLines(sale, before).map((r) => [r.lineId, r]));
  const want = new Map<string, number>();
  for (const p of picks) {
    const row = rows.get(p.lineId);
    if (!row) return fail('RETURN_LINE_UNKNOWN', 'Line {line} is not on this receipt.', { line: String(p.lineId) });
    if (!Number.isSafeInteger(p.qty) || p.qty < 0) return fail('BAD_QUANTITY', 'Enter a quantity of whole units.', { max: row.returnable });
    if (p.qty > 0) want.set(p.lineId, (want.get(p.lineId) ?? 0) + p.qty);
  }
  if (want.size === 0) return fail('RETURN_NOTHING', 'Choose the lines and quantities that come back.');
  for (const [id, qty] of want) {
    const row = rows.get(id)!;
    if (qty > row.returnable)
      return fail('RETURN_TOO_MANY', '{name}: {sold} sold, {returned} already returned, at most {returnable} can come back.', {
        line: id,
        name: row.name,
        sold: row.sold,
        returned: row.returned,
        returnable: row.returnable,
      });
  }
  return ok(want);
}

function taxRows(lines: readonly ReturnLine[], sale: SaleRecord): TaxSummaryRow[] {
  const out = new Map<string, TaxSummaryRow>();
  for (const l of lines) {
    if (l.taxClass === UNTAXED) continue;
    const rate = sale.taxSummary.find((r) => r.taxClass === l.taxClass)?.ratePct ?? 0;
    const row = out.get(l.taxClass) ?? { taxClass: l.taxClass, ratePct: rate, base: 0, tax: 0 };
    row.base += l.amount;
    row.tax += l.tax;
    out.set(l.taxClass, row);
  }
  return [...out.values()].sort((a, b) => a.taxClass.localeCompare(b.taxClass));
}

export function planReturn(input: ReturnInput): Result<ReturnPlan> {
  const { sale, before, identity: id } = input;
  if (fullyReturned(sale, before)) return fail('ALREADY_RETURNED', 'Everything on receipt {receipt} has already been returned.', { receipt: sale.receiptNo });
  if (input.mode === 'giftcard') return fail('REFUND_MODE', 'A new gift card takes the refund of a return without a receipt only. Refund the way it was paid, or in cash.');
  if (sale.currency !== id.currency) return fail('RETURN_CURRENCY', 'Receipt {receipt} was paid in {currency}; this register refunds in another currency.', { receipt: sale.receiptNo, currency: sale.currency });
  const picked = checkPicks(sale, before, input.picks);
  if (!picked.ok) return picked;
  const exclusive = taxExclusive(sale);
  const sold = (sale.extensions?.giftcards as Partial<SaleGiftCards> | undefined)?.sold ?? [];
  const lines: ReturnLine[] = [];
  let complete = true;
  for (const l of sale.lines) {
    const already = Math.min(l.qty, getOwn(before.qty, l.id) ?? 0);
    const qty = picked.value.get(l.id) ?? 0;
    if (already + qty < l.qty) complete = false;
    if (qty === 0) continue;
    const line = returnLine(l, already, qty, exclusive);
    const card = l.kind === 'giftcard' ? sold.find((s) => s.lineId === l.id)?.code : undefined;
    if (card) line.giftCard = card;
    lines.push(line);
  }
  const sum = (f: (l: ReturnLine) => number) => lines.reduce((a, l) => a + f(l), 0);
  const total = sum((l) => l.refund);
  const left = sale.total - before.total;
  // Per-unit shares of the sale's lines add up to its total, so this holds unless the record is damaged.
  if (total > left) return fail('RETURN_TOO_MANY', 'This return is worth more than what is left of receipt {receipt}.', { receipt: sale.receiptNo });
  const split = splitRefund(sale, before, total, input.mode);
  const credit = input.credit ?? 0;
  if (credit > creditable(split)) return fail('EXCHANGE_CREDIT', 'This return can pay at most {max} of the new items.', { max: creditable(split) });
  const refunds = credit > 0 ? withCredit(split, credit) : split;
  const cash = cashOut(before, refunds.filter((r) => r.kind === 'cash').reduce((a, r) => a + r.amount, 0), input.cashRoundingUnit);
  const cards = planCards(lines, refunds, sale, { card: input.card, today: input.today, currency: id.currency, returnReceiptNo: id.receiptNo, sale });
  if (!cards.ok) return cards;
  const loyalty = planReturnLoyalty(sale, before, total, left, complete, { ...input.loyalty, today: input.today, returnReceiptNo: id.receiptNo });
  const tax = sum((l) => l.tax);
  const record: ReturnRecord = {
    ...id,
    sale: { saleId: sale.saleId, receiptNo: sale.receiptNo, at: sale.at, register: sale.register },
    lines,
    gross: sum((l) => l.gross),
    discount: sum((l) => l.discount),
    tax,
    net: total - tax,
    total,
    taxSummary: taxRows(lines, sale),
    refundMode: input.mode,
    refunds,
    cash,
    complete,
  };
  if (input.approvedBy) record.approvedBy = input.approvedBy;
  if (input.exchange) record.exchange = input.exchange;
  if (loyalty.ext) record.loyalty = loyalty.ext;
  if (cards.value.ext.refunded.length || cards.value.ext.returned.length) record.giftcards = cards.value.ext;
  const head: { type: string; data: ReturnCommitted } = { type: RETURN_COMMITTED, data: { return: record } };
  return ok({ record, events: [head, ...cards.value.events, ...loyalty.events] });
}
