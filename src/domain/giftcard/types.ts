/**
 * Gift-card data: the card as the projection holds it, its history, the journal event payloads, and
 * the `giftcards` extension a sale carries in `SaleRecord.extensions.giftcards`.
 * The balance is never written by code: it is the fold of the events (see ledger.ts).
 */
import type { Minor } from '../money.js';

export type GiftCardState = 'pending' | 'active' | 'blocked' | 'expired' | 'depleted';

/** Ways a register sells a card (Odoo's three POS modes), chosen per register in config. */
export type SellMode = 'generate' | 'scan-set-amount' | 'scan-preset';

export type HistoryKind =
  | 'issued'
  | 'activated'
  | 'loaded'
  | 'redeemed'
  | 'refunded'
  | 'adjusted'
  | 'blocked'
  | 'unblocked'
  | 'expired';

/** One movement. `amount` is the signed change to the balance; the balance is the sum of amounts. */
export interface HistoryEntry {
  /** Journal sequence of the event. */
  seq: number;
  at: string;
  kind: HistoryKind;
  amount: Minor;
  /** Balance after this movement. */
  balance: Minor;
  /** Operator id. */
  op: string;
  /** Receipt number of the sale (or sale id when there is no receipt number). */
  ref?: string;
  reason?: string;
}

export interface GiftCard {
  code: string;
  state: GiftCardState;
  /** The state an unblock returns to. */
  blockedFrom?: Exclude<GiftCardState, 'blocked'>;
  currency: string;
  /** Value the card was (or will be, for preset stock) loaded with when sold. 0 = set at sale. */
  faceValue: Minor;
  /** What the customer paid; below faceValue means promotional value. null = set at sale. */
  price: Minor | null;
  balance: Minor;
  /** Last valid day (local date, inclusive), "YYYY-MM-DD". None = never expires. */
  expiresOn?: string;
  /** Pending stock: validity counted from the day it is sold. */
  validityDays?: number;
  /** Only this customer may redeem it. */
  customerId?: string;
  // When and by whom it was issued and sold are in its history (issuedEntry, soldEntry in
  // ledger.ts), not repeated here: 100k cards must stay a modest snapshot.
  saleId?: string;
  receiptNo?: string;
  /** Register that sold it. */
  register?: string;
  blockReason?: string;
  history: HistoryEntry[];
}

/** The slice of the store projection owned by gift cards, keyed by canonical code. */
export interface GiftCardSlice {
  cards: Record<string, GiftCard>;
}

/** Where an event came from: the journal envelope fields the fold uses. */
export interface EventOrigin {
  seq: number;
  at: string;
  operator: string;
  register: string;
  tx: string;
}

/** Sale reference carried by events that belong to a sale. */
export interface SaleRef {
  saleId?: string;
  receiptNo?: string;
}

// ---- journal event payloads (type -> data) -------------------------------------------------

export interface IssuedData extends SaleRef {
  code: string;
  /** 'pending' = card stock with no value until sold; 'active' = loaded with faceValue now. */
  state: 'pending' | 'active';
  currency: string;
  faceValue: Minor;
  price: Minor | null;
  expiresOn?: string;
  validityDays?: number;
  customerId?: string;
  batch?: string;
}

export interface ActivatedData extends SaleRef {
  code: string;
  /** Value loaded at activation. */
  faceValue: Minor;
  price: Minor;
  expiresOn?: string;
  customerId?: string;
}

export interface AmountData extends SaleRef {
  code: string;
  /** > 0 */
  amount: Minor;
  reason?: string;
  /** `giftcard.loaded` only: the load renews the card (see Renewal). */
  renew?: Renewal;
}

/**
 * A load that gives a card a new expiry (a top-up of an expired card, `till giftcard load --extend`).
 * Folded as: if the card is past its last valid day on `day` (or recorded expired), what is left on
 * it is forfeited first, as `till giftcard expire` records it; the card is active again with
 * `expiresOn` (null = never expires), then the amount is loaded.
 */
export interface Renewal {
  day: string;
  expiresOn: string | null;
}

export interface AdjustedData {
  code: string;
  /** Signed, non-zero. */
  amount: Minor;
  reason: string;
}

export interface ReasonData {
  code: string;
  reason: string;
}

export interface ExpiredData {
  code: string;
  /** Balance forfeited (breakage); the card's balance becomes 0. */
  forfeited: Minor;
}

export const GIFT_CARD_EVENTS = {
  issued: 'giftcard.issued',
  activated: 'giftcard.activated',
  loaded: 'giftcard.loaded',
  redeemed: 'giftcard.redeemed',
  refunded: 'giftcard.refunded',
  adjusted: 'giftcard.adjusted',
  blocked: 'giftcard.blocked',
  unblocked: 'giftcard.unblocked',
  expired: 'giftcard.expired',
} as const;

// ---- the sale extension --------------------------------------------------------------------

/** A card sold as a line of a sale. It becomes active (or is created active) when the sale commits. */
export interface SoldCard {
  code: string;
  /** Cart line id of the card line. */
  lineId: string;
  mode: SellMode;
  /** Value loaded onto the card. */
  faceValue: Minor;
  /** What the customer paid for it (the line amount). faceValue - price is promotional value. */
  price: Minor;
  expiresOn?: string;
  customerId?: string;
}

/** An existing card topped up as a line of a sale (top-up mode); the value is loaded when the sale commits. */
export interface LoadedCard {
  code: string;
  /** Cart line id of the top-up line. */
  lineId: string;
  /** Value loaded (the line amount). */
  amount: Minor;
  renew?: Renewal;
  /** The card's balance after the load, as planned when the line was added (for the receipt). */
  balanceAfter: Minor;
}

/** A gift-card tender of a sale. */
export interface RedeemedCard {
  code: string;
  amount: Minor;
  /** Tender id on the sale. */
  tenderId: string;
}

/** `SaleRecord.extensions.giftcards`, folded by the gift-card projection on `sale.committed`. */
export interface SaleGiftCards {
  sold: SoldCard[];
  redeemed: RedeemedCard[];
  /** Absent on sales without top-ups (and on every sale before top-ups existed). */
  loaded?: LoadedCard[];
}
