/**
 * Pure selectors of the item sides of a return: the items brought back without a receipt and the new
 * items of an exchange, as rows that fit the width, and the exchange's difference in the cashier's
 * words. Amounts are the domain's preview (`context.preview`, `context.exchange`), formatted here:
 * an item the preview has not priced yet shows its name only.
 */
import type { ReturnContext } from '../../machines/return.types.js';
import { exchangeDifference } from '../domain/returns/exchange.js';
import { maskCode } from '../domain/giftcard/code.js';
import type { SaleLoyalty } from '../domain/loyalty/types.js';
import { formatNumber } from '../i18n/index.js';
import { pointsText } from './loyalty-view.js';
import { tenderRow, type Fmt } from './selectors.js';
import { padEnd, padStart, width as cols } from './text.js';
import { MONEY_GAP, scrollTop } from './cart-table.js';

/** The product a barcode or SKU names, for its name and SKU (catalog text, never a price). */
export type ProductName = (code: string) => { sku: string; name: string } | undefined;

export interface ItemRowView {
  code: string;
  name: string;
  price: string;
  qty: number;
  amount: string;
}

type PricedLine = { sku: string; name: string; qty: number; unitPrice: number };

/** Rows of a side: each item in the order it was scanned, priced by the line of its product. */
export function itemRows(items: readonly { code: string; qty: number }[], lines: readonly PricedLine[], amountOf: (l: PricedLine) => number, productName: ProductName, fmt: Fmt): ItemRowView[] {
  return items.map((it) => {
    const p = productName(it.code);
    const line = p ? lines.find((l) => l.sku === p.sku) : undefined;
    return {
      code: it.code,
      name: fmt.text(line?.name ?? p?.name ?? it.code),
      price: line ? fmt.money(line.unitPrice) : '',
      qty: it.qty,
      amount: line ? fmt.money(amountOf(line)) : '',
    };
  });
}

/** The items brought back without a receipt: priced by the return's preview (today's prices). */
export const backRows = (ctx: Pick<ReturnContext, 'items' | 'preview'>, productName: ProductName, fmt: Fmt): ItemRowView[] =>
  itemRows(ctx.items, ctx.preview?.lines ?? [], (l) => (l as unknown as { refund: number }).refund, productName, fmt);

/** The new items of an exchange: priced by the new sale as it would be committed. */
export const newRows = (ctx: Pick<ReturnContext, 'extra' | 'exchange'>, productName: ProductName, fmt: Fmt): ItemRowView[] =>
  itemRows(ctx.extra, ctx.exchange?.sale.lines ?? [], (l) => (l as unknown as { gross: number }).gross, productName, fmt);

export interface ItemTable {
  header: string;
  rows: { key: string; text: string; selected: boolean }[];
  top: number;
  above: number;
  below: number;
}

/** The rows as a table of `width` columns: the name takes what the numbers leave. */
export function itemTable(rows: readonly ItemRowView[], heads: { item: string; price: string; qty: string; amount: string }, width: number, visible: number, selected: number, prevTop: number, fmt: Fmt): ItemTable {
  const n = (x: number) => formatNumber(x, fmt.locale, fmt.ascii);
  const w = (xs: string[], head: string, min: number) => Math.max(min, cols(head), ...xs.map(cols));
  const priceW = w(rows.map((r) => r.price), heads.price, 6);
  const qtyW = w(rows.map((r) => n(r.qty)), heads.qty, 3);
  const amountW = w(rows.map((r) => r.amount), heads.amount, 8);
  const nameW = Math.max(6, width - 2 - priceW - qtyW - amountW - 2 - MONEY_GAP.length);
  const line = (m: string, name: string, price: string, qty: string, amount: string) =>
    m + padEnd(name, nameW, fmt.ascii) + ' ' + padStart(price, priceW) + ' ' + padStart(qty, qtyW) + MONEY_GAP + padStart(amount, amountW);
  const top = scrollTop(prevTop, selected, visible, rows.length);
  const pointer = fmt.ascii ? '> ' : '▶ ';
  return {
    header: line('  ', heads.item, heads.price, heads.qty, heads.amount),
    rows: rows.slice(top, top + visible).map((r, k) => {
      const i = top + k;
      return { key: `${i}:${r.code}`, selected: i === selected, text: line(i === selected ? pointer : '  ', r.name, r.price, n(r.qty), r.amount) };
    }),
    top,
    above: top,
    below: Math.max(0, rows.length - top - visible),
  };
}

export interface DifferenceView {
  /** "TO PAY 3.40", "TO REFUND 1.60", "EVEN…". */
  label: string;
  amount: string;
  kind: 'pay' | 'refund' | 'even';
  /** Payments of the difference taken so far, and what is still due. */
  paid: { label: string; amount: string }[];
  stillDue: string | null;
}

/** The exchange's difference: to pay (and what was paid), to refund, or even; null before it is priced. */
export function exchangeDifferenceView(ctx: Pick<ReturnContext, 'preview' | 'exchange'>, fmt: Fmt): DifferenceView | null {
  const x = ctx.exchange;
  const r = ctx.preview;
  if (!x || !r) return null;
  const diff = exchangeDifference(r, x.sale);
  const paid = x.sale.tenders
    .filter((t) => t.kind !== 'exchange')
    .map((t) => {
      const v = tenderRow(t, fmt);
      return { label: [v.kind, v.detail].filter(Boolean).join('  '), amount: v.amount };
    });
  if (diff > 0) return { label: fmt.t('ui.exchange.toPay'), amount: fmt.money(diff), kind: 'pay', paid, stillDue: x.due > 0 ? fmt.t('ui.exchange.stillDue', { amount: fmt.money(x.due) }) : fmt.t('ui.exchange.allPaid') };
  if (diff < 0) return { label: fmt.t('ui.exchange.toRefund'), amount: fmt.money(-diff), kind: 'refund', paid, stillDue: null };
  return { label: fmt.t('ui.exchange.even'), amount: '', kind: 'even', paid, stillDue: null };
}

/** One line under the returned items: the exchange so far (Tab shows it), or null when there is none. */
export function exchangeSummary(ctx: Pick<ReturnContext, 'preview' | 'exchange'>, fmt: Fmt): string | null {
  const x = ctx.exchange;
  const r = ctx.preview;
  if (!x || !r) return null;
  const diff = exchangeDifference(r, x.sale);
  const total = fmt.money(x.sale.total);
  if (diff > 0) return fmt.t('ui.exchange.summaryPay', { total, amount: fmt.money(diff) });
  if (diff < 0) return fmt.t('ui.exchange.summaryRefund', { total, amount: fmt.money(-diff) });
  return fmt.t('ui.exchange.summaryEven', { total });
}

/** Points the new items earn, per program (a customer on the receipt). */
export function exchangePoints(ctx: Pick<ReturnContext, 'exchange' | 'preview'>, fmt: Fmt): string[] {
  const l = ctx.exchange?.sale.extensions?.loyalty as SaleLoyalty | undefined;
  if (!l) return [];
  const decimals = new Map((ctx.preview?.loyalty?.programs ?? []).map((p) => [p.programId, p.decimals]));
  return l.programs
    .filter((p) => p.earned > 0)
    .map((p) => {
      const pts = (u: number) => pointsText(u, decimals.get(p.programId) ?? 0, fmt);
      return fmt.t('ui.exchange.points', { program: fmt.text(p.name), earned: pts(p.earned), balance: pts(p.balanceAfter) });
    });
}

/** The new gift card a refund without a receipt goes onto (its code masked on screen: the receipt prints it). */
export const newCardOf = (ctx: Pick<ReturnContext, 'preview'>): { card: string; amount: number } | null => {
  const g = ctx.preview?.giftcards?.issued?.[0];
  return g ? { card: maskCode(g.code), amount: g.amount } : null;
};
