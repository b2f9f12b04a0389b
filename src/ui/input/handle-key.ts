/**
 * One key -> the new input state and the checkout events to send. Pure, so every keystroke rule is
 * testable without a terminal. Money is never computed here: typed amounts are parsed to minor units
 * (parseAmount) and handed to the machine, which accepts or refuses them.
 */
import type { CheckoutEvent } from '../../../machines/checkout.types.js';
import { currency, parseAmount } from '../../domain/money.js';
import { MAX_QTY } from '../../domain/cart.js';
import type { Key } from '../keys/decode.js';
import { bindingFor, type Action, type MachineScreen, type Screen, type SessionScreen } from '../keys/table.js';
import type { SessionEvent } from '../../../machines/session.machine.js';
import type { ApprovalAction } from '../../domain/operators/approval.js';
import { openShiftOverlay, shiftKey, type ShiftOp } from './shift-keys.js';
import { RETURN_SCREENS, returnKey, startNoReceipt, startReturn, type ReturnKeyResult, type ReturnKeyView } from './return-keys.js';
import type { ReturnEvent } from '../../../machines/return.types.js';

const MAX_PIN = 8;
import { entryMode, FOLLOW, MAX_ENTRY, moveSelection, selectedId, uiScreen, type InputState, type Notice } from './state.js';
import { overlayAction, quickKeyPress, typeInto, type OverlayResult, type OverlayView } from './overlay-keys.js';
import { answerDiscard, parkAction, parkedConfirmPending, type ParkedKeyRow } from './park-keys.js';
import { reprintAction } from './reprint-keys.js';

export interface KeyView extends OverlayView, ReturnKeyView {
  /** The machine's screen (an overlay of the input state may cover it). */
  screen: MachineScreen;
  lineIds: readonly string[];
  tenderIds: readonly string[];
  currency: string;
  /** Rows one page of the cart or of the receipt shows. */
  pageRows: number;
  receiptLines: number;
  helpLines: number;
  /** The sign-in screen covering everything while nobody is signed in (or the till is locked). */
  session?: SessionScreen | null;
  /** The machine asks a plausibility question here (context.confirm): Enter is yes, Esc no. */
  question?: boolean;
  /** The machine shows a message (context.message): the next action clears it. */
  message?: boolean;
  /** The open-price product waiting for its price (its name, for the refusal of an empty price). */
  pricePromptName?: string;
  /** The locale's decimal separator (vi-VN and ru-RU ",", ar "٫"); "." and "," are always accepted too. */
  decimal?: string;
  /** The parked sales waiting (the list's rows), read when the key arrives. */
  parkedRows?: readonly ParkedKeyRow[];
}

export interface KeyResult extends Omit<OverlayResult, 'events'> {
  state: InputState;
  events: CheckoutEvent[];
  quit?: boolean;
  /** Events for the sign-in session (sign in, PIN, lock, sign out). */
  session?: SessionEvent[];
  /** A manager's PIN typed for an action: the hook asks the register to approve, then repeats the action. */
  approve?: { action: ApprovalAction; pin: string };
  /** A shift operation to run on the register (the shift overlay). */
  shift?: ShiftOp;
  /** The language key: the hook asks the register for the next screen language. */
  language?: boolean;
  /** A parked sale to discard (confirmed): the hook asks the register. */
  discard?: string;
  /** A receipt to print again as a COPY (null: the last), shown when `show` (register.receipts). */
  reprint?: { text: string | null; show: boolean };
  /** Events for the return machine (register.returns), sent before the checkout's. */
  returns?: ReturnEvent[];
}

const SALE_OPEN: MachineScreen[] = ['sale', 'cardAmount', 'priceEntry', 'tender', 'commitFailed', 'committing'];
const OVERLAY_OPENERS: readonly Action[] = ['customers', 'rewards', 'checkCard', 'detach', 'findProduct', 'quickKeys'];
/** A sale is open on this screen (the balance screen can be opened in the middle of one). */
const saleOpen = (v: KeyView) => SALE_OPEN.includes(v.screen) || (v.screen === 'balance' && v.lineIds.length > 0);
/** Anything but digits, spaces and decimal separators: a code (a gift card typed to pay), not an amount. */
const hasLetter = (s: string, decimal = '.') => /[^0-9.,\s]/.test(s.split(decimal).join('.'));
/** An amount as parseAmount reads it: the locale's decimal separator becomes ".". */
const amountOf = (entry: string, v: KeyView) => parseAmount(v.decimal ? entry.split(v.decimal).join('.') : entry, currency(v.currency));
const AMOUNT_MODES = new Set(['tender', 'value']);

const same = (state: InputState): KeyResult => ({ state, events: [] });
const notice = (s: InputState, key: Notice['key'], params?: Notice['params'], level: Notice['level'] = 'error'): KeyResult =>
  same({ ...s, notice: { key, params, level } });

/** Characters the entry line accepts in each mode. */
function accepts(mode: string, ch: string, decimal = '.'): boolean {
  if (AMOUNT_MODES.has(mode) && ch === decimal) return true;
  if (mode === 'value') return /^[0-9.,]$/.test(ch);
  if (mode === 'pin' || mode === 'qty') return /^[0-9]$/.test(ch);
  if (mode === 'text') return ch >= ' ' && ch !== '\x7f';
  return /^[\x21-\x7e]$/.test(ch);
}

/**
 * The action a key triggers, or 'type' when it is text for the entry line. A symbol key is a shortcut
 * while the entry is empty or a number; once it holds anything else (a letter of a code) or the key
 * arrives in a scanner burst, symbols are text. Where an amount is typed (the payment screen, a card
 * value) a number may have a decimal separator: "1.50" then `*` is the card key, not "1.50*".
 */
export function resolveAction(s: InputState, key: Key, screen: Screen, decimal = '.'): Action | 'type' | null {
  const mode = entryMode(screen, s);
  if (key.name === 'char' && !key.ctrl && !key.meta && mode) {
    const number = mode && AMOUNT_MODES.has(mode) ? !hasLetter(s.entry, decimal) : /^[0-9]*$/.test(s.entry);
    // Names and e-mails are text through and through: no symbol is a shortcut there.
    const typing = key.burst === true || mode === 'cardRef' || mode === 'text' || !number;
    if (typing && accepts(mode, key.ch ?? '', decimal)) return 'type';
    // A burst is text, never a shortcut: on the return screen what is not a digit is dropped.
    if (key.burst === true && mode === 'qty') return null;
  }
  // While the card approval code is typed, only Enter, Esc and Backspace act.
  if (mode === 'cardRef') {
    if (key.name === 'enter') return 'card';
    if (key.name === 'escape') return 'back';
    if (key.name === 'backspace' || key.name === 'delete') return 'backspace';
    if (key.name !== 'char' || key.ctrl) return bindingFor(key, screen)?.action === 'help' ? 'help' : null;
    return null;
  }
  const b = bindingFor(key, screen);
  if (b) return b.action;
  if (key.name === 'char' && !key.ctrl && !key.meta && mode && accepts(mode, key.ch ?? '', decimal)) return 'type';
  return null;
}

export function handleKey(prev: InputState, key: Key, v: KeyView): KeyResult {
  // Any key answers the last notice.
  const s: InputState = { ...prev, notice: null };

  if (s.help) return helpKey(s, key, v);

  if (s.confirm) {
    const confirmed =
      s.confirm === 'void'
        ? key.name === 'enter' || (key.name === 'char' && key.ch === '/') || key.name === 'f5'
        : key.name === 'char' && key.ctrl === true && key.ch === 'c';
    const next = { ...s, confirm: null };
    if (!confirmed) return notice(next, s.confirm === 'void' ? 'ui.notice.voidCancelled' : 'ui.notice.quitCancelled', undefined, 'info');
    if (s.confirm === 'void') return { state: { ...next, entry: '', qty: null, card: null }, events: [{ type: 'cart.void' }] };
    return { state: next, events: [], quit: true };
  }

  const screen = uiScreen(v.screen, s, v.session ?? null);
  if (v.question && !v.session && !s.overlay) return questionKey(prev, s, key, screen, v);
  const action = resolveAction(s, key, screen, v.decimal);
  if (v.session || s.overlay?.kind === 'approval') return sessionKey(s, action, key, screen);
  if (s.overlay?.kind === 'shift') {
    const r = shiftKey(s, s.overlay, action, key, v.currency, v.pageRows);
    return { state: r.state, events: [], ...(r.op ? { shift: r.op } : {}) };
  }
  if (parkedConfirmPending(s)) return movedOn('discard', answerDiscard(s, action), v);
  // On the quick-key grid a digit or a letter is the key of an item.
  if (action === null && s.overlay?.kind === 'quickKeys' && key.name === 'char' && !key.ctrl && !key.meta && key.ch) return movedOn('quickKeys', quickKeyPress(s, key.ch, v), v);
  if (RETURN_SCREENS.has(screen)) return fromReturn(returnKey(s, screen, action, key, v));
  if (action === null) return v.screen === 'committed' && !s.overlay && key.name !== 'char' ? movedOn('next', act(s, 'next', v), v) : same(s);
  if (action === 'type') {
    if (s.overlay) return same(typeInto(s, key.ch ?? '', MAX_ENTRY));
    if (s.entry.length >= MAX_ENTRY) return same(s);
    return same({ ...s, entry: s.entry + key.ch });
  }
  return movedOn(action, actOn(s, action, key, screen, v), v);
}

function fromReturn(r: ReturnKeyResult): KeyResult {
  return {
    state: r.state,
    events: [],
    ...(r.returns ? { returns: r.returns } : {}),
    ...(r.onOk ? { onOk: r.onOk } : {}),
    ...(r.quit ? { quit: true } : {}),
    ...(r.lock ? { session: [{ type: 'session.lock' }] } : {}),
  };
}

/** Keys that edit or look, and leave the machine's message (the last error) where it is. */
const KEEPS_MESSAGE: ReadonlySet<Action> = new Set(['backspace', 'help']);

/**
 * The cashier moved on: the machine's message (an error, "Sale voided.") is cleared before the
 * action's own events, which may set a new one. Typing and Backspace keep it, so an error stays on
 * screen while the code is typed again, until the next action (Enter, Esc, an arrow, a tender key).
 */
function movedOn(action: Action, r: KeyResult, v: KeyView): KeyResult {
  if (!v.message || KEEPS_MESSAGE.has(action)) return r;
  return { ...r, events: [{ type: 'message.clear' }, ...r.events] };
}

function actOn(s: InputState, action: Action, key: Key, screen: Screen, v: KeyView): KeyResult {
  if (s.overlay?.kind === 'reprint' || s.overlay?.kind === 'copy' || (!s.overlay && v.screen === 'idle')) {
    const copyLines = s.overlay?.kind === 'copy' ? s.overlay.lines.length : 0;
    const r = reprintAction(s, action, v.screen, { pageRows: v.pageRows, copyLines });
    if (r) return r;
    if (s.overlay?.kind === 'copy') return action === 'help' || action === 'quit' ? act(s, action, v) : same(s);
  }
  if (s.overlay?.kind === 'parked' || action === 'park' || action === 'parked') {
    const r = parkAction(s, action, v.parkedRows ?? []);
    if (r) return r;
    // Help and quit work on the list as anywhere; nothing else of the screen underneath does.
    if (s.overlay?.kind === 'parked') return action === 'help' || action === 'quit' || action === 'lock' ? act(s, action, v) : same(s);
  }
  if (s.overlay || OVERLAY_OPENERS.includes(action)) {
    const r = overlayAction(s, action, screen, v);
    if (r) return r;
  }
  if (action === 'quit' && key.name === 'char' && key.ch === 'c' && key.ctrl && saleOpen(v))
    return notice({ ...s, confirm: 'quit' }, 'ui.notice.confirmQuit', undefined, 'info');
  return act(s, action, v);
}

/**
 * A plausibility question of the machine ("Cash received $999.99 with $7.00 due: is that right?"):
 * Enter says yes, Esc no; the help key opens help and the question waits. Any other key says no and
 * then does what it always does (a digit starts the amount again).
 */
function questionKey(prev: InputState, s: InputState, key: Key, screen: Screen, v: KeyView): KeyResult {
  if (key.name === 'enter') return { state: s, events: [{ type: 'confirm.accept' }] };
  if (key.name === 'escape') return { state: s, events: [{ type: 'confirm.reject' }] };
  if (bindingFor(key, screen)?.action === 'help') return same({ ...s, help: { top: 0 } });
  const r = handleKey(prev, key, { ...v, question: false });
  return { ...r, events: [{ type: 'confirm.reject' }, ...r.events] };
}

function act(s: InputState, action: Action, v: KeyView): KeyResult {
  switch (action) {
    case 'help':
      return same({ ...s, help: { top: 0 } });
    case 'shift':
      return same({ ...s, entry: '', qty: null, overlay: openShiftOverlay() });
    case 'returnStart':
      return fromReturn(startReturn(s));
    case 'returnNoReceipt':
      return fromReturn(startNoReceipt(s));
    case 'language':
      return { state: s, events: [], language: true };
    case 'lock':
      return { state: { ...s, entry: '', qty: null, card: null, confirm: null }, events: [], session: [{ type: 'session.lock' }] };
    case 'quit':
      if (saleOpen(v)) return notice(s, 'ui.notice.finishFirst');
      return { state: s, events: [], quit: true };
    case 'backspace':
      if (s.entry) return same({ ...s, entry: s.entry.slice(0, -1) });
      if (s.qty !== null) return same({ ...s, entry: String(s.qty), qty: null });
      return same(s);
    case 'clear':
      return same({ ...s, entry: '', qty: null });
    case 'scan':
      return scan(s, v);
    case 'qty': {
      if (s.entry === '') return notice(s, 'ui.notice.qtyFirst');
      const qty = Number(s.entry);
      if (!/^\d+$/.test(s.entry) || qty < 1 || qty > MAX_QTY) return notice({ ...s, entry: '' }, 'error.BAD_QUANTITY', { max: MAX_QTY });
      return same({ ...s, entry: '', qty });
    }
    case 'remove': {
      const lineId = selectedId(v.lineIds, s.line);
      return lineId ? { state: s, events: [{ type: 'cart.remove', lineId }] } : same(s);
    }
    case 'void':
      return notice({ ...s, confirm: 'void' }, 'ui.notice.confirmVoid', undefined, 'info');
    case 'pay':
      if (s.entry !== '' || s.qty !== null) return notice(s, 'ui.notice.entryPending');
      return { state: s, events: [{ type: 'tender.start' }] };
    case 'up':
    case 'down':
    case 'pageUp':
    case 'pageDown':
      return move(s, action, v);
    case 'cash': {
      if (s.entry === '') return notice(s, 'ui.notice.amountFirst');
      // Letters make it a code: a gift card scanned (or typed) to pay with.
      if (hasLetter(s.entry, v.decimal)) return { state: { ...s, entry: '', tender: FOLLOW }, events: [{ type: 'cart.scan', code: s.entry.trim(), source: 'keyboard' }] };
      const amount = amountOf(s.entry, v);
      if (amount === null) return notice(s, 'ui.notice.badAmount', { text: s.entry });
      return { state: { ...s, entry: '', tender: FOLLOW }, events: [{ type: 'tender.cash', amount }] };
    }
    case 'exact':
      if (s.entry !== '') return notice(s, 'ui.notice.entryPendingAmount');
      return { state: { ...s, tender: FOLLOW }, events: [{ type: 'tender.exact' }] };
    case 'card':
      return card(s, v);
    case 'removePayment': {
      const tenderId = selectedId(v.tenderIds, s.tender);
      if (!tenderId) return { state: s, events: [{ type: 'tender.cancel' }] };
      return { state: s, events: [{ type: 'tender.remove', tenderId }] };
    }
    case 'back':
      if (s.card) return same({ ...s, card: null, entry: '' });
      if (s.entry) return same({ ...s, entry: '' });
      return { state: s, events: [{ type: 'tender.cancel' }] };
    case 'retry':
      return { state: s, events: [{ type: 'commit.retry' }] };
    case 'next':
      if (s.entry || s.qty !== null) return same({ ...s, entry: '', qty: null });
      return { state: s, events: [{ type: 'sale.next' }] };
    case 'lastReceipt':
      return { state: { ...s, receiptTop: 0 }, events: [{ type: 'receipt.view' }] };
    case 'reprint':
      return { state: s, events: [{ type: 'receipt.reprint' }] };
    case 'close':
      return { state: s, events: [{ type: 'receipt.close' }] };
    case 'cardValue': {
      if (s.entry === '') return notice(s, 'error.ENTER_CARD_VALUE');
      const amount = amountOf(s.entry, v);
      if (amount === null) return notice(s, 'ui.notice.badAmount', { text: s.entry });
      return { state: { ...s, entry: '' }, events: [{ type: 'giftcard.amount', amount }] };
    }
    case 'sellCard': {
      if (s.entry === '') return notice(s, 'ui.notice.cardValueFirst');
      const amount = amountOf(s.entry, v);
      if (amount === null) return notice(s, 'ui.notice.badAmount', { text: s.entry });
      return { state: { ...s, entry: '', qty: null, line: FOLLOW }, events: [{ type: 'giftcard.sell', amount }] };
    }
    case 'priceValue': {
      if (s.entry === '') return notice(s, 'error.OPEN_PRICE_INVALID', { name: v.pricePromptName ?? '' });
      const amount = amountOf(s.entry, v);
      if (amount === null) return notice(s, 'ui.notice.badAmount', { text: s.entry });
      return { state: { ...s, entry: '' }, events: [{ type: 'price.amount', amount }] };
    }
    case 'priceCancel':
      if (s.entry) return same({ ...s, entry: '' });
      return { state: s, events: [{ type: 'price.cancel' }] };
    case 'cardCancel':
      if (s.entry) return same({ ...s, entry: '' });
      return { state: s, events: [{ type: 'giftcard.cancel' }] };
    case 'balanceClose':
      if (s.entry) return same({ ...s, entry: '' });
      return { state: s, events: [{ type: 'balance.close' }] };
    default:
      // Overlay actions are handled by overlay-keys.ts; one arriving here has nothing to act on.
      return same(s);
  }
}

function scan(s: InputState, v: KeyView): KeyResult {
  const code = s.entry.trim();
  const cleared = { ...s, entry: '', qty: null };
  if (code === '' && v.screen === 'committed' && s.qty === null) return { state: cleared, events: [{ type: 'sale.next' }] };
  if (code === '' && v.screen === 'balance') return { state: cleared, events: [{ type: 'balance.close' }] };
  // "3 * Enter" sets the selected line's quantity.
  if (code === '' && s.qty !== null && v.screen === 'sale') {
    const lineId = selectedId(v.lineIds, s.line);
    if (lineId) return { state: cleared, events: [{ type: 'cart.qty', lineId, qty: s.qty }] };
  }
  const typed = s.qty === null ? splitQty(code) : null;
  const qty = typed ? typed.qty : s.qty;
  const ev: CheckoutEvent = { type: 'cart.scan', code: typed ? typed.code : code, source: 'keyboard', ...(qty !== null ? { qty } : {}) };
  return { state: { ...cleared, line: FOLLOW }, events: [ev] };
}

/**
 * "3*301" typed faster than the key reader splits it (or in one burst) still means 3 x 301: scanners
 * never send "*". Any count of digits is a quantity, so "10000*101" is refused as a quantity too
 * large (BAD_QUANTITY), not looked up as a barcode.
 */
export function splitQty(code: string): { qty: number; code: string } | null {
  const m = /^(\d+)\*(\S+)$/.exec(code);
  return m ? { qty: Number(m[1]), code: m[2] } : null;
}

function card(s: InputState, v: KeyView): KeyResult {
  if (!s.card) {
    if (s.entry === '') return same({ ...s, card: { amount: null } });
    const amount = amountOf(s.entry, v);
    if (amount === null) return notice(s, 'ui.notice.badAmount', { text: s.entry });
    return same({ ...s, entry: '', card: { amount } });
  }
  const reference = s.entry.trim();
  if (reference === '') return notice(s, 'error.CARD_REFERENCE_REQUIRED');
  const ev: CheckoutEvent = { type: 'tender.card', reference, ...(s.card.amount !== null ? { amount: s.card.amount } : {}) };
  return { state: { ...s, entry: '', card: null, tender: FOLLOW }, events: [ev] };
}

function move(s: InputState, action: 'up' | 'down' | 'pageUp' | 'pageDown', v: KeyView): KeyResult {
  const page = Math.max(1, v.pageRows - 1);
  const delta = action === 'up' ? -1 : action === 'down' ? 1 : action === 'pageUp' ? -page : page;
  if (v.screen === 'receipt') {
    const max = Math.max(0, v.receiptLines - v.pageRows);
    return same({ ...s, receiptTop: Math.max(0, Math.min(s.receiptTop + delta, max)) });
  }
  if (v.screen === 'tender') return same({ ...s, tender: moveSelection(v.tenderIds, s.tender, delta) });
  return same({ ...s, line: moveSelection(v.lineIds, s.line, delta) });
}

function helpKey(s: InputState, key: Key, v: KeyView): KeyResult {
  const top = s.help?.top ?? 0;
  const max = Math.max(0, v.helpLines - v.pageRows);
  const page = Math.max(1, v.pageRows - 1);
  const delta = key.name === 'up' ? -1 : key.name === 'down' ? 1 : key.name === 'pageup' ? -page : key.name === 'pagedown' ? page : null;
  if (delta === null) return same({ ...s, help: null });
  return same({ ...s, help: { top: Math.max(0, Math.min(top + delta, max)) } });
}

/**
 * Keys of the sign-in screens and the manager-approval prompt. A PIN is only ever digits in the
 * entry line (shown masked); Enter hands it to the session or the approval, and it is cleared at once.
 */
function sessionKey(s: InputState, action: Action | 'type' | null, key: Key, screen: Screen): KeyResult {
  const limit = screen === 'signIn' ? 16 : MAX_PIN;
  switch (action) {
    case 'type':
      return s.entry.length >= limit ? same(s) : same({ ...s, entry: s.entry + key.ch });
    case 'backspace':
      return same({ ...s, entry: s.entry.slice(0, -1) });
    case 'help':
      return same({ ...s, help: { top: 0 } });
    case 'language':
      return { state: s, events: [], language: true };
    case 'quit':
      return { state: s, events: [], quit: true };
    case 'submit': {
      const typed = s.entry.trim();
      const cleared = { ...s, entry: '' };
      if (typed === '') return notice(s, screen === 'signIn' ? 'error.OPERATOR_FIRST' : 'ui.notice.pinFirst');
      if (s.overlay?.kind === 'approval') return { state: cleared, events: [], approve: { action: s.overlay.action, pin: typed } };
      if (screen === 'signIn') return { state: cleared, events: [], session: [{ type: 'session.operator', code: typed }] };
      return { state: cleared, events: [], session: [{ type: 'session.pin', pin: typed }] };
    }
    case 'dismiss':
      if (s.overlay?.kind === 'approval') return notice({ ...s, overlay: null, entry: '' }, 'ui.notice.approvalCancelled', undefined, 'info');
      return { state: { ...s, entry: '' }, events: [], session: [{ type: 'session.cancel' }] };
    case 'signOut':
      return { state: { ...s, entry: '' }, events: [], session: [{ type: 'session.signOut' }] };
    default:
      // Esc on the operator code or a locked till clears what was typed.
      if (key.name === 'escape') return same({ ...s, entry: '' });
      return same(s);
  }
}
