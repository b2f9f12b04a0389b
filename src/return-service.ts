/**
 * Returns at a register: the return machine (machines/return.machine.ts) with its effects — the
 * receipt looked up through the returns projection and read back from the journal (never a walk),
 * the return planned by the domain (src/domain/returns) against the store as it is at the moment of
 * the commit, journaled as one transaction (`return.committed` with its gift-card and points events),
 * then the return receipt printed and, when cash goes out, the drawer opened. A refusal writes nothing.
 *
 * Receipt numbers: a return prints from the register's one receipt sequence, like a sale (the Z's
 * first and last receipt cover both; the returns projection tells them apart).
 */
import { createActor, fromPromise, type ActorRefFrom } from 'xstate';
import { returnMachine } from '../machines/return.machine.js';
import { randomBytes } from 'node:crypto';
import type { CommitReturnInput, CommittedReturn, OpenReturn, ReturnDeps, ReturnDraft } from '../machines/return.types.js';
import type { TillConfig } from './domain/config.js';
import { fail, ok, TillError, type Result } from './domain/errors.js';
import { localDate } from './domain/giftcard/dates.js';
import { formatMoney } from './i18n/format.js';
import { planReturn, type ReturnPick, type ReturnPlan } from './domain/returns/plan.js';
import { planNoReceiptReturn } from './domain/returns/no-receipt.js';
import { exchangeCart, planExchange, type ExchangeLoyalty, type ExchangePlan } from './domain/returns/exchange.js';
import type { Cart } from './domain/cart.js';
import type { SaleLoyalty } from './domain/loyalty/types.js';
import { accountAsOf } from './domain/loyalty/expiry.js';
import { programsForRegister } from './domain/loyalty/register-programs.js';
import { RETURN_COMMITTED, type ReturnCommitted, type ReturnExchange, type ReturnRecord, type SaleReturns } from './domain/returns/types.js';
import { CODE_RANDOM_BYTES, generateCode } from './domain/giftcard/code.js';
import { noReceiptLimit } from './domain/plausibility.js';
import { formatReceiptNo, type SaleRecord } from './domain/sale.js';
import { receiptNoOf } from './domain/scan-kind.js';
import type { ApprovalAction, ApprovalFacts } from './domain/operators/approval.js';
import type { OperatorView } from './domain/operators/types.js';
import { findGiftCard } from './store/projections/giftcards.js';
import { accountByCard, accountById, loyaltyOf, programList } from './store/projections/loyalty.js';
import { receiptEntry, saleReturns } from './store/projections/returns.js';
import type { SaleCommitted } from './store/projections/sales.js';
import type { Store } from './store/types.js';
import type { Hardware, PrintResult } from '../hardware/types.js';
import type { ShiftService } from './shift-service.js';
import { buildReturnPrintJob, returnReceiptText } from './receipt-job.js';

export type ReturnActor = ActorRefFrom<typeof returnMachine>;

export interface ReturnService {
  /** The return machine: clients send `return.*` events and read its snapshot. */
  actor: ReturnActor;
  /** A return is open or being saved: the checkout waits. */
  active(): boolean;
  /** The return receipt as printed (plain text); with the exchange's new sale, the exchange receipt. */
  receiptText(r: ReturnRecord, exchange?: SaleRecord | null): string;
  stop(): void;
}

export interface ReturnServiceOptions {
  config: TillConfig;
  store: Store;
  hardware: Pick<Hardware, 'printer' | 'drawer'>;
  shift: ShiftService;
  newId: () => string;
  now: () => Date;
  log: (line: string) => void;
  track: <T>(p: Promise<T>) => Promise<T>;
  operator: () => { id: string; name: string };
  signedIn: () => boolean;
  saleOpen: () => boolean;
  /** Does the refund need a manager here (sign-in on and approvals.refund, or a manager's choice)? */
  approvalRequired: (action: ApprovalAction, facts?: ApprovalFacts) => boolean;
  /** The manager whose approval for the action is waiting, or null. */
  granted: (action: ApprovalAction) => OperatorView | null;
  /** The approval was used by the journaled return. */
  approvalUsed: (action: ApprovalAction) => void;
  operatorName: (id: string) => string | undefined;
  /** The outcome of each receipt print (the register's printer status). */
  printed: (res: PrintResult | null, label: string, error?: Error) => void;
}

/** Receipt numbers look like "R1-000042". */
const RECEIPT_NO = /^[A-Za-z0-9_-]{1,16}-\d{6,}$/;

export function createReturnService(o: ReturnServiceOptions): ReturnService {
  const { config, store } = o;
  const register = config.register.id;
  const today = () => localDate(o.now());

  /**
   * What the cashier typed or scanned, as candidate receipt numbers: as it is ("R1-000042"), without
   * the receipt barcode's prefix ("RR1-000042"), or a bare number for this register's receipt ("42").
   */
  function candidates(text: string): string[] {
    const t = text.trim();
    const out: string[] = [];
    if (/^\d{1,9}$/.test(t) && Number(t) > 0) out.push(formatReceiptNo(register, Number(t)));
    if (RECEIPT_NO.test(t)) out.push(t);
    const scanned = receiptNoOf(t, config.codes.receiptPrefix);
    if (scanned) out.push(scanned);
    return out;
  }

  function lookup(text: string): Result<{ sale: SaleRecord; before: SaleReturns }> {
    const shown = text.trim().slice(0, 40);
    for (const no of candidates(text)) {
      const hit = receiptEntry(store.state, no);
      if (!hit) continue;
      if (hit.kind === 'return') return fail('RECEIPT_IS_RETURN', '{receipt} is the receipt of a return. Scan the receipt of the sale.', { receipt: no });
      const ev = store.readEvents?.([hit.seq]).get(hit.seq);
      const sale = (ev?.data as SaleCommitted | undefined)?.sale;
      if (!ev || ev.type !== 'sale.committed' || !sale || sale.receiptNo !== no)
        return fail('RECEIPT_UNREADABLE', 'The sale of receipt {receipt} cannot be read from the journal. Ask the manager to run `till journal verify`.', { receipt: no });
      return ok({ sale, before: saleReturns(store.state, sale.saleId) });
    }
    return fail('RECEIPT_UNKNOWN', 'Receipt {receipt} was not issued by this store or register. Check the number.', { receipt: shown });
  }

  const picksOf = (picks: Readonly<Record<string, number>>): ReturnPick[] => Object.entries(picks).map(([lineId, qty]) => ({ lineId, qty }));

  const nextSeq = () => (store.state.sales.lastReceipt[register] ?? 0) + 1;

  /** A new gift card's code for a refund: unused in this store (80+ random bits and a check character). */
  function newCardCode(): string {
    let code = generateCode(randomBytes(CODE_RANDOM_BYTES));
    while (findGiftCard(store.state, code)) code = generateCode(randomBytes(CODE_RANDOM_BYTES));
    return code;
  }
  /** The code of the card a return's preview showed, kept so the committed card is the one shown. */
  const cardCodes = new Map<string, string>();
  const cardFor = (returnId: string): string => {
    let c = cardCodes.get(returnId);
    if (!c || findGiftCard(store.state, c)) cardCodes.set(returnId, (c = newCardCode()));
    return c;
  };

  /**
   * The return (and an exchange's new sale) planned against the store as it is now. The return takes
   * the register's next receipt number, an exchange's sale the one after it.
   */
  function plan(d: ReturnDraft, approvedBy?: string): Result<ExchangePlan | { ret: ReturnPlan; sale: null; credit: 0; due: 0; events: ReturnPlan['events'] }> {
    const op = o.operator();
    const at = o.now().toISOString();
    const seq = nextSeq();
    const identity = { returnId: d.open.returnId, receiptNo: formatReceiptNo(register, seq), at, register, operator: { id: op.id, name: op.name }, currency: config.currency };
    const planReturnPart = (credit: number, exchange?: ReturnExchange): Result<ReturnPlan> => {
      const sale = d.open.sale;
      if (!sale)
        return planNoReceiptReturn({
          catalog: store.catalog,
          items: d.items,
          tax: config.tax,
          mode: d.mode,
          identity,
          approvedBy,
          cashRoundingUnit: config.cash.roundingUnit,
          maxValue: noReceiptLimit(config),
          today: today(),
          newCard: d.mode === 'giftcard' ? { code: cardFor(d.open.returnId), validityDays: config.giftCards.defaultValidityDays } : undefined,
          credit,
          exchange,
        });
      const loyalty = loyaltyOf(store.state);
      return planReturn({
        sale,
        // What came back since the return was opened counts too (another register, a retried commit).
        before: saleReturns(store.state, sale.saleId),
        picks: picksOf(d.picks),
        mode: d.mode,
        identity,
        approvedBy,
        cashRoundingUnit: config.cash.roundingUnit,
        today: today(),
        card: (code) => findGiftCard(store.state, code),
        loyalty: { account: (id) => loyalty.customers[id], programs: programList(loyalty), ladder: loyalty.ladder },
        credit,
        exchange,
      });
    };
    if (d.extra.length === 0) {
      const r = planReturnPart(0);
      return r.ok ? ok({ ret: r.value, sale: null, credit: 0, due: 0, events: r.value.events }) : r;
    }
    const cart = exchangeCart(store.catalog, d.extra, config.tax);
    if (!cart.ok) return cart;
    return planExchange({
      loyalty: exchangeLoyalty(d, cart.value.cart),
      planReturn: planReturnPart,
      priced: cart.value.priced,
      tenders: d.tenders,
      identity: { saleId: d.open.exchangeSaleId, receiptNo: formatReceiptNo(register, seq + 1), at, register, operator: { id: op.id, name: op.name }, currency: config.currency },
      returnId: d.open.returnId,
    });
  }

  /**
   * The customer whose new items earn points: the one the receipt's sale was sold to (the points the
   * returned goods earned are taken back by the return), or without a receipt the one whose loyalty
   * card was scanned on the return.
   */
  function exchangeLoyalty(d: ReturnDraft, cart: Cart): ExchangeLoyalty | undefined {
    const ext = d.open.sale?.extensions?.loyalty as SaleLoyalty | undefined;
    const id = ext && typeof ext.customerId === 'string' ? ext.customerId : d.open.sale ? undefined : d.customer?.id;
    if (!id) return undefined;
    const slice = loyaltyOf(store.state);
    const found = accountById(slice, id);
    if (!found) return undefined;
    const day = today();
    return { cart, account: accountAsOf(found, day), programs: programsForRegister(programList(slice), config.loyalty.programs), ladder: slice.ladder, day, ...(ext ? { saleDay: ext.day } : {}) };
  }

  const money = (m: number) => formatMoney(m, config.currency, { locale: config.locale, ascii: config.display.ascii });

  /** The committed record of a return whose transaction is already in the journal (a commit retried). */
  function committedReturn(open: OpenReturn): CommittedReturn | null {
    const receipts = open.sale ? saleReturns(store.state, open.sale.saleId).receipts : [];
    // Without a receipt there is no sale to list it: the register's latest numbers are looked at.
    if (!open.sale) for (let n = nextSeq() - 1; n > 0 && n >= nextSeq() - 3; n--) receipts.push(formatReceiptNo(register, n));
    for (const no of [...receipts].reverse()) {
      const hit = receiptEntry(store.state, no);
      const ev = hit ? store.readEvents?.([hit.seq]).get(hit.seq) : undefined;
      if (ev?.type === RETURN_COMMITTED && ev.tx === open.returnId) {
        const record = (ev.data as ReturnCommitted).return;
        const x = record.exchange ? receiptEntry(store.state, record.exchange.receiptNo) : null;
        const sale = x ? (store.readEvents?.([x.seq]).get(x.seq)?.data as SaleCommitted | undefined)?.sale : undefined;
        return { record, exchange: sale ?? null };
      }
    }
    return null;
  }

  async function commit(d: CommitReturnInput): Promise<CommittedReturn> {
    const { open, mode } = d;
    const action: ApprovalAction = open.sale ? 'refund' : 'returnWithoutReceipt';
    if (!o.signedIn()) throw new TillError('SIGNED_OUT', 'Sign in to take a return.');
    // The return needs the manager's approval given for it (the machine asked; this is the books' check).
    const by = o.granted(action);
    if (o.approvalRequired(action, action === 'refund' ? { managerChoice: mode !== 'original' } : {}) && !by) throw new TillError('APPROVAL_REQUIRED', 'A manager must approve: {action}.', { action });
    // shift.mode "auto" opens the shift now; "required" refuses (SHIFT_NOT_OPEN): nothing is written.
    await o.shift.ensureForSale();
    const p = plan(d, by?.id);
    if (!p.ok) throw p.error;
    if (p.value.due > 0) throw new TillError('EXCHANGE_DUE', 'The customer still owes {due} for the new items: take the payment first.', { due: money(p.value.due) });
    const record = p.value.ret.record;
    const shift = o.shift.current();
    if (shift && record.cash.given > shift.expectedCash)
      throw new TillError('REFUND_EXCEEDS_DRAWER', 'The drawer holds {available} by the shift’s totals: it cannot pay out {amount}. A manager may refund another way.', {
        available: money(Math.max(0, shift.expectedCash)),
        amount: money(record.cash.given),
      });
    const op = o.operator();
    const res = await store.commit({ id: open.returnId, events: p.value.events, operator: op.id, at: record.at });
    if (res.duplicate) {
      const kept = committedReturn(open);
      if (!kept) throw new TillError('RETURN_SAVED', 'This return was saved already. Look it up by its receipt.');
      return kept;
    }
    cardCodes.delete(open.returnId);
    if (by) o.approvalUsed(action);
    return { record, exchange: p.value.sale };
  }

  async function print(c: CommittedReturn | null): Promise<void> {
    if (!c) return;
    const r = c.record;
    try {
      o.printed(await o.hardware.printer.print(buildReturnPrintJob(r, config, o.operatorName, c.exchange)), r.receiptNo);
    } catch (e) {
      o.printed(null, r.receiptNo, e as Error);
    }
  }

  async function kickDrawer({ record: r }: CommittedReturn): Promise<void> {
    const res = await o.hardware.drawer.open().catch((e: Error) => ({ ok: false, code: 'DRAWER_ERROR', message: e.message }));
    if (!res.ok) o.log(`drawer (return ${r.receiptNo}): ${res.code ?? 'failed'}`);
    // The drawer opening is part of the audit trail; a journal failure here must not disturb the return.
    await store
      .commit({ id: o.newId(), events: [{ type: 'drawer.opened', data: { reason: 'return', ok: res.ok, receiptNo: r.receiptNo } }], operator: o.operator().id })
      .catch((e: Error) => o.log(`journal drawer.opened: ${e.message}`));
  }

  const deps: ReturnDeps = {
    lookup,
    preview: (d) => {
      const p = plan(d);
      if (!p.ok) return p;
      const v = p.value;
      return ok({ record: v.ret.record, exchange: v.sale ? { sale: v.sale, credit: v.credit, due: v.due } : null });
    },
    newId: o.newId,
    customerByCard: (card) => {
      const a = accountByCard(loyaltyOf(store.state), card, config.loyalty.phoneCountryCode);
      if (!a) return fail('LOYALTY_CARD_UNKNOWN', 'This loyalty card is not registered. Create the customer first.');
      if (a.blocked) return fail('LOYALTY_CARD_BLOCKED', 'This loyalty card is blocked.');
      return ok({ id: a.id, name: a.name });
    },
    cashRoundingUnit: config.cash.roundingUnit,
    money,
    saleOpen: o.saleOpen,
    approvals: { required: o.approvalRequired, granted: (action) => o.granted(action) !== null },
  };
  const machine = returnMachine.provide({
    actors: { commitReturn: fromPromise<CommittedReturn, CommitReturnInput>(({ input }) => commit(input)) },
    actions: {
      printReturn: (_, r) => void o.track(print(r)),
      openDrawer: (_, r) => void o.track(kickDrawer(r)),
    },
  });
  const actor = createActor(machine, { input: deps });
  actor.start();

  return {
    actor,
    active: () => {
      const v = actor.getSnapshot().value;
      return v === 'open' || v === 'committing';
    },
    receiptText: (r, exchange) => returnReceiptText(r, config, o.operatorName, exchange),
    stop: () => actor.stop(),
  };
}
