/**
 * An exchange: goods come back (with or without a receipt) and new items are sold in ONE transaction.
 * The return's value pays the new items first, as a tender of kind `exchange` on the new sale and as
 * `exchange` refunds on the return (credit = the lesser of the two, never points: points go back as
 * points). What is left is settled the usual way:
 *
 * - new items worth more: the difference is paid with the usual tenders (cash, card) on the new sale;
 * - the return worth more: the difference goes back by the return's own rules (the way it came or a
 *   manager's cash with a receipt; cash or a new gift card without one).
 *
 * Journaled as `return.committed` (with `exchange`) then `sale.committed` (with `extensions.exchange`),
 * each with its own receipt number from the register's one sequence (the return's first), in one
 * transaction: the Z counts the returned part as returns and the new part as sales, and the two
 * `exchange` entries (payment and refund) are the same amount, so no money is counted twice.
 *
 * Points: the returned goods' points are taken back by the return (planLoyaltyRefund, loyalty.ts);
 * with a customer, the new items earn as a sale would (buildSaleLoyalty), onto the balance as it
 * stands after that claw-back — the sale's `extensions.loyalty`, folded by the loyalty projection.
 */
import { priceCart, type Cart, type PricedCart } from '../cart.js';
import { buildSaleLoyalty } from '../loyalty/sale-extension.js';
import type { LoyaltyAccount, LoyaltyProgram, TierLadder } from '../loyalty/types.js';
import { accountAfterReturn } from './loyalty.js';
import type { CatalogLookup } from '../catalog.js';
import { fail, ok, type Result } from '../errors.js';
import type { Minor } from '../money.js';
import { finalizeSale, type SaleIdentity, type SaleRecord } from '../sale.js';
import type { TaxSettings } from '../tax.js';
import { due, paid, type Tender } from '../tender.js';
import { noReceiptCart, type NoReceiptItem } from './no-receipt.js';
import type { ReturnPlan } from './plan.js';
import { creditable } from './tenders.js';
import type { ReturnExchange } from './types.js';

/** `sale.committed` of an exchange carries this as `extensions.exchange`. */
export interface SaleExchange {
  returnId: string;
  /** The return's receipt number (the number before the sale's). */
  returnReceiptNo: string;
  credit: Minor;
}

export const EXCHANGE_TENDER_ID = 'X1';

/**
 * The difference of an exchange, as the receipt and the till show it: what the new items cost more
 * than what came back (> 0, the customer pays it) or less (< 0, it goes back by the return's rules).
 */
export const exchangeDifference = (returned: { total: Minor }, sale: { total: Minor }): Minor => sale.total - returned.total;

/** The new items of an exchange as a priced cart (current prices, no discounts). */
export function exchangeCart(catalog: CatalogLookup, items: readonly NoReceiptItem[], tax: TaxSettings): Result<{ cart: Cart; priced: PricedCart }> {
  const cart = noReceiptCart(catalog, items);
  if (!cart.ok) return cart;
  return ok({ cart: cart.value, priced: priceCart(cart.value, tax) });
}

export interface ExchangePlan {
  /** The return, with `credit` of it paying the new items. */
  ret: ReturnPlan;
  /** The new part; `due` > 0 while the difference is not paid yet (it cannot be committed then). */
  sale: SaleRecord;
  credit: Minor;
  /** Still to pay on the new items. */
  due: Minor;
  /** `return.committed`, its card and points events, then `sale.committed`: one transaction. */
  events: { type: string; data: unknown }[];
}

/** The customer whose new items earn points: their account as the journal folds it before the return. */
export interface ExchangeLoyalty {
  cart: Cart;
  account: LoyaltyAccount;
  programs: readonly LoyaltyProgram[];
  ladder: TierLadder | null;
  day: string;
  /** The day of the sale the goods came from (its month gives the returned spend back). */
  saleDay?: string;
}

export interface ExchangeInput {
  /** Plans the return with `credit` of it paying the new items (plan.ts or no-receipt.ts). */
  planReturn(credit: Minor, exchange: ReturnExchange): Result<ReturnPlan>;
  priced: PricedCart;
  /** Payments of the difference taken so far (not the exchange tender). */
  tenders: readonly Tender[];
  identity: SaleIdentity;
  returnId: string;
  /** A customer is attached (the receipt's): the new items earn points. A blocked card earns nothing. */
  loyalty?: ExchangeLoyalty;
}

/** Plans both parts. The sale is built even while the difference is unpaid (to show it), `due` says so. */
export function planExchange(input: ExchangeInput): Result<ExchangePlan> {
  const { priced, identity: id } = input;
  if (priced.lines.length === 0) return fail('EXCHANGE_NOTHING', 'Scan or type the new items of the exchange.');
  const head: ReturnExchange = { saleId: id.saleId, receiptNo: id.receiptNo, total: priced.total, credit: 0 };
  // First without credit: what of the return could pay the new items.
  const probe = input.planReturn(0, head);
  if (!probe.ok) return probe;
  const credit = Math.min(priced.total, creditable(probe.value.record.refunds));
  const exchange = { ...head, credit };
  const ret = credit > 0 ? input.planReturn(credit, exchange) : input.planReturn(0, exchange);
  if (!ret.ok) return ret;
  const tenders: Tender[] = [];
  if (credit > 0) tenders.push({ id: EXCHANGE_TENDER_ID, kind: 'exchange', amount: credit, reference: ret.value.record.receiptNo });
  tenders.push(...input.tenders);
  if (paid(input.tenders) > priced.total - credit && input.tenders.some((t) => t.kind !== 'cash'))
    return fail('TENDER_EXCEEDS_DUE', 'Only cash can pay more than is due.', { due: priced.total - credit });
  const ext: SaleExchange = { returnId: input.returnId, returnReceiptNo: ret.value.record.receiptNo, credit };
  const extensions: Record<string, unknown> = { exchange: ext };
  const lo = input.loyalty;
  if (lo && !lo.account.blocked) {
    const account = accountAfterReturn(lo.account, ret.value.record.loyalty, lo.saleDay);
    const earned = buildSaleLoyalty({ cart: lo.cart, priced, tenders, account, programs: lo.programs, ladder: lo.ladder, day: lo.day });
    if (!earned.ok) return earned;
    extensions.loyalty = earned.value;
  }
  const owed = due(priced.total, tenders);
  const { itemCount: _n, ...sold } = priced;
  let sale: SaleRecord = { ...id, ...sold, tenders, change: 0, cashRounding: 0, extensions };
  if (owed === 0) {
    const f = finalizeSale(priced, tenders, id, extensions);
    if (!f.ok) return f;
    sale = f.value;
  }
  return ok({
    ret: ret.value,
    sale,
    credit,
    due: owed,
    events: [...ret.value.events, { type: 'sale.committed', data: { sale } }],
  });
}
