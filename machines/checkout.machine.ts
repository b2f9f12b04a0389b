/**
 * The checkout flow. Both the Ink UI and the headless driver are clients: they send these events and
 * read the snapshot. Money is computed only by src/domain (through checkout.*.ts).
 *
 *   idle ──scan──▶ open.sale ──tender.start──▶ open.tender ──covered──▶ committing ──▶ committed
 *    ▲               │  ▲ cardAmount (stock card value)      │cancel        │error
 *    │               ▼  │                                    ▼              ▼
 *    └──── void ── open.* ◀──────────────────────── open.commitFailed (retry / void / remove a payment)
 *   balance: a gift card's balance, from idle or from an open sale, back to where it came from.
 *   open.holding: on a chain, a gift-card payment or points reward waits for its hold in the shared
 *   database (checkout.holds.ts), then is on the sale (or refused, and the sale is as it was).
 *   parking: an open sale without payments journaled aside (sale.park), then idle; recalling: a
 *   parked sale journaled as taken up (sale.recall), then the open sale again (checkout.park.ts).
 *
 * A scan means what its prefix says: a gift card (sell stock, pay, or show the balance), a loyalty
 * card (attach the customer), otherwise a product. `committed` and `balance` hand a scan that starts
 * something new over to `idle` (raise), so the routing of scans lives in one place.
 *
 * Invariant (checked by the model-based test): `committing` is entered only when the tenders cover
 * the total of a non-empty cart.
 */
import { assign, enqueueActions, fromPromise, raise, setup } from 'xstate';
import { emptyCart, priceCart } from '../src/domain/cart.js';
import { covered } from '../src/domain/tender.js';
import { initialGuessState } from '../src/domain/giftcard/guess-limiter.js';
import { TillError } from '../src/domain/errors.js';
import type { CheckoutContext, CheckoutDeps, CheckoutEvent, CommitInput, CommitOutput, ParkInput, ParkOutput, RecallInput, RecallOutput } from './checkout.types.js';
import * as L from './checkout.logic.js';
import * as G from './checkout.giftcard.js';
import * as M from './checkout.loyalty.js';
import * as C from './checkout.confirm.js';
import * as K from './checkout.park.js';
import * as H from './checkout.holds.js';

type Where = 'idle' | 'sale' | 'tender';
const P = M.withPreview;
const code = (e: CheckoutEvent): string => ('code' in e && typeof e.code === 'string' ? e.code : '');
/** A plausibility question instead of the event (checkout.confirm.ts): held until the answer. */
const ask = (where: Where) => ({ guard: { type: 'asks' as const, params: { where } }, actions: { type: 'ask' as const, params: { where } } });
/** The cashier's yes where the question was asked: the held event is sent again, marked confirmed. */
const answer = (where: Where) => ({ guard: { type: 'answerHere' as const, params: { where } }, actions: [{ type: 'raiseHeld' as const }, { type: 'accepted' as const }] });

/** Parking: only without payments (a parked sale holds no money) and with something on it. */
const park = [
  { guard: 'hasTenders' as const, actions: { type: 'refuse' as const, params: { code: 'PARK_HAS_PAYMENTS', text: 'Payments are on the sale: remove them (-) before parking it. A parked sale holds no money.' } } },
  { guard: 'cartNotEmpty' as const, target: '#checkout.parking' },
  { actions: { type: 'refuse' as const, params: { code: 'PARK_EMPTY', text: 'Nothing to park: the sale has no items.' } } },
];
/** A recall starts a sale: refused like a scan would be (no shift open while one is required). */
const recall = [{ guard: 'saleRefused' as const, actions: { type: 'refuseSaleStart' as const } }, { target: '#checkout.recalling' }];

export const checkoutMachine = setup({
  types: {
    context: {} as CheckoutContext,
    events: {} as CheckoutEvent,
    input: {} as CheckoutDeps,
  },
  actors: {
    /** Holds what a payment or reward adds in the chain database; rejects with the cashier's refusal. Default: nothing to hold. */
    holdSpends: fromPromise<void, H.HoldInput>(async () => {}),
    /** Journals the sale durably and returns the committed record. Must be provided. */
    commitSale: fromPromise<CommitOutput, CommitInput>(async () => {
      throw new Error('commitSale actor was not provided');
    }),
    /** Journals the open sale as parked. Default: parking is not available here. */
    parkSale: fromPromise<ParkOutput, ParkInput>(async () => {
      throw new TillError('PARK_OFF', 'Parking sales is not available on this register.');
    }),
    /** Journals a parked sale as recalled and returns it. Default: parking is not available here. */
    recallSale: fromPromise<RecallOutput, RecallInput>(async () => {
      throw new TillError('PARK_OFF', 'Parking sales is not available on this register.');
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
    ask: assign(({ context, event }, p: { where: Where }) => C.ask(context, event, p.where)),
    raiseHeld: raise(({ context }) => C.heldEvent(context)),
    accepted: assign(({ context }) => C.accepted(context)),
    refuse: assign((_, p: { code: string; text: string }) => ({ message: L.refusal(p.code, p.text) })),
    refuseSaleStart: assign(({ context }) => ({ message: L.refusal(context.deps.saleStart!()!.code, context.deps.saleStart!()!.message) })),
  },
  guards: {
    scanAdds: ({ context, event }) => L.adds(context, event),
    /** An open-price product: its price is asked for before it is a line. */
    asksPrice: ({ context, event }) => L.asksPrice(context, event),
    priceAdds: ({ context, event }) => event.type === 'price.amount' && L.priceEntered(context, event.amount).message == null,
    isCardScan: ({ context, event }) => G.isCardScan(context, code(event)),
    cardIntent: ({ context, event }, p: { intent: G.CardIntent; where: Where }) =>
      G.isCardScan(context, code(event)) && G.cardIntent(context, code(event), p.where) === p.intent,
    isMemberScan: ({ context, event }) => M.isMemberScan(context, code(event)),
    memberKnown: ({ context, event }) => M.isMemberScan(context, code(event)) && !!context.deps.loyalty?.byCard(code(event).trim()),
    customerKnown: ({ context, event }) => event.type === 'customer.attach' && !!context.deps.loyalty?.account(event.customerId),
    sellNewOk: ({ context, event }) => event.type === 'giftcard.sell' && G.sellNew(context, event.amount).message == null,
    promptedSells: ({ context, event }) => event.type === 'giftcard.amount' && G.sellPrompted(context, event.amount).message == null,
    /** A balance check that shows a card: prefix optional, spaces and dashes ignored (parseCode). */
    checkShows: ({ context, event }) => event.type === 'giftcard.check' && G.balanceShown(context, event.code),
    /** A gift card scanned at idle whose balance can be shown (not unknown, no cool-down). */
    cardScanShows: ({ context, event }) => event.type === 'cart.scan' && G.isCardScan(context, event.code) && G.balanceShown(context, event.code),
    /** A gift card (scanned, or giftcard_pay with an amount) that adds a payment; a refused one stays put. */
    cardPays: ({ context, event }) =>
      (event.type === 'cart.scan' || event.type === 'tender.giftcard') && G.redeemPays(context, event.code, event.type === 'tender.giftcard' ? event.amount : undefined),
    /** On a chain: a card that pays is held in the database before it is on the sale. */
    cardPaysHeld: ({ context, event }) =>
      (event.type === 'cart.scan' || event.type === 'tender.giftcard') &&
      !!context.deps.chainHolds &&
      H.added(context, G.redeem(context, event.code, event.type === 'tender.giftcard' ? event.amount : undefined)) !== null,
    /** On a chain: a reward that spends points is held in the database before it is on the sale. */
    rewardHeld: ({ context, event }) =>
      event.type === 'reward.apply' && !!context.deps.chainHolds && H.added(context, M.claimReward(context, event.programId, event.rewardId, event.points)) !== null,
    holdBackToTender: ({ context }) => context.holding?.done === 'tender',
    refusedBackToTender: ({ context }) => context.holding?.refused === 'tender',
    asks: ({ context, event }, p: { where: Where }) => C.asks(context, event, p.where),
    /** A yes counts only where the question was asked. */
    answerHere: ({ context }, p: { where: Where }) => context.confirm?.where === p.where,
    questionPending: ({ context }) => context.confirm !== null,
    /** A sale would start but may not (saleStart): a gift card's balance may still be shown. */
    saleRefused: ({ context, event }) =>
      !!context.deps.saleStart?.() && !(event.type === 'cart.scan' && G.isCardScan(context, event.code) && !G.cardIntent(context, event.code, 'idle').startsWith('sell')),
    saleEmpty: ({ context }) => context.cart.lines.length === 0 && context.customer === null,
    saleInProgress: ({ context }) => context.saleId !== null,
    cartNotEmpty: ({ context }) => context.cart.lines.length > 0,
    noTenders: ({ context }) => context.tenders.length === 0,
    hasTenders: ({ context }) => context.tenders.length > 0,
    tendersCoverDue: ({ context }) => context.cart.lines.length > 0 && covered(context.priced.total, context.tenders),
    paidWithCash: ({ context }) => (context.lastSale?.tenders ?? []).some((t) => t.kind === 'cash'),
    hasLastSale: ({ context }) => context.lastSale !== null,
    /** A void that needs a manager (payments on it, many lines: config approvals) waits for one. */
    voidAllowed: ({ context }) => {
      const a = context.deps.approvals;
      return !a || !a.required('void', { tenders: context.tenders.length, lines: context.cart.lines.length }) || a.granted('void');
    },
  },
}).createMachine({
  id: 'checkout',
  context: ({ input }) => {
    const cart = emptyCart();
    return {
      deps: input,
      saleId: null,
      cart,
      priced: priceCart(cart, input.tax),
      tenders: [],
      nextTender: 1,
      message: null,
      lastSale: null,
      guess: input.giftcards?.guess ?? initialGuessState(),
      cardPrompt: null,
      pricePrompt: null,
      balance: null,
      customer: null,
      loyalty: null,
      confirm: null,
      totalAccepted: 0,
      holding: null,
    };
  },
  initial: 'idle',
  on: {
    'message.clear': { actions: assign({ message: null }) },
    'confirm.reject': { guard: 'questionPending', actions: assign(() => C.rejected()) },
    'message.refusal': { actions: assign(({ event }) => ({ message: L.refusal(event.code, event.text, event.params ?? {}) })) },
  },
  states: {
    idle: {
      entry: assign(({ context }) => L.freshSale(context)),
      on: {
        'cart.scan': [
          { guard: 'saleRefused', actions: assign(({ context }) => ({ message: L.refusal(context.deps.saleStart!()!.code, context.deps.saleStart!()!.message) })) },
          {
            guard: { type: 'cardIntent', params: { intent: 'sell-preset', where: 'idle' } },
            target: 'open',
            actions: assign(({ context, event }) => ({ ...G.sellScannedPreset(context, event.code), saleId: context.deps.newId() })),
          },
          {
            guard: { type: 'cardIntent', params: { intent: 'sell-amount', where: 'idle' } },
            target: 'open.cardAmount',
            actions: assign(({ context, event }) => ({ ...G.promptAmount(context, event.code), saleId: context.deps.newId() })),
          },
          // A card scanned at idle shows its balance; a refused one (unknown, cool-down) is only a message.
          { guard: 'cardScanShows', target: 'balance', actions: assign(({ context, event }) => G.showBalance(context, event.code)) },
          { guard: 'isCardScan', actions: assign(({ context, event }) => G.showBalance(context, event.code)) },
          {
            guard: 'memberKnown',
            target: 'open',
            actions: assign(({ context, event }) => ({ ...M.attachByCard(context, event.code), saleId: context.deps.newId() })),
          },
          { guard: 'isMemberScan', actions: assign(({ context, event }) => M.attachByCard(context, event.code)) },
          ask('idle'),
          { guard: 'asksPrice', target: 'open.priceEntry', actions: assign(({ context, event }) => ({ ...L.addEvent(context, event), saleId: context.deps.newId() })) },
          {
            guard: 'scanAdds',
            target: 'open',
            actions: assign(({ context, event }) => ({ ...L.addEvent(context, event), saleId: context.deps.newId() })),
          },
          { actions: assign(({ context, event }) => L.addEvent(context, event)) },
        ],
        'cart.add': [
          { guard: 'saleRefused', actions: assign(({ context }) => ({ message: L.refusal(context.deps.saleStart!()!.code, context.deps.saleStart!()!.message) })) },
          ask('idle'),
          { guard: 'asksPrice', target: 'open.priceEntry', actions: assign(({ context, event }) => ({ ...L.addEvent(context, event), saleId: context.deps.newId() })) },
          { guard: 'scanAdds', target: 'open', actions: assign(({ context, event }) => ({ ...L.addEvent(context, event), saleId: context.deps.newId() })) },
          { actions: assign(({ context, event }) => L.addEvent(context, event)) },
        ],
        'giftcard.sell': [
          { guard: 'saleRefused', actions: assign(({ context }) => ({ message: L.refusal(context.deps.saleStart!()!.code, context.deps.saleStart!()!.message) })) },
          { guard: 'sellNewOk', target: 'open', actions: assign(({ context, event }) => ({ ...G.sellNew(context, event.amount), saleId: context.deps.newId() })) },
          { actions: assign(({ context, event }) => G.sellNew(context, event.amount)) },
        ],
        // A refused check (unknown code, cool-down) is only a message: the register stays where it is.
        'giftcard.check': [
          { guard: 'checkShows', target: 'balance', actions: assign(({ context, event }) => G.showBalance(context, event.code)) },
          { actions: assign(({ context, event }) => G.showBalance(context, event.code)) },
        ],
        'customer.attach': [
          { guard: 'saleRefused', actions: assign(({ context }) => ({ message: L.refusal(context.deps.saleStart!()!.code, context.deps.saleStart!()!.message) })) },
          { guard: 'customerKnown', target: 'open', actions: assign(({ context, event }) => ({ ...M.attachById(context, event.customerId), saleId: context.deps.newId() })) },
          { actions: assign(({ context, event }) => M.attachById(context, event.customerId)) },
        ],
        'receipt.view': [
          { guard: 'hasLastSale', target: 'receipt', actions: assign({ message: null }) },
          { actions: assign({ message: L.info('NO_LAST_RECEIPT', 'There is no receipt yet.') }) },
        ],
        'receipt.reprint': { guard: 'hasLastSale', actions: { type: 'reprintReceipt', params: ({ context }) => context.lastSale } },
        'confirm.accept': answer('idle'),
        'sale.recall': recall,
      },
    },
    open: {
      initial: 'sale',
      on: {
        'cart.void': [
          {
            guard: 'voidAllowed',
            target: 'idle',
            actions: [
              {
                type: 'saleVoided',
                params: ({ context }) => ({ saleId: context.saleId, total: context.priced.total, lines: context.cart.lines.length, tenders: context.tenders.length }),
              },
              assign(({ context }) => ({ message: L.voidMessage(context) })),
            ],
          },
          { actions: assign({ message: () => L.refusal('APPROVAL_REQUIRED', 'A manager must approve: {action}.', { action: 'void the sale' }) }) },
        ],
      },
      states: {
        sale: {
          always: { guard: 'saleEmpty', target: '#checkout.idle' },
          on: {
            'cart.scan': [
              {
                guard: { type: 'cardIntent', params: { intent: 'sell-preset', where: 'sale' } },
                actions: assign(({ context, event }) => P(context, G.sellScannedPreset(context, event.code))),
              },
              {
                guard: { type: 'cardIntent', params: { intent: 'sell-amount', where: 'sale' } },
                target: 'cardAmount',
                actions: assign(({ context, event }) => G.promptAmount(context, event.code)),
              },
              ask('sale'),
              // A card that pays goes to the tender screen (on a chain once it is held); a refused one leaves the sale where it is.
              { guard: 'cardPaysHeld', target: 'holding', actions: assign(({ context, event }) => H.begin(context, P(context, G.redeem(context, event.code)), 'tender', 'sale')) },
              { guard: 'cardPays', target: 'tender', actions: assign(({ context, event }) => P(context, G.redeem(context, event.code))) },
              { guard: 'isCardScan', actions: assign(({ context, event }) => G.redeem(context, event.code)) },
              { guard: 'isMemberScan', actions: assign(({ context, event }) => M.attachByCard(context, event.code)) },
              { guard: 'asksPrice', target: 'priceEntry', actions: assign(({ context, event }) => L.addEvent(context, event)) },
              { actions: assign(({ context, event }) => P(context, L.addEvent(context, event))) },
            ],
            'cart.add': [
              ask('sale'),
              { guard: 'asksPrice', target: 'priceEntry', actions: assign(({ context, event }) => L.addEvent(context, event)) },
              { actions: assign(({ context, event }) => P(context, L.addEvent(context, event))) },
            ],
            'cart.qty': [ask('sale'), { actions: assign(({ context, event }) => P(context, L.changeQty(context, event.lineId, event.qty))) }],
            'cart.remove': { actions: assign(({ context, event }) => P(context, L.remove(context, event.lineId))) },
            'giftcard.sell': { actions: assign(({ context, event }) => P(context, G.sellNew(context, event.amount))) },
            'giftcard.check': [
              { guard: 'checkShows', target: '#checkout.balance', actions: assign(({ context, event }) => G.showBalance(context, event.code)) },
              { actions: assign(({ context, event }) => G.showBalance(context, event.code)) },
            ],
            // Paying with a card from the sale is what scanning it does: a payment, then the tender screen.
            'tender.giftcard': [
              ask('sale'),
              { guard: 'cardPaysHeld', target: 'holding', actions: assign(({ context, event }) => H.begin(context, P(context, G.redeem(context, event.code, event.amount)), 'tender', 'sale')) },
              { guard: 'cardPays', target: 'tender', actions: assign(({ context, event }) => P(context, G.redeem(context, event.code, event.amount))) },
              { guard: 'cartNotEmpty', actions: assign(({ context, event }) => G.redeem(context, event.code, event.amount)) },
            ],
            'customer.attach': { actions: assign(({ context, event }) => M.attachById(context, event.customerId)) },
            'customer.detach': { actions: assign(({ context }) => M.detach(context)) },
            'reward.apply': [
              { guard: 'rewardHeld', target: 'holding', actions: assign(({ context, event }) => H.begin(context, M.claimReward(context, event.programId, event.rewardId, event.points), 'sale', 'sale')) },
              { actions: assign(({ context, event }) => M.claimReward(context, event.programId, event.rewardId, event.points)) },
            ],
            'reward.remove': { actions: assign(({ context, event }) => M.unclaimReward(context, event.id)) },
            'tender.start': [ask('sale'), { guard: 'cartNotEmpty', target: 'tender', actions: assign({ message: null }) }],
            'confirm.accept': answer('sale'),
            'sale.park': park,
          },
        },
        cardAmount: {
          on: {
            'giftcard.amount': [
              { guard: 'promptedSells', target: 'sale', actions: assign(({ context, event }) => P(context, G.sellPrompted(context, event.amount))) },
              { actions: assign(({ context, event }) => G.sellPrompted(context, event.amount)) },
            ],
            'giftcard.cancel': { target: 'sale', actions: assign({ cardPrompt: null, message: null }) },
            // A scan is never the card's value: the prompt is dropped and the scan taken by the sale.
            'cart.scan': { target: 'sale', actions: [assign({ cardPrompt: null, message: null }), raise(({ event }) => event)] },
            'cart.add': { target: 'sale', actions: [assign({ cardPrompt: null, message: null }), raise(({ event }) => event)] },
          },
        },
        // An open-price product waits for its price (context.pricePrompt); a scan is never the price.
        priceEntry: {
          on: {
            'price.amount': [
              { guard: 'priceAdds', target: 'sale', actions: assign(({ context, event }) => P(context, L.priceEntered(context, event.amount))) },
              { actions: assign(({ context, event }) => L.priceEntered(context, event.amount)) },
            ],
            'price.cancel': { target: 'sale', actions: assign({ pricePrompt: null, message: null }) },
            'cart.scan': { target: 'sale', actions: [assign({ pricePrompt: null, message: null }), raise(({ event }) => event)] },
            'cart.add': { target: 'sale', actions: [assign({ pricePrompt: null, message: null }), raise(({ event }) => event)] },
          },
        },
        tender: {
          always: { guard: 'tendersCoverDue', target: '#checkout.committing' },
          on: {
            'tender.cash': [ask('tender'), { actions: assign(({ context, event }) => P(context, L.cash(context, event.amount))) }],
            'confirm.accept': answer('tender'),
            'tender.exact': { actions: assign(({ context }) => P(context, L.exactCash(context))) },
            'tender.card': { actions: assign(({ context, event }) => P(context, L.card(context, event.reference, event.amount))) },
            'tender.giftcard': [
              { guard: 'cardPaysHeld', target: 'holding', actions: assign(({ context, event }) => H.begin(context, P(context, G.redeem(context, event.code, event.amount)), 'tender', 'tender')) },
              { actions: assign(({ context, event }) => P(context, G.redeem(context, event.code, event.amount))) },
            ],
            'cart.scan': [
              { guard: 'cardPaysHeld', target: 'holding', actions: assign(({ context, event }) => H.begin(context, P(context, G.redeem(context, event.code)), 'tender', 'tender')) },
              { guard: 'isCardScan', actions: assign(({ context, event }) => P(context, G.redeem(context, event.code))) },
              // A product or loyalty card is never an amount: with no payment yet, back to the sale, which takes it.
              { guard: 'noTenders', target: 'sale', actions: [assign({ message: null }), raise(({ event }) => event)] },
              { actions: assign({ message: L.refusal('SCAN_IN_TENDER', 'Payments are on the sale: remove them (-) to add items or a customer, or scan a gift card to pay.') }) },
            ],
            'cart.add': [
              { guard: 'noTenders', target: 'sale', actions: [assign({ message: null }), raise(({ event }) => event)] },
              { actions: assign({ message: L.refusal('SCAN_IN_TENDER', 'Payments are on the sale: remove them (-) to add items or a customer, or scan a gift card to pay.') }) },
            ],
            'tender.remove': { actions: assign(({ context, event }) => P(context, L.dropTender(context, event.tenderId))) },
            'sale.park': park,
            'tender.cancel': [
              { guard: 'noTenders', target: 'sale', actions: assign({ message: null }) },
              { actions: assign({ message: L.refusal('REMOVE_PAYMENTS_FIRST', 'Remove the payments before going back to the sale.') }) },
            ],
          },
        },
        // Waiting for the chain database to hold what the last payment or reward adds (checkout.holds.ts).
        // Nothing else is taken meanwhile but a void (open's), which drops the update; the register releases its holds.
        holding: {
          invoke: {
            id: 'holdSpends',
            src: 'holdSpends',
            input: ({ context }) => H.holdInput(context),
            onDone: [
              { guard: 'holdBackToTender', target: 'tender', actions: assign(({ context }) => H.granted(context)) },
              { target: 'sale', actions: assign(({ context }) => H.granted(context)) },
            ],
            onError: [
              { guard: 'refusedBackToTender', target: 'tender', actions: assign(({ context, event }) => H.refused(context, event.error)) },
              { target: 'sale', actions: assign(({ context, event }) => H.refused(context, event.error)) },
            ],
          },
        },
        commitFailed: {
          on: {
            'commit.retry': { guard: 'tendersCoverDue', target: '#checkout.committing' },
            // A refusal by the books (a gift card or points the journal does not hold, balances not
            // provable): take that payment off and take another, instead of voiding the sale.
            'tender.remove': { target: '#checkout.open.tender', actions: assign(({ context, event }) => P(context, L.dropTender(context, event.tenderId))) },
          },
        },
      },
    },
    committing: {
      invoke: {
        id: 'commitSale',
        src: 'commitSale',
        input: ({ context }) => ({ saleId: context.saleId!, cart: context.cart, priced: context.priced, tenders: context.tenders, customer: context.customer }),
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
    parking: {
      invoke: {
        id: 'parkSale',
        src: 'parkSale',
        input: ({ context }) => ({ saleId: context.saleId!, cart: context.cart, priced: context.priced, customer: context.customer }),
        onDone: { target: 'idle', actions: assign(({ event }) => K.parked(event.output)) },
        onError: { target: '#checkout.open.sale', actions: assign(({ event }) => ({ message: L.fromUnknownError(event.error) })) },
      },
    },
    recalling: {
      invoke: {
        id: 'recallSale',
        src: 'recallSale',
        input: ({ event }) => ({ parkId: event.type === 'sale.recall' ? event.parkId : '' }),
        onDone: { target: '#checkout.open.sale', actions: assign(({ context, event }) => K.restore(context, event.output)) },
        onError: { target: 'idle', actions: assign(({ event }) => ({ message: L.fromUnknownError(event.error) })) },
      },
    },
    committed: {
      entry: enqueueActions(({ enqueue, check }) => {
        if (check('paidWithCash')) enqueue('openDrawer');
      }),
      on: {
        'sale.next': { target: 'idle', actions: assign({ message: null }) },
        'cart.scan': { target: 'idle', actions: raise(({ event }) => event) },
        'cart.add': { target: 'idle', actions: raise(({ event }) => event) },
        // A check that shows a card starts from idle like a scan; a refused one only sets the message.
        'giftcard.check': [
          { guard: 'checkShows', target: 'idle', actions: raise(({ event }) => event) },
          { actions: assign(({ context, event }) => G.showBalance(context, event.code)) },
        ],
        'giftcard.sell': { target: 'idle', actions: raise(({ event }) => event) },
        'customer.attach': { target: 'idle', actions: raise(({ event }) => event) },
        'sale.recall': recall,
        'receipt.view': { target: 'receipt', actions: assign({ message: null }) },
        'receipt.reprint': { actions: { type: 'reprintReceipt', params: ({ context }) => context.lastSale } },
      },
    },
    balance: {
      on: {
        'giftcard.check': { actions: assign(({ context, event }) => G.showBalance(context, event.code)) },
        'cart.scan': [
          { guard: 'isCardScan', actions: assign(({ context, event }) => G.showBalance(context, event.code)) },
          { guard: 'saleInProgress', target: 'open', actions: [assign({ balance: null }), raise(({ event }) => event)] },
          { target: 'idle', actions: [assign({ balance: null }), raise(({ event }) => event)] },
        ],
        'cart.add': [
          { guard: 'saleInProgress', target: 'open', actions: [assign({ balance: null }), raise(({ event }) => event)] },
          { target: 'idle', actions: [assign({ balance: null }), raise(({ event }) => event)] },
        ],
        'balance.close': [
          { guard: 'saleInProgress', target: 'open', actions: assign({ balance: null, message: null }) },
          { target: 'idle', actions: assign({ balance: null, message: null }) },
        ],
        'sale.next': [
          { guard: 'saleInProgress', target: 'open', actions: assign({ balance: null }) },
          { target: 'idle', actions: assign({ balance: null }) },
        ],
      },
    },
    receipt: {
      on: {
        // Closing the receipt moves on: an older message does not come back on the ready screen.
        'receipt.close': { target: 'idle', actions: assign({ message: null }) },
        // Like the paid screen: a scan (or a card sold, a customer attached) starts the next sale.
        'cart.scan': { target: 'idle', actions: raise(({ event }) => event) },
        'cart.add': { target: 'idle', actions: raise(({ event }) => event) },
        // A check that shows a card starts from idle like a scan; a refused one only sets the message.
        'giftcard.check': [
          { guard: 'checkShows', target: 'idle', actions: raise(({ event }) => event) },
          { actions: assign(({ context, event }) => G.showBalance(context, event.code)) },
        ],
        'giftcard.sell': { target: 'idle', actions: raise(({ event }) => event) },
        'customer.attach': { target: 'idle', actions: raise(({ event }) => event) },
        'sale.next': { target: 'idle', actions: assign({ message: null }) },
        'sale.recall': recall,
        'receipt.reprint': { actions: { type: 'reprintReceipt', params: ({ context }) => context.lastSale } },
      },
    },
  },
});
