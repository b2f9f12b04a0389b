/**
 * Keys of the shift overlay (Ctrl+T between sales): a menu — open the shift with its float, cash
 * in, cash out (a manager approves), no sale (drawer, a manager approves), X report, close the shift
 * with the counted cash (the Z prints) — then the amount, the reason, or the report to read. Pure:
 * the result names the shift operation; the hook runs it on the register and shows the outcome.
 */
import { currency, parseAmount, type Minor } from '../../domain/money.js';
import type { Key } from '../keys/decode.js';
import type { Action } from '../keys/table.js';
import { MAX_ENTRY, type InputState, type Notice } from './state.js';

export type ShiftItem = 'open' | 'cashIn' | 'cashOut' | 'noSale' | 'x' | 'close';
export const SHIFT_ITEMS: readonly ShiftItem[] = ['open', 'cashIn', 'cashOut', 'noSale', 'x', 'close'];

export type ShiftOp =
  | { op: 'open'; amount: Minor }
  | { op: 'cashIn'; amount: Minor; reason: string }
  | { op: 'cashOut'; amount: Minor; reason: string }
  | { op: 'noSale' }
  | { op: 'x' }
  | { op: 'close'; amount: Minor }
  | { op: 'print' };

export interface ShiftOverlay {
  kind: 'shift';
  step: 'menu' | 'amount' | 'reason' | 'report';
  sel: number;
  item: ShiftItem | null;
  amount: Minor | null;
  /** The report on screen (X or Z), as the printer's text. */
  lines: readonly string[];
  top: number;
}

export const openShiftOverlay = (): ShiftOverlay => ({ kind: 'shift', step: 'menu', sel: 0, item: null, amount: null, lines: [], top: 0 });

export interface ShiftKeyResult {
  state: InputState;
  op?: ShiftOp;
}

const needsAmount = (i: ShiftItem) => i === 'open' || i === 'cashIn' || i === 'cashOut' || i === 'close';
const needsReason = (i: ShiftItem) => i === 'cashIn' || i === 'cashOut';

export function shiftKey(s: InputState, o: ShiftOverlay, action: Action | 'type' | null, key: Key, cur: string, pageRows: number): ShiftKeyResult {
  const set = (patch: Partial<ShiftOverlay>, extra: Partial<InputState> = {}): ShiftKeyResult => ({ state: { ...s, ...extra, overlay: { ...o, ...patch } } });
  const notice = (key: Notice['key'], params?: Notice['params']): ShiftKeyResult => ({ state: { ...s, notice: { key, params, level: 'error' } } });
  if (action === 'help') return { state: { ...s, help: { top: 0 } } };
  if (o.step === 'report') {
    // A Z report is 80-odd lines: PgUp/PgDn move a page, as on the last receipt.
    const step = action === 'up' ? -1 : action === 'down' ? 1 : action === 'pageUp' ? -Math.max(1, pageRows - 1) : action === 'pageDown' ? Math.max(1, pageRows - 1) : 0;
    if (step !== 0) return set({ top: Math.max(0, Math.min(o.top + step, Math.max(0, o.lines.length - pageRows))) });
    if (action === 'reprint') return { state: s, op: { op: 'print' } };
    if (action === 'dismiss' || action === 'submit') return { state: { ...s, overlay: null, entry: '' } };
    return { state: s };
  }
  if (action === 'type') {
    if (o.step === 'menu' || s.entry.length >= MAX_ENTRY) return { state: s };
    return { state: { ...s, entry: s.entry + (key.ch ?? '') } };
  }
  if (action === 'backspace') return { state: { ...s, entry: s.entry.slice(0, -1) } };
  if (action === 'dismiss') {
    if (o.step === 'menu') return { state: { ...s, overlay: null, entry: '' } };
    return set({ step: 'menu', amount: null }, { entry: '' });
  }
  if (o.step === 'menu') {
    if (action === 'up' || action === 'down') return set({ sel: (o.sel + (action === 'up' ? SHIFT_ITEMS.length - 1 : 1)) % SHIFT_ITEMS.length });
    if (action !== 'submit') return { state: s };
    const item = SHIFT_ITEMS[o.sel];
    if (item === 'noSale') return { state: s, op: { op: 'noSale' } };
    if (item === 'x') return { state: s, op: { op: 'x' } };
    return set({ step: needsAmount(item) ? 'amount' : 'menu', item }, { entry: '' });
  }
  if (action !== 'submit' || !o.item) return { state: s };
  if (o.step === 'amount') {
    const amount = parseAmount(s.entry, currency(cur));
    // A float or a count may be zero (an empty drawer); cash in and out are more than zero.
    if (amount === null || (amount === 0 && needsReason(o.item))) return notice('ui.notice.badAmount', { text: s.entry });
    if (needsReason(o.item)) return set({ step: 'reason', amount }, { entry: '' });
    return { state: { ...s, entry: '' }, op: o.item === 'open' ? { op: 'open', amount } : { op: 'close', amount } };
  }
  const reason = s.entry.trim();
  if (!reason) return notice('ui.notice.reasonFirst');
  const amount = o.amount ?? 0;
  return { state: { ...s, entry: '' }, op: o.item === 'cashIn' ? { op: 'cashIn', amount, reason } : { op: 'cashOut', amount, reason } };
}
