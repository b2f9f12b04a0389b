/**
 * The headless protocol's requests: one JSON object per line, `{"id":N,"cmd":"...",...}`. Parsing is
 * pure and total: any line yields either a request or a protocol error (BAD_REQUEST, UNKNOWN_COMMAND),
 * never an exception. Range checks on amounts and quantities stay with the domain (BAD_AMOUNT,
 * BAD_QUANTITY...) so the codes are the same as the UI's; here only the JSON types are checked.
 */
import type { CheckoutEvent } from '../../machines/checkout.types.js';
import type { ApprovalAction } from '../domain/operators/approval.js';
import { SHIFT_COMMANDS, ShiftField, type ShiftCommand } from './shift.js';
import { RETURN_COMMANDS, ReturnField, type ReturnCommand } from './returns.js';

export type RequestId = string | number;

export type Request =
  /** A command that becomes one checkout event. */
  | { kind: 'event'; id?: RequestId; cmd: string; event: CheckoutEvent; approval?: { action: ApprovalAction; pin: string } }
  /** A command that only reads. */
  | { kind: 'query'; id?: RequestId; cmd: 'state' | 'receipt' | 'parked' }
  /** A command served by the register outside the checkout (customers). */
  | { kind: 'service'; id?: RequestId; service: Service }
  /** The shift: open, cash in/out, no-sale, X, Z, close (src/headless/shift.ts). */
  | { kind: 'shift'; id?: RequestId; shift: ShiftCommand }
  /** Returns: open a receipt, choose lines, commit the refund (src/headless/returns.ts). */
  | { kind: 'return'; id?: RequestId; ret: ReturnCommand }
  | { kind: 'invalid'; id?: RequestId; code: 'BAD_REQUEST' | 'UNKNOWN_COMMAND'; message: string };

/** Longest accepted line, in bytes. A longer line is answered BAD_REQUEST and skipped. */
export const MAX_LINE_BYTES = 64 * 1024;

type Fields = Record<string, unknown>;
class BadField extends Error {}

const str = (f: Fields, name: string, opt = false): string | undefined => {
  const v = f[name];
  if (v === undefined && opt) return undefined;
  if (typeof v !== 'string') throw new BadField(`"${name}" must be a string`);
  if (v.length > 256) throw new BadField(`"${name}" is too long`);
  return v;
};

/** Integers only: money is minor units, quantities are counts. Range checks are the domain's. */
const int = (f: Fields, name: string, opt = false): number | undefined => {
  const v = f[name];
  if (v === undefined && opt) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new BadField(`"${name}" must be an integer${name === 'amount' ? ' count of minor units' : ''}`);
  return v;
};

const COMMANDS: Record<string, (f: Fields) => CheckoutEvent | 'state' | 'receipt' | 'parked'> = {
  scan: (f) => {
    const qty = int(f, 'qty', true);
    return qty === undefined ? { type: 'cart.scan', code: str(f, 'code')!, source: 'headless' } : { type: 'cart.scan', code: str(f, 'code')!, qty, source: 'headless' };
  },
  // A product by its sku (what product_search and quick_keys return): added as a scan of it would be.
  add: (f) => {
    const qty = int(f, 'qty', true);
    return { type: 'cart.add', sku: str(f, 'sku')!, source: 'headless', ...(qty !== undefined ? { qty } : {}) };
  },
  // The price of the open-price item asked for (status price_entry), minor units; or not adding it.
  price: (f) => ({ type: 'price.amount', amount: int(f, 'amount')! }),
  price_cancel: () => ({ type: 'price.cancel' }),
  qty: (f) => ({ type: 'cart.qty', lineId: str(f, 'line')!, qty: int(f, 'qty')! }),
  remove: (f) => ({ type: 'cart.remove', lineId: str(f, 'line')! }),
  void: () => ({ type: 'cart.void' }),
  pay: () => ({ type: 'tender.start' }),
  cash: (f) => ({ type: 'tender.cash', amount: int(f, 'amount')! }),
  exact: () => ({ type: 'tender.exact' }),
  card: (f) => {
    const amount = int(f, 'amount', true);
    // A missing reference is the domain's refusal (CARD_REFERENCE_REQUIRED), as in the UI.
    const reference = str(f, 'reference', true) ?? '';
    return amount === undefined ? { type: 'tender.card', reference } : { type: 'tender.card', amount, reference };
  },
  remove_payment: (f) => ({ type: 'tender.remove', tenderId: str(f, 'payment')! }),
  back: () => ({ type: 'tender.cancel' }),
  commit: () => ({ type: 'commit.retry' }),
  next: () => ({ type: 'sale.next' }),
  clear: () => ({ type: 'message.clear' }),
  giftcard_sell: (f) => ({ type: 'giftcard.sell', amount: int(f, 'amount')! }),
  giftcard_amount: (f) => ({ type: 'giftcard.amount', amount: int(f, 'amount')! }),
  giftcard_cancel: () => ({ type: 'giftcard.cancel' }),
  giftcard_check: (f) => ({ type: 'giftcard.check', code: str(f, 'code')! }),
  giftcard_pay: (f) => {
    const amount = int(f, 'amount', true);
    const code = str(f, 'code')!;
    return amount === undefined ? { type: 'tender.giftcard', code } : { type: 'tender.giftcard', code, amount };
  },
  balance_close: () => ({ type: 'balance.close' }),
  customer_attach: (f) => ({ type: 'customer.attach', customerId: str(f, 'customer')! }),
  customer_detach: () => ({ type: 'customer.detach' }),
  reward_apply: (f) => {
    const points = f.points === 'max' ? 'max' : int(f, 'points', true);
    const base = { type: 'reward.apply' as const, programId: str(f, 'program')!, rewardId: str(f, 'reward')! };
    return points === undefined ? base : { ...base, points };
  },
  // "id" is the request id: the reward's discount id travels as "discount".
  reward_remove: (f) => ({ type: 'reward.remove', id: str(f, 'discount')! }),
  // The answer to a plausibility question (state.confirm): do it after all, or not.
  confirm_accept: () => ({ type: 'confirm.accept' }),
  confirm_reject: () => ({ type: 'confirm.reject' }),
  receipt: () => 'receipt',
  state: () => 'state',
  // Parked sales (docs/headless.md "Parking"): park the open sale, list the parks, recall one.
  park: () => ({ type: 'sale.park' }),
  parked: () => 'parked',
  recall: (f) => ({ type: 'sale.recall', parkId: str(f, 'park')! }),
};

export type Service =
  | { cmd: 'sign_in'; operator: string; pin: string }
  | { cmd: 'unlock'; pin: string }
  | { cmd: 'sign_out' }
  | { cmd: 'lock' }
  | { cmd: 'customer_search'; query: string; limit: number }
  | { cmd: 'park_discard'; park: string }
  /** Any receipt again by number (none: the last), from the journal, printed marked COPY. */
  | { cmd: 'reprint'; receipt: string | null }
  | { cmd: 'product_search'; query: string; limit: number }
  | { cmd: 'quick_keys' }
  | { cmd: 'customer_create'; input: { name: string; phone: string; email?: string; tier?: string; card?: string } };

const SERVICES: Record<string, (f: Fields) => Service> = {
  sign_in: (f) => ({ cmd: 'sign_in', operator: str(f, 'operator')!, pin: str(f, 'pin')! }),
  unlock: (f) => ({ cmd: 'unlock', pin: str(f, 'pin')! }),
  sign_out: () => ({ cmd: 'sign_out' }),
  park_discard: (f) => ({ cmd: 'park_discard', park: str(f, 'park')! }),
  reprint: (f) => ({ cmd: 'reprint', receipt: str(f, 'receipt', true) ?? null }),
  lock: () => ({ cmd: 'lock' }),
  customer_search: (f) => {
    const limit = int(f, 'limit', true) ?? 8;
    if (limit < 1 || limit > 100) throw new BadField('"limit" must be from 1 to 100');
    return { cmd: 'customer_search', query: str(f, 'query')!, limit };
  },
  product_search: (f) => {
    const limit = int(f, 'limit', true) ?? 10;
    if (limit < 1 || limit > 100) throw new BadField('"limit" must be from 1 to 100');
    return { cmd: 'product_search', query: str(f, 'query')!, limit };
  },
  quick_keys: () => ({ cmd: 'quick_keys' }),
  customer_create: (f) => {
    const input: Extract<Service, { cmd: 'customer_create' }>['input'] = { name: str(f, 'name')!, phone: str(f, 'phone')! };
    for (const k of ['email', 'tier', 'card'] as const) {
      const v = str(f, k, true);
      if (v !== undefined) input[k] = v;
    }
    return { cmd: 'customer_create', input };
  },
};

/** Commands that accept "manager_pin", and the action it approves. */
const APPROVED_BY_PIN: Record<string, ApprovalAction> = { void: 'void' };

export const COMMAND_NAMES = [...Object.keys(COMMANDS), ...Object.keys(SERVICES), ...Object.keys(SHIFT_COMMANDS), ...Object.keys(RETURN_COMMANDS)];

export function parseRequest(line: string): Request {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return { kind: 'invalid', code: 'BAD_REQUEST', message: 'The line is not valid JSON.' };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { kind: 'invalid', code: 'BAD_REQUEST', message: 'A request must be a JSON object.' };
  const f = raw as Fields;
  const idOk = f.id === undefined || (typeof f.id === 'string' && f.id.length <= 256) || (typeof f.id === 'number' && Number.isFinite(f.id));
  if (!idOk) return { kind: 'invalid', code: 'BAD_REQUEST', message: '"id" must be a number or a string.' };
  const id = f.id as RequestId | undefined;
  const withId = <T extends object>(r: T): T & { id?: RequestId } => (id === undefined ? r : { ...r, id });
  if (typeof f.cmd !== 'string') return withId({ kind: 'invalid', code: 'BAD_REQUEST', message: 'A request needs a "cmd" string.' });
  const shift = Object.prototype.hasOwnProperty.call(SHIFT_COMMANDS, f.cmd) ? SHIFT_COMMANDS[f.cmd] : undefined;
  if (shift) {
    try {
      return withId({ kind: 'shift', shift: shift(f) });
    } catch (e) {
      if (e instanceof ShiftField) return withId({ kind: 'invalid', code: 'BAD_REQUEST', message: `${f.cmd}: ${e.message}.` });
      throw e;
    }
  }
  const ret = Object.prototype.hasOwnProperty.call(RETURN_COMMANDS, f.cmd) ? RETURN_COMMANDS[f.cmd] : undefined;
  if (ret) {
    try {
      return withId({ kind: 'return', ret: ret(f) });
    } catch (e) {
      if (e instanceof ReturnField) return withId({ kind: 'invalid', code: 'BAD_REQUEST', message: `${f.cmd}: ${e.message}.` });
      throw e;
    }
  }
  const service = Object.prototype.hasOwnProperty.call(SERVICES, f.cmd) ? SERVICES[f.cmd] : undefined;
  if (service) {
    try {
      return withId({ kind: 'service', service: service(f) });
    } catch (e) {
      if (e instanceof BadField) return withId({ kind: 'invalid', code: 'BAD_REQUEST', message: `${f.cmd}: ${e.message}.` });
      throw e;
    }
  }
  const build = Object.prototype.hasOwnProperty.call(COMMANDS, f.cmd) ? COMMANDS[f.cmd] : undefined;
  if (!build)
    return withId({ kind: 'invalid', code: 'UNKNOWN_COMMAND', message: `Unknown command "${f.cmd.slice(0, 40)}". Commands: ${COMMAND_NAMES.join(', ')}.` });
  try {
    const r = build(f);
    if (typeof r === 'string') return withId({ kind: 'query', cmd: r });
    // A manager's PIN given with the command that needs it ("void" with "manager_pin").
    const pin = str(f, 'manager_pin', true);
    const action = APPROVED_BY_PIN[f.cmd];
    return withId({ kind: 'event', cmd: f.cmd, event: r, ...(pin !== undefined && action ? { approval: { action, pin } } : {}) });
  } catch (e) {
    if (e instanceof BadField) return withId({ kind: 'invalid', code: 'BAD_REQUEST', message: `${f.cmd}: ${e.message}.` });
    throw e;
  }
}
