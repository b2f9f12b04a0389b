/**
 * The headless commands of returns (docs/headless.md, "Returns"): parsing (JSON types only, ranges
 * are the domain's) and answering them through the register's return machine (src/return-service.ts),
 * so refusals and their codes are the ones the till shows. A refund that needs a manager takes
 * "manager_pin", checked by the sign-in like a void's.
 */
import { waitFor } from 'xstate';
import type { Register } from '../register.js';
import type { ReturnEvent } from '../../machines/return.types.js';
import { approvalAction } from '../../machines/return.logic.js';
import type { RefundMode, ReturnRecord } from '../domain/returns/types.js';
import { maskCode } from '../domain/giftcard/code.js';
import { sanitizeLine } from '../domain/text-safety.js';
import { errorMessage, hasMessage, translate } from '../i18n/index.js';
import type { CheckoutMessage } from '../../machines/checkout.types.js';

export type ReturnCommand =
  | { cmd: 'return_open'; receipt: string }
  | { cmd: 'return_open_noreceipt' }
  | { cmd: 'return_item'; code: string; qty: number }
  | { cmd: 'return_exchange_item'; code: string; qty: number }
  | { cmd: 'return_pay'; tender: 'cash' | 'card'; amount: number; reference?: string }
  | { cmd: 'return_customer'; card: string }
  | { cmd: 'return_line'; line: string; qty: number }
  | { cmd: 'return_all' }
  | { cmd: 'return_refund'; refund: RefundMode }
  | { cmd: 'return_commit'; pin?: string; refund?: RefundMode }
  | { cmd: 'return_cancel' }
  | { cmd: 'return_close' }
  | { cmd: 'return_reprint' }
  | { cmd: 'return_receipt' };

type Fields = Record<string, unknown>;
export class ReturnField extends Error {}

const str = (f: Fields, name: string, opt = false): string | undefined => {
  const v = f[name];
  if (v === undefined && opt) return undefined;
  if (typeof v !== 'string') throw new ReturnField(`"${name}" must be a string`);
  if (v.length > 256) throw new ReturnField(`"${name}" is too long`);
  return v;
};
const int = (f: Fields, name: string): number => {
  const v = f[name];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new ReturnField(`"${name}" must be an integer`);
  return v;
};
const mode = (f: Fields, opt: boolean): RefundMode | undefined => {
  const v = f.refund;
  if (v === undefined && opt) return undefined;
  if (v !== 'original' && v !== 'cash' && v !== 'giftcard') throw new ReturnField('"refund" must be "original" (the way it was paid), "cash" or "giftcard" (a new card, without a receipt)');
  return v;
};

export const RETURN_COMMANDS: Record<string, (f: Fields) => ReturnCommand> = {
  return_open: (f) => ({ cmd: 'return_open', receipt: str(f, 'receipt')! }),
  return_open_noreceipt: () => ({ cmd: 'return_open_noreceipt' }),
  return_item: (f) => ({ cmd: 'return_item', code: str(f, 'code')!, qty: f.qty === undefined ? 1 : int(f, 'qty') }),
  return_exchange_item: (f) => ({ cmd: 'return_exchange_item', code: str(f, 'code')!, qty: f.qty === undefined ? 1 : int(f, 'qty') }),
  return_pay: (f) => {
    const tender = f.tender;
    if (tender !== 'cash' && tender !== 'card') throw new ReturnField('"tender" must be "cash" or "card"');
    const reference = str(f, 'reference', true);
    return { cmd: 'return_pay', tender, amount: int(f, 'amount'), ...(reference !== undefined ? { reference } : {}) };
  },
  return_customer: (f) => ({ cmd: 'return_customer', card: str(f, 'card')! }),
  return_line: (f) => ({ cmd: 'return_line', line: str(f, 'line')!, qty: int(f, 'qty') }),
  return_all: () => ({ cmd: 'return_all' }),
  return_refund: (f) => ({ cmd: 'return_refund', refund: mode(f, false)! }),
  return_commit: (f) => {
    const pin = str(f, 'manager_pin', true);
    const refund = mode(f, true);
    return { cmd: 'return_commit', ...(pin !== undefined ? { pin } : {}), ...(refund ? { refund } : {}) };
  },
  return_cancel: () => ({ cmd: 'return_cancel' }),
  return_close: () => ({ cmd: 'return_close' }),
  return_reprint: () => ({ cmd: 'return_reprint' }),
  return_receipt: () => ({ cmd: 'return_receipt' }),
};

const EVENTS: Record<Exclude<ReturnCommand['cmd'], 'return_receipt'>, (c: never) => ReturnEvent> = {
  return_open: (c: { receipt: string }) => ({ type: 'return.open', receipt: c.receipt }),
  return_open_noreceipt: () => ({ type: 'return.openNoReceipt' }),
  return_item: (c: { code: string; qty: number }) => ({ type: 'return.item', code: c.code, qty: c.qty }),
  return_exchange_item: (c: { code: string; qty: number }) => ({ type: 'return.exchangeItem', code: c.code, qty: c.qty }),
  return_pay: (c: { tender: 'cash' | 'card'; amount: number; reference?: string }) => ({ type: 'return.pay', kind: c.tender, amount: c.amount, ...(c.reference !== undefined ? { reference: c.reference } : {}) }),
  return_customer: (c: { card: string }) => ({ type: 'return.customer', card: c.card }),
  return_line: (c: { line: string; qty: number }) => ({ type: 'return.pick', lineId: c.line, qty: c.qty }),
  return_all: () => ({ type: 'return.all' }),
  return_refund: (c: { refund: RefundMode }) => ({ type: 'return.mode', mode: c.refund }),
  return_commit: () => ({ type: 'return.commit' }),
  return_cancel: () => ({ type: 'return.cancel' }),
  return_close: () => ({ type: 'return.close' }),
  return_reprint: () => ({ type: 'return.reprint' }),
};

/** What a return command adds to the reply. */
export interface ReturnReplyPart {
  /** return_commit, return_receipt: the return receipt as printed. */
  receipt?: { receiptNo: string; text: string };
}

export interface HeadlessReturn {
  /** open: lines are chosen; committing: being saved; done: saved (`last`), until return_close or the next sale. */
  status: 'open' | 'committing' | 'done';
  /** The sale's receipt number and id (absent without a receipt). */
  receipt?: string;
  saleId?: string;
  /** A return without a receipt: `items` are what was scanned or typed, priced in `preview`. */
  noReceipt?: boolean;
  items?: { code: string; qty: number }[];
  /** No receipt: the customer of the loyalty card scanned (return_customer), whose new items earn points. */
  customer?: { id: string; name: string };
  /** An exchange: the new items, what they cost, what the return pays of them, what is still due, the payments. */
  exchange?: HeadlessExchange;
  /** The sale's lines: sold, already returned, returnable, and the quantity chosen now ("qty"). */
  lines?: { line: string; kind: string; sku: string; name: string; unitPrice: number; sold: number; returned: number; returnable: number; qty: number }[];
  refund?: RefundMode;
  /** What committing now would do. */
  preview?: HeadlessReturnFigures;
  /** Why committing now is refused (a card that cannot take the refund: `refund: "cash"` with a manager). */
  problem?: { code: string; text: string };
  /** The return just saved (`saleReceipt` null without a receipt; `exchangeReceipt` the new sale's number). */
  last?: HeadlessReturnFigures & { receiptNo: string; saleReceipt: string | null; exchangeReceipt?: string };
}

export interface HeadlessExchange {
  items: { code: string; qty: number }[];
  lines: { line: string; sku: string; name: string; qty: number; unitPrice: number; amount: number }[];
  total: number;
  credit: number;
  due: number;
  /** Payments of the difference: kind, amount, cash given and change. */
  tenders: { kind: string; amount: number; given?: number; change?: number; reference?: string }[];
}

export interface HeadlessReturnFigures {
  total: number;
  tax: number;
  discount: number;
  refunds: { kind: string; paid?: string; amount: number; reference?: string }[];
  /** Cash due, handed out (after cash rounding) and the difference. */
  cash: { due: number; given: number; rounding: number };
  points?: { program: string; returned: number; clawedBack: number; unrecovered: number; balanceAfter: number }[];
  giftcards?: { card: string; amount: number; balanceAfter: number }[];
  cardsReturned?: string[];
  /** New gift cards issued to take the refund (no receipt, refund "giftcard"): code, value, expiry. */
  newCards?: { code: string; amount: number; expiresOn?: string }[];
}

function figures(r: ReturnRecord): HeadlessReturnFigures {
  const out: HeadlessReturnFigures = {
    total: r.total,
    tax: r.tax,
    discount: r.discount,
    refunds: r.refunds.map((f) => ({ kind: f.kind, ...(f.paid ? { paid: f.paid } : {}), amount: f.amount, ...(f.reference ? { reference: f.reference } : {}) })),
    cash: { ...r.cash },
  };
  if (r.loyalty) out.points = r.loyalty.programs.map((p) => ({ program: p.programId, returned: p.returned, clawedBack: p.clawedBack, unrecovered: p.unrecovered, balanceAfter: p.balanceAfter }));
  if (r.giftcards?.refunded.length) out.giftcards = r.giftcards.refunded.map((g) => ({ card: maskCode(g.code), amount: g.amount, balanceAfter: g.balanceAfter }));
  if (r.giftcards?.returned.length) out.cardsReturned = r.giftcards.returned.map((g) => maskCode(g.code));
  // A new card is handed over with the receipt; headless gets its code once, as the client that made it.
  if (r.giftcards?.issued?.length) out.newCards = r.giftcards.issued.map((g) => ({ code: g.code, amount: g.amount, ...(g.expiresOn ? { expiresOn: g.expiresOn } : {}) }));
  return out;
}

/** `state.return`, or null while no return is taken. */
export function returnState(register: Register, text: (m: CheckoutMessage) => string): HeadlessReturn | null {
  const snap = register.returns.actor.getSnapshot();
  const c = snap.context;
  if (snap.value === 'idle') return null;
  const status = snap.value as HeadlessReturn['status'];
  if (status === 'done') {
    if (!c.last) return { status };
    const last: NonNullable<HeadlessReturn['last']> = { ...figures(c.last), receiptNo: c.last.receiptNo, saleReceipt: c.last.sale?.receiptNo ?? null };
    if (c.lastExchange) last.exchangeReceipt = c.lastExchange.receiptNo;
    return { status, last };
  }
  const o = c.open!;
  const out: HeadlessReturn = { status, refund: c.mode };
  if (o.sale) {
    out.receipt = o.sale.receiptNo;
    out.saleId = o.sale.saleId;
    out.lines = o.rows.map((r) => ({ line: r.lineId, kind: r.kind, sku: r.sku, name: sanitizeLine(r.name), unitPrice: r.unitPrice, sold: r.sold, returned: r.returned, returnable: r.returnable, qty: c.picks[r.lineId] ?? 0 }));
  } else {
    out.noReceipt = true;
    out.items = c.items.map((i) => ({ ...i }));
    if (c.customer) out.customer = { id: c.customer.id, name: sanitizeLine(c.customer.name) };
  }
  if (c.extra.length) {
    const x = c.exchange;
    out.exchange = {
      items: c.extra.map((i) => ({ ...i })),
      lines: (x?.sale.lines ?? []).map((l) => ({ line: l.id, sku: l.sku, name: sanitizeLine(l.name), qty: l.qty, unitPrice: l.unitPrice, amount: l.amount })),
      total: x?.sale.total ?? 0,
      credit: x?.credit ?? 0,
      due: x?.due ?? 0,
      tenders: c.tenders.map((t) => ({ kind: t.kind, amount: t.amount, ...(t.given !== undefined ? { given: t.given } : {}), ...(t.change !== undefined ? { change: t.change } : {}), ...(t.reference ? { reference: t.reference } : {}) })),
    };
  }
  if (c.preview) out.preview = figures(c.preview);
  if (c.problem) out.problem = { code: c.problem.code, text: text(c.problem) };
  return out;
}

/** Answers a return command: the reply's extra part, or the refusal. */
export async function runReturnCommand(register: Register, c: ReturnCommand): Promise<{ ok: true; value: ReturnReplyPart } | { ok: false; code: string; message: string }> {
  const actor = register.returns.actor;
  const language = register.config.language;
  // An approval names its action by id ("returnWithoutReceipt"); the text says it in words.
  const words = (m: CheckoutMessage) =>
    m.code === 'APPROVAL_REQUIRED' && typeof m.params?.action === 'string' && hasMessage(`approval.action.${m.params.action}`, language)
      ? { ...m.params, action: translate(language, `approval.action.${m.params.action}`) }
      : m.params;
  const msg = (m: CheckoutMessage) => errorMessage({ code: m.code, message: m.text, params: words(m) }, language);
  const refusal = (m: CheckoutMessage) => ({ ok: false as const, code: m.code, message: msg(m) });
  if (c.cmd === 'return_receipt') {
    const last = actor.getSnapshot().context.last;
    if (!last) return { ok: false, code: 'NO_LAST_RECEIPT', message: errorMessage({ code: 'NO_LAST_RECEIPT', message: 'There is no receipt yet.' }, language) };
    return { ok: true, value: { receipt: { receiptNo: last.receiptNo, text: register.returns.receiptText(last, actor.getSnapshot().context.lastExchange) } } };
  }
  const before = actor.getSnapshot();
  const event = (EVENTS[c.cmd] as (x: ReturnCommand) => ReturnEvent)(c);
  if (!before.can(event)) return { ok: false, code: 'INVALID_IN_STATE', message: `"${c.cmd}" is not possible while ${before.value === 'idle' ? 'no return is open (return_open first)' : `the return is "${String(before.value)}"`}.` };
  if (c.cmd === 'return_commit') {
    if (c.refund && c.refund !== before.context.mode) {
      actor.send({ type: 'return.mode', mode: c.refund });
      const m = actor.getSnapshot().context.message;
      if (m && m !== before.context.message && m.level === 'error') return refusal(m);
    }
    if (c.pin !== undefined) {
      const a = register.approve(approvalAction(actor.getSnapshot().context), c.pin);
      if (!a.ok && a.error.code !== 'APPROVAL_NOT_NEEDED') return { ok: false, code: a.error.code, message: errorMessage({ code: a.error.code, message: a.error.message, params: a.error.params }, language) };
    }
  }
  const m0 = actor.getSnapshot().context.message;
  actor.send(event);
  // Durability first: the reply waits for the journal's answer (done, or back to open with the reason).
  const after = actor.getSnapshot().value === 'committing' ? await waitFor(actor, (s) => s.value !== 'committing') : actor.getSnapshot();
  const m = after.context.message;
  if (m && m.level === 'error' && m !== m0) return refusal(m);
  if (c.cmd === 'return_commit' && after.value === 'done' && after.context.last) {
    const last = after.context.last;
    return { ok: true, value: { receipt: { receiptNo: last.receiptNo, text: register.returns.receiptText(last, after.context.lastExchange) } } };
  }
  return { ok: true, value: {} };
}
