/**
 * What the keyboard has built up that the checkout machine does not know yet: the entry line, a
 * pending quantity, the card-approval prompt, a pending confirmation, the selection and scroll
 * positions. Which screen is shown is never decided here: it comes from the machine's snapshot.
 */
import type { MessageKey } from '../../i18n/index.js';
import type { MachineScreen, Screen, SessionScreen } from '../keys/table.js';
import type { ApprovalAction } from '../../domain/operators/approval.js';
import type { ShiftOp, ShiftOverlay } from './shift-keys.js';

/**
 * code: a scan; tender: cash amount or a gift-card code; value: an amount only; cardRef: approval code;
 * text: free text of an overlay (a name, an e-mail: letters, spaces and symbols are all text);
 * pin: digits shown as dots; qty: a whole number of units (the return screen), digits only.
 */
export type EntryMode = 'code' | 'tender' | 'value' | 'cardRef' | 'text' | 'pin' | 'qty';

/** A selected row that follows the newest row until the cashier moves it. */
export interface Selection {
  id: string | null;
  index: number;
  follow: boolean;
}

export interface Notice {
  key: MessageKey | (string & {});
  params?: Record<string, string | number>;
  level: 'error' | 'info';
  /** Text already resolved (a refusal's cashier message), shown instead of the key's. */
  text?: string;
}

export type FormField = 'name' | 'phone' | 'email' | 'card' | 'tier';
export const FORM_FIELDS: readonly FormField[] = ['name', 'phone', 'email', 'card', 'tier'];

/** The new-customer form: card and tier start as the store would set them and can be changed. */
export interface CustomerForm {
  name: string;
  phone: string;
  email: string;
  card: string;
  /** False while the card number is the generated one: the first key typed replaces it. */
  cardEdited: boolean;
  tier: string | null;
  tiers: readonly string[];
  focus: FormField;
  /** Waiting for the store to journal the customer. */
  saving: boolean;
}

/**
 * A UI-local overlay or prompt. The machine's screen stays underneath; a machine transition (the
 * customer attached from idle opens the sale) closes it.
 */
export type Overlay =
  | { kind: 'customers'; query: string; sel: number }
  | { kind: 'newCustomer'; form: CustomerForm }
  | { kind: 'rewards'; sel: number; points: { programId: string; rewardId: string } | null }
  | { kind: 'checkCard' }
  /**
   * A manager's PIN for an action the machine refused with APPROVAL_REQUIRED (the PIN is the entry);
   * approved, the shift operation is run again (`retry`) or the return committed (`thenReturn`).
   */
  | { kind: 'approval'; action: ApprovalAction; label: string; retry?: ShiftOp; thenReturn?: boolean }
  /** The parked sales; `discard`: the park whose discard waits for a second keystroke. */
  | { kind: 'parked'; sel: number; discard: string | null }
  /** "Reprint receipt no.": the number is the entry line. */
  | { kind: 'reprint' }
  /** A receipt printed again, shown as printed (without its COPY banner), scrollable. */
  | { kind: 'copy'; receiptNo: string; of: 'sale' | 'return'; lines: readonly string[]; top: number }
  /** Product search as you type (name or sku); Enter adds the selected product. */
  | { kind: 'products'; query: string; sel: number }
  /** The quick-key grid, on one of its pages; a key adds its product and the grid stays open. */
  | { kind: 'quickKeys'; page: number }
  /** "Return: receipt no.": the receipt's number typed, or its barcode scanned (opens the return). */
  | { kind: 'returnReceipt' }
  | ShiftOverlay;

export interface InputState {
  entry: string;
  /** Quantity typed before `*`, applied to the next scan (or to the selected line). */
  qty: number | null;
  /** Card payment in progress: the amount typed before the card key (null = what is due). */
  card: { amount: number | null } | null;
  /** A keystroke waits for confirmation ("/" void, Ctrl+C quit in a sale). */
  confirm: 'void' | 'quit' | null;
  help: { top: number } | null;
  notice: Notice | null;
  line: Selection;
  tender: Selection;
  receiptTop: number;
  /** The selected row of the return screen (a line of the receipt, an item brought back), from the top. */
  returnRow: number;
  /**
   * The exchange's side of an open return is shown (its new items; Tab there and back): what the
   * cashier scans or types goes to the new items. The selected new item, from the top.
   */
  exchange: { row: number } | null;
  overlay: Overlay | null;
}

export const FOLLOW: Selection = { id: null, index: 0, follow: true };

export const initialInput = (): InputState => ({
  entry: '',
  qty: null,
  card: null,
  confirm: null,
  help: null,
  notice: null,
  line: FOLLOW,
  tender: FOLLOW,
  receiptTop: 0,
  returnRow: 0,
  exchange: null,
  overlay: null,
});

/** Input state after the screen changed: the entry and prompts belong to the screen that was left. */
export const onScreenChange = (s: InputState): InputState => ({
  ...initialInput(),
  help: s.help,
  notice: s.notice,
});

/** Index of the selected row among `ids` (-1 when there are none). */
export function selectedIndex(ids: readonly string[], sel: Selection): number {
  if (ids.length === 0) return -1;
  if (sel.follow) return ids.length - 1;
  const i = sel.id === null ? -1 : ids.indexOf(sel.id);
  if (i >= 0) return i;
  return Math.max(0, Math.min(sel.index, ids.length - 1));
}

export const selectedId = (ids: readonly string[], sel: Selection): string | null => {
  const i = selectedIndex(ids, sel);
  return i < 0 ? null : ids[i];
};

/** Moves the selection by `delta` rows (clamped). */
export function moveSelection(ids: readonly string[], sel: Selection, delta: number): Selection {
  if (ids.length === 0) return sel;
  const i = Math.max(0, Math.min(selectedIndex(ids, sel) + delta, ids.length - 1));
  return { id: ids[i], index: i, follow: false };
}

/** What the entry line is for on a screen. */
export const entryMode = (screen: string, s: InputState): EntryMode | null => {
  if (screen === 'pin' || screen === 'locked' || screen === 'approval') return 'pin';
  if (screen === 'shift') return s.overlay?.kind === 'shift' ? (s.overlay.step === 'amount' ? 'value' : s.overlay.step === 'reason' ? 'text' : null) : null;
  if (screen === 'signIn') return 'code';
  if (screen === 'customers' || screen === 'newCustomer' || screen === 'products') return 'text';
  if (screen === 'quickKeys') return null;
  if (screen === 'priceEntry') return 'value';
  if (screen === 'rewardPoints' || screen === 'checkCard' || screen === 'reprint' || screen === 'returnReceipt') return 'code';
  if (screen === 'return') return 'qty';
  // A barcode or SKU typed, or (on the exchange's side) an amount before the cash key.
  if (screen === 'returnItems') return 'code';
  if (screen === 'exchange') return s.card ? 'cardRef' : 'code';
  if (screen === 'rewards') return null;
  if (screen === 'tender') return s.card ? 'cardRef' : 'tender';
  if (screen === 'cardAmount') return 'value';
  if (screen === 'idle' || screen === 'sale' || screen === 'committed' || screen === 'balance') return 'code';
  return null;
};

export const MAX_ENTRY = 48;

/** The screen the keys act on: an open overlay, else the machine's screen. */
export function uiScreen(screen: MachineScreen, s: Pick<InputState, 'overlay'> & { exchange?: InputState['exchange'] }, session: SessionScreen | null = null): Screen {
  if (session) return session;
  const o = s.overlay;
  if (!o) return s.exchange && (screen === 'return' || screen === 'returnItems') ? 'exchange' : screen;
  if (o.kind === 'rewards') return o.points ? 'rewardPoints' : 'rewards';
  return o.kind;
}

/**
 * "2*" left in the entry line when a scan comes: the quantity for that scan. Keys that arrive
 * together (a terminal multiplexer, a paste, a fast typist) are a burst, and a burst types `*` as
 * text, so "2" "*" sent at once waits in the entry as "2*" instead of setting the quantity; the
 * scan that follows takes it, as "2*301" Enter does.
 */
export function entryQty(entry: string): number | null {
  const m = /^(\d+)\*$/.exec(entry.trim());
  return m ? Number(m[1]) : null;
}
