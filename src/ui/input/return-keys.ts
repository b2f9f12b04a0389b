/**
 * Keys of a return at the till (docs/returns.md, docs/keys.md): the "Return: receipt no." prompt,
 * the return screen (a line selected with the arrows, its quantity typed then Enter, `+`/`-` one
 * more or fewer, `*` everything, Enter on an empty entry or F2 the refund, F6 the manager's cash
 * instead, Esc cancels writing nothing) and the refunded screen. Pure like handle-key.ts: the result
 * is the next input state and the return machine's events; whether a quantity or a refund is
 * acceptable is the machine's (and the domain's) to say, and its refusal is shown.
 *
 * The screen is chosen by the return machine's state (selectors.ts `tillScreen`): these keys only
 * ever act on what the machine shows.
 */
import type { ReturnEvent } from '../../../machines/return.types.js';
import type { RefundMode } from '../../domain/returns/types.js';
import { MAX_QTY } from '../../domain/cart.js';
import type { Key } from '../keys/decode.js';
import type { Action, Screen } from '../keys/table.js';
import type { InputState, Notice } from './state.js';
import { itemsKey, type ItemKeyView } from './exchange-keys.js';

/** A row of the return screen as the keys see it. */
export interface ReturnKeyRow {
  lineId: string;
  sku: string;
  returnable: number;
  /** Units chosen now. */
  qty: number;
}

/** What the return keys need to know of the return machine when the key arrives. */
export interface ReturnKeyView extends ItemKeyView {
  returnRows?: readonly ReturnKeyRow[];
  refundMode?: RefundMode;
  /** Rows one page of the return's lines holds (PgUp/PgDn). */
  returnPage?: number;
}

export interface ReturnKeyResult {
  state: InputState;
  returns?: ReturnEvent[];
  /** The input state to use instead when the return machine took the events without a refusal. */
  onOk?: InputState;
  quit?: boolean;
  /** The till locks (Ctrl+L): the return waits under the sign-in screen. */
  lock?: boolean;
}

const QTY_DIGITS = String(MAX_QTY).length;

const same = (state: InputState): ReturnKeyResult => ({ state });
const notice = (s: InputState, key: Notice['key'], params?: Notice['params'], level: Notice['level'] = 'error'): ReturnKeyResult => same({ ...s, notice: { key, params, level } });

/** The screens these keys drive. */
export const RETURN_SCREENS: ReadonlySet<Screen> = new Set(['return', 'returnItems', 'exchange', 'returnDone', 'returnReceipt']);

/** A return without a receipt: the return machine opens it (a sale still open is refused). */
export const startNoReceipt = (s: InputState): ReturnKeyResult => ({ state: { ...s, entry: '', qty: null, overlay: null, exchange: null }, returns: [{ type: 'return.openNoReceipt' }] });

/** Opens "Return: receipt no."; a number typed before the key opens that receipt at once. */
export function startReturn(s: InputState): ReturnKeyResult {
  const typed = s.entry.trim();
  if (typed) return { state: { ...s, entry: '', qty: null }, returns: [{ type: 'return.open', receipt: typed }] };
  return same({ ...s, entry: '', qty: null, overlay: { kind: 'returnReceipt' } });
}

export function returnKey(s: InputState, screen: Screen, action: Action | 'type' | null, key: Key, v: ReturnKeyView): ReturnKeyResult {
  if (action === 'help') return same({ ...s, help: { top: 0 } });
  if (action === 'lock') return { state: { ...s, entry: '' }, lock: true };
  if (screen === 'returnReceipt') return receiptPrompt(s, action, key);
  if (screen === 'returnDone') {
    if (action === 'returnClose') return { state: s, returns: [{ type: 'return.close' }] };
    if (action === 'reprint') return { state: { ...s, notice: { key: 'ui.notice.returnReprinted', level: 'info' } }, returns: [{ type: 'return.reprint' }] };
    if (action === 'quit') return { state: s, quit: true };
    return same(s);
  }
  if (screen === 'returnItems' || screen === 'exchange') return itemsKey(s, screen, action, key, v);
  return linesKey(s, action, key, v);
}

function receiptPrompt(s: InputState, action: Action | 'type' | null, key: Key): ReturnKeyResult {
  switch (action) {
    case 'type':
      return s.entry.length >= 40 ? same(s) : same({ ...s, entry: s.entry + (key.ch ?? '') });
    case 'backspace':
      return same({ ...s, entry: s.entry.slice(0, -1) });
    case 'returnOpen': {
      const receipt = s.entry.trim();
      if (!receipt) return notice(s, 'ui.notice.receiptFirst', undefined, 'info');
      return { state: { ...s, entry: '', overlay: null }, returns: [{ type: 'return.open', receipt }] };
    }
    case 'dismiss':
      return same({ ...s, entry: '', overlay: null });
    case 'returnNoReceipt':
      return startNoReceipt(s);
    case 'quit':
      return { state: s, quit: true };
    default:
      return same(s);
  }
}

function linesKey(s: InputState, action: Action | 'type' | null, key: Key, v: ReturnKeyView): ReturnKeyResult {
  const rows = v.returnRows ?? [];
  const i = Math.max(0, Math.min(s.returnRow, rows.length - 1));
  const row = rows[i];
  const pick = (qty: number, state = s, onOk?: InputState): ReturnKeyResult => (row ? { state, returns: [{ type: 'return.pick', lineId: row.lineId, qty }], ...(onOk ? { onOk } : {}) } : same(state));
  const moveTo = (n: number): InputState => ({ ...s, entry: '', returnRow: Math.max(0, Math.min(n, rows.length - 1)) });
  const page = Math.max(1, (v.returnPage ?? 1) - 1);
  switch (action) {
    case 'type':
      if (s.entry.length >= QTY_DIGITS) return same(s);
      return same({ ...s, entry: s.entry + (key.ch ?? '') });
    case 'backspace':
      return same({ ...s, entry: s.entry.slice(0, -1) });
    case 'up':
      return same(moveTo(i - 1));
    case 'down':
      return same(moveTo(i + 1));
    case 'pageUp':
      return same(moveTo(i - page));
    case 'pageDown':
      return same(moveTo(i + page));
    case 'returnQty': {
      // Nothing typed: Enter is the refund, as Enter pays on the payment screen.
      if (s.entry === '') return { state: s, returns: [{ type: 'return.commit' }] };
      // Taken, the selection moves on to the next line (a receipt is gone through with digits and
      // Enter); refused (more than can come back), it stays on the line with the reason.
      return pick(Number(s.entry), { ...s, entry: '' }, moveTo(i + 1));
    }
    case 'returnMore':
      if (s.entry !== '') return notice(s, 'ui.notice.returnQtyPending');
      return pick((row?.qty ?? 0) + 1);
    case 'returnLess':
      if (s.entry !== '') return notice(s, 'ui.notice.returnQtyPending');
      if (!row || row.qty === 0) return same(s);
      return pick(row.qty - 1);
    case 'returnAll':
      return { state: { ...s, entry: '' }, returns: [{ type: 'return.all' }] };
    case 'refund':
      if (s.entry !== '') return notice(s, 'ui.notice.returnQtyPending');
      return { state: s, returns: [{ type: 'return.commit' }] };
    case 'refundMode': {
      const mode: RefundMode = v.refundMode === 'cash' ? 'original' : 'cash';
      return {
        state: { ...s, entry: '', notice: { key: mode === 'cash' ? 'ui.notice.refundCash' : 'ui.notice.refundOriginal', level: 'info' } },
        returns: [{ type: 'return.mode', mode }],
      };
    }
    case 'exchangeSide':
      return same({ ...s, entry: '', exchange: { row: 0 }, notice: { key: 'ui.notice.exchangeOpen', level: 'info' } });
    case 'returnCancel':
      if (s.entry !== '') return same({ ...s, entry: '' });
      return { state: { ...s, notice: { key: 'ui.notice.returnCancelled', level: 'info' } }, returns: [{ type: 'return.cancel' }] };
    case 'quit':
      // Nothing of an open return is written, but the cashier finishes or cancels it first.
      if (key.name === 'char' && key.ctrl === true && key.ch === 'c') return notice({ ...s, confirm: 'quit' }, 'ui.notice.confirmQuit', undefined, 'info');
      return notice(s, 'error.RETURN_OPEN');
    default:
      return same(s);
  }
}
