/**
 * A return without a receipt, planned purely. There is no sale to reverse, so the goods are priced
 * as the catalog sells them today (price and tax class as they are now, the store's tax settings, no
 * discounts: nobody can say which the customer had), and the money goes back only as cash from the
 * drawer or onto a NEW gift card issued in the same transaction — never onto a card or a bank card
 * nobody can show paid for it. No points move (no sale to take them back from). The value is capped
 * by `returns.noReceiptMax` (plausibility: a large unreceipted return is the classic refund fraud).
 *
 * Refusals: RETURN_NOTHING, BAD_QUANTITY, PRODUCT_UNKNOWN, NO_RECEIPT_LIMIT, REFUND_MODE,
 * EXCHANGE_CREDIT, and the gift-card issue's own (GIFT_CARD_EXISTS, BAD_AMOUNT).
 */
import { addProduct, emptyCart, MAX_QTY, priceCart, type Cart } from '../cart.js';
import type { CatalogLookup, Product } from '../catalog.js';
import { fail, ok, type Result } from '../errors.js';
import { addDays } from '../giftcard/dates.js';
import { maskCode } from '../giftcard/code.js';
import { planIssue, type GiftCardDraft } from '../giftcard/operations.js';
import { toDecimalString, currency as currencyOf, type Minor } from '../money.js';
import type { TaxSettings } from '../tax.js';
import type { ReturnIdentity, ReturnPlan } from './plan.js';
import { cashOut } from './tenders.js';
import { noReturns, RETURN_COMMITTED, type Refund, type ReturnCommitted, type ReturnLine, type ReturnRecord } from './types.js';

/** One item brought back: a barcode as scanned or a SKU as typed, and how many. */
export interface NoReceiptItem {
  code: string;
  qty: number;
}

/** A product by what was scanned or typed: its barcode first, then its SKU. */
export const productOf = (catalog: CatalogLookup, code: string): Product | undefined => {
  const c = code.trim();
  return c ? (catalog.byBarcode(c) ?? catalog.bySku(c)) : undefined;
};

/** The items priced as the catalog sells them now, as one cart (the same item twice is one line). */
export function noReceiptCart(catalog: CatalogLookup, items: readonly NoReceiptItem[]): Result<Cart> {
  let cart = emptyCart();
  for (const it of items) {
    if (!Number.isSafeInteger(it.qty) || it.qty < 0 || it.qty > MAX_QTY) return fail('BAD_QUANTITY', `Quantity must be 1 to ${MAX_QTY}.`, { max: MAX_QTY });
    if (it.qty === 0) continue;
    const p = productOf(catalog, it.code);
    if (!p) return fail('PRODUCT_UNKNOWN', 'No product has the barcode or SKU {code}.', { code: it.code.trim().slice(0, 48), sku: it.code.trim().slice(0, 48) });
    const next = addProduct(cart, p, it.qty, p.barcodes.includes(it.code.trim()) ? it.code.trim() : undefined);
    if (!next.ok) return next;
    cart = next.value;
  }
  return ok(cart);
}

export interface NoReceiptInput {
  catalog: CatalogLookup;
  items: readonly NoReceiptItem[];
  tax: TaxSettings;
  /** `cash` or `giftcard` (a new card); `original` means cash here (there is no other way it came). */
  mode: ReturnRecord['refundMode'];
  identity: ReturnIdentity;
  approvedBy?: string;
  cashRoundingUnit: number;
  /** Most a return without a receipt may be worth, minor units (0 = no limit). */
  maxValue: Minor;
  today: string;
  /** Refund `giftcard`: the new card's code (unused) and its validity in days (0 = never expires). */
  newCard?: { code: string; validityDays: number };
  /** An exchange: this much pays the new items instead of going back. */
  credit?: Minor;
  exchange?: ReturnRecord['exchange'];
}

function lineOf(l: ReturnType<typeof priceCart>['lines'][number], exclusive: boolean): ReturnLine {
  return {
    lineId: l.id,
    kind: l.kind,
    sku: l.sku,
    name: l.name,
    category: l.category,
    taxClass: l.taxClass,
    qty: l.qty,
    unitPrice: l.unitPrice,
    gross: l.gross,
    discount: l.discount,
    orderDiscount: 0,
    amount: l.amount,
    tax: l.tax,
    refund: exclusive ? l.amount + l.tax : l.amount,
  };
}

export function planNoReceiptReturn(input: NoReceiptInput): Result<ReturnPlan> {
  const id = input.identity;
  const cart = noReceiptCart(input.catalog, input.items);
  if (!cart.ok) return cart;
  if (cart.value.lines.length === 0) return fail('RETURN_NOTHING', 'Choose the lines and quantities that come back.');
  const priced = priceCart(cart.value, input.tax);
  const exclusive = input.tax.mode === 'exclusive';
  const lines = priced.lines.map((l) => lineOf(l, exclusive));
  const total = priced.total;
  if (total <= 0) return fail('RETURN_NOTHING', 'Choose the lines and quantities that come back.');
  if (input.maxValue > 0 && total > input.maxValue) {
    const cur = currencyOf(id.currency);
    return fail('NO_RECEIPT_LIMIT', 'A return without a receipt may be worth at most {max}; this one is {total}. Ask for the receipt.', {
      max: `${toDecimalString(input.maxValue, cur)} ${cur.code}`,
      total: `${toDecimalString(total, cur)} ${cur.code}`,
    });
  }
  const credit = input.credit ?? 0;
  if (!Number.isSafeInteger(credit) || credit < 0 || credit > total) return fail('EXCHANGE_CREDIT', 'This return can pay at most {max} of the new items.', { max: total });
  const mode = input.mode === 'original' ? 'cash' : input.mode;
  const back = total - credit;
  const refunds: Refund[] = [];
  if (credit > 0) refunds.push({ kind: 'exchange', amount: credit });
  const events: { type: string; data: unknown }[] = [];
  let issued: { code: string; amount: Minor; expiresOn?: string } | null = null;
  if (back > 0 && mode === 'giftcard') {
    if (!input.newCard) return fail('REFUND_MODE', 'No new gift card could be made for the refund. Refund in cash.');
    const { code, validityDays } = input.newCard;
    const expiresOn = validityDays > 0 ? addDays(input.today, validityDays) : undefined;
    const planned = planIssue(undefined, { code, currency: id.currency, faceValue: back, pending: false, today: input.today, ...(expiresOn ? { expiresOn } : {}) });
    if (!planned.ok) return planned;
    // The card's history names the return it came from (`till giftcard show`).
    events.push(...planned.value.map((e): GiftCardDraft => ({ ...e, data: { ...e.data, receiptNo: id.receiptNo } })));
    issued = { code, amount: back, ...(expiresOn ? { expiresOn } : {}) };
    refunds.push({ kind: 'giftcard', amount: back, code, reference: maskCode(code) });
  } else if (back > 0) refunds.push({ kind: 'cash', amount: back });
  if (mode !== 'cash' && mode !== 'giftcard') return fail('REFUND_MODE', 'Without a receipt the refund is cash or a new gift card.');
  const cash = cashOut(noReturns(), back > 0 && mode === 'cash' ? back : 0, input.cashRoundingUnit);
  const record: ReturnRecord = {
    ...id,
    noReceipt: true,
    lines,
    gross: priced.gross,
    discount: priced.discountTotal,
    tax: priced.tax,
    net: priced.net,
    total,
    taxSummary: priced.taxSummary,
    refundMode: mode,
    refunds,
    cash,
    complete: true,
  };
  if (input.approvedBy) record.approvedBy = input.approvedBy;
  if (input.exchange) record.exchange = input.exchange;
  if (issued) record.giftcards = { refunded: [], returned: [], issued: [issued] };
  const head: { type: string; data: ReturnCommitted } = { type: RETURN_COMMITTED, data: { return: record } };
  return ok({ record, events: [head, ...events] });
}
