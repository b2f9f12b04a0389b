/**
 * Composition of one register: the checkout machine with its effects provided by the store (commit),
 * the printer (receipts) and the drawer. The Ink UI and the headless driver both run on this.
 * Effects after commit never un-commit a sale: their failures surface as device status and messages.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createActor, fromPromise, type ActorRefFrom } from 'xstate';
import { checkoutMachine } from '../machines/checkout.machine.js';
import type { CommitInput } from '../machines/checkout.types.js';
import { receiptLanguage, type TillConfig } from './domain/config.js';
import { finalizeSale, formatReceiptNo, type SaleRecord } from './domain/sale.js';
import type { CommitResult, Store, StoreNotice } from './store/types.js';
import type { Hardware } from '../hardware/types.js';
import { CODE_RANDOM_BYTES, generateCode, localDate, saleGiftCards, validateSaleGiftCards } from './domain/giftcard/index.js';
import { cardSpends, saleSpends, type SaleSpends } from './domain/sale-spends.js';
import type { SaleLoyalty } from './domain/loyalty/types.js';
import type { HoldInput } from '../machines/checkout.holds.js';
import type { ChainLink, ChainStatus } from './sync/chain-link.js';
import { buildSaleLoyalty } from './domain/loyalty/sale-extension.js';
import { EV, type PointsMoveData } from './domain/loyalty/events.js';
import { accountAsOf } from './domain/loyalty/expiry.js';
import { programsForRegister } from './domain/loyalty/register-programs.js';
import { findGiftCard } from './store/projections/giftcards.js';
import { accountByCard, accountById, findCustomers, loyaltyOf, programList } from './store/projections/loyalty.js';
import { customerRules, newCustomerEvent } from './store/customers.js';
import { cardNumberFor } from './domain/loyalty/card.js';
import { newCustomerId, type CustomerInput } from './domain/loyalty/customer.js';
import type { LoyaltyAccount } from './domain/loyalty/types.js';
import type { Result } from './domain/errors.js';
import { hasMessage, translate } from './i18n/index.js';
import { nextLanguage } from './i18n/languages.js';
import { operatorLanguage } from './domain/operators/operations.js';
import { operatorsOf } from './store/projections/operators.js';
import { giftCardReceiptSection } from './domain/giftcard/receipt.js';
import { loyaltyReceiptSection } from './domain/loyalty/receipt.js';
import { tierProgress } from './domain/loyalty/tiers.js';
import type { CheckoutDeps } from '../machines/checkout.types.js';
import { buildPrintJob, receiptText, type ReceiptSectionsProvider } from './receipt-job.js';
import { createScanHub, type ScanHub } from './scan-hub.js';
import { createShiftService, type ShiftService } from './shift-service.js';
import { createReturnService, type ReturnService } from './return-service.js';
import { classifyScan } from './domain/scan-kind.js';
import { configOperatorName } from './report-job.js';
import { createSession, type SessionService } from './session.js';
import { TillError } from './domain/errors.js';
import type { ApprovalAction } from './domain/operators/approval.js';
import type { OperatorView } from './domain/operators/types.js';
import { giftCardMaxValue, openPriceMax, plausibilityLimits } from './domain/plausibility.js';
import { buildProductIndex, type ProductIndex } from './domain/product-search.js';
import { quickKeyPages, type QuickKeyPage } from './domain/quick-keys.js';
import type { Product } from './domain/catalog.js';
import { createParkService, type ParkService } from './park-service.js';
import { createReceiptCopies, type ReceiptCopies } from './receipt-copies.js';
import type { ParkInput, ParkOutput, RecallInput, RecallOutput } from '../machines/checkout.types.js';

export type CheckoutActor = ActorRefFrom<typeof checkoutMachine>;

export interface RegisterOptions {
  config: TillConfig;
  store: Store;
  hardware: Hardware;
  operator?: { id: string; name: string };
  newId?: () => string;
  now?: () => Date;
  /** Where effects report failures that the cashier does not need to act on at once. */
  log?: (line: string) => void;
  /** Feature sections for receipts (gift cards, loyalty). */
  receiptSections?: ReceiptSectionsProvider;
  /**
   * The chain (docs/chain.md), when chain.url is set: gift-card payments are held in its database
   * before the sale is written, cards other registers sold are found there, and the journal is
   * replicated after each commit. The register stops it with itself. Absent: the register stands alone.
   */
  chain?: ChainLink;
}

export interface Register {
  actor: CheckoutActor;
  config: TillConfig;
  store: Store;
  hardware: Hardware;
  /** Who is at the till now (changes with sign-in). */
  readonly operator: { id: string; name: string };
  /** Sign-in, lock and manager approval (src/session.ts). */
  session: SessionService;
  /**
   * A manager's PIN for one action, given on the spot: the approval waits (60 s) for that action,
   * which journals the approver. Refusals: PIN_WRONG, PIN_COOLDOWN, APPROVAL_NOT_NEEDED.
   */
  approve(action: ApprovalAction, pin: string): Result<OperatorView>;
  /** The shift: float, cash in/out, no-sale, X, close with the Z (src/shift-service.ts, docs/shift.md). */
  shift: ShiftService;
  /** Returns against a receipt: the return machine and its effects (src/return-service.ts, docs/returns.md). */
  returns: ReturnService;
  /** The one entry for scans (device and keyboard wedge alike) and who routes them (src/scan-hub.ts). */
  scans: ScanHub;
  /** Any receipt of this register again, by number, from the journal, marked COPY (src/receipt-copies.ts). */
  receipts: ReceiptCopies;
  /** Parked sales: the list to recall from and discarding one (src/park-service.ts, docs/keys.md). */
  parked: Pick<ParkService, 'list' | 'discard'>;
  /** Last print problem (printer offline...), for the status bar; null when the last job printed. */
  printProblem(): string | null;
  /** The plain-text receipt of a committed sale, with the same feature sections as the printed one. */
  receiptText(sale: SaleRecord): string;
  /** Loyalty customers for the till: search as you type, and creating one (journaled at once). */
  customers: {
    search(query: string, limit?: number): LoyaltyAccount[];
    create(input: CustomerInput): Promise<Result<LoyaltyAccount>>;
    /** The card number and tier `create` gives a customer when none is supplied (shown before saving). */
    preview(): { card: string; tier: string | null };
  };
  /**
   * Products by name or sku as the cashier types (src/domain/product-search.ts). The index is built
   * on the first search and kept: the catalog does not change under a running register (one process
   * per store; `till import` runs with the register stopped).
   */
  products: { search(query: string, limit?: number): Product[] };
  /** The quick-key grid of favourites (`quickKeys` in till.config.json), checked against the catalog at start. */
  quickKeys: QuickKeyPage[];
  /**
   * The store notice for the message line (torn tail cut, snapshot discarded, damaged history), or
   * null. Start-up notices show until the first sale is committed; damaged history stays.
   */
  storeNotice(): string | null;
  /** Every store notice of this run, oldest first (headless `state.storeNotices`). */
  storeNotices(): readonly StoreNotice[];
  /** On a chain (docs/chain.md): online, or offline since when, and the sales still to send; null when the register stands alone. */
  chainStatus(): ChainStatus | null;
  /**
   * The language the screen speaks now: one picked at the till with the language key (kept until
   * the next sign-out), else the signed-in operator's own (`till operator language`), else the
   * shop's `language`. Receipts do not follow it (receipt.language, else the shop's).
   */
  screenLanguage(): string;
  /** The language key: the screen switches to the next language until sign-out; returns it. */
  switchLanguage(): string;
  /** Resolves when effects started by the last commit (print, drawer) have settled. For tests. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export function createRegister(opts: RegisterOptions): Register {
  const { config, store, hardware } = opts;
  const newId = opts.newId ?? randomUUID;
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? (() => {});
  const register = config.register.id;
  // A quick key naming a product the store does not have is refused at start, as a config problem.
  const quickKeys = quickKeyPages(config, store.catalog);
  if (!quickKeys.ok) throw quickKeys.error;
  let productIndex: ProductIndex | null = null;
  let printProblem: string | null = null;
  let pending: Promise<unknown>[] = [];
  // Store notices reach the log here (headless: stderr) and the message line through storeNotice().
  let startNoticesSeen = false;
  for (const n of store.notices ?? []) log(`store ${n.code}: ${n.message}`);
  const unsubscribeNotices = store.onNotice?.((n) => log(`store ${n.code}: ${n.message}`)) ?? (() => {});

  /**
   * Accounts as the cashier may use them today: expired points are out of the balance (expiry.ts),
   * and on a chain the points other registers moved are in it (the chain's balance plus this
   * register's own movements not yet acknowledged, src/sync/points-view.ts) — on the screen, in the
   * customer lookup, on the receipt and for the offline limits alike.
   */
  const asOfToday = (a: LoyaltyAccount | undefined): LoyaltyAccount | undefined => (a ? (opts.chain ? opts.chain.chainAccount(a, localDate(now())) : accountAsOf(a, localDate(now()))) : a);

  const track = <T>(p: Promise<T>): Promise<T> => {
    pending.push(p);
    return p;
  };
  async function settleAll(): Promise<void> {
    while (pending.length) {
      const batch = pending;
      pending = [];
      await Promise.allSettled(batch);
    }
  }

  // A card this register's journal knows, else one the chain's database showed (another register sold
  // it). Known to both, the lower balance is the one to offer: the chain's when other registers spent
  // on the card, this journal's when its own spends are not sent yet (the hold decides in the end).
  const giftCard = (code: string) => {
    const own = findGiftCard(store.state, code);
    const shared = opts.chain?.card(code);
    return own && shared && shared.balance < own.balance ? { ...own, balance: shared.balance } : (own ?? shared);
  };
  const loyalty = () => loyaltyOf(store.state);
  // What this register earns and offers (loyalty.programs); the receipt looks programs up in the full
  // list, so a sale rung up elsewhere or before a change still prints with its own programs.
  const programs = () => programsForRegister(programList(loyalty()), config.loyalty.programs);

  // The checkout actor is created below; the session only asks it whether a sale is open.
  let actorRef: CheckoutActor | null = null;
  const saleOpen = () => {
    const v = actorRef?.getSnapshot().value;
    return v !== undefined && v !== 'idle' && v !== 'committed' && v !== 'receipt' && !(v === 'balance' && actorRef!.getSnapshot().context.saleId === null);
  };
  // A return being taken keeps the till as busy as a sale: no sign-out, no shift close under it.
  let returnsRef: ReturnService | null = null;
  const busy = () => saleOpen() || (returnsRef?.active() ?? false);
  const session = createSession({ config, store, now, track, log, saleOpen: busy, fallback: opts.operator });

  /** A manager's approval given on the spot, waiting for the one action it was given for. */
  const GRANT_MS = 60_000;
  let grant: { action: ApprovalAction; by: OperatorView; until: number } | null = null;
  const granted = (action: ApprovalAction): OperatorView | null => (grant && grant.action === action && now().getTime() <= grant.until ? grant.by : null);
  const takeGrant = (action: ApprovalAction): OperatorView | null => {
    const by = granted(action);
    if (by) grant = null;
    return by;
  };
  const voidFacts = () => {
    const c = actorRef?.getSnapshot().context;
    return { tenders: c?.tenders.length ?? 0, lines: c?.cart.lines.length ?? 0 };
  };

  /**
   * Feature data the sale carries into the journal, checked against the store as it is now: a card
   * spent or blocked since it was scanned refuses the commit (the sale stays open, nothing is written).
   */
  function extensions(input: CommitInput, total: number): Record<string, unknown> {
    const ext: Record<string, unknown> = {};
    const today = localDate(now());
    const gc = saleGiftCards(input.cart.lines, input.tenders);
    if (gc) {
      const v = validateSaleGiftCards(giftCard, gc, { currency: config.currency, customerId: input.customer?.id, today, total });
      if (!v.ok) throw v.error;
      ext.giftcards = gc;
    }
    if (input.customer) {
      const known = accountById(loyalty(), input.customer.id);
      const account = known ? asOfToday(known)! : accountAsOf(input.customer, today);
      // A blocked card neither earns nor spends: the sale goes through without loyalty.
      if (!account.blocked) {
        const r = buildSaleLoyalty({ cart: input.cart, priced: input.priced, tenders: input.tenders, account, programs: programs(), ladder: loyalty().ladder, day: today });
        if (!r.ok) throw r.error;
        ext.loyalty = r.value;
      }
    }
    return ext;
  }

  // The shift (src/shift-service.ts): a sale belongs to the register's open shift; paid-outs and
  // no-sales take the approval a manager gave with register.approve(action, pin).
  const shift = createShiftService({
    config, store, hardware, newId, now, log, saleOpen: busy, settled: settleAll,
    operator: () => session.operator(),
    approver: (action, claimed) => {
      if (!session.needsApproval(action)) return { required: false };
      const by = granted(action);
      return { required: true, by: by && (!claimed || claimed === by.id) ? by.id : undefined };
    },
    approvalUsed: (action) => void takeGrant(action),
  });

  // Returns (src/return-service.ts): the refund takes the approval a manager gave with register.approve('refund', pin).
  const returns = createReturnService({
    config, store, hardware, shift, newId, now, log, track, saleOpen,
    operator: () => session.operator(),
    signedIn: () => session.status() === 'signedIn',
    approvalRequired: (action, facts) => session.needsApproval(action, facts),
    granted,
    approvalUsed: (action) => void takeGrant(action),
    operatorName: (id) => configOperatorName(config, store.state)(id),
    printed: (res, label, e) => {
      printProblem = res?.ok ? null : (res?.message ?? res?.code ?? 'PRINTER_ERROR');
      if (!res?.ok) log(`print ${label}: ${e?.message ?? res?.code ?? 'failed'}`);
    },
  });
  returnsRef = returns;

  async function commitSale(input: CommitInput): Promise<SaleRecord> {
    // Defence in depth: the UI and headless only feed the checkout while someone is signed in.
    if (session.status() !== 'signedIn') throw new TillError('SIGNED_OUT', 'Sign in to finish the sale.');
    // shift.mode "auto" opens the shift now; "required" refuses (SHIFT_NOT_OPEN) and the sale stays open.
    await shift.ensureForSale();
    const op = session.operator();
    const seq = (store.state.sales.lastReceipt[register] ?? 0) + 1;
    const at = now().toISOString();
    const r = finalizeSale(
      input.priced,
      input.tenders,
      { saleId: input.saleId, receiptNo: formatReceiptNo(register, seq), at, register, operator: { id: op.id, name: op.name }, currency: config.currency },
      extensions(input, input.priced.total),
    );
    if (!r.ok) throw r.error;
    // On a chain, what the sale takes from gift cards and points was held when it was added; it is
    // held again for the whole sale (a lapsed hold is renewed, an offline one tried online) or checked
    // against the offline rules. A refusal keeps the sale open and writes nothing; its holds stay
    // until it is paid another way or voided.
    if (opts.chain) await opts.chain.holdSpends(input.saleId, committedSpends(r.value, input));
    const credits = opts.chain ? chainCredits(r.value, at) : [];
    const res: CommitResult = await store.commit({ id: input.saleId, events: [...credits, { type: 'sale.committed', data: { sale: r.value } }], operator: op.id, at });
    if (!res.duplicate) for (const c of credits) opts.chain?.pointsCredited(c.data.customerId, c.data.programId, c.data.points);
    // The holds of a written sale wait for the push: committed() forgets them, so the release that
    // follows when the sale leaves the screen (keepHolds) finds nothing to release.
    opts.chain?.committed(input.saleId);
    // The sale id is its one commit: a sale saved already (a recalled park paid twice) is never paid again.
    if (res.duplicate) throw new TillError('SALE_ALREADY_SAVED', 'This sale was saved already: it cannot be paid twice. Void it on this screen (/).');
    startNoticesSeen = true;
    return r.value;
  }

  /**
   * On a chain, a sale may spend points other registers earned: the chain's balance covers them (the
   * hold, or offline the last known balance), this journal never saw them. They are credited first
   * in the sale's own transaction (`points.chain.credited`, which the shared ledger does not move), so
   * the journal's own fold never goes below zero and its balance guard still refuses anything else.
   */
  function chainCredits(sale: SaleRecord, at: string): { type: string; data: PointsMoveData }[] {
    const l = sale.extensions?.loyalty as SaleLoyalty | undefined;
    if (!l) return [];
    const a = accountById(loyalty(), l.customerId);
    if (!a) return [];
    const day = l.day || localDate(new Date(at));
    const valid = accountAsOf(a, day).points;
    const out: { type: string; data: PointsMoveData }[] = [];
    for (const p of l.programs) {
      // What the sale spends beyond what this journal holds (its own earning comes after the spend).
      const short = p.spent - (valid[p.programId] ?? 0);
      if (p.spent > 0 && short > 0)
        out.push({ type: EV.pointsChainCredited, data: { customerId: l.customerId, programId: p.programId, points: short, day, reason: "points earned at the shop's other registers (chain balance)", ref: sale.receiptNo } });
    }
    return out;
  }

  const featureSections = [
    giftCardReceiptSection({ prefix: config.codes.giftCardPrefix, terms: config.giftCards.terms }),
    loyaltyReceiptSection({
      programs: () => programList(loyalty()),
      ladder: () => loyalty().ladder,
      progress: (id) => {
        const account = accountById(loyalty(), id);
        return account ? tierProgress(accountAsOf(account, localDate(now())), loyalty().ladder, localDate(now())) : null;
      },
    }),
  ];
  const receiptSections: ReceiptSectionsProvider = opts.receiptSections ?? (() => featureSections);

  async function print(sale: SaleRecord | null): Promise<void> {
    if (!sale) return;
    try {
      const job = buildPrintJob(sale, config, receiptSections);
      const res = await hardware.printer.print(job);
      printProblem = res.ok ? null : (res.message ?? res.code ?? 'PRINTER_ERROR');
      if (!res.ok) log(`print ${sale.receiptNo}: ${res.code ?? 'failed'}`);
    } catch (e) {
      printProblem = 'PRINTER_ERROR';
      log(`print ${sale.receiptNo}: ${(e as Error).message}`);
    }
  }

  async function kickDrawer(): Promise<void> {
    const res = await hardware.drawer.open();
    if (!res.ok) log(`drawer: ${res.code ?? 'failed'}`);
    // The drawer opening is part of the audit trail; a journal failure here must not disturb the sale.
    await store
      .commit({ id: newId(), events: [{ type: 'drawer.opened', data: { reason: 'sale', ok: res.ok } }], operator: session.operator().id })
      .catch((e: Error) => log(`journal drawer.opened: ${e.message}`));
  }

  const parking = createParkService({
    config, store, now, newId,
    operator: () => session.operator(),
    signedIn: () => session.status() === 'signedIn',
    openSaleId: () => (saleOpen() ? (actorRef?.getSnapshot().context.saleId ?? null) : null),
  });

  const copies = createReceiptCopies({
    config, store, hardware, sections: receiptSections,
    operatorName: (id) => configOperatorName(config, store.state)(id),
    printed: (no, res, e) => {
      printProblem = res?.ok ? null : (res?.message ?? res?.code ?? 'PRINTER_ERROR');
      if (!res?.ok) log(`print copy ${no}: ${e?.message ?? res?.code ?? 'failed'}`);
    },
  });

  const machine = checkoutMachine.provide({
    actors: {
      commitSale: fromPromise<SaleRecord, CommitInput>(({ input }) => commitSale(input)),
      parkSale: fromPromise<ParkOutput, ParkInput>(({ input }) => parking.park(input)),
      recallSale: fromPromise<RecallOutput, RecallInput>(({ input }) => parking.recall(input)),
      holdSpends: fromPromise<void, HoldInput>(async ({ input }) => opts.chain?.holdSpends(input.saleId, input.spends)),
    },
    actions: {
      printReceipt: (_, sale) => void track(print(sale)),
      // The last receipt again (F9, headless reprint): marked COPY, never a second original.
      reprintReceipt: (_, sale) => void (sale && track(copies.print(copies.ofSale(sale)))),
      openDrawer: () => void track(kickDrawer()),
      saleVoided: (_, p) =>
        void track(
          store
            .commit({ id: newId(), events: [{ type: 'sale.voided', data: withApprover(p, takeGrant('void')) }], operator: session.operator().id })
            .catch((e: Error) => log(`journal sale.voided: ${e.message}`)),
        ),
    },
  });

  const limits = { limitPerMinute: config.giftCards.guessLimitPerMinute, cooldownSeconds: config.giftCards.cooldownSeconds };
  const deps: CheckoutDeps = {
    catalog: store.catalog,
    tax: config.tax,
    currency: config.currency,
    cashRoundingUnit: config.cash.roundingUnit,
    newId,
    now,
    giftcards: {
      lookup: giftCard,
      newCode: () => {
        let code = generateCode(randomBytes(CODE_RANDOM_BYTES));
        while (giftCard(code)) code = generateCode(randomBytes(CODE_RANDOM_BYTES));
        return code;
      },
      prefix: config.codes.giftCardPrefix,
      sellMode: config.giftCards.sellMode,
      defaultValidityDays: config.giftCards.defaultValidityDays,
      limits,
      guess: store.guesses?.load(now().getTime(), limits),
      // The line is journaled with the sale and printed: the receipt's language, not the screen's.
      lineName: translate(receiptLanguage(config), 'giftcard.line'),
      topUp: config.giftCards.topUp === true,
      topUpLineName: translate(receiptLanguage(config), 'giftcard.topUpLine'),
      maxValue: giftCardMaxValue(config),
    },
    checks: plausibilityLimits(config),
    scale: config.scale?.layouts ?? [],
    openPriceMax: openPriceMax(config),
    saleStart: () => {
      const e = shift.saleRefusal();
      return e ? { code: e.code, message: e.message } : null;
    },
    chainHolds: opts.chain !== undefined,
    approvals: {
      required: (action, facts) => session.needsApproval(action, facts),
      granted: (action) => granted(action) !== null,
    },
    loyalty: {
      prefix: config.codes.loyaltyPrefix,
      byCard: (card) => asOfToday(accountByCard(loyalty(), card, config.loyalty.phoneCountryCode)),
      account: (id) => asOfToday(accountById(loyalty(), id)),
      programs,
      ladder: () => loyalty().ladder,
    },
  };
  const actor = createActor(machine, { input: deps });
  actorRef = actor;
  // The guess limiter's state is the register's, not the process's: each change is saved before the
  // reply or the next frame (subscribers run synchronously inside send), so a restart keeps a cool-down.
  let savedGuess = JSON.stringify(actor.getSnapshot().context.guess);
  const guessSaver = store.guesses
    ? actor.subscribe((snap) => {
        const now = JSON.stringify(snap.context.guess);
        if (now === savedGuess) return;
        savedGuess = now;
        store.guesses!.save(snap.context.guess);
      })
    : null;
  // A kept receipt printed later (the printer came back): the problem is over once nothing waits.
  const unsubscribePrinted = hardware.printer.onResult?.((_job, res) => {
    if (res.ok && hardware.printer.pending().length === 0) printProblem = null;
  });
  // Signed out, a scan is an operator's badge; signed in, it is the sale's.
  const scans = createScanHub((scan) => {
    const st = session.status();
    if (st === 'signedIn') {
      session.actor.send({ type: 'session.activity' });
      // A receipt's barcode between sales opens its return; while a return is taken nothing else is scanned.
      if (returns.active()) return log('scan during a return: ignored (finish or cancel the return)');
      const c = config.codes;
      if (!saleOpen() && classifyScan(scan.code, { giftCardPrefix: c.giftCardPrefix, loyaltyPrefix: c.loyaltyPrefix, receiptPrefix: c.receiptPrefix }) === 'receipt')
        return void returns.actor.send({ type: 'return.open', receipt: scan.code });
      actor.send({ type: 'cart.scan', code: scan.code, source: scan.source });
    } else if (st === 'signedOut') session.actor.send({ type: 'session.operator', code: scan.code });
    // As on the UI's routing table: a scan is never a PIN, and a locked till takes none.
    else log(`scan while the till is ${st === 'pin' ? 'asking for a PIN' : 'locked'}: ignored`);
  }, log);
  const unsubscribeScanner = hardware.scanner.onScan((scan) => scans.deliver(scan));
  const holdKeeper = opts.chain ? keepHolds(actor, opts.chain) : null;
  actor.start();

  // A language picked with the key lasts until the operator signs out (it is chosen on the sign-in
  // screen and kept through sign-in, lock and unlock).
  let pickedLanguage: string | null = null;
  let lastStatus = session.status();
  const languageWatch = session.actor.subscribe(() => {
    const st = session.status();
    if (st === 'signedOut' && lastStatus !== 'signedOut' && lastStatus !== 'pin') pickedLanguage = null;
    lastStatus = st;
  });
  const screenLanguage = (): string => {
    if (pickedLanguage) return pickedLanguage;
    const own = session.status() !== 'signedOut' ? operatorLanguage(operatorsOf(store.state).byId[session.operator().id]) : null;
    return own ?? config.language;
  };

  return {
    actor,
    config,
    store,
    hardware,
    get operator() {
      const o = session.operator();
      return { id: o.id, name: o.name };
    },
    session,
    shift,
    returns,
    approve(action, pin) {
      const facts = action === 'void' ? voidFacts() : action === 'refund' ? { managerChoice: returns.actor.getSnapshot().context.mode !== 'original' } : {};
      if (!session.needsApproval(action, facts)) return { ok: false, error: new TillError('APPROVAL_NOT_NEEDED', 'No approval is needed for this.') };
      const r = session.approve(pin);
      if (r.ok) grant = { action, by: r.value, until: now().getTime() + GRANT_MS };
      return r;
    },
    scans,
    parked: { list: parking.list, discard: parking.discard },
    receipts: { find: copies.find, ofSale: copies.ofSale, print: (c) => track(copies.print(c)) },
    printProblem: () => printProblem,
    receiptText: (sale) => receiptText(sale, config, receiptSections),
    customers: {
      search: (query, limit = 8) => (query.trim() ? findCustomers(loyalty(), query, config.loyalty.phoneCountryCode, limit).map((a) => asOfToday(a)!) : []),
      async create(input) {
        let id: string;
        do id = newCustomerId(randomBytes(7));
        while (accountById(loyalty(), id));
        const ev = newCustomerEvent(loyalty(), config, input, id, now().toISOString());
        if (!ev.ok) return ev;
        await store.commit({ id: newId(), events: [ev.value], operator: session.operator().id });
        return { ok: true, value: accountById(loyalty(), ev.value.data.customer.id)! };
      },
      preview() {
        const slice = loyalty();
        const rules = customerRules(slice, config);
        let serial = slice.cardSerial;
        let card: string;
        do card = cardNumberFor(rules.cardPrefix, ++serial);
        while (rules.cardTaken(card));
        return { card, tier: rules.defaultTier };
      },
    },
    products: {
      search(query, limit = 10) {
        if (!query.trim()) return [];
        productIndex ??= buildProductIndex(Object.values(store.state.catalog.products));
        return productIndex.search(query, limit);
      },
    },
    quickKeys: quickKeys.value,
    storeNotice() {
      const list = (store.notices ?? []).filter((n) => n.sticky || !startNoticesSeen);
      if (!list.length) return null;
      // The screen's language; the English message when the notice has no catalog text.
      const n = list[list.length - 1];
      return n.text && hasMessage(n.text.key, screenLanguage()) ? translate(screenLanguage(), n.text.key, n.text.params) : n.message;
    },
    storeNotices: () => store.notices ?? [],
    chainStatus: () => opts.chain?.status() ?? null,
    screenLanguage,
    switchLanguage() {
      pickedLanguage = nextLanguage(screenLanguage());
      return pickedLanguage;
    },
    settled: settleAll,
    async stop() {
      unsubscribeScanner();
      unsubscribePrinted?.();
      unsubscribeNotices();
      guessSaver?.unsubscribe();
      holdKeeper?.unsubscribe();
      languageWatch.unsubscribe();
      actor.stop();
      returns.stop();
      session.stop();
      await this.settled();
      await opts.chain?.stop();
    },
  };
}

/** What a sale about to be written takes from shared balances: its cards' redemptions and the points its loyalty spends. */
function committedSpends(sale: SaleRecord, input: CommitInput): SaleSpends {
  const loyalty = sale.extensions?.loyalty as SaleLoyalty | undefined;
  return {
    cards: cardSpends(input.tenders),
    points: (loyalty?.programs ?? []).filter((p) => p.spent > 0).map((p) => ({ customerId: loyalty!.customerId, programId: p.programId, points: p.spent })),
  };
}

/**
 * Keeps the chain's holds in step with the open sale: a payment or reward removed (or the customer
 * taken off) lowers what is held; a sale that ends without being written (voided, parked) releases
 * its holds. Parking releases, as a parked sale holds no money and its rewards are released with it.
 * Holds are only ever raised by the holding state (checkout.holds.ts) and the commit.
 */
function keepHolds(actor: CheckoutActor, chain: ChainLink) {
  let open: string | null = null;
  return actor.subscribe((snap) => {
    const id = snap.context.saleId;
    if (open && open !== id) {
      chain.released(open);
      open = null;
    }
    if (!id || !snap.matches('open')) return;
    open = id;
    if (!snap.matches({ open: 'holding' })) chain.lowerSpends(id, saleSpends(snap.context.cart, snap.context.tenders, snap.context.customer?.id));
  });
}

/** The void's audit entry with the manager who approved it (if one had to). */
const withApprover = <P extends object>(p: P, by: OperatorView | null): P & { approvedBy?: string } => (by ? { ...p, approvedBy: by.id } : p);
