/**
 * A return at the till: a receipt is opened (typed or scanned), lines and quantities are chosen with
 * the refund shown as it would be committed, a manager approves, and the return is journaled in one
 * transaction. Both the Ink UI and the headless driver are clients. Money is computed only by
 * src/domain/returns (through the `preview` dependency and the commit actor).
 *
 *   idle ──return.open / return.openNoReceipt──▶ open ──return.commit (approved)──▶ committing ──▶ done ──close──▶ idle
 *                          │ ▲                                  │error
 *                          │ └──────────────────────────────────┘ (message, same return id)
 *                          └──cancel──▶ idle (nothing written)
 *
 * In `open`: receipt lines are picked (`return.pick`, `return.all`), or without a receipt items are
 * scanned or typed (`return.item`); new items make it an exchange (`return.exchangeItem`), whose
 * difference is paid with `return.pay` when the new items are worth more.
 *
 * Invariant: `committing` is entered only with a preview the domain accepted, an exchange's
 * difference paid, and, when approval is required, a manager's approval waiting for the action
 * (`refund`, or `returnWithoutReceipt` without a receipt).
 */
import { and, assign, enqueueActions, fromPromise, setup } from 'xstate';

import { fromUnknownError, refusal } from './checkout.logic.js';
import type { CommitReturnInput, CommittedReturn, ReturnContext, ReturnDeps, ReturnEvent } from './return.types.js';
import * as R from './return.logic.js';

export const returnMachine = setup({
  types: {
    context: {} as ReturnContext,
    events: {} as ReturnEvent,
    input: {} as ReturnDeps,
  },
  actors: {
    /** Journals the return durably and returns the committed record. Must be provided. */
    commitReturn: fromPromise<CommittedReturn, CommitReturnInput>(async () => {
      throw new Error('commitReturn actor was not provided');
    }),
  },
  actions: {
    /** After commit only: print the return receipt. Failure never un-commits. */
    printReturn: (_, _r: CommittedReturn | null) => {},
    /** After a commit that hands out cash (a refund, or change of an exchange's payment): open the drawer. */
    openDrawer: (_, _r: CommittedReturn) => {},
  },
  guards: {
    opens: ({ context, event }) => event.type === 'return.open' && R.openReceipt(context, event.receipt).open != null,
    opensNoReceipt: ({ context }) => R.openNoReceipt(context).open != null,
    committable: ({ context }) => R.commitRefusal(context) === null,
    /**
     * A refund needs a manager (approvals.refund), and so does any choice of how the money goes back;
     * a return without a receipt needs one by approvals.returnWithoutReceipt.
     */
    approved: ({ context }) => {
      const a = context.deps.approvals;
      const action = R.approvalAction(context);
      return !a || !a.required(action, action === 'refund' ? { managerChoice: context.mode !== 'original' } : {}) || a.granted(action);
    },
    handsOutCash: ({ context }) => (context.last?.cash.given ?? 0) > 0 || (context.lastExchange?.tenders.some((t) => t.kind === 'cash') ?? false),
  },
}).createMachine({
  id: 'return',
  context: ({ input }) => ({
    deps: input,
    ...(R.closed() as Pick<ReturnContext, 'open' | 'picks' | 'mode' | 'items' | 'extra' | 'tenders' | 'customer' | 'preview' | 'exchange' | 'problem'>),
    message: null,
    last: null,
    lastExchange: null,
  }),
  initial: 'idle',
  on: { 'message.clear': { actions: assign({ message: null }) } },
  states: {
    idle: {
      on: {
        'return.open': [
          { guard: 'opens', target: 'open', actions: assign(({ context, event }) => R.openReceipt(context, event.receipt)) },
          { actions: assign(({ context, event }) => R.openReceipt(context, event.receipt)) },
        ],
        'return.openNoReceipt': [
          { guard: 'opensNoReceipt', target: 'open', actions: assign(({ context }) => R.openNoReceipt(context)) },
          { actions: assign(({ context }) => R.openNoReceipt(context)) },
        ],
      },
    },
    open: {
      on: {
        'return.pick': { actions: assign(({ context, event }) => R.pick(context, event.lineId, event.qty)) },
        'return.all': { actions: assign(({ context }) => R.pickAll(context)) },
        'return.mode': { actions: assign(({ context, event }) => R.setMode(context, event.mode)) },
        'return.item': { actions: assign(({ context, event }) => R.item(context, event.code, event.qty)) },
        'return.exchangeItem': { actions: assign(({ context, event }) => R.exchangeItem(context, event.code, event.qty)) },
        'return.pay': { actions: assign(({ context, event }) => R.pay(context, event.kind, event.amount, event.reference)) },
        'return.customer': { actions: assign(({ context, event }) => R.attachCustomer(context, event.card)) },
        'return.commit': [
          { guard: and(['committable', 'approved']), target: 'committing', actions: assign({ message: null }) },
          // The plan is good but the manager has not approved yet: the client asks for the PIN and commits again.
          { guard: 'committable', actions: assign({ message: ({ context }) => refusal('APPROVAL_REQUIRED', 'A manager must approve: {action}.', { action: R.approvalAction(context) }) }) },
          { actions: assign(({ context }) => ({ message: R.commitRefusal(context) })) },
        ],
        'return.cancel': { target: 'idle', actions: assign(() => ({ ...R.closed(), message: null })) },
        // Another receipt while one is open is refused: the open return is finished or cancelled first.
        'return.open': { actions: assign({ message: () => refusal('RETURN_OPEN', 'A return is open: finish it or cancel it (Esc) first.') }) },
        'return.openNoReceipt': { actions: assign({ message: () => refusal('RETURN_OPEN', 'A return is open: finish it or cancel it (Esc) first.') }) },
      },
    },
    committing: {
      invoke: {
        id: 'commitReturn',
        src: 'commitReturn',
        input: ({ context }) => ({ open: context.open!, picks: context.picks, mode: context.mode, items: context.items, extra: context.extra, tenders: context.tenders, customer: context.customer }),
        onDone: {
          target: 'done',
          actions: [assign(({ event }) => ({ last: event.output.record, lastExchange: event.output.exchange, ...R.closed(), message: null })), { type: 'printReturn', params: ({ event }) => event.output }],
        },
        onError: { target: 'open', actions: assign(({ event }) => ({ message: fromUnknownError(event.error) })) },
      },
    },
    done: {
      entry: enqueueActions(({ enqueue, check, context }) => {
        if (check('handsOutCash')) enqueue({ type: 'openDrawer', params: { record: context.last!, exchange: context.lastExchange } });
      }),
      on: {
        'return.close': 'idle',
        'return.reprint': { actions: { type: 'printReturn', params: ({ context }) => (context.last ? { record: context.last, exchange: context.lastExchange } : null) } },
        'return.open': [
          { guard: 'opens', target: 'open', actions: assign(({ context, event }) => R.openReceipt(context, event.receipt)) },
          { actions: assign(({ context, event }) => R.openReceipt(context, event.receipt)) },
        ],
        'return.openNoReceipt': [
          { guard: 'opensNoReceipt', target: 'open', actions: assign(({ context }) => R.openNoReceipt(context)) },
          { actions: assign(({ context }) => R.openNoReceipt(context)) },
        ],
      },
    },
  },
});

