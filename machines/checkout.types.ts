/** Context, events and input of the checkout machine. */
import type { CatalogLookup } from '../src/domain/catalog.js';
import type { Cart, PricedCart } from '../src/domain/cart.js';
import type { TaxSettings } from '../src/domain/tax.js';
import type { Tender } from '../src/domain/tender.js';
import type { SaleRecord } from '../src/domain/sale.js';
import type { GiftCard, GiftCardState, GuessLimits, GuessState, HistoryKind, SellMode } from '../src/domain/giftcard/index.js';
import type { ApprovalAction, ApprovalFacts } from '../src/domain/operators/approval.js';
import type { PlausibilityLimits, Question } from '../src/domain/plausibility.js';
import type { ScaleLayout } from '../src/domain/scale-barcode.js';
import type { LoyaltyAccount, LoyaltyProgram, SaleLoyalty, TierLadder } from '../src/domain/loyalty/types.js';
import type { PendingHold } from './checkout.holds.js';

/** Read-only view of the gift cards in the store, plus this register's selling rules. */
export interface GiftCardDeps {
  lookup(code: string): GiftCard | undefined;
  /** A new code from >= 80 cryptographic random bits (generate mode). */
  newCode(): string;
  prefix: string;
  sellMode: SellMode;
  defaultValidityDays: number;
  limits: GuessLimits;
  /**
   * The limiter's state at start-up, as the store kept it for this register (src/store/guess-file.ts),
   * so a restart does not end a cool-down. Default: no misses. The register saves each change.
   */
  guess?: GuessState;
  /** Name of a gift-card line on the cart and receipt ("Gift card"). */
  lineName: string;
  /** Most a card sold here may hold (`giftCards.maxValue`), minor units; absent or null = no limit. */
  maxValue?: number | null;
  /** Top-up mode (`giftCards.topUp`): a scanned existing card in a sale asks for a value to load. */
  topUp?: boolean;
  /** Name of a top-up line ("Gift card top-up"); default: lineName. */
  topUpLineName?: string;
}

/** Read-only view of loyalty accounts and programs in the store. */
export interface LoyaltyDeps {
  prefix: string;
  byCard(card: string): LoyaltyAccount | undefined;
  account(id: string): LoyaltyAccount | undefined;
  programs(): LoyaltyProgram[];
  ladder(): TierLadder | null;
}

export interface GiftCardBalanceView {
  masked: string;
  state: GiftCardState;
  balance: number;
  currency: string;
  expiresOn: string | null;
  restricted: boolean;
  recent: { at: string; kind: HistoryKind; amount: number; balance: number }[];
}

export interface CheckoutDeps {
  catalog: CatalogLookup;
  tax: TaxSettings;
  currency: string;
  /** Cash rounding unit in minor units (1 = none). */
  cashRoundingUnit: number;
  /** New UUID for a sale. Injected so tests are deterministic. */
  newId: () => string;
  /** Clock for expiry dates and the guess limiter. Defaults to the system clock. */
  now?: () => Date;
  /** Absent: gift-card codes are looked up as products. */
  giftcards?: GiftCardDeps;
  /** Absent: loyalty cards are looked up as products. */
  loyalty?: LoyaltyDeps;
  /** Plausibility questions (src/domain/plausibility.ts); absent: nothing is asked. */
  checks?: PlausibilityLimits;
  /** Manager approval (src/session.ts); absent: nothing needs one. */
  approvals?: {
    required(action: ApprovalAction, facts?: ApprovalFacts): boolean;
    /** A manager approved this action on the spot and the approval has not been used yet. */
    granted(action: ApprovalAction): boolean;
  };
  /** Scale labels (price- and weight-embedded EAN-13, `scale.layouts`); absent: none are decoded. */
  scale?: readonly ScaleLayout[];
  /** Most an open-price item may be entered at, minor units (`plausibility.openPriceMax`); null = no limit. */
  openPriceMax?: number | null;
  /** Why a new sale may not start now (no shift open while shift.mode is "required"), or null. Absent: always. */
  saleStart?: () => { code: string; message: string } | null;
  /**
   * On a chain (docs/chain.md): gift-card payments and points rewards are held in the shared database
   * by the `holdSpends` actor before they are on the sale (checkout.holds.ts). Absent: applied at once.
   */
  chainHolds?: boolean;
}

export interface CheckoutMessage {
  /** Stable code (UNKNOWN_BARCODE, TENDER_EXCEEDS_DUE...) or an info code (SALE_VOIDED). */
  code: string;
  /** English fallback text; the UI shows the catalog message for the code. */
  text: string;
  params: Record<string, string | number>;
  level: 'error' | 'info';
}

export interface CheckoutContext {
  deps: CheckoutDeps;
  /** UUID of the open sale (its idempotency key), null when none is open. */
  saleId: string | null;
  cart: Cart;
  priced: PricedCart;
  tenders: Tender[];
  nextTender: number;
  message: CheckoutMessage | null;
  lastSale: SaleRecord | null;
  /** Gift-card guess limiter (unknown codes per minute, cool-down). */
  guess: GuessState;
  /** A scanned card waiting for the value the cashier types (stock to sell, or a card to top up). */
  cardPrompt: CardPrompt | null;
  /** An open-price product waiting for the price the cashier types (state open.priceEntry). */
  pricePrompt: PricePrompt | null;
  /** The card shown on the balance screen. */
  balance: GiftCardBalanceView | null;
  /** Loyalty customer attached to the sale (as the store had it when attached). */
  customer: LoyaltyAccount | null;
  /** What the sale will do to the customer's points if paid now (earned, spent, tier). */
  loyalty: SaleLoyalty | null;
  /**
   * A plausibility question waiting for its answer (cash far above what is due, a large quantity,
   * a large total): the event that asked is held here and applied only on `confirm.accept`.
   */
  confirm: PendingConfirm | null;
  /** A sale total the cashier said yes to (CONFIRM_TOTAL): not asked again unless the total grows. 0 = none. */
  totalAccepted: number;
  /** A payment or reward waiting for its hold in the chain database (state open.holding), or null. */
  holding: PendingHold | null;
}

/**
 * A scanned card waiting for the value the cashier types: stock to sell, or (top-up mode) an existing
 * card to load, with its balance today and, when the load renews it, the new expiry (null = none).
 */
export interface CardPrompt {
  code: string;
  masked: string;
  topUp?: { balance: number; renewTo?: string | null };
}

/** An open-price product added, waiting for its price: what the line will be once it is typed. */
export interface PricePrompt {
  sku: string;
  name: string;
  qty: number;
  barcode?: string;
}

export interface PendingConfirm {
  /** CONFIRM_CASH, CONFIRM_QTY, CONFIRM_TOTAL. */
  code: Question['code'];
  text: string;
  params: Record<string, string | number>;
  /** Sent again, marked confirmed, when the cashier says yes. */
  event: CheckoutEvent;
  /** Where it was asked: an answer arriving elsewhere (the sale moved on) does nothing. */
  where: 'idle' | 'sale' | 'tender';
}

export type CheckoutEvent =
  /** `confirmed`: the cashier said yes to this event's plausibility question (only confirm.accept sets it). */
  | { type: 'cart.scan'; code: string; qty?: number; source?: string; confirmed?: true }
  /** A product by its sku (product search, quick keys): added as a scan of it would be. */
  | { type: 'cart.add'; sku: string; qty?: number; source?: string; confirmed?: true }
  | { type: 'cart.qty'; lineId: string; qty: number; confirmed?: true }
  | { type: 'cart.remove'; lineId: string }
  | { type: 'cart.void' }
  | { type: 'tender.start' }
  | { type: 'tender.cash'; amount: number; confirmed?: true }
  | { type: 'tender.exact' }
  | { type: 'tender.card'; amount?: number; reference: string }
  | { type: 'tender.remove'; tenderId: string }
  | { type: 'tender.cancel' }
  | { type: 'commit.retry' }
  | { type: 'sale.next' }
  | { type: 'receipt.view' }
  | { type: 'receipt.close' }
  | { type: 'receipt.reprint' }
  | { type: 'message.clear' }
  /**
   * A refusal of something the register does beside the checkout (creating a customer), shown on the
   * message line like the checkout's own; changes nothing else.
   */
  | { type: 'message.refusal'; code: string; text: string; params?: Record<string, string | number> }
  | { type: 'giftcard.sell'; amount: number }
  | { type: 'giftcard.amount'; amount: number }
  | { type: 'giftcard.cancel' }
  /** The price of the open-price product asked for (context.pricePrompt), minor units; or not adding it. */
  | { type: 'price.amount'; amount: number }
  | { type: 'price.cancel' }
  | { type: 'giftcard.check'; code: string }
  | { type: 'tender.giftcard'; code: string; amount?: number }
  | { type: 'balance.close' }
  | { type: 'customer.attach'; customerId: string }
  | { type: 'customer.detach' }
  | { type: 'reward.apply'; programId: string; rewardId: string; points?: number | 'max' }
  | { type: 'reward.remove'; id: string }
  /** The answer to a plausibility question (context.confirm): do it after all, or not. */
  | { type: 'confirm.accept' }
  | { type: 'confirm.reject' }
  /** Put the open sale aside (no payments on it): journaled, then the till is free (checkout.park.ts). */
  | { type: 'sale.park' }
  /** Take a parked sale up again as the open sale. */
  | { type: 'sale.recall'; parkId: string };

/** What the commit actor receives: everything needed to build and journal the sale. */
export interface CommitInput {
  saleId: string;
  cart: Cart;
  priced: PricedCart;
  tenders: Tender[];
  customer?: LoyaltyAccount | null;
}

export type CommitOutput = SaleRecord;

/** What the park actor journals: the open sale as it is (rewards are released by the register). */
export interface ParkInput {
  saleId: string;
  cart: Cart;
  priced: PricedCart;
  customer: LoyaltyAccount | null;
}

export interface ParkOutput {
  parkId: string;
  no: number;
  /** Rewards released by parking (claim them again after the recall). */
  released: number;
}

export interface RecallInput {
  parkId: string;
}

/** The sale a recall restores: its own id, the cart as parked, the customer to attach again. */
export interface RecallOutput {
  saleId: string;
  no: number;
  cart: Cart;
  customerId: string | null;
  /** Lines the catalog now prices differently (the parked prices are kept). */
  changed: number;
}
