/** Context, events and dependencies of the return machine (machines/return.machine.ts). */
import type { Result } from '../src/domain/errors.js';
import type { ApprovalAction, ApprovalFacts } from '../src/domain/operators/approval.js';
import type { ReturnableLine } from '../src/domain/returns/plan.js';
import type { NoReceiptItem } from '../src/domain/returns/no-receipt.js';
import type { RefundMode, ReturnRecord, SaleReturns } from '../src/domain/returns/types.js';
import type { SaleRecord } from '../src/domain/sale.js';
import type { Tender } from '../src/domain/tender.js';
import type { CheckoutMessage } from './checkout.types.js';

/** The receipt a return is open against, or none (a return without a receipt: `sale` null, no rows). */
export interface OpenReturn {
  /** The return's transaction id, fixed when it opens: a commit retried after a failure is the same return. */
  returnId: string;
  /** The id the new sale of an exchange gets (fixed with the return's, for the same reason). */
  exchangeSaleId: string;
  sale: SaleRecord | null;
  before: SaleReturns;
  rows: ReturnableLine[];
}

/** Everything chosen so far: what the preview and the commit are planned from. */
export interface ReturnDraft {
  open: OpenReturn;
  /** Receipt returns: units per sale line id. */
  picks: Readonly<Record<string, number>>;
  mode: RefundMode;
  /** No receipt: the items brought back (barcode or SKU, quantity). */
  items: readonly NoReceiptItem[];
  /** An exchange: the new items taken (barcode or SKU, quantity); empty for a plain return. */
  extra: readonly NoReceiptItem[];
  /** Payments of an exchange's difference (not its exchange credit). */
  tenders: readonly Tender[];
  /**
   * A customer attached to a return without a receipt (a loyalty card scanned): the new items of an
   * exchange earn their points. With a receipt the sale's customer does; null: nobody.
   */
  customer: ReturnCustomer | null;
}

export interface ReturnCustomer {
  id: string;
  name: string;
}

/** The new part of an exchange as it would be committed. */
export interface ExchangePreview {
  sale: SaleRecord;
  credit: number;
  /** Still to pay; the exchange commits only at 0. */
  due: number;
}

export interface ReturnPreview {
  record: ReturnRecord;
  exchange: ExchangePreview | null;
}

/** What a commit journaled. */
export interface CommittedReturn {
  record: ReturnRecord;
  /** The new sale of an exchange, committed in the same transaction. */
  exchange: SaleRecord | null;
}

export interface ReturnDeps {
  /** The sale a typed receipt number or a scanned receipt barcode names, with what came back of it so far. */
  lookup(receipt: string): Result<{ sale: SaleRecord; before: SaleReturns }>;
  /** The return (and an exchange's new sale) as it would be committed now, or why it cannot be. */
  preview(draft: ReturnDraft): Result<ReturnPreview>;
  newId(): string;
  /** The customer of a loyalty card scanned or typed (a return without a receipt); absent: none can be attached. */
  customerByCard?(card: string): Result<ReturnCustomer>;
  /** Cash rounding of the drawer, for an exchange's cash payment. */
  cashRoundingUnit: number;
  /** Money for a message ("5.00 USD"); default: minor units. */
  money?(minor: number): string;
  /** A sale is open on the checkout: a return waits until it is finished or voided. */
  saleOpen(): boolean;
  /** Manager approval (src/session.ts); absent: nothing needs one. */
  approvals?: {
    required(action: ApprovalAction, facts?: ApprovalFacts): boolean;
    granted(action: ApprovalAction): boolean;
  };
}

export interface ReturnContext {
  deps: ReturnDeps;
  open: OpenReturn | null;
  /** Units chosen per sale line id (0 or absent: the line stays). */
  picks: Record<string, number>;
  mode: RefundMode;
  /** No receipt: the items brought back. */
  items: NoReceiptItem[];
  /** Exchange: the new items taken. */
  extra: NoReceiptItem[];
  /** Exchange: payments of the difference. */
  tenders: Tender[];
  /** A customer attached without a receipt (their new items earn points). */
  customer: ReturnCustomer | null;
  /** The new part of an exchange as it would be committed (null for a plain return). */
  exchange: ExchangePreview | null;
  /** What committing now would do, or null when nothing is chosen yet or it cannot be (see `problem`). */
  preview: ReturnRecord | null;
  /** Why the chosen return cannot be committed (a gift card that cannot take the refund...). */
  problem: CheckoutMessage | null;
  message: CheckoutMessage | null;
  /** The last committed return (its receipt can be printed again). */
  last: ReturnRecord | null;
  /** The new sale of the last committed exchange. */
  lastExchange: SaleRecord | null;
}

export type ReturnEvent =
  | { type: 'return.open'; receipt: string }
  /** A return without a receipt (manager approval `returnWithoutReceipt`). */
  | { type: 'return.openNoReceipt' }
  /** No receipt: how many of an item (barcode or SKU) come back; 0 takes it off. */
  | { type: 'return.item'; code: string; qty: number }
  /** Exchange: how many of a new item (barcode or SKU) the customer takes; 0 takes it off. */
  | { type: 'return.exchangeItem'; code: string; qty: number }
  /** Exchange: a payment of the difference (cash handed over, or a card with its reference). */
  | { type: 'return.pay'; kind: 'cash' | 'card'; amount: number; reference?: string }
  /** No receipt: the customer of a loyalty card (scanned or typed); their new items earn points. */
  | { type: 'return.customer'; card: string }
  | { type: 'return.pick'; lineId: string; qty: number }
  /** Everything still returnable comes back. */
  | { type: 'return.all' }
  | { type: 'return.mode'; mode: RefundMode }
  | { type: 'return.commit' }
  | { type: 'return.cancel' }
  | { type: 'return.close' }
  | { type: 'return.reprint' }
  | { type: 'message.clear' };

export type CommitReturnInput = ReturnDraft;
