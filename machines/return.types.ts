/** Context, events and dependencies of the return machine (machines/return.machine.ts). */
import type { Result } from '../src/domain/errors.js';
import type { ApprovalAction, ApprovalFacts } from '../src/domain/operators/approval.js';
import type { ReturnableLine } from '../src/domain/returns/plan.js';
import type { RefundMode, ReturnRecord, SaleReturns } from '../src/domain/returns/types.js';
import type { SaleRecord } from '../src/domain/sale.js';
import type { CheckoutMessage } from './checkout.types.js';

/** The receipt a return is open against. */
export interface OpenReturn {
  /** The return's transaction id, fixed when it opens: a commit retried after a failure is the same return. */
  returnId: string;
  sale: SaleRecord;
  before: SaleReturns;
  rows: ReturnableLine[];
}

export interface ReturnDeps {
  /** The sale a typed receipt number or a scanned receipt barcode names, with what came back of it so far. */
  lookup(receipt: string): Result<{ sale: SaleRecord; before: SaleReturns }>;
  /** The return as it would be committed now (amounts, refunds, points), or why it cannot be. */
  preview(open: OpenReturn, picks: Readonly<Record<string, number>>, mode: RefundMode): Result<ReturnRecord>;
  newId(): string;
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
  /** What committing now would do, or null when nothing is chosen yet or it cannot be (see `problem`). */
  preview: ReturnRecord | null;
  /** Why the chosen return cannot be committed (a gift card that cannot take the refund...). */
  problem: CheckoutMessage | null;
  message: CheckoutMessage | null;
  /** The last committed return (its receipt can be printed again). */
  last: ReturnRecord | null;
}

export type ReturnEvent =
  | { type: 'return.open'; receipt: string }
  | { type: 'return.pick'; lineId: string; qty: number }
  /** Everything still returnable comes back. */
  | { type: 'return.all' }
  | { type: 'return.mode'; mode: RefundMode }
  | { type: 'return.commit' }
  | { type: 'return.cancel' }
  | { type: 'return.close' }
  | { type: 'return.reprint' }
  | { type: 'message.clear' };

export interface CommitReturnInput {
  open: OpenReturn;
  picks: Record<string, number>;
  mode: RefundMode;
}
