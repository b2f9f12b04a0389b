/**
 * The state a headless client sees: a pure selector over the checkout actor's snapshot. Money is
 * integer minor units of `currency`. The Ink UI may reuse it; it computes nothing the domain did not.
 */
import { sanitizeLine } from '../domain/text-safety.js';
import type { StateValue } from 'xstate';
import type { CheckoutContext, CheckoutMessage, GiftCardBalanceView } from '../../machines/checkout.types.js';
import type { SaleLoyalty } from '../domain/loyalty/types.js';
import { changeOf, due } from '../domain/tender.js';
import { claimableNow } from '../../machines/checkout.loyalty.js';
import { pendingQuestion } from '../../machines/checkout.confirm.js';
import type { HeadlessReturn } from './returns.js';
import { lineWeight } from '../domain/scale-barcode.js';

export type HeadlessStatus =
  | 'idle'
  | 'sale'
  | 'tender'
  | 'committing'
  | 'commit_failed'
  | 'committed'
  | 'receipt'
  /** A gift card's balance is shown (giftcard_check); balance_close returns. */
  | 'balance'
  /** A stock gift card was scanned: the value to load is awaited (giftcard_amount / giftcard_cancel). */
  | 'card_amount'
  /** An open-price product waits for its price (`price` / `price_cancel`; state.pricePrompt). */
  | 'price_entry'
  /** A return is open or being saved (`state.return`); the checkout waits underneath. */
  | 'return'
  /** The open sale is being journaled as parked, or a parked sale as recalled (replies wait for the end). */
  | 'parking'
  | 'recalling'
  /** On a chain: a gift-card payment or points reward waits for its hold in the database (replies wait for the end). */
  | 'holding';

export interface HeadlessLine {
  /** Line id to pass to `qty` and `remove` ("L1"). */
  line: string;
  kind: string;
  sku: string;
  name: string;
  qty: number;
  unitPrice: number;
  /** unitPrice * qty */
  gross: number;
  discount: number;
  /** gross - discount */
  amount: number;
  tax: number;
  /** A line priced from the attached customer's tier price list: the catalog price (unitPrice is the tier's). */
  listPrice?: number;
  /** The entry that priced it: tier, "sku" or "category" and which, a fixed `price` or `percentPpm` off. */
  priceFrom?: { tierId: string; name: string; entry: 'sku' | 'category'; key: string; price?: number; percentPpm?: number };
  /** A line from a weight label: the weight in kg as the label gave it ("0.750") and the price per kg. */
  weight?: { kg: string; pricePerKg: number };
  /** A line from a price label (price-embedded EAN-13). */
  priceLabel?: true;
  /** An open-price item: unitPrice is the price the cashier typed. */
  openPrice?: true;
}

export interface HeadlessTender {
  /** Payment id to pass to `remove_payment` ("T1"). */
  payment: string;
  kind: string;
  /** What this payment contributes to the total. */
  amount: number;
  given?: number;
  change?: number;
  /** Cash rounding recorded when cash settled the sale (kept - owed), when not zero. */
  rounding?: number;
  reference?: string;
}

export interface HeadlessReward {
  /** Pass as `program` and `reward` to `reward_apply`. */
  program: string;
  reward: string;
  name: string;
  kind: 'cashback' | 'fixed' | 'percent' | 'free-product';
  points: number;
  value: number;
  step?: number;
}

export interface HeadlessState {
  status: HeadlessStatus;
  /** Device status (issue 9): printer ready/offline/paper-out/cover-open/paper-low, receipts kept for it. */
  devices?: { scanner: string; printer: string; drawer: string; receiptsWaiting: number; scannerProblem?: string };
  /** Sign-in: "signedOut" (operator code next), "pin", "signedIn" or "locked"; who is signed in. */
  session?: { status: string; required: boolean; operator: { id: string; name: string; role: string } | null };
  /** The register's open shift (null when none is open): docs/shift.md. */
  shift?: { shiftId: string; openedAt: string; openedBy: string; float: number; auto: boolean; expectedCash: number; sales: { count: number; total: number } } | null;
  /** The return being taken, or the one just saved (docs/headless.md, "Returns"); absent when none. */
  return?: HeadlessReturn;
  saleId: string | null;
  currency: string;
  lines: HeadlessLine[];
  /** Sum of line amounts (after discounts), as priced: tax-inclusive or -exclusive per the store. */
  subtotal: number;
  /** Discounts of the sale (line and order discounts). */
  discount: number;
  /** Order discounts applied (tier price, loyalty reward...), each with its amount. */
  discounts: { id: string; label: string; source: string; amount: number }[];
  /** total - tax */
  net: number;
  tax: number;
  total: number;
  tenders: HeadlessTender[];
  /** Still owed; 0 once the tenders cover the total. */
  due: number;
  /** Change handed back (cash only). */
  change: number;
  message?: { code: string; text: string; level: 'error' | 'info' };
  lastSale?: { saleId: string; receiptNo: string; total: number; change: number };
  /** Loyalty customer attached to the sale, with points per program. */
  customer?: { id: string; name: string; tier: string | null; points: Record<string, number>; additional?: Record<string, number> };
  /** What the sale will do to the customer's points if paid now. */
  loyalty?: SaleLoyalty;
  /**
   * With a customer attached: the rewards a `reward_apply` would put on the sale now (the UI's
   * rewards screen reads the same selector). `points` is what a claim now reserves (cashback: the
   * most it may use, in multiples of `step`), `value` the money it takes off. Empty when none.
   */
  rewards?: HeadlessReward[];
  /** The gift card on the balance screen (masked code). */
  balance?: GiftCardBalanceView;
  /** The stock gift card waiting for its value (masked code). */
  /** `topUp` (top-up mode): the card's balance now and, when the load renews it, its new expiry (null: none). */
  cardPrompt?: { masked: string; topUp?: { balance: number; renewTo?: string | null } };
  /** The open-price product waiting for its price (status price_entry). */
  pricePrompt?: { sku: string; name: string; qty: number };
  /**
   * A plausibility question waiting for its answer (CONFIRM_CASH, CONFIRM_QTY, CONFIRM_TOTAL): the
   * command that asked was not applied; `confirm_accept` applies it, `confirm_reject` (or any other
   * command) drops it.
   */
  confirm?: { code: string; text: string; params: Record<string, string | number> };
  /** Store notices of this run for the manager (torn tail cut, snapshot discarded, damaged history); absent when none. */
  storeNotices?: { code: string; level: 'warning' | 'error'; message: string; at: string }[];
  /** Only on a chain (docs/chain.md): `online`, or `offlineSince` with the sales still to send. */
  chain?: { online: boolean; offlineSince: string | null; acked: number; salesToSend: number; problem: { code: string; message: string } | null };
}

/** Machine state value -> protocol status. */
export function statusOf(value: StateValue): HeadlessStatus {
  if (typeof value === 'string') {
    if (value === 'idle' || value === 'committing' || value === 'committed' || value === 'receipt' || value === 'balance' || value === 'parking' || value === 'recalling') return value;
  } else if ('open' in value) {
    const sub = value.open;
    if (sub === 'sale' || sub === 'tender') return sub;
    if (sub === 'commitFailed') return 'commit_failed';
    if (sub === 'cardAmount') return 'card_amount';
    if (sub === 'priceEntry') return 'price_entry';
    if (sub === 'holding') return 'holding';
  }
  throw new RangeError(`checkout state ${JSON.stringify(value)} has no headless status`);
}

/** What a line carries from a scale label or an open price (its meta, as journaled). */
function lineExtras(l: { meta?: Record<string, unknown> }): Pick<HeadlessLine, 'weight' | 'priceLabel' | 'openPrice'> {
  const w = lineWeight(l);
  if (w) return { weight: { kg: w.weight, pricePerKg: w.pricePerKg } };
  if ((l.meta?.scale as { kind?: string } | undefined)?.kind === 'price') return { priceLabel: true };
  return l.meta?.openPrice === true ? { openPrice: true } : {};
}

export interface HeadlessStateOptions {
  /** Text of the state's message for the reader (the message catalog); default: the machine's English text. */
  messageText?: (m: CheckoutMessage) => string;
  /** Text of a pending question for the reader (the message catalog); default: its English text. */
  questionText?: (q: { code: string; text: string; params: Record<string, string | number> }) => string;
  /** The register's chain status (Register.chainStatus): null/absent when it stands alone. */
  chain?: () => { online: boolean; offlineSince: string | null; acked: number; salesToSend: number; problem: { code: string; message: string } | null } | null;
  /** The register's store notices (Register.storeNotices). */
  storeNotices?: () => readonly { code: string; level: 'warning' | 'error'; message: string; at: string }[];
}

export function toHeadlessState(snapshot: { value: StateValue; context: CheckoutContext }, opts: HeadlessStateOptions = {}): HeadlessState {
  const c = snapshot.context;
  const p = c.priced;
  const state: HeadlessState = {
    status: statusOf(snapshot.value),
    saleId: c.saleId,
    currency: c.deps.currency,
    lines: p.lines.map((l) => ({
      line: l.id,
      kind: l.kind,
      sku: l.sku,
      name: sanitizeLine(l.name),
      qty: l.qty,
      unitPrice: l.unitPrice,
      gross: l.gross,
      discount: l.discount,
      amount: l.amount,
      tax: l.tax,
      ...(l.priceFrom && l.listPrice !== undefined ? { listPrice: l.listPrice, priceFrom: { ...l.priceFrom, name: sanitizeLine(l.priceFrom.name) } } : {}),
      ...lineExtras(l),
    })),
    subtotal: p.gross - p.discountTotal,
    discount: p.discountTotal,
    discounts: p.discounts.map((d) => ({ id: d.id, label: sanitizeLine(d.label), source: d.source, amount: d.amount })),
    net: p.net,
    tax: p.tax,
    total: p.total,
    tenders: c.tenders.map((t) => {
      const out: HeadlessTender = { payment: t.id, kind: t.kind, amount: t.amount };
      if (t.given !== undefined) out.given = t.given;
      if (t.change !== undefined) out.change = t.change;
      if (t.rounding) out.rounding = t.rounding;
      if (t.reference !== undefined) out.reference = t.reference;
      return out;
    }),
    due: due(p.total, c.tenders),
    change: changeOf(c.tenders),
  };
  if (c.message) state.message = { code: c.message.code, text: sanitizeLine(opts.messageText?.(c.message) ?? c.message.text), level: c.message.level };
  const notices = opts.storeNotices?.() ?? [];
  if (notices.length) state.storeNotices = notices.map((n) => ({ code: n.code, level: n.level, message: n.message, at: n.at }));
  const chain = opts.chain?.();
  if (chain) state.chain = { ...chain };
  if (c.customer) {
    // Only the programs this register runs (loyalty.programs), as the till's screen shows them.
    const here = new Set((c.deps.loyalty?.programs() ?? []).map((p) => p.id));
    const points = Object.fromEntries(Object.entries(c.customer.points).filter(([id]) => here.has(id)));
    state.customer = { id: c.customer.id, name: sanitizeLine(c.customer.name), tier: c.customer.tier, points };
    // The additional (promotional) part of each balance, when there is any (docs/loyalty.md).
    const additional = Object.fromEntries(Object.entries(c.customer.extra ?? {}).filter(([id, u]) => here.has(id) && u !== 0));
    if (Object.keys(additional).length) state.customer.additional = additional;
  }
  if (c.loyalty) state.loyalty = c.loyalty;
  if (c.customer)
    state.rewards = claimableNow(c).map((r) => ({
      program: r.programId,
      reward: r.rewardId,
      name: sanitizeLine(r.name),
      kind: r.kind,
      points: r.points,
      value: r.value,
      ...(r.step !== undefined ? { step: r.step } : {}),
    }));
  if (c.balance) state.balance = c.balance;
  if (c.pricePrompt) state.pricePrompt = { sku: c.pricePrompt.sku, name: sanitizeLine(c.pricePrompt.name), qty: c.pricePrompt.qty };
  if (c.cardPrompt) state.cardPrompt = { masked: c.cardPrompt.masked, ...(c.cardPrompt.topUp ? { topUp: { ...c.cardPrompt.topUp } } : {}) };
  const q = pendingQuestion(snapshot);
  // A question can name a product (CONFIRM_QTY): its text and params are clean lines too.
  if (q)
    state.confirm = {
      code: q.code,
      text: sanitizeLine(opts.questionText?.(q) ?? q.text),
      params: Object.fromEntries(Object.entries(q.params).map(([k, v]) => [k, typeof v === 'string' ? sanitizeLine(v) : v])),
    };
  if (c.lastSale) state.lastSale = { saleId: c.lastSale.saleId, receiptNo: c.lastSale.receiptNo, total: c.lastSale.total, change: c.lastSale.change };
  return state;
}
