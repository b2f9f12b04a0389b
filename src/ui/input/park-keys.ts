/**
 * Keys of parking: the park key in a sale, the list of parked sales between sales (recall with
 * Enter, discard with - and a second keystroke). Pure like handle-key.ts: the result is the next
 * input state, the checkout events, and the park to discard (the register's call, made by the hook).
 */
import type { CheckoutEvent } from '../../../machines/checkout.types.js';
import type { Action } from '../keys/table.js';
import type { InputState, Notice, Overlay } from './state.js';

/** A row of the parked-sales list as the keys need it. */
export interface ParkedKeyRow {
  parkId: string;
  no: number;
  lines: number;
  /** The total formatted for the question. */
  total: string;
}

export interface ParkKeyResult {
  state: InputState;
  events: CheckoutEvent[];
  /** A park to discard (confirmed). */
  discard?: string;
}

type ParkedOverlay = Extract<Overlay, { kind: 'parked' }>;

const same = (state: InputState): ParkKeyResult => ({ state, events: [] });
const notice = (s: InputState, key: Notice['key'], params?: Notice['params'], level: Notice['level'] = 'info'): ParkKeyResult => same({ ...s, notice: { key, params, level } });
const clamp = (sel: number, n: number) => Math.max(0, Math.min(sel, n - 1));

/** The park key, the list key, and every key on the list; null when the action is not parking's. */
export function parkAction(s: InputState, action: Action, rows: readonly ParkedKeyRow[]): ParkKeyResult | null {
  if (action === 'park') return { state: { ...s, entry: '', qty: null }, events: [{ type: 'sale.park' }] };
  if (action === 'parked') {
    if (rows.length === 0) return notice(s, 'ui.notice.noParked');
    return same({ ...s, entry: '', qty: null, overlay: { kind: 'parked', sel: 0, discard: null } });
  }
  const o = s.overlay;
  if (o?.kind !== 'parked') return null;
  if (o.discard !== null) return confirmDiscard(s, o, action);
  const row = rows[clamp(o.sel, rows.length)];
  switch (action) {
    case 'up':
    case 'down':
      return same({ ...s, overlay: { ...o, sel: clamp(o.sel + (action === 'up' ? -1 : 1), rows.length) } });
    case 'recall':
      if (!row) return notice(s, 'ui.notice.noParked');
      // The list closes at once; a refused recall (recalled elsewhere meanwhile) is the machine's message.
      return { state: { ...s, overlay: null }, events: [{ type: 'sale.recall', parkId: row.parkId }] };
    case 'discard':
      if (!row) return notice(s, 'ui.notice.noParked');
      return notice({ ...s, overlay: { ...o, discard: row.parkId } }, 'ui.notice.confirmDiscard', { no: row.no, total: row.total, lines: row.lines }, 'error');
    case 'dismiss':
      return same({ ...s, overlay: null });
    default:
      return null;
  }
}

/** The second keystroke of a discard: - (or F4, Del) again or Enter discards; any other key keeps it. */
function confirmDiscard(s: InputState, o: ParkedOverlay, action: Action | 'type' | null): ParkKeyResult {
  const kept = { ...s, overlay: { ...o, discard: null } };
  if (action === 'discard' || action === 'recall') return { state: kept, events: [], discard: o.discard! };
  return notice(kept, 'ui.notice.discardKept');
}

/** A key on the list while a discard waits for its answer (any key answers it). */
export const parkedConfirmPending = (s: InputState): boolean => s.overlay?.kind === 'parked' && s.overlay.discard !== null;

export function answerDiscard(s: InputState, action: Action | 'type' | null): ParkKeyResult {
  return confirmDiscard(s, s.overlay as ParkedOverlay, action);
}
