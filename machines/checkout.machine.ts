/**
 * The checkout flow. Both the Ink UI and the headless driver are clients: they send these events and
 * read the snapshot. Money is computed only by src/domain (through checkout.logic.ts).
 *
 *   idle ──scan──▶ sale ──tender.start──▶ tender ──covered──▶ committing ──done──▶ committed ──▶ idle
 *                   ▲  │cart.void            │cancel/void        │error
 *                   └──┴──────────────▶ idle ◀──────────── commitFailed (retry / void)
 *
 * Invariant (checked by the model-based test): `committing` is entered only when the tenders cover
 * the total of a non-empty cart.
 */
import { assign, enqueueActions, fromPromise, setup } from 'xstate';
import { emptyCart, priceCart } from '../src/domain/cart.js';
import { covered } from '../src/domain/tender.js';
import type { CheckoutContext, CheckoutDeps, CheckoutEvent, CommitInput, CommitOutput } from './checkout.types.js';
import * as L from './checkout.logic.js';

export const checkoutMachine = setup({
  types: {
    context: {} as CheckoutContext,
    events: {} as CheckoutEvent,
    input: {} as CheckoutDeps,
  },
  actors: {
    /** Journals the sale durably and returns the committed record. Must be provided. */
    commitSale: fromPromise<CommitOutput, CommitInput>(async () => {
      throw new Error('commitSale actor was not provided');
    }),
  },
  actions: {
    /** After commit only: print the customer receipt. Failure never un-commits. */
    printReceipt: (_, _sale: CommitOutput | null) => {},
    /** After a commit with cash only: kick the drawer. */
    openDrawer: () => {},
    /** A sale was voided (audit trail); receives the abandoned sale. */
    saleVoided: (_, _p: { saleId: string | null; total: number; lines: number; tenders: number }) => {},
    reprintReceipt: (_, _sale: CommitOutput | null) => {},
  },
  guards: {
    scanAdds: ({ context, event }) => event.type === 'cart.scan' && L.scan(context, event.code, event.qty).message == null,
    cartEmpty: ({ context }) => context.cart.lines.length === 0,
    cartNotEmpty: ({ context }) => context.cart.lines.length > 0,
    noTenders: ({ context }) => context.tenders.length === 0,
    tendersCoverDue: ({ context }) => context.cart.lines.length > 0 && covered(context.priced.total, context.tenders),
    paidWithCash: ({ context }) => (context.lastSale?.tenders ?? []).some((t) => t.kind === 'cash'),
    hasLastSale: ({ context }) => context.lastSale !== null,
  },
}).createMachine({
  id: 'checkout',
  context: ({ input }) => {
    const cart = emptyCart();
    return { deps: input, saleId: null, cart, priced: priceCart(cart, input.tax), tenders: [], nextTender: 1, message: null, lastSale: null };
  },
  initial: 'idle',
  on: {
    'message.clear': { actions: assign({ message: null }) },
  },
  states: {
    idle: {
      entry: assign(({ context }) => L.freshSale(context)),
      on: {
        'cart.scan': [
          {
            guard: 'scanAdds',
            target: 'open',
            actions: assign(({ context, event }) => ({ ...L.scan(context, event.code, event.qty), saleId: context.deps.newId() })),
          },
          { actions: assign(({ context, event }) => L.scan(context, event.code, event.qty)) },
        ],
        'receipt.view': [
          { guard: 'hasLastSale', target: 'receipt' },
          { actions: assign({ message: L.info('NO_LAST_RECEIPT', 'There is no receipt yet.') }) },
        ],
        'receipt.reprint': { guard: 'hasLastSale', actions: { type: 'reprintReceipt', params: ({ context }) => context.lastSale } },
      },
    },
    open: {
      initial: 'sale',
      on: {
        'cart.void': {
          target: 'idle',
          actions: [
            {
              type: 'saleVoided',
              params: ({ context }) => ({ saleId: context.saleId, total: context.priced.total, lines: context.cart.lines.length, tenders: context.tenders.length }),
            },
            assign(({ context }) => ({ message: L.voidMessage(context) })),
          ],
        },
      },
      states: {
        sale: {
          always: { guard: 'cartEmpty', target: '#checkout.idle' },
          on: {
            'cart.scan': { actions: assign(({ context, event }) => L.scan(context, event.code, event.qty)) },
            'cart.qty': { actions: assign(({ context, event }) => L.changeQty(context, event.lineId, event.qty)) },
            'cart.remove': { actions: assign(({ context, event }) => L.remove(context, event.lineId)) },
            'tender.start': { guard: 'cartNotEmpty', target: 'tender', actions: assign({ message: null }) },
          },
        },
        tender: {
          always: { guard: 'tendersCoverDue', target: '#checkout.committing' },
          on: {
            'tender.cash': { actions: assign(({ context, event }) => L.cash(context, event.amount)) },
            'tender.exact': { actions: assign(({ context }) => L.exactCash(context)) },
            'tender.card': { actions: assign(({ context, event }) => L.card(context, event.reference, event.amount)) },
            'tender.remove': { actions: assign(({ context, event }) => L.dropTender(context, event.tenderId)) },
            'tender.cancel': [
              { guard: 'noTenders', target: 'sale', actions: assign({ message: null }) },
              { actions: assign({ message: L.refusal('REMOVE_PAYMENTS_FIRST', 'Remove the payments before going back to the sale.') }) },
            ],
          },
        },
        commitFailed: {
          on: {
            'commit.retry': { guard: 'tendersCoverDue', target: '#checkout.committing' },
          },
        },
      },
    },
    committing: {
      invoke: {
        id: 'commitSale',
        src: 'commitSale',
        input: ({ context }) => ({ saleId: context.saleId!, cart: context.cart, priced: context.priced, tenders: context.tenders }),
        onDone: {
          target: 'committed',
          actions: [
            assign(({ event }) => ({ lastSale: event.output, message: null })),
            { type: 'printReceipt', params: ({ event }) => event.output },
          ],
        },
        onError: {
          target: '#checkout.open.commitFailed',
          actions: assign(({ event }) => ({ message: L.fromUnknownError(event.error) })),
        },
      },
    },
    committed: {
      entry: enqueueActions(({ enqueue, check }) => {
        if (check('paidWithCash')) enqueue('openDrawer');
      }),
      on: {
        'sale.next': 'idle',
        'cart.scan': [
          {
            guard: 'scanAdds',
            target: 'open',
            actions: [assign(({ context }) => L.freshSale(context)), assign(({ context, event }) => ({ ...L.scan(context, event.code, event.qty), saleId: context.deps.newId() }))],
          },
          { actions: assign(({ context, event }) => L.scan(context, event.code, event.qty)) },
        ],
        'receipt.view': 'receipt',
        'receipt.reprint': { actions: { type: 'reprintReceipt', params: ({ context }) => context.lastSale } },
      },
    },
    receipt: {
      on: {
        'receipt.close': 'idle',
        'sale.next': 'idle',
        'receipt.reprint': { actions: { type: 'reprintReceipt', params: ({ context }) => context.lastSale } },
      },
    },
  },
});
