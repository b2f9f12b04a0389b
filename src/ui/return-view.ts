/**
 * Pure selectors of the return screen: the return machine's context -> the rows and lines the view
 * prints. Money is formatted here, never computed: the refund, its split over the tenders, the
 * points and the card balances are the domain's preview (`context.preview`, src/domain/returns),
 * exactly what committing would journal. Gift-card codes are shown masked only.
 */
import { MESSAGE_MAX_ROWS } from './components/MessageLine.js';
import type { ReturnContext } from '../../machines/return.types.js';
import type { ReturnRecord } from '../domain/returns/types.js';
import { maskCode } from '../domain/giftcard/code.js';
import { formatDateTime, formatNumber } from '../i18n/index.js';
import { pointsText } from './loyalty-view.js';
import { machineMessageText, type EntryView, type Fmt } from './selectors.js';
import type { Screen } from './keys/table.js';
import type { InputState } from './input/state.js';
import { padEnd, padStart, truncate, width as cols } from './text.js';
import { MONEY_GAP, scrollTop } from './cart-table.js';

/** A row of the receipt's lines: what was sold, what came back before, what can, what is chosen now. */
export interface ReturnRowView {
  lineId: string;
  sku: string;
  name: string;
  price: string;
  sold: number;
  returned: number;
  returnable: number;
  qty: number;
  /** What the chosen units refund (from the preview), '' when none are chosen. */
  refund: string;
}

export function returnRows(ctx: Pick<ReturnContext, 'open' | 'picks' | 'preview'>, fmt: Fmt): ReturnRowView[] {
  const o = ctx.open;
  if (!o) return [];
  const refundOf = new Map<string, number>();
  for (const l of ctx.preview?.lines ?? []) refundOf.set(l.lineId, (refundOf.get(l.lineId) ?? 0) + l.refund);
  return o.rows.map((r) => {
    const qty = ctx.picks[r.lineId] ?? 0;
    const refund = refundOf.get(r.lineId);
    return {
      lineId: r.lineId,
      sku: r.sku,
      name: fmt.text(r.name),
      price: fmt.money(r.unitPrice),
      sold: r.sold,
      returned: r.returned,
      returnable: r.returnable,
      qty,
      refund: qty > 0 && refund !== undefined ? fmt.money(refund) : '',
    };
  });
}

/** The title line: which receipt, when, who sold it. */
export function returnTitle(ctx: Pick<ReturnContext, 'open'>, fmt: Fmt): string {
  const s = ctx.open?.sale;
  if (!s) return '';
  return fmt.t('ui.return.of', { receiptNo: s.receiptNo, date: formatDateTime(s.at, fmt.locale, fmt.ascii), operator: fmt.text(s.operator.name) });
}

export interface ReturnTable {
  header: string;
  rows: { lineId: string; text: string; selected: boolean; dim: boolean }[];
  top: number;
  above: number;
  below: number;
}

/** The lines as table rows that fit `width` columns: the name takes what the number columns leave. */
export function returnTable(rows: readonly ReturnRowView[], width: number, visible: number, selected: number, prevTop: number, fmt: Fmt): ReturnTable {
  const n = (x: number) => formatNumber(x, fmt.locale, fmt.ascii);
  const h = {
    item: fmt.t('ui.return.col.item'),
    price: fmt.t('ui.return.col.price'),
    sold: fmt.t('ui.return.col.sold'),
    returned: fmt.t('ui.return.col.returned'),
    left: fmt.t('ui.return.col.left'),
    qty: fmt.t('ui.return.col.qty'),
    refund: fmt.t('ui.return.col.refund'),
  };
  const w = (xs: string[], head: string, min: number) => Math.max(min, cols(head), ...xs.map(cols));
  const priceW = w(rows.map((r) => r.price), h.price, 6);
  const soldW = w(rows.map((r) => n(r.sold)), h.sold, 3);
  const retW = w(rows.map((r) => n(r.returned)), h.returned, 3);
  const leftW = w(rows.map((r) => n(r.returnable)), h.left, 3);
  const qtyW = w(rows.map((r) => n(r.qty)), h.qty, 3);
  const refW = w(rows.map((r) => r.refund), h.refund, 8);
  const marker = 2;
  const nameW = Math.max(6, width - marker - priceW - soldW - retW - leftW - qtyW - refW - 5 - MONEY_GAP.length);
  const line = (m: string, name: string, price: string, sold: string, ret: string, left: string, qty: string, refund: string) =>
    m + padEnd(name, nameW, fmt.ascii) + ' ' + padStart(price, priceW) + ' ' + padStart(sold, soldW) + ' ' + padStart(ret, retW) + ' ' + padStart(left, leftW) + ' ' + padStart(qty, qtyW) + MONEY_GAP + padStart(refund, refW);
  const top = scrollTop(prevTop, selected, visible, rows.length);
  const pointer = fmt.ascii ? '> ' : '▶ ';
  return {
    header: line('  ', h.item, h.price, h.sold, h.returned, h.left, h.qty, h.refund),
    rows: rows.slice(top, top + visible).map((r, k) => {
      const i = top + k;
      const qty = r.qty > 0 ? n(r.qty) : r.returnable > 0 ? (fmt.ascii ? '.' : '·') : '';
      return { lineId: r.lineId, selected: i === selected, dim: r.returnable === 0, text: line(i === selected ? pointer : '  ', r.name, r.price, n(r.sold), n(r.returned), n(r.returnable), qty, r.refund) };
    }),
    top,
    above: top,
    below: Math.max(0, rows.length - top - visible),
  };
}

/** One line of the refund as previewed or committed: what goes back how, and its amount. */
export interface RefundLine {
  label: string;
  amount: string;
}

/**
 * Per tender: cash from the drawer, card by its reference, back onto the gift card, points as points;
 * with `handOut`, the cash the drawer hands out when rounding made it differ from what was due.
 */
export function refundLines(r: ReturnRecord, fmt: Fmt, handOut = true): RefundLine[] {
  const out: RefundLine[] = [];
  const balanceOf = new Map((r.giftcards?.refunded ?? []).map((g) => [maskCode(g.code), g.balanceAfter]));
  const issued = new Set((r.giftcards?.issued ?? []).map((g) => g.code));
  for (const f of r.refunds) {
    if (f.kind === 'cash') {
      const label =
        f.paid && f.paid !== 'cash'
          ? fmt.t('ui.return.refund.cashFor', { paid: fmt.t(`receipt.tender.${f.paid}`) })
          : r.cash.rounding !== 0
            ? fmt.t('ui.return.refund.cashRounded', { due: fmt.money(r.cash.due) })
            : fmt.t('ui.return.refund.cash');
      out.push({ label, amount: fmt.money(f.amount) });
    } else if (f.kind === 'exchange') out.push({ label: fmt.t('ui.return.refund.exchange'), amount: fmt.money(f.amount) });
    else if (f.kind === 'giftcard' && f.code && issued.has(f.code)) out.push({ label: fmt.t('ui.return.refund.newCard', { card: maskCode(f.code) }), amount: fmt.money(f.amount) });
    else if (f.kind === 'card') out.push({ label: fmt.t('ui.return.refund.card', { reference: fmt.text(f.reference ?? '') }), amount: fmt.money(f.amount) });
    else if (f.kind === 'giftcard') {
      const card = f.code ? maskCode(f.code) : (f.reference ?? '');
      const balance = balanceOf.get(card);
      out.push({ label: fmt.t('ui.return.refund.giftcard', { card, balance: balance === undefined ? '' : fmt.money(balance) }), amount: fmt.money(f.amount) });
    } else out.push({ label: fmt.t('ui.return.refund.points'), amount: fmt.money(f.amount) });
  }
  // The drawer hands out the rounded sum: the cashier counts what is given.
  if (handOut && r.cash.rounding !== 0) out.push({ label: fmt.t('ui.returnDone.cash'), amount: fmt.money(r.cash.given) });
  return out;
}

/** Points moved and gift cards the sale sold that come back (blocked). */
export function refundNotes(r: ReturnRecord, fmt: Fmt): string[] {
  const out: string[] = [];
  for (const p of r.loyalty?.programs ?? []) {
    if (p.returned === 0 && p.clawedBack === 0 && p.unrecovered === 0) continue;
    const pts = (u: number) => pointsText(u, p.decimals, fmt);
    out.push(fmt.t('ui.return.points', { program: fmt.text(p.name), back: pts(p.returned), taken: pts(p.clawedBack), balance: pts(p.balanceAfter) }));
    if (p.unrecovered > 0) out.push(`  ${fmt.t('ui.return.unrecovered', { points: pts(p.unrecovered) })}`);
  }
  for (const g of r.giftcards?.returned ?? []) out.push(fmt.t('ui.return.cardReturned', { card: maskCode(g.code) }));
  return out;
}

/** "tax $0.45, discounts taken back $0.50": beside the refund's total. */
export function refundDetail(r: ReturnRecord, fmt: Fmt): string {
  return [fmt.t('ui.return.tax', { amount: fmt.money(r.tax) }), r.discount ? fmt.t('ui.return.discount', { amount: fmt.money(r.discount) }) : ''].filter(Boolean).join(fmt.t('ui.sep.list'));
}

/** Why the chosen return cannot be refunded as it is (a blocked card...), in the cashier's words. */
export const returnProblem = (ctx: Pick<ReturnContext, 'problem'>, fmt: Fmt): string | null =>
  ctx.problem ? fmt.t('ui.return.problem', { reason: fmt.text(machineMessageText(ctx.problem)) }) : null;

/** A label and an amount on one line of `width` columns, the amount right-aligned. */
export const amountLine = (label: string, amount: string, width: number, fmt: Fmt): string => {
  const aw = Math.min(width, Math.max(cols(amount), 10));
  return padEnd(label, Math.max(0, width - aw - 1), fmt.ascii) + ' ' + padStart(amount, aw);
};

/**
 * The entry line on the return screens: the receipt number asked for, the quantity of the selected
 * line (0 to what can still come back), "Saving the return…"; null where the sale's entry line applies.
 */
export function returnEntry(screen: Screen, input: InputState, ret: { value: unknown; context: Pick<ReturnContext, 'open'> }, fmt: Fmt): EntryView | null {
  if (screen === 'returnReceipt') return { prompt: fmt.t('ui.entry.returnReceipt'), prefix: '', text: input.entry, active: true };
  if (screen === 'returnDone') return { prompt: '', prefix: '', text: '', active: false };
  if (screen === 'returnItems' || screen === 'exchange') {
    if (ret.value === 'committing') return { prompt: fmt.t('ui.entry.returnSaving'), prefix: '', text: '', active: false };
    if (screen === 'exchange' && input.card)
      return { prompt: input.card.amount === null ? fmt.t('ui.entry.cardDue') : fmt.t('ui.entry.cardAmount', { amount: fmt.money(input.card.amount) }), prefix: '', text: input.entry, active: true };
    const [plain, withQty] = screen === 'exchange' ? (['ui.entry.exchangeItem', 'ui.entry.exchangeItemQty'] as const) : (['ui.entry.returnItem', 'ui.entry.returnItemQty'] as const);
    return { prompt: input.qty === null ? fmt.t(plain) : fmt.t(withQty, { qty: input.qty }), prefix: '', text: input.entry, active: true };
  }
  if (screen !== 'return') return null;
  if (ret.value === 'committing') return { prompt: fmt.t('ui.entry.returnSaving'), prefix: '', text: '', active: false };
  const rows = ret.context.open?.rows ?? [];
  const r = rows[Math.max(0, Math.min(input.returnRow, rows.length - 1))];
  if (!r) return { prompt: '', prefix: '', text: '', active: false };
  return { prompt: fmt.t('ui.entry.returnQty', { name: fmt.text(r.name), max: r.returnable }), prefix: '', text: input.entry, active: true };
}

/**
 * The words of a text for wrapping, with an amount kept whole: the locale's money and numbers group
 * digits with plain spaces ("1 006 баллов", "109,08 ₽"), so a space between two digits, or before a
 * lone symbol (₽, ₫), does not end a word.
 */
function wrapWords(text: string): string[] {
  const out: string[] = [];
  // A no-break space (the locale's own, inside "2 250,00 ₽") never breaks a line either.
  for (const w of text.split(/[ \t\r\n]+/).filter(Boolean)) {
    const prev = out.at(-1);
    if (prev !== undefined && ((/\d$/.test(prev) && /^\d/.test(w)) || /^[^\p{L}\p{N}]+$/u.test(w))) out[out.length - 1] = `${prev} ${w}`;
    else out.push(w);
  }
  return out;
}

/**
 * Text in lines of at most `width` columns, broken between words (a word wider than a line is cut;
 * an amount is one word, wrapWords), at most `max` lines: a refusal too long for the message line,
 * a note under a refund, read in full on the return screens.
 */
export function wrapText(text: string, width: number, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of wrapWords(text)) {
    const next = line ? `${line} ${word}` : word;
    if (cols(next) <= width) line = next;
    else {
      if (line) out.push(line);
      line = cols(word) <= width ? word : truncate(word, width);
    }
  }
  if (line) out.push(line);
  return out.length <= max ? out : [...out.slice(0, max - 1), truncate(out.slice(max - 1).join(' '), width)];
}

/**
 * A note under a refund (points given back, a card returned) in rows of `width` columns: over a
 * second and third row when it is longer, never cut in the middle of a number.
 */
export const noteRows = (note: string, width: number): string[] => wrapText(note, Math.max(8, width - 4), 3).map((l, i) => (i ? `    ${l}` : `  ${l}`));

/**
 * A refusal on a return screen, in full: only when the message line cannot hold it (it wraps to
 * MESSAGE_MAX_ROWS rows and cuts the rest), else nothing — the message line shows it, and twice on
 * one screen reads as two refusals.
 */
export const refusalRows = (refusal: string | null, width: number): string[] =>
  refusal && wrapText(refusal, width, MESSAGE_MAX_ROWS + 1).length > MESSAGE_MAX_ROWS ? wrapText(refusal, width, MESSAGE_MAX_ROWS + 1) : [];
