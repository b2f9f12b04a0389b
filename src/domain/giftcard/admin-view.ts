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
import type { GiftCard } from './types.js';

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

/** A card and its history, code masked. `local` renders an ISO instant in the shop's time. */
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
  if (sold) {
    const where = [card.register && `on ${card.register}`, (card.receiptNo || card.saleId) && `sale ${card.receiptNo || card.saleId}`].filter(Boolean).join(', ');
    out.push(`  Activated:  ${local(sold.at)} by ${sold.op}${where ? ` ${where}` : ''}`);
  }
  out.push('History:');
  for (const h of card.history) {
    const cols = [local(h.at), h.kind.padEnd(9), signed(h.amount, cur).padStart(12), dec(h.balance, cur).padStart(12), h.op];
    if (h.ref) cols.push(h.ref);
    if (h.reason) cols.push(`"${h.reason}"`);
    out.push(`  ${cols.join('  ')}`);
  }
  return out;
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
  if (r.days.length === 0) return [...out, 'No movements in the period.'];
  const cols = ['day'.padEnd(10), 'sold', 'value', 'price', 'promo', 'loaded', 'redeemed', 'refunded', 'adjusted', 'expired'];
  out.push(cols.map((c, i) => (i === 0 ? c : c.padStart(i === 1 ? 5 : 12))).join(' '));
  for (const row of r.days) {
    const money = [row.soldValue, row.soldPrice, row.promotional, row.loaded, row.redeemed, row.refunded, row.adjusted, row.expired];
    out.push([row.day.padEnd(10), String(row.soldCount).padStart(5), ...money.map((m) => d(m).padStart(12))].join(' '));
  }
  return out;
}
