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
import { textWidth } from '../receipt-text.js';
import { translator, type Translate } from '../../i18n/index.js';

const EN = translator('en');
/** Pads to terminal columns (a CJK character takes two). */
const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - textWidth(s)));
const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - textWidth(s))) + s;
/** A state or history kind in the output's language. */
export const stateText = (state: string, t: Translate = EN): string => t(`cli.giftcard.state.${state}`);
const kindText = (kind: string, t: Translate): string => t(`cli.giftcard.kind.${kind}`);
const SHOW_LABELS = ['state', 'balance', 'face', 'expires', 'customer', 'issued', 'activated'] as const;

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

/**
 * A card's facts for `show`, code masked (the history follows: cardHistoryLines). `local` renders an ISO
 * instant in the shop's time; `t` speaks the output's language (labels aligned in terminal columns).
 */
export function showCard(card: GiftCard, today: string, local: (iso: string) => string, owner?: CardOwner, t: Translate = EN): string[] {
  const cur = card.currency;
  const state = effectiveState(card, today);
  const labelW = Math.max(...SHOW_LABELS.map((k) => textWidth(t(`cli.giftcard.show.${k}`)))) + 1;
  const row = (k: (typeof SHOW_LABELS)[number], value: string) => `  ${padEnd(t(`cli.giftcard.show.${k}`), labelW)}${value}`;
  const out = [
    t('cli.giftcard.show.title', { code: maskCode(card.code) }),
    row('state', `${stateText(state, t)}${state !== card.state ? t('cli.giftcard.show.recorded', { state: stateText(card.state, t) }) : ''}${card.blockReason ? ` — ${card.blockReason}` : ''}`),
    row('balance', `${dec(card.balance, cur)} ${cur}`),
  ];
  const face = card.faceValue > 0 ? `${dec(card.faceValue, cur)} ${cur}` : t('cli.giftcard.show.setWhenSold');
  const promo = card.price !== null && card.price < card.faceValue ? t('cli.giftcard.show.promo', { amount: dec(card.faceValue - card.price, cur) }) : '';
  out.push(row('face', `${face}${card.price !== null ? `${t('cli.giftcard.show.price', { price: dec(card.price, cur) })}${promo}` : ''}`));
  out.push(row('expires', card.expiresOn ?? (card.validityDays ? t('cli.giftcard.show.daysAfterSale', { days: card.validityDays }) : t('cli.giftcard.show.never'))));
  if (card.customerId)
    out.push(row('customer', owner ? t('cli.giftcard.show.onlyFor', { name: owner.name, card: owner.card, id: card.customerId }) : t('cli.giftcard.show.onlyForId', { id: card.customerId })));
  const issued = issuedEntry(card);
  if (issued) out.push(row('issued', t('cli.giftcard.show.by', { at: local(issued.at), op: issued.op })));
  const sold = soldEntry(card);
  const where = soldWhere(card, t);
  if (sold) out.push(row('activated', `${t('cli.giftcard.show.by', { at: local(sold.at), op: sold.op })}${where ? ` ${where}` : ''}`));
  return out;
}

const soldWhere = (card: GiftCard, t: Translate): string =>
  [card.register && t('cli.giftcard.show.onRegister', { register: card.register }), (card.receiptNo || card.saleId) && t('cli.giftcard.show.sale', { ref: card.receiptNo || card.saleId })].filter(Boolean).join(', ');

/** The card's history, newest first as a page of it: each movement with the balance after it. */
export function cardHistoryLines(page: Page<HistoryEntry>, cur: string, local: (iso: string) => string, t: Translate = EN): string[] {
  const c = (k: string) => t(`cli.giftcard.col.${k}`);
  const whatW = Math.max(9, textWidth(c('what')), ...page.items.map((h) => textWidth(kindText(h.kind, t))));
  const out = [t('cli.giftcard.history.title'), `  ${padEnd(c('when'), 16)}  ${padEnd(c('what'), whatW)}  ${padStart(c('amount'), 12)}  ${padStart(c('balance'), 12)}  ${c('by')}  ${c('reference')}`];
  for (const h of page.items) {
    const cols = [padEnd(local(h.at), 16), padEnd(kindText(h.kind, t), whatW), padStart(signed(h.amount, cur), 12), padStart(dec(h.balance, cur), 12), h.op];
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

/** The list's heading in the output's language (columns as listRow draws them). */
const STATES = ['pending', 'active', 'blocked', 'expired', 'depleted'];
/** The state column: as wide as its heading and its longest state in the output's language. */
const stateWidth = (t: Translate): number => Math.max(8, textWidth(t('cli.giftcard.col.state')), ...STATES.map((x) => textWidth(stateText(x, t))));

export const listHeader = (t: Translate = EN): string => {
  const c = (k: string) => t(`cli.giftcard.col.${k}`);
  return `${padEnd(c('card'), 8)}  ${padEnd(c('state'), stateWidth(t))}  ${padStart(c('balance'), 12)}  ${padEnd(c('expires'), 10)}  ${c('customer')}`;
};

export function listRow(card: GiftCard, today: string, t: Translate = EN): string {
  return `${maskCode(card.code)}  ${padEnd(stateText(effectiveState(card, today), t), stateWidth(t))}  ${dec(card.balance, card.currency).padStart(12)}  ${(card.expiresOn ?? '-').padEnd(10)}  ${card.customerId ?? ''}`.trimEnd();
}

export function liabilityLines(r: LiabilityReport, t: Translate = EN): string[] {
  const d = (n: Minor) => dec(n, r.currency);
  const L = (k: string, params?: Record<string, string | number>) => t(`cli.giftcard.liability.${k}`, params);
  const row = (label: string, value: string) => `  ${padEnd(label, 42)}${padStart(value, 14)}`;
  const out = [
    L('title', { currency: r.currency }),
    row(L('outstanding', { n: r.activeCount }), d(r.outstanding)),
    row(L('blocked'), d(r.blocked)),
    row(L('pastExpiry'), d(r.pastExpiry)),
    row(L('pending'), String(r.pendingCount)),
    '',
  ];
  if (r.expiring) {
    const e = r.expiring;
    out.push(L('expiringTitle', { date: e.asOf }), row(L('expiring', { n: e.count }), d(e.amount)), row(L('stillOutstanding', { date: e.asOf }), d(e.stillOutstanding)), '');
  }
  if (r.days.length === 0) return [...out, L('none')];
  const cols = ['day', 'sold', 'value', 'price', 'promo', 'loaded', 'redeemed', 'refunded', 'adjusted', 'expired'].map((k) => L(`col.${k}`));
  out.push(cols.map((c, i) => (i === 0 ? padEnd(c, 10) : padStart(c, i === 1 ? 5 : 12))).join(' '));
  for (const row of r.days) {
    const money = [row.soldValue, row.soldPrice, row.promotional, row.loaded, row.redeemed, row.refunded, row.adjusted, row.expired];
    out.push([row.day.padEnd(10), String(row.soldCount).padStart(5), ...money.map((m) => d(m).padStart(12))].join(' '));
  }
  return out;
}
