/**
 * The fold: journal events -> cards. Every balance change is a history entry, and the balance is the
 * running sum of history amounts; nothing else writes it. The fold mutates the slice in place (the
 * projection contract) and never throws: events are validated before commit (operations.ts,
 * redeem.ts, sell.ts). Malformed payloads and events for unknown cards are ignored, so a bad line can
 * never stop a replay.
 */
import type {
  ActivatedData,
  AdjustedData,
  AmountData,
  EventOrigin,
  ExpiredData,
  GiftCard,
  GiftCardSlice,
  HistoryEntry,
  HistoryKind,
  IssuedData,
  ReasonData,
  Renewal,
  SaleGiftCards,
  SaleRef,
} from './types.js';
import { hasValidCheck } from './code.js';
import { forfeitOnRenewal } from './topup.js';

export const emptySlice = (): GiftCardSlice => ({ cards: {} });

// Only canonical codes with a valid check symbol are folded: this also keeps keys such as
// "__proto__" or "constructor" out of the cards record.
const isCode = (v: unknown): v is string => typeof v === 'string' && hasValidCheck(v);
const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const refOf = (r: SaleRef): string | undefined => r.receiptNo || r.saleId || undefined;

function record(card: GiftCard, o: EventOrigin, kind: HistoryKind, amount: number, extra: { ref?: string; reason?: string } = {}): void {
  card.balance += amount;
  const e: HistoryEntry = { seq: o.seq, at: o.at, kind, amount, balance: card.balance, op: o.operator };
  if (extra.ref) e.ref = extra.ref;
  if (extra.reason) e.reason = extra.reason;
  card.history.push(e);
}

/** active/depleted follow the balance; pending, blocked and expired are left alone. */
function settle(card: GiftCard): void {
  if (card.state === 'active' || card.state === 'depleted') card.state = card.balance > 0 ? 'active' : 'depleted';
}

function issue(cards: Record<string, GiftCard>, d: IssuedData, o: EventOrigin): void {
  if (!isCode(d.code) || cards[d.code] || !isAmount(d.faceValue) || typeof d.currency !== 'string') return;
  const card: GiftCard = {
    code: d.code,
    state: d.state === 'active' ? 'active' : 'pending',
    currency: d.currency,
    faceValue: d.faceValue,
    price: isAmount(d.price) ? d.price : null,
    balance: 0,
    history: [],
  };
  if (d.expiresOn) card.expiresOn = d.expiresOn;
  if (d.validityDays) card.validityDays = d.validityDays;
  if (d.customerId) card.customerId = d.customerId;
  if (card.state === 'active') markSold(card, d, o);
  cards[d.code] = card;
  record(card, o, 'issued', card.state === 'active' ? d.faceValue : 0, { ref: refOf(d) });
  settle(card);
}

function markSold(card: GiftCard, r: SaleRef, o: EventOrigin): void {
  card.register = o.register;
  if (r.saleId) card.saleId = r.saleId;
  if (r.receiptNo) card.receiptNo = r.receiptNo;
}

function activate(card: GiftCard, d: ActivatedData, o: EventOrigin): void {
  if (card.state !== 'pending' || !isAmount(d.faceValue)) return;
  card.state = 'active';
  card.faceValue = d.faceValue;
  card.price = isAmount(d.price) ? d.price : d.faceValue;
  if (d.expiresOn) card.expiresOn = d.expiresOn;
  if (d.customerId) card.customerId = d.customerId;
  markSold(card, d, o);
  record(card, o, 'activated', d.faceValue, { ref: refOf(d) });
  settle(card);
}

/**
 * A renewing load (types.ts, Renewal): the balance left on a card past its last valid day is forfeited
 * first (an `expired` movement, as `till giftcard expire` records it), then the card is active again
 * with its new expiry. Pending and blocked cards are never renewed (the plans refuse them).
 */
function renew(card: GiftCard, r: Renewal, o: EventOrigin): void {
  if (!r || typeof r.day !== 'string' || (r.expiresOn !== null && typeof r.expiresOn !== 'string')) return;
  if (card.state !== 'active' && card.state !== 'depleted' && card.state !== 'expired') return;
  const left = forfeitOnRenewal(card, r.day);
  if (left > 0) record(card, o, 'expired', -left);
  // settle() after the load makes it active (balance > 0) from here.
  card.state = 'depleted';
  if (r.expiresOn) card.expiresOn = r.expiresOn;
  else delete card.expiresOn;
}

/** Folds one journal event of a `giftcard.*` type; other types are ignored. */
export function applyGiftCardEvent(slice: GiftCardSlice, type: string, data: unknown, o: EventOrigin): void {
  if (!type.startsWith('giftcard.') || !data || typeof data !== 'object') return;
  const d = data as { code?: unknown };
  if (!isCode(d.code)) return;
  if (type === 'giftcard.issued') return issue(slice.cards, data as IssuedData, o);
  const card = slice.cards[d.code];
  if (!card) return;
  switch (type) {
    case 'giftcard.activated':
      return activate(card, data as ActivatedData, o);
    case 'giftcard.loaded':
    case 'giftcard.refunded':
    case 'giftcard.redeemed': {
      const a = data as AmountData;
      if (!isAmount(a.amount)) return;
      const kind = type.slice('giftcard.'.length) as HistoryKind;
      if (kind === 'loaded' && a.renew) renew(card, a.renew, o);
      record(card, o, kind, kind === 'redeemed' ? -a.amount : a.amount, { ref: refOf(a), reason: a.reason });
      return settle(card);
    }
    case 'giftcard.adjusted': {
      const a = data as AdjustedData;
      if (!isAmount(a.amount)) return;
      record(card, o, 'adjusted', a.amount, { reason: a.reason });
      return settle(card);
    }
    case 'giftcard.blocked': {
      if (card.state === 'blocked') return;
      card.blockedFrom = card.state;
      card.state = 'blocked';
      card.blockReason = (data as ReasonData).reason;
      return record(card, o, 'blocked', 0, { reason: card.blockReason });
    }
    case 'giftcard.unblocked': {
      if (card.state !== 'blocked') return;
      card.state = card.blockedFrom ?? 'active';
      delete card.blockedFrom;
      delete card.blockReason;
      record(card, o, 'unblocked', 0, { reason: (data as ReasonData).reason });
      return settle(card);
    }
    case 'giftcard.expired': {
      const f = (data as ExpiredData).forfeited;
      if (!isAmount(f)) return;
      card.state = 'expired';
      return record(card, o, 'expired', -f);
    }
  }
}

/**
 * Folds the gift cards of a committed sale: sold cards become active (pending stock is activated,
 * generated codes are created active), and each gift-card tender is a redemption. The sale's own
 * envelope (operator, register, time) is the card's "who sold it and where".
 */
export function applySaleGiftCards(slice: GiftCardSlice, ext: SaleGiftCards, sale: SaleRef & { currency: string }, o: EventOrigin): void {
  const ref: SaleRef = { saleId: sale.saleId, receiptNo: sale.receiptNo };
  for (const s of Array.isArray(ext.sold) ? ext.sold : []) {
    if (!s || !isCode(s.code) || !isAmount(s.faceValue)) continue;
    const card = slice.cards[s.code];
    if (!card) {
      issue(slice.cards, { code: s.code, state: 'active', currency: sale.currency, faceValue: s.faceValue, price: s.price, expiresOn: s.expiresOn, customerId: s.customerId, ...ref }, o);
    } else {
      activate(card, { code: s.code, faceValue: s.faceValue, price: s.price, expiresOn: s.expiresOn, customerId: s.customerId, ...ref }, o);
    }
  }
  for (const l of Array.isArray(ext.loaded) ? ext.loaded : []) {
    if (!l || !isCode(l.code) || !isAmount(l.amount) || l.amount <= 0) continue;
    const card = slice.cards[l.code];
    if (!card) continue;
    if (l.renew) renew(card, l.renew, o);
    record(card, o, 'loaded', l.amount, { ref: refOf(ref) });
    settle(card);
  }
  for (const r of Array.isArray(ext.redeemed) ? ext.redeemed : []) {
    if (!r || !isCode(r.code) || !isAmount(r.amount)) continue;
    const card = slice.cards[r.code];
    if (!card) continue;
    record(card, o, 'redeemed', -r.amount, { ref: refOf(ref) });
    settle(card);
  }
}

/** The movement that issued the card: always the first. */
export const issuedEntry = (card: Pick<GiftCard, 'history'>): HistoryEntry | undefined => card.history[0];

/**
 * The movement that put the card's value on it when sold (time, operator, sale): `activated` for
 * stock, the `issued` movement itself for a card created active. None for unsold stock.
 */
export function soldEntry(card: Pick<GiftCard, 'history'>): HistoryEntry | undefined {
  return card.history.find((h) => h.kind === 'activated') ?? (card.history[0]?.kind === 'issued' && card.history[0].amount > 0 ? card.history[0] : undefined);
}

/** Sums of a card's history by kind (signed, as recorded). */
export function historyTotals(card: Pick<GiftCard, 'history'>): Record<HistoryKind, number> {
  const t: Record<HistoryKind, number> = { issued: 0, activated: 0, loaded: 0, redeemed: 0, refunded: 0, adjusted: 0, blocked: 0, unblocked: 0, expired: 0 };
  for (const h of card.history) t[h.kind] += h.amount;
  return t;
}
