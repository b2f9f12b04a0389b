/**
 * What a scan means on each screen: ONE table, read for every scan the register receives — a
 * keyboard-wedge burst told apart from typing (keys/wedge.ts) and a device scan (src/scan-hub.ts)
 * alike. A scan is never typed into anything: it never becomes an amount, a PIN, a search text, an
 * approval code or the answer to a question. Help and pending confirmations are closed (a question
 * is answered "no") before the scan is routed on the screen underneath.
 *
 * Routes:
 * - `machine`: the checkout machine takes `cart.scan` and acts by the code's kind and its state —
 *   a product is added (from the payment screen only while no payment is on the sale: it goes back
 *   to the sale and adds it; the gift-card value prompt is cancelled and the item added), a gift
 *   card pays, sells stock or shows its balance, a loyalty card attaches the customer;
 * - `close`: the overlay is closed first, then as `machine`;
 * - `check`: the armed balance check shows that card;
 * - `fillCard`: the new-customer form takes the loyalty card number being handed out;
 * - `return`: a printed receipt's barcode opens its return (input/return-route.ts);
 * - `reprint`: on the "reprint receipt no." prompt, a receipt's barcode prints it again (COPY);
 * - `returnItem`: on the return screen a product scanned is one more of its line on the receipt;
 * - `customer`: without a receipt, a loyalty card attaches its customer (the exchange's new items earn
 *   points); with a receipt the return machine says the receipt's customer does;
 * - `addItem`: without a receipt, a product scanned is one more item coming back; on the exchange's
 *   side, one more new item (with the quantity typed before `*`); the machine refuses what it does
 *   not know;
 * - `closeReturn`: the refunded screen is closed first, then as `machine` (the next sale starts);
 * - `badge`: signed out, a scan is an operator's badge (the session machine looks it up);
 * - `{ refuse }`: nothing happens but the message with that code.
 */
import type { CheckoutEvent } from '../../../machines/checkout.types.js';
import type { ScanKind } from '../../domain/scan-kind.js';
import type { Screen } from '../keys/table.js';
import { entryQty, FOLLOW, uiScreen, type InputState, type Notice } from './state.js';
import { splitQty, type KeyResult, type KeyView } from './handle-key.js';
import { returnItemRoute, returnRoute } from './return-route.js';
import { addItem } from './exchange-keys.js';

export type ScanRoute = 'machine' | 'close' | 'check' | 'fillCard' | 'return' | 'reprint' | 'returnItem' | 'addItem' | 'customer' | 'closeReturn' | 'badge' | { refuse: string };

const M: ScanRoute = 'machine';
const C: ScanRoute = 'close';
const everywhere = (r: ScanRoute, receipt: ScanRoute = 'return'): Record<ScanKind, ScanRoute> => ({ product: r, giftcard: r, loyalty: r, receipt });

/** Screen (machine screen or UI overlay) x kind of code -> route. */
export const SCAN_ROUTES: Record<Screen, Record<ScanKind, ScanRoute>> = {
  idle: everywhere(M),
  sale: everywhere(M),
  cardAmount: everywhere(M),
  // The machine drops the price prompt and takes the scan: a scan is never a price.
  priceEntry: everywhere(M),
  // Search and quick keys close, and the scanned product is added: never typed into the search box.
  products: everywhere(C),
  quickKeys: everywhere(C),
  tender: everywhere(M),
  committing: everywhere({ refuse: 'SCAN_WHILE_SAVING' }, { refuse: 'SCAN_WHILE_SAVING' }),
  commitFailed: everywhere({ refuse: 'SCAN_NOT_SAVED' }, { refuse: 'SCAN_NOT_SAVED' }),
  committed: everywhere(M),
  receipt: everywhere(M),
  balance: everywhere(M),
  // A return is open: the goods coming back may be scanned; a card or another receipt waits until
  // the return is refunded or cancelled (the customer and the cards are the sale's).
  return: { product: 'returnItem', giftcard: { refuse: 'SCAN_IN_RETURN' }, loyalty: { refuse: 'SCAN_IN_RETURN' }, receipt: { refuse: 'RETURN_OPEN' } },
  // A return without a receipt, and the new items of an exchange: a scanned product is an item.
  returnItems: { product: 'addItem', giftcard: { refuse: 'SCAN_IN_RETURN' }, loyalty: 'customer', receipt: { refuse: 'RETURN_OPEN' } },
  exchange: { product: 'addItem', giftcard: { refuse: 'SCAN_IN_RETURN' }, loyalty: 'customer', receipt: { refuse: 'RETURN_OPEN' } },
  returnDone: everywhere('closeReturn'),
  returnReceipt: everywhere(C),
  customers: everywhere(C),
  newCustomer: { product: { refuse: 'SCAN_IN_FORM' }, giftcard: { refuse: 'SCAN_IN_FORM' }, loyalty: 'fillCard', receipt: { refuse: 'SCAN_IN_FORM' } },
  rewards: everywhere(C),
  rewardPoints: everywhere(C),
  checkCard: { product: C, giftcard: 'check', loyalty: C, receipt: 'return' },
  // A scan is never a PIN: on a locked till or the approval prompt it is refused, nothing else.
  approval: everywhere({ refuse: 'SCAN_IN_APPROVAL' }, { refuse: 'SCAN_IN_APPROVAL' }),
  // A product scan closes the shift menu and starts the sale, like every overlay.
  shift: everywhere(C),
  // The parked-sales list closes; a product starts a new sale (the parks keep waiting).
  parked: everywhere(C),
  // The reprint prompt takes a receipt's barcode as its number; anything else closes it.
  reprint: everywhere(C, 'reprint'),
  copy: everywhere(C),
  signIn: everywhere('badge', 'badge'),
  pin: everywhere({ refuse: 'SCAN_NOT_PIN' }, { refuse: 'SCAN_NOT_PIN' }),
  locked: everywhere({ refuse: 'SCAN_WHILE_LOCKED' }, { refuse: 'SCAN_WHILE_LOCKED' }),
};

const notice = (s: InputState, key: Notice['key'], params?: Notice['params']): KeyResult => ({ state: { ...s, notice: { key, params, level: 'error' } }, events: [] });

export interface ScanView extends KeyView {
  /** A plausibility question of the machine waits for its answer (it is answered "no"). */
  confirmPending?: boolean;
  /** The catalog's product of a barcode (the return screen picks its line). */
  productSku?: (code: string) => string | undefined;
}

export function routeScan(prev: InputState, scan: { code: string; source: string }, kind: ScanKind, v: ScanView): KeyResult {
  const code = scan.code.trim();
  // Help closes and a pending question of the keyboard (void? quit?) is answered "no".
  const s: InputState = { ...prev, notice: null, help: null, confirm: null };
  const pre: CheckoutEvent[] = v.confirmPending ? [{ type: 'confirm.reject' }] : [];
  const route = SCAN_ROUTES[uiScreen(v.screen, s, v.session ?? null)][kind];
  const machine = (st: InputState): KeyResult => {
    // "3*301" arriving in one burst (typed faster than a person can) is still 3 x 301 (handle-key.ts).
    // "2*" waiting in the entry line of the sale (or the ready screen) is this scan's quantity.
    const pending = st.qty === null && (v.screen === 'sale' || v.screen === 'idle') && !st.overlay ? entryQty(st.entry) : null;
    const typed = st.qty === null && pending === null ? splitQty(code) : null;
    const qty = typed ? typed.qty : (pending ?? st.qty);
    const ev: CheckoutEvent = { type: 'cart.scan', code: typed ? typed.code : code, source: scan.source, ...(qty !== null ? { qty } : {}) };
    // The card approval prompt is left: a scan is never an approval code.
    return { state: { ...st, ...(pending !== null ? { entry: '' } : {}), qty: null, card: null, line: FOLLOW, tender: FOLLOW }, events: [...pre, ev] };
  };
  if (typeof route === 'object') return notice(s, `error.${route.refuse}`, { code });
  switch (route) {
    case 'machine':
      return machine(s);
    case 'close':
      return machine({ ...s, overlay: null, entry: '' });
    case 'check':
      return { state: { ...s, overlay: null, entry: '' }, events: [...pre, { type: 'giftcard.check', code }] };
    case 'fillCard': {
      const o = s.overlay;
      if (o?.kind !== 'newCustomer' || o.form.saving) return { state: s, events: [] };
      return { state: { ...s, overlay: { ...o, form: { ...o.form, card: code, cardEdited: true, focus: 'card' } } }, events: [] };
    }
    case 'reprint':
      return { state: { ...s, entry: '' }, events: [...pre], reprint: { text: code, show: true } };
    case 'badge':
      return { state: { ...s, entry: '' }, events: [], session: [{ type: 'session.operator', code }] };
    case 'return': {
      const r = returnRoute({ ...s, overlay: null, entry: '' }, code, v);
      return { ...r, events: [...pre, ...r.events] };
    }
    case 'returnItem':
      return returnItemRoute(s, code, v);
    case 'customer':
      return { state: { ...s, entry: '' }, events: [], returns: [{ type: 'return.customer', card: code }] };
    case 'addItem': {
      const side = uiScreen(v.screen, s) === 'exchange' ? 'exchange' : 'returnItems';
      const r = addItem({ ...s, card: null }, side, code, v);
      return { state: r.state, events: [], ...(r.returns ? { returns: r.returns } : {}), ...(r.onOk ? { onOk: r.onOk } : {}) };
    }
    case 'closeReturn': {
      const r = machine({ ...s, overlay: null, entry: '' });
      return { ...r, returns: [{ type: 'return.close' }] };
    }
  }
}
