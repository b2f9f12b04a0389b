/**
 * Text the back office prints about cards: the CSV for a card printer (the one place full codes are
 * written), a card with its history, list rows and the liability report. Pure: the admin command
 * supplies the clock-derived values (today, local time of an ISO instant).
 */
import { csvLine } from '../csv.js';
import { currency, toDecimalString, type Minor } from '../money.js';
import { formatCode, maskCode, scanValue } from './code.js';
import { effectiveState } from './dates.js';
import { issuedEntry, soldEntry } from './ledger.js';
import type { LiabilityReport } from './report.js';
import type { GiftCard, HistoryEntry } from './types.js';
import { pageFields, type Page } from '../paging.js';

const dec = (amount: Minor, cur: string): string => toDecimalString(amount, currency(cur));
const signed = (amount: Minor, cur: string): string => (amount > 0 ? `+${dec(amount, cur)}` : dec(amount, cur));

export const CARD_CSV_HEADER = ['code', 'code_grouped', 'barcode', 'value', 'price', 'currency', 'state', 'expires', 'customer'];

/** One CSV line per card for a card printer: barcode is what the Code128/QR encodes. */
export function cardCsvLine(card: Pick<GiftCard, 'code' | 'faceValue' | 'price' | 'currency' | 'state' | 'expiresOn' | 'customerId'>, prefix: string): string {
  return csvLine([
    card.code,
    formatCode(card.code),
    scanValue(card.code, prefix),
    card.faceValue > 0 ? dec(card.faceValue, card.currency) : '',
    card.price !== null ? dec(card.price, card.currency) : '',
    card.currency,
    card.state,
    card.expiresOn ?? '',
    card.customerId ?? '',
  ]);
}

/** Who a reserved card is for, as the loyalty projection knows them (absent: the id is not a customer). */
export interface CardOwner {
  name: string;
  card: string;
}

/** A card's facts for `show`, code masked (the history follows: cardHistoryLines). `local` renders an ISO instant in the shop's time. */
export function showCard(card: GiftCard, today: string, local: (iso: string) => string, owner?: CardOwner): string[] {
  const cur = card.currency;
  const state = effectiveState(card, today);
  const out = [
    `Gift card ${maskCode(card.code)}`,
    `  State:      ${state}${state !== card.state ? ` (recorded: ${card.state})` : ''}${card.blockReason ? ` — ${card.blockReason}` : ''}`,
    `  Balance:    ${dec(card.balance, cur)} ${cur}`,
  ];
  const face = card.faceValue > 0 ? `${dec(card.faceValue, cur)} ${cur}` : 'set when sold';
  const promo = card.price !== null && card.price < card.faceValue ? ` (promotional ${dec(card.faceValue - card.price, cur)})` : '';
  out.push(`  Face value: ${face}${card.price !== null ? `, price ${dec(card.price, cur)}${promo}` : ''}`);
  out.push(`  Expires:    ${card.expiresOn ?? (card.validityDays ? `${card.validityDays} days after sale` : 'never')}`);
  if (card.customerId) out.push(`  Customer:   ${owner ? `${owner.name} (card ${owner.card}, id ${card.customerId})` : `${card.customerId} (not a customer of this store)`} only`);
  const issued = issuedEntry(card);
  if (issued) out.push(`  Issued:     ${local(issued.at)} by ${issued.op}`);
  const sold = soldEntry(card);
  if (sold) out.push(`  Activated:  ${local(sold.at)} by ${sold.op}${soldWhere(card) ? ` ${soldWhere(card)}` : ''}`);
  return out;
}

const soldWhere = (card: GiftCard): string => [card.register && `on ${card.register}`, (card.receiptNo || card.saleId) && `sale ${card.receiptNo || card.saleId}`].filter(Boolean).join(', ');

/** The card's history, newest first as a page of it: each movement with the balance after it. */
export function cardHistoryLines(page: Page<HistoryEntry>, cur: string, local: (iso: string) => string): string[] {
  const out = ['History (newest first):', `  ${'when'.padEnd(16)}  ${'what'.padEnd(9)}  ${'amount'.padStart(12)}  ${'balance'.padStart(12)}  by  reference`];
  for (const h of page.items) {
    const cols = [local(h.at).padEnd(16), h.kind.padEnd(9), signed(h.amount, cur).padStart(12), dec(h.balance, cur).padStart(12), h.op];
    if (h.ref) cols.push(h.ref);
    if (h.reason) cols.push(`"${h.reason}"`);
    out.push(`  ${cols.join('  ')}`);
  }
  return out;
}

const amountJson = (amount: Minor, cur: string) => ({ amount, currency: cur });

/** The `--json` document of `till giftcard show`: code masked, money as minor units with the currency. */
export function cardJson(card: GiftCard, today: string, owner: CardOwner | undefined, page: Page<HistoryEntry>) {
  const cur = card.currency;
  const issued = issuedEntry(card);
  const sold = soldEntry(card);
  return {
    card: {
      code: maskCode(card.code), state: effectiveState(card, today), recordedState: card.state, blockReason: card.blockReason ?? null,
      balance: amountJson(card.balance, cur), faceValue: card.faceValue > 0 ? amountJson(card.faceValue, cur) : null, price: card.price !== null ? amountJson(card.price, cur) : null,
      expiresOn: card.expiresOn ?? null, validityDays: card.validityDays ?? null,
      customer: card.customerId ? { id: card.customerId, name: owner?.name ?? null, card: owner?.card ?? null } : null,
      issued: issued ? { at: issued.at, operator: issued.op } : null,
      activated: sold ? { at: sold.at, operator: sold.op, register: card.register ?? null, ref: card.receiptNo || card.saleId || null } : null,
    },
    history: {
      order: 'newest-first', ...pageFields(page),
      rows: page.items.map((h) => ({ seq: h.seq, at: h.at, kind: h.kind, amount: amountJson(h.amount, cur), balanceAfter: amountJson(h.balance, cur), operator: h.op, ref: h.ref ?? null, reason: h.reason ?? null })),
    },
  };
}

/** A card of a `list --json` answer. */
export function listRowJson(card: GiftCard, today: string) {
  return { code: maskCode(card.code), state: effectiveState(card, today), balance: amountJson(card.balance, card.currency), expiresOn: card.expiresOn ?? null, customerId: card.customerId ?? null };
}

export const LIST_HEADER = `${'card'.padEnd(8)}  ${'state'.padEnd(8)}  ${'balance'.padStart(12)}  ${'expires'.padEnd(10)}  customer`;

export function listRow(card: GiftCard, today: string): string {
  return `${maskCode(card.code)}  ${effectiveState(card, today).padEnd(8)}  ${dec(card.balance, card.currency).padStart(12)}  ${(card.expiresOn ?? '-').padEnd(10)}  ${card.customerId ?? ''}`.trimEnd();
}

export function liabilityLines(r: LiabilityReport): string[] {
  const d = (n: Minor) => dec(n, r.currency);
  const row = (label: string, value: string) => `  ${label.padEnd(42)}${value.padStart(14)}`;
  const out = [
    `Gift-card liability (${r.currency})`,
    row(`Outstanding on ${r.activeCount} active card(s)`, d(r.outstanding)),
    row('Frozen on blocked cards', d(r.blocked)),
    row('On cards past expiry, not yet expired', d(r.pastExpiry)),
    row('Pending stock cards (no value)', String(r.pendingCount)),
    '',
  ];
  if (r.expiring) {
    const e = r.expiring;
    out.push(
      `Expiring by ${e.asOf} (no longer spendable that day, at today's balances)`,
      row(`Expiring on ${e.count} active card(s)`, d(e.amount)),
      row(`Still outstanding on ${e.asOf}`, d(e.stillOutstanding)),
      '',
    );
  }
  if (r.days.length === 0) return [...out, 'No movements in the period.'];
  const cols = ['day'.padEnd(10), 'sold', 'value', 'price', 'promo', 'loaded', 'redeemed', 'refunded', 'adjusted', 'expired'];
  out.push(cols.map((c, i) => (i === 0 ? c : c.padStart(i === 1 ? 5 : 12))).join(' '));
  for (const row of r.days) {
    const money = [row.soldValue, row.soldPrice, row.promotional, row.loaded, row.redeemed, row.refunded, row.adjusted, row.expired];
    out.push([row.day.padEnd(10), String(row.soldCount).padStart(5), ...money.map((m) => d(m).padStart(12))].join(' '));
  }
  return out;
}
