/**
 * The cart as table rows that fit the terminal exactly: the name column takes whatever the money
 * columns leave, the window scrolls to keep the selected line visible. Pure.
 */
import { lineBeforeOrderDiscounts, type PricedLine } from '../domain/cart.js';
import { formatDecimal, formatNumber } from '../i18n/index.js';
import { lineWeight } from '../domain/scale-barcode.js';
import type { Fmt } from './selectors.js';
import { padEnd, padStart, truncate, width } from './text.js';

export interface CartRow {
  id: string;
  text: string;
  selected: boolean;
}

export interface CartTableView {
  header: string;
  rows: CartRow[];
  top: number;
  above: number;
  below: number;
}

/**
 * Two spaces before a money column: with one, a quantity and a price written the locale's way run
 * together ("1 150,00 ₽" reads as 1 150 roubles in Russian, "2 150.000 ₫" in Vietnamese).
 */
export const MONEY_GAP = '  ';

/** First visible row so that `selected` is in a window of `rows`, moving as little as possible. */
export function scrollTop(prevTop: number, selected: number, rows: number, count: number): number {
  let top = prevTop;
  if (selected >= 0 && selected < top) top = selected;
  if (selected >= top + rows) top = selected - rows + 1;
  return Math.max(0, Math.min(top, Math.max(0, count - rows)));
}

export function cartTable(lines: readonly PricedLine[], cols: number, rows: number, selected: number, prevTop: number, fmt: Fmt): CartTableView {
  const qty = lines.map((l) => formatNumber(l.qty, fmt.locale, fmt.ascii));
  const unit = lines.map((l) => fmt.money(l.unitPrice));
  // Before order discounts, as the receipt prints them: those are listed on their own lines below.
  const total = lines.map((l) => fmt.money(lineBeforeOrderDiscounts(l)));
  const h = { item: fmt.t('ui.cart.item'), qty: fmt.t('ui.cart.qty'), price: fmt.t('ui.cart.price'), total: fmt.t('ui.cart.total') };
  const w = (xs: string[], head: string, min: number) => Math.max(min, width(head), ...xs.map(width));
  const qtyW = w(qty, h.qty, 3);
  const totW = w(total, h.total, 8);
  let unitW = w(unit, h.price, 8);
  const marker = 2;
  let nameW = cols - marker - qtyW - unitW - totW - 1 - 2 * MONEY_GAP.length;
  // On a very narrow terminal the unit price goes first: the line total matters more.
  if (nameW < 12) {
    nameW += unitW + MONEY_GAP.length;
    unitW = 0;
  }
  const row = (m: string, name: string, q: string, u: string, tot: string) =>
    m + padEnd(name, nameW, fmt.ascii) + ' ' + padStart(q, qtyW) + (unitW ? MONEY_GAP + padStart(u, unitW) : '') + MONEY_GAP + padStart(tot, totW);
  const top = scrollTop(prevTop, selected, rows, lines.length);
  const visible = lines.slice(top, top + rows);
  const pointer = fmt.ascii ? '> ' : '▶ ';
  return {
    header: row('  ', h.item, h.qty, h.price, h.total),
    rows: visible.map((l, k) => {
      const i = top + k;
      return { id: l.id, selected: i === selected, text: row(i === selected ? pointer : '  ', lineName(l, fmt, nameW), qty[i], unit[i], total[i]) };
    }),
    top,
    above: top,
    below: Math.max(0, lines.length - top - rows),
  };
}

/**
 * A free-product reward line says so: it is on the sale at no charge because points paid for it. A
 * line priced from the tier's list names the tier and the catalog price after the name, which gives
 * way first so that both prices stay readable: the price column is the tier's price.
 */
function lineName(l: PricedLine, fmt: Fmt, cols: number): string {
  if (l.kind === 'reward') return fmt.t('ui.cart.rewardLine', { name: fmt.text(l.name) });
  // A weighed line shows its weight and the price per kg (the line's price is in the Total column).
  const w = lineWeight(l);
  if (w) return fmt.t('ui.cart.weighed', { name: fmt.text(l.name), weight: formatDecimal(w.weight, fmt.locale, fmt.ascii), price: fmt.money(w.pricePerKg) });
  if (!l.priceFrom || l.listPrice === undefined) return fmt.text(l.name);
  const note = fmt.t('ui.cart.tierPrice', { tier: fmt.text(l.priceFrom.name), price: fmt.money(l.listPrice) });
  const room = cols - width(note);
  return room >= 6 ? truncate(fmt.text(l.name), room, fmt.ascii).trimEnd() + note : fmt.text(l.name) + note;
}
