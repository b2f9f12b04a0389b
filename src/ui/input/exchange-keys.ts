/**
 * Keys of the two item sides of an open return (docs/returns.md): `returnItems`, a return without a
 * receipt, where the goods coming back are scanned or typed (barcode or SKU, then Enter; `3 *` first
 * for three), and `exchange`, the new items the customer takes instead, where the difference is paid
 * (F8 cash: what was handed over, nothing typed for exactly what is due; F9 card, then its approval
 * code). `+`/`-` one more or fewer of the selected item, F6 how the refund goes back, Tab from one
 * side to the other, Enter on an empty entry (or F2) finishes: the machine asks for the manager.
 *
 * Pure like handle-key.ts: whether an item, a quantity or a payment is acceptable is the return
 * machine's (and the domain's) to say; its refusal is the cashier's message and nothing changes.
 */
import type { ReturnEvent } from '../../../machines/return.types.js';
import type { RefundMode } from '../../domain/returns/types.js';
import { MAX_QTY } from '../../domain/cart.js';
import { currency as currencyOf, parseAmount } from '../../domain/money.js';
import type { Key } from '../keys/decode.js';
import type { Action } from '../keys/table.js';
import { entryQty, MAX_ENTRY, type InputState, type Notice } from './state.js';

/** An item on a side of the return as the keys see it: what was scanned or typed, its product, how many. */
export interface ItemKeyRow {
  code: string;
  sku?: string;
  qty: number;
}

export interface ItemKeyView {
  /** Without a receipt: the items coming back. */
  backItems?: readonly ItemKeyRow[];
  /** Exchange: the new items. */
  newItems?: readonly ItemKeyRow[];
  /** The product (its SKU) a barcode or SKU names: the same product twice is one entry. */
  skuOf?: (code: string) => string | undefined;
  /** Exchange: still to pay on the new items (minor units), 0 when nothing is due. */
  exchangeDue?: number;
  /** The return has a receipt (its refund can go back the way it was paid). */
  hasReceipt?: boolean;
  refundMode?: RefundMode;
  currency?: string;
  decimal?: string;
}

export interface ItemKeyResult {
  state: InputState;
  returns?: ReturnEvent[];
  onOk?: InputState;
  quit?: boolean;
}

export type ItemSide = 'returnItems' | 'exchange';

const same = (state: InputState): ItemKeyResult => ({ state });
const notice = (s: InputState, key: Notice['key'], params?: Notice['params'], level: Notice['level'] = 'error'): ItemKeyResult => same({ ...s, notice: { key, params, level } });

const rowsOf = (side: ItemSide, v: ItemKeyView): readonly ItemKeyRow[] => (side === 'exchange' ? v.newItems : v.backItems) ?? [];
const rowIndex = (side: ItemSide, s: InputState): number => (side === 'exchange' ? (s.exchange?.row ?? 0) : s.returnRow);
const withRow = (side: ItemSide, s: InputState, n: number): InputState => (side === 'exchange' ? { ...s, exchange: { row: Math.max(0, n) } } : { ...s, returnRow: Math.max(0, n) });

/**
 * The event that puts `qty` more of `code` on a side: the entry of the same product (by its code or
 * its SKU) grows, else a new entry is added at the end. The index is where it is listed.
 */
export function itemEvent(side: ItemSide, rows: readonly ItemKeyRow[], code: string, qty: number, skuOf?: (code: string) => string | undefined): { event: ReturnEvent; index: number } {
  const c = code.trim();
  const sku = skuOf?.(c);
  const at = rows.findIndex((r) => r.code === c || (sku !== undefined && r.sku === sku));
  const hit = at >= 0 ? rows[at] : undefined;
  const type = side === 'exchange' ? 'return.exchangeItem' : 'return.item';
  return { event: { type, code: hit?.code ?? c, qty: (hit?.qty ?? 0) + qty }, index: at >= 0 ? at : rows.length };
}

/** "3*101" in one go (typed fast or a burst) is three of 101, as on the sale screen. */
const splitQty = (code: string): { qty: number; code: string } | null => {
  const m = /^(\d+)\*(\S+)$/.exec(code);
  return m ? { qty: Number(m[1]), code: m[2] } : null;
};

/** A scanned or typed item onto the side shown, with the pending quantity (default one). */
export function addItem(s: InputState, side: ItemSide, text: string, v: ItemKeyView): ItemKeyResult {
  const code = text.trim();
  // A scan with "2*" waiting in the entry line (sent as one burst, so `*` was typed as text) is two.
  const pending = s.qty === null && s.entry !== text ? entryQty(s.entry) : null;
  const typed = s.qty === null && pending === null ? splitQty(code) : null;
  const qty = typed ? typed.qty : (pending ?? s.qty ?? 1);
  const cleared = { ...s, entry: '', qty: null };
  if (!Number.isSafeInteger(qty) || qty < 1 || qty > MAX_QTY) return notice(cleared, 'error.BAD_QUANTITY', { max: MAX_QTY });
  const rows = rowsOf(side, v);
  const { event, index } = itemEvent(side, rows, typed ? typed.code : code, qty, v.skuOf);
  return { state: cleared, returns: [event], onOk: withRow(side, cleared, index) };
}

const amountOf = (entry: string, v: ItemKeyView): number | null => {
  if (/[^0-9.,\s]/.test(entry.split(v.decimal ?? '.').join('.'))) return null;
  return parseAmount(v.decimal ? entry.split(v.decimal).join('.') : entry, currencyOf(v.currency ?? 'USD'));
};

/** The next way a refund goes back: without a receipt cash or a new card; with one, as paid or cash. */
const nextMode = (v: ItemKeyView): RefundMode => (v.hasReceipt ? (v.refundMode === 'cash' ? 'original' : 'cash') : v.refundMode === 'giftcard' ? 'cash' : 'giftcard');
const MODE_NOTICE: Record<RefundMode, Notice['key']> = { cash: 'ui.notice.refundNoReceiptCash', giftcard: 'ui.notice.refundGiftcard', original: 'ui.notice.refundOriginal' };

export function itemsKey(s: InputState, side: ItemSide, action: Action | 'type' | null, key: Key, v: ItemKeyView): ItemKeyResult {
  const rows = rowsOf(side, v);
  const i = Math.max(0, Math.min(rowIndex(side, s), rows.length - 1));
  const row = rows[i];
  const move = (n: number): ItemKeyResult => same(withRow(side, { ...s, entry: '' }, Math.max(0, Math.min(n, rows.length - 1))));
  const setQty = (qty: number): ItemKeyResult => (row ? { state: s, returns: [itemEvent(side, rows, row.code, qty - row.qty, v.skuOf).event] } : same(s));
  switch (action) {
    case 'type':
      return s.entry.length >= MAX_ENTRY ? same(s) : same({ ...s, entry: s.entry + (key.ch ?? '') });
    case 'backspace':
      if (s.entry) return same({ ...s, entry: s.entry.slice(0, -1) });
      if (s.qty !== null) return same({ ...s, entry: String(s.qty), qty: null });
      return same(s);
    case 'up':
      return move(i - 1);
    case 'down':
      return move(i + 1);
    case 'pageUp':
      return move(i - 5);
    case 'pageDown':
      return move(i + 5);
    case 'qty': {
      if (s.entry === '') return notice(s, 'ui.notice.qtyFirst');
      const qty = Number(s.entry);
      if (!/^\d+$/.test(s.entry) || qty < 1 || qty > MAX_QTY) return notice({ ...s, entry: '' }, 'error.BAD_QUANTITY', { max: MAX_QTY });
      return same({ ...s, entry: '', qty });
    }
    case 'returnAdd':
      if (s.entry.trim() !== '') return addItem(s, side, s.entry, v);
      if (s.qty !== null) return notice(s, 'ui.notice.itemAfterQty', { qty: s.qty }, 'info');
      return { state: s, returns: [{ type: 'return.commit' }] };
    case 'refund':
      if (s.entry !== '' || s.qty !== null) return notice(s, 'ui.notice.entryPending');
      return { state: s, returns: [{ type: 'return.commit' }] };
    case 'returnMore':
      if (s.entry !== '') return notice(s, 'ui.notice.returnQtyPending');
      return setQty((row?.qty ?? 0) + 1);
    case 'returnLess':
      if (s.entry !== '') return notice(s, 'ui.notice.returnQtyPending');
      if (!row) return same(s);
      return setQty(row.qty - 1);
    case 'refundMode': {
      const mode = nextMode(v);
      return { state: { ...s, notice: { key: MODE_NOTICE[mode], level: 'info' } }, returns: [{ type: 'return.mode', mode }] };
    }
    case 'exchangeSide':
      if (side === 'returnItems') return same({ ...s, entry: '', qty: null, exchange: { row: 0 }, notice: { key: 'ui.notice.exchangeOpen', level: 'info' } });
      // Esc (or Tab) clears what is typed first, then goes back to what comes back.
      if (s.entry !== '' || s.qty !== null) return same({ ...s, entry: '', qty: null });
      return same({ ...s, exchange: null, notice: { key: 'ui.notice.exchangeBack', level: 'info' } });
    case 'exchangeCash': {
      const due = v.exchangeDue ?? 0;
      const amount = s.entry.trim() === '' ? due : amountOf(s.entry, v);
      if (amount === null) return notice(s, 'ui.notice.badAmount', { text: s.entry });
      return { state: { ...s, entry: '', qty: null }, returns: [{ type: 'return.pay', kind: 'cash', amount }] };
    }
    case 'exchangeCard': {
      if (s.card) return same(s);
      if (s.entry.trim() === '') return same({ ...s, card: { amount: null } });
      const amount = amountOf(s.entry, v);
      if (amount === null) return notice(s, 'ui.notice.badAmount', { text: s.entry });
      return same({ ...s, entry: '', card: { amount } });
    }
    // The approval code prompt of the card (entry mode `cardRef`): Enter takes the payment, Esc drops it.
    case 'card': {
      if (!s.card) return same(s);
      const reference = s.entry.trim();
      if (reference === '') return notice(s, 'error.CARD_REFERENCE_REQUIRED');
      const amount = s.card.amount ?? v.exchangeDue ?? 0;
      return { state: { ...s, entry: '', card: null }, returns: [{ type: 'return.pay', kind: 'card', amount, reference }] };
    }
    case 'back':
      return same({ ...s, entry: '', card: null });
    case 'returnCancel':
      if (s.entry !== '' || s.qty !== null) return same({ ...s, entry: '', qty: null });
      return { state: { ...s, notice: { key: 'ui.notice.returnCancelled', level: 'info' } }, returns: [{ type: 'return.cancel' }] };
    case 'quit':
      if (key.name === 'char' && key.ctrl === true && key.ch === 'c') return notice({ ...s, confirm: 'quit' }, 'ui.notice.confirmQuit', undefined, 'info');
      return notice(s, 'error.RETURN_OPEN');
    default:
      return same(s);
  }
}
