/**
 * The one key table. The key handler, the hint bar, the help overlay and docs/keys.md are all
 * generated from it, so they cannot disagree.
 *
 * Every action has an F-key and a plain key (a numeric keypad's `+ - * / .` and Enter, or Esc and
 * the arrows) so a cheap kiosk keyboard or a keypad is enough. Letters are never shortcuts: scanner
 * codes contain letters (gift cards "GC…"). A symbol key is a shortcut only while the entry line is
 * empty or holds a number (where an amount is typed, with a decimal separator: "1.50"); once it holds
 * a letter, or the input arrives as a scanner burst, symbols are typed as text.
 */
import type { Key, KeyName } from './decode.js';
import type { MessageKey } from '../../i18n/index.js';

/**
 * Screens chosen from the machines' states: the checkout's, and the return machine's while a return
 * is taken (`return`: a receipt's lines and quantities, the refund previewed; `returnItems`: a
 * return without a receipt, its items scanned or typed; `returnDone`: refunded).
 */
export type MachineScreen = 'idle' | 'sale' | 'cardAmount' | 'priceEntry' | 'tender' | 'committing' | 'commitFailed' | 'committed' | 'receipt' | 'balance' | 'return' | 'returnItems' | 'returnDone';

/**
 * Prompts and overlays of the UI alone (the machine knows nothing of them until an event is sent):
 * customer search, the new-customer form, the rewards list and its points prompt, the armed balance check;
 * `exchange`: the new items of an exchange, over an open return (the machine holds them, the UI shows
 * that side of the return while the cashier scans them and takes the difference).
 */
export type OverlayScreen = 'customers' | 'newCustomer' | 'rewards' | 'rewardPoints' | 'checkCard' | 'approval' | 'shift' | 'parked' | 'reprint' | 'copy' | 'products' | 'quickKeys' | 'returnReceipt' | 'exchange';

/** Screens of the sign-in session (machines/session.machine.ts): they cover every other screen. */
export type SessionScreen = 'signIn' | 'pin' | 'locked';

export type Screen = MachineScreen | OverlayScreen | SessionScreen;

export const SCREENS: readonly Screen[] = [
  'idle',
  'sale',
  'cardAmount',
  'priceEntry',
  'tender',
  'committing',
  'commitFailed',
  'committed',
  'receipt',
  'balance',
  'return',
  'returnItems',
  'returnDone',
  'customers',
  'newCustomer',
  'rewards',
  'rewardPoints',
  'checkCard',
  'approval',
  'shift',
  'parked',
  'reprint',
  'copy',
  'products',
  'quickKeys',
  'returnReceipt',
  'exchange',
  'signIn',
  'pin',
  'locked',
];

export type Action =
  | 'help'
  | 'quit'
  | 'scan'
  | 'qty'
  | 'remove'
  | 'void'
  | 'pay'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'cash'
  | 'exact'
  | 'card'
  | 'removePayment'
  | 'back'
  | 'retry'
  | 'next'
  | 'lastReceipt'
  | 'reprint'
  | 'close'
  | 'backspace'
  | 'clear'
  | 'cardValue'
  | 'cardCancel'
  | 'balanceClose'
  | 'sellCard'
  | 'customers'
  | 'attach'
  | 'detach'
  | 'newCustomer'
  | 'save'
  | 'nextField'
  | 'prevField'
  | 'tierPrev'
  | 'tierNext'
  | 'rewards'
  | 'apply'
  | 'unapply'
  | 'usePoints'
  | 'checkCard'
  | 'check'
  | 'dismiss'
  | 'submit'
  | 'lock'
  | 'signOut'
  | 'shift'
  | 'language'
  | 'park'
  | 'parked'
  | 'recall'
  | 'discard'
  | 'reprintPrompt'
  | 'reprintNo'
  | 'findProduct'
  | 'addProduct'
  | 'quickKeys'
  | 'priceValue'
  | 'priceCancel'
  | 'returnStart'
  | 'returnOpen'
  | 'returnQty'
  | 'returnMore'
  | 'returnLess'
  | 'returnAll'
  | 'refund'
  | 'refundMode'
  | 'returnCancel'
  | 'returnClose'
  | 'returnNoReceipt'
  | 'returnAdd'
  | 'exchangeSide'
  | 'exchangeCash'
  | 'exchangeCard';

export type KeySpec = { key: Exclude<KeyName, 'char'> } | { ch: string } | { ctrl: string };

export interface Binding {
  action: Action;
  screens: readonly Screen[];
  keys: readonly KeySpec[];
  /** What the key does (help overlay, docs). */
  label: MessageKey;
  /** Short label for the one-line hint bar; bindings without one are listed in help only. */
  hint?: MessageKey;
  /** Keys shown in the hint bar (default 2): "F12 Customer" rather than "F12/Ctrl+F Customer". */
  hintKeys?: number;
  /**
   * Where the hint bar is too short for every key, per screen: higher is kept first (default 0),
   * ties in table order; the keys kept are shown in table order. Keys dropped are still in help.
   */
  hintRank?: Partial<Record<Screen, number>>;
}

const SALE_LIKE: Screen[] = ['idle', 'sale', 'committed'];
const WITH_ENTRY: Screen[] = ['idle', 'sale', 'cardAmount', 'priceEntry', 'products', 'tender', 'committed', 'balance', 'return', 'returnItems', 'exchange', 'customers', 'newCustomer', 'rewardPoints', 'checkCard', 'reprint', 'approval', 'shift', 'returnReceipt', 'signIn', 'pin', 'locked'];
/** Screens where the till can be locked (Ctrl+L): every machine screen once someone is signed in. */
const LOCKABLE: Screen[] = ['idle', 'sale', 'cardAmount', 'priceEntry', 'tender', 'commitFailed', 'committed', 'receipt', 'balance', 'return', 'returnItems', 'exchange', 'returnDone'];
/** The two sides of an open return: what comes back, and the new items of an exchange. */
const ITEM_SIDES: Screen[] = ['returnItems', 'exchange'];
const RETURN_SIDES: Screen[] = ['return', 'returnItems', 'exchange'];

export const KEY_TABLE: readonly Binding[] = [
  { action: 'scan', screens: [...SALE_LIKE, 'balance'], keys: [{ key: 'enter' }], label: 'ui.key.scan', hint: 'ui.hint.scan', hintRank: { sale: -1 } },
  { action: 'qty', screens: SALE_LIKE, keys: [{ ch: '*' }, { key: 'f3' }], label: 'ui.key.qty', hint: 'ui.hint.qty' },
  { action: 'remove', screens: ['sale'], keys: [{ ch: '-' }, { key: 'f4' }], label: 'ui.key.remove', hint: 'ui.hint.remove' },
  { action: 'pay', screens: ['sale'], keys: [{ ch: '+' }, { key: 'f2' }], label: 'ui.key.pay', hint: 'ui.hint.pay' },
  { action: 'sellCard', screens: SALE_LIKE, keys: [{ key: 'f11' }, { ctrl: 'g' }], label: 'ui.key.sellCard' },
  // Loyalty and gift-card keys. F-keys ran short, so each also has a Ctrl+letter: letters alone stay text.
  { action: 'rewards', screens: ['sale'], keys: [{ key: 'f6' }, { ctrl: 'r' }], label: 'ui.key.rewards', hint: 'ui.hint.rewards', hintKeys: 1 },
  { action: 'customers', screens: SALE_LIKE, keys: [{ key: 'f12' }, { ctrl: 'f' }], label: 'ui.key.customers', hint: 'ui.hint.customers', hintKeys: 1 },
  { action: 'checkCard', screens: ['idle', 'sale'], keys: [{ key: 'f7' }, { ctrl: 'b' }], label: 'ui.key.checkCard', hint: 'ui.hint.checkCard', hintKeys: 1, hintRank: { sale: -1 } },
  // Products without a barcode at hand: find one by name or sku, or press its quick key.
  { action: 'findProduct', screens: SALE_LIKE, keys: [{ ctrl: 'k' }], label: 'ui.key.findProduct', hint: 'ui.hint.findProduct', hintRank: { sale: -1 } },
  { action: 'quickKeys', screens: SALE_LIKE, keys: [{ ctrl: 'e' }], label: 'ui.key.quickKeys', hint: 'ui.hint.quickKeys', hintRank: { sale: -1 } },
  { action: 'addProduct', screens: ['products'], keys: [{ key: 'enter' }], label: 'ui.key.addProduct', hint: 'ui.hint.addProduct' },
  { action: 'up', screens: ['products'], keys: [{ key: 'up' }], label: 'ui.key.upList' },
  { action: 'down', screens: ['products'], keys: [{ key: 'down' }], label: 'ui.key.downList' },
  { action: 'dismiss', screens: ['products'], keys: [{ key: 'escape' }], label: 'ui.key.closeProducts', hint: 'ui.hint.close' },
  { action: 'pageUp', screens: ['quickKeys'], keys: [{ key: 'left' }, { key: 'pageup' }], label: 'ui.key.quickPrev' },
  { action: 'pageDown', screens: ['quickKeys'], keys: [{ key: 'right' }, { key: 'pagedown' }], label: 'ui.key.quickNext', hint: 'ui.hint.quickPage', hintKeys: 1 },
  { action: 'dismiss', screens: ['quickKeys'], keys: [{ key: 'escape' }, { key: 'enter' }], label: 'ui.key.closeQuickKeys', hint: 'ui.hint.close', hintKeys: 1 },
  { action: 'priceValue', screens: ['priceEntry'], keys: [{ key: 'enter' }], label: 'ui.key.priceValue', hint: 'ui.hint.priceValue' },
  { action: 'priceCancel', screens: ['priceEntry'], keys: [{ key: 'escape' }], label: 'ui.key.priceCancel', hint: 'ui.hint.cancel' },
  { action: 'detach', screens: ['sale', 'customers'], keys: [{ ctrl: 'd' }], label: 'ui.key.detach' },
  { action: 'attach', screens: ['customers'], keys: [{ key: 'enter' }], label: 'ui.key.attach', hint: 'ui.hint.attach' },
  { action: 'up', screens: ['customers', 'rewards', 'parked'], keys: [{ key: 'up' }], label: 'ui.key.upList' },
  { action: 'down', screens: ['customers', 'rewards', 'parked'], keys: [{ key: 'down' }], label: 'ui.key.downList' },
  { action: 'newCustomer', screens: ['customers'], keys: [{ key: 'f2' }, { ctrl: 'n' }], label: 'ui.key.newCustomer', hint: 'ui.hint.newCustomer' },
  { action: 'dismiss', screens: ['customers'], keys: [{ key: 'escape' }], label: 'ui.key.closeSearch', hint: 'ui.hint.close' },
  { action: 'nextField', screens: ['newCustomer'], keys: [{ key: 'enter' }, { key: 'tab' }, { key: 'down' }], label: 'ui.key.nextField', hint: 'ui.hint.nextField', hintKeys: 1 },
  { action: 'prevField', screens: ['newCustomer'], keys: [{ key: 'up' }], label: 'ui.key.prevField' },
  { action: 'tierPrev', screens: ['newCustomer'], keys: [{ key: 'left' }], label: 'ui.key.tierPrev' },
  { action: 'tierNext', screens: ['newCustomer'], keys: [{ key: 'right' }], label: 'ui.key.tierNext', hint: 'ui.hint.tier' },
  { action: 'save', screens: ['newCustomer'], keys: [{ key: 'f2' }, { ctrl: 's' }], label: 'ui.key.save', hint: 'ui.hint.save' },
  { action: 'dismiss', screens: ['newCustomer'], keys: [{ key: 'escape' }], label: 'ui.key.formBack', hint: 'ui.hint.back' },
  { action: 'apply', screens: ['rewards'], keys: [{ key: 'enter' }], label: 'ui.key.apply', hint: 'ui.hint.apply' },
  { action: 'unapply', screens: ['rewards'], keys: [{ ch: '-' }, { key: 'f4' }, { key: 'delete' }], label: 'ui.key.unapply', hint: 'ui.hint.remove' },
  { action: 'dismiss', screens: ['rewards'], keys: [{ key: 'escape' }], label: 'ui.key.closeRewards', hint: 'ui.hint.close' },
  { action: 'usePoints', screens: ['rewardPoints'], keys: [{ key: 'enter' }], label: 'ui.key.usePoints', hint: 'ui.hint.usePoints' },
  { action: 'dismiss', screens: ['rewardPoints'], keys: [{ key: 'escape' }], label: 'ui.key.pointsBack', hint: 'ui.hint.back' },
  { action: 'check', screens: ['checkCard'], keys: [{ key: 'enter' }], label: 'ui.key.check', hint: 'ui.hint.check' },
  { action: 'dismiss', screens: ['checkCard'], keys: [{ key: 'escape' }], label: 'ui.key.cancelCheck', hint: 'ui.hint.cancel' },
  { action: 'cardValue', screens: ['cardAmount'], keys: [{ key: 'enter' }], label: 'ui.key.cardValue', hint: 'ui.hint.cardValue' },
  { action: 'cardCancel', screens: ['cardAmount'], keys: [{ key: 'escape' }], label: 'ui.key.cardCancel', hint: 'ui.hint.cardCancel' },
  { action: 'cash', screens: ['tender'], keys: [{ key: 'enter' }], label: 'ui.key.cash', hint: 'ui.hint.cash' },
  { action: 'exact', screens: ['tender'], keys: [{ ch: '+' }, { key: 'f7' }], label: 'ui.key.exact', hint: 'ui.hint.exact' },
  { action: 'card', screens: ['tender'], keys: [{ ch: '*' }, { key: 'f6' }], label: 'ui.key.card', hint: 'ui.hint.card' },
  { action: 'removePayment', screens: ['tender'], keys: [{ ch: '-' }, { key: 'f4' }], label: 'ui.key.removePayment', hint: 'ui.hint.removePayment' },
  { action: 'back', screens: ['tender'], keys: [{ key: 'escape' }], label: 'ui.key.back', hint: 'ui.hint.back' },
  { action: 'retry', screens: ['commitFailed'], keys: [{ key: 'enter' }, { ch: '+' }, { key: 'f2' }], label: 'ui.key.retry', hint: 'ui.hint.retry' },
  { action: 'void', screens: ['sale', 'priceEntry', 'tender', 'commitFailed'], keys: [{ ch: '/' }, { key: 'f5' }], label: 'ui.key.void', hint: 'ui.hint.void', hintRank: { sale: -1 } },
  { action: 'next', screens: ['committed'], keys: [{ key: 'escape' }], label: 'ui.key.next', hint: 'ui.hint.next' },
  { action: 'lastReceipt', screens: ['committed'], keys: [{ ch: '.' }, { key: 'f8' }], label: 'ui.key.lastReceipt', hint: 'ui.hint.lastReceipt' },
  // Reprint by number (src/receipt-copies.ts): from the journal, so after a restart too; marked COPY.
  { action: 'reprintPrompt', screens: ['idle'], keys: [{ ch: '.' }, { key: 'f8' }], label: 'ui.key.reprintPrompt', hint: 'ui.hint.reprintPrompt' },
  { action: 'reprint', screens: ['idle', 'committed', 'receipt'], keys: [{ key: 'f9' }], label: 'ui.key.reprint' },
  { action: 'reprint', screens: ['receipt'], keys: [{ ch: '+' }], label: 'ui.key.reprint', hint: 'ui.hint.reprint' },
  { action: 'reprintNo', screens: ['reprint'], keys: [{ key: 'enter' }], label: 'ui.key.reprintNo', hint: 'ui.hint.reprint' },
  { action: 'dismiss', screens: ['reprint'], keys: [{ key: 'escape' }], label: 'ui.key.reprintCancel', hint: 'ui.hint.cancel' },
  { action: 'reprint', screens: ['copy'], keys: [{ ch: '+' }, { key: 'f9' }], label: 'ui.key.copyAgain', hint: 'ui.hint.reprint' },
  { action: 'close', screens: ['copy'], keys: [{ key: 'escape' }, { key: 'enter' }, { ch: '-' }], label: 'ui.key.close', hint: 'ui.hint.close' },
  { action: 'balanceClose', screens: ['balance'], keys: [{ key: 'escape' }, { ch: '-' }], label: 'ui.key.balanceClose', hint: 'ui.hint.close' },
  { action: 'close', screens: ['receipt'], keys: [{ key: 'escape' }, { key: 'enter' }, { ch: '-' }], label: 'ui.key.close', hint: 'ui.hint.close' },
  { action: 'up', screens: ['sale', 'tender', 'receipt', 'copy'], keys: [{ key: 'up' }], label: 'ui.key.up' },
  { action: 'down', screens: ['sale', 'tender', 'receipt', 'copy'], keys: [{ key: 'down' }], label: 'ui.key.down' },
  { action: 'pageUp', screens: ['sale', 'receipt', 'copy', 'shift'], keys: [{ key: 'pageup' }], label: 'ui.key.pageUp' },
  { action: 'pageDown', screens: ['sale', 'receipt', 'copy', 'shift'], keys: [{ key: 'pagedown' }], label: 'ui.key.pageDown' },
  { action: 'backspace', screens: WITH_ENTRY, keys: [{ key: 'backspace' }, { key: 'delete' }], label: 'ui.key.backspace' },
  { action: 'clear', screens: ['idle', 'sale'], keys: [{ key: 'escape' }, { ctrl: 'u' }], label: 'ui.key.clear' },
  { action: 'clear', screens: ['customers', 'newCustomer', 'rewardPoints', 'checkCard', 'reprint', 'products'], keys: [{ ctrl: 'u' }], label: 'ui.key.clearField' },
  // Sign-in and approval: a code or PIN typed, then Enter.
  { action: 'submit', screens: ['signIn'], keys: [{ key: 'enter' }], label: 'ui.key.signIn', hint: 'ui.hint.signIn' },
  { action: 'submit', screens: ['pin', 'locked'], keys: [{ key: 'enter' }], label: 'ui.key.pin', hint: 'ui.hint.pin' },
  { action: 'submit', screens: ['approval'], keys: [{ key: 'enter' }], label: 'ui.key.approve', hint: 'ui.hint.approve' },
  { action: 'dismiss', screens: ['pin'], keys: [{ key: 'escape' }], label: 'ui.key.pinBack', hint: 'ui.hint.back' },
  { action: 'dismiss', screens: ['approval'], keys: [{ key: 'escape' }], label: 'ui.key.approvalCancel', hint: 'ui.hint.cancel' },
  { action: 'signOut', screens: ['locked'], keys: [{ ctrl: 'l' }], label: 'ui.key.switchOperator', hint: 'ui.hint.switchOperator' },
  { action: 'shift', screens: ['idle', 'committed'], keys: [{ ctrl: 't' }], label: 'ui.key.shift' },
  { action: 'up', screens: ['shift'], keys: [{ key: 'up' }], label: 'ui.key.upList' },
  { action: 'down', screens: ['shift'], keys: [{ key: 'down' }], label: 'ui.key.downList' },
  { action: 'submit', screens: ['shift'], keys: [{ key: 'enter' }], label: 'ui.key.shiftChoose', hint: 'ui.hint.choose' },
  { action: 'reprint', screens: ['shift'], keys: [{ ch: '+' }, { key: 'f9' }], label: 'ui.key.shiftPrint', hint: 'ui.hint.reprint' },
  { action: 'dismiss', screens: ['shift'], keys: [{ key: 'escape' }], label: 'ui.key.shiftBack', hint: 'ui.hint.back' },
  // Parking (src/domain/park.ts): in a sale the key parks it; between sales it lists the parked sales.
  { action: 'park', screens: ['sale', 'tender'], keys: [{ ctrl: 'p' }], label: 'ui.key.park', hint: 'ui.hint.park' },
  { action: 'parked', screens: ['idle', 'committed'], keys: [{ ctrl: 'p' }], label: 'ui.key.parked', hint: 'ui.hint.parked' },
  { action: 'recall', screens: ['parked'], keys: [{ key: 'enter' }], label: 'ui.key.recall', hint: 'ui.hint.recall' },
  { action: 'discard', screens: ['parked'], keys: [{ ch: '-' }, { key: 'f4' }, { key: 'delete' }], label: 'ui.key.discardPark', hint: 'ui.hint.discard' },
  { action: 'dismiss', screens: ['parked'], keys: [{ key: 'escape' }], label: 'ui.key.closeParked', hint: 'ui.hint.close' },
  // Returns (docs/returns.md): between sales, the receipt scanned or its number typed, then the lines.
  // Ink does not report every F-key on every terminal: each key also has a plain or Ctrl key.
  // The ready bar keeps both return keys at 80 columns (hintRank): Balance and Find give way (help has them).
  { action: 'returnStart', screens: ['idle', 'committed'], keys: [{ ch: '-' }, { key: 'f4' }], label: 'ui.key.returnStart', hint: 'ui.hint.returnStart', hintKeys: 1, hintRank: { idle: 2, committed: 2 } },
  { action: 'returnNoReceipt', screens: ['idle', 'committed', 'returnReceipt'], keys: [{ key: 'f5' }, { ctrl: 'n' }], label: 'ui.key.returnWithoutReceipt', hint: 'ui.hint.returnNoReceipt', hintKeys: 1, hintRank: { idle: 2, committed: 2 } },
  { action: 'returnOpen', screens: ['returnReceipt'], keys: [{ key: 'enter' }], label: 'ui.key.returnOpen', hint: 'ui.hint.returnOpen' },
  { action: 'dismiss', screens: ['returnReceipt'], keys: [{ key: 'escape' }], label: 'ui.key.returnNoReceipt', hint: 'ui.hint.cancel' },
  { action: 'returnQty', screens: ['return'], keys: [{ key: 'enter' }], label: 'ui.key.returnQty', hint: 'ui.hint.returnQty' },
  // Without a receipt and on the exchange's side: a barcode or SKU typed, then Enter (a scan adds it too).
  { action: 'returnAdd', screens: ['returnItems'], keys: [{ key: 'enter' }], label: 'ui.key.returnAdd', hint: 'ui.hint.returnAdd', hintRank: { returnItems: 2 } },
  { action: 'returnAdd', screens: ['exchange'], keys: [{ key: 'enter' }], label: 'ui.key.exchangeAdd', hint: 'ui.hint.exchangeAdd', hintRank: { exchange: 2 } },
  { action: 'qty', screens: ITEM_SIDES, keys: [{ ch: '*' }, { key: 'f3' }], label: 'ui.key.returnItemQty', hint: 'ui.hint.qty', hintKeys: 1 },
  { action: 'returnMore', screens: RETURN_SIDES, keys: [{ ch: '+' }], label: 'ui.key.returnMore', hint: 'ui.hint.returnMore', hintKeys: 1, hintRank: { exchange: -1 } },
  { action: 'returnLess', screens: RETURN_SIDES, keys: [{ ch: '-' }], label: 'ui.key.returnLess', hint: 'ui.hint.returnLess', hintKeys: 1, hintRank: { exchange: -1 } },
  { action: 'returnAll', screens: ['return'], keys: [{ ch: '*' }, { key: 'f3' }], label: 'ui.key.returnAll', hint: 'ui.hint.returnAll', hintKeys: 1 },
  { action: 'refund', screens: RETURN_SIDES, keys: [{ key: 'f2' }, { ctrl: 's' }], label: 'ui.key.refund' },
  { action: 'refundMode', screens: ['return'], keys: [{ key: 'f6' }, { ctrl: 'k' }], label: 'ui.key.refundMode', hint: 'ui.hint.refundMode', hintKeys: 1 },
  { action: 'refundMode', screens: ['returnItems'], keys: [{ key: 'f6' }, { ctrl: 'k' }], label: 'ui.key.refundModeNoReceipt', hint: 'ui.hint.refundModeNoReceipt', hintKeys: 1, hintRank: { returnItems: 1 } },
  { action: 'refundMode', screens: ['exchange'], keys: [{ key: 'f6' }, { ctrl: 'k' }], label: 'ui.key.refundModeExchange', hint: 'ui.hint.refundModeExchange', hintKeys: 1, hintRank: { exchange: -2 } },
  // An exchange: the new items on their own side of the return (Tab there and back).
  { action: 'exchangeSide', screens: ['return', 'returnItems'], keys: [{ key: 'tab' }, { key: 'f7' }], label: 'ui.key.exchangeOpen', hint: 'ui.hint.exchangeOpen', hintKeys: 1, hintRank: { return: 1, returnItems: 2 } },
  { action: 'exchangeCash', screens: ['exchange'], keys: [{ key: 'f8' }, { ctrl: 'w' }], label: 'ui.key.exchangeCash', hint: 'ui.hint.exchangeCash', hintKeys: 1, hintRank: { exchange: 1 } },
  { action: 'exchangeCard', screens: ['exchange'], keys: [{ key: 'f9' }, { ctrl: 'y' }], label: 'ui.key.exchangeCard', hint: 'ui.hint.exchangeCard', hintKeys: 1, hintRank: { exchange: 1 } },
  { action: 'exchangeSide', screens: ['exchange'], keys: [{ key: 'tab' }, { key: 'escape' }, { key: 'f7' }], label: 'ui.key.exchangeBack', hint: 'ui.hint.exchangeBack', hintRank: { exchange: 1 } },
  { action: 'returnCancel', screens: ['return', 'returnItems'], keys: [{ key: 'escape' }], label: 'ui.key.returnCancel', hint: 'ui.hint.cancel', hintRank: { return: 1, returnItems: 2 } },
  { action: 'up', screens: RETURN_SIDES, keys: [{ key: 'up' }], label: 'ui.key.upList' },
  { action: 'down', screens: RETURN_SIDES, keys: [{ key: 'down' }], label: 'ui.key.downList' },
  { action: 'pageUp', screens: RETURN_SIDES, keys: [{ key: 'pageup' }], label: 'ui.key.pageUp' },
  { action: 'pageDown', screens: RETURN_SIDES, keys: [{ key: 'pagedown' }], label: 'ui.key.pageDown' },
  { action: 'returnClose', screens: ['returnDone'], keys: [{ key: 'enter' }, { key: 'escape' }], label: 'ui.key.returnClose', hint: 'ui.hint.next', hintKeys: 1 },
  { action: 'reprint', screens: ['returnDone'], keys: [{ ch: '+' }, { key: 'f9' }], label: 'ui.key.returnReprint', hint: 'ui.hint.reprint' },
  { action: 'lock', screens: LOCKABLE, keys: [{ ctrl: 'l' }], label: 'ui.key.lock' },
  // The screen's language, for this operator until they sign out (src/register.ts screenLanguage).
  { action: 'language', screens: ['signIn', 'pin', 'locked', 'idle'], keys: [{ key: 'f2' }, { ctrl: 'o' }], label: 'ui.key.language', hint: 'ui.hint.language', hintKeys: 1 },
  { action: 'help', screens: SCREENS, keys: [{ ch: '?' }, { key: 'f1' }], label: 'ui.key.help', hint: 'ui.hint.help' },
  // A locked till or a PIN prompt cannot be quit by whoever walks up to it.
  { action: 'quit', screens: SCREENS.filter((x) => x !== 'locked' && x !== 'pin' && x !== 'approval'), keys: [{ ctrl: 'q' }, { key: 'f10' }, { ctrl: 'c' }], label: 'ui.key.quit' },
];

export function specMatches(spec: KeySpec, key: Key): boolean {
  if ('ch' in spec) return key.name === 'char' && !key.ctrl && !key.meta && key.ch === spec.ch;
  if ('ctrl' in spec) return key.name === 'char' && key.ctrl === true && key.ch === spec.ctrl;
  return key.name === spec.key && !key.ctrl && !key.meta;
}

/** The binding a key triggers on a screen, ignoring the entry-line rules (see resolveAction). */
export function bindingFor(key: Key, screen: Screen): Binding | undefined {
  return KEY_TABLE.find((b) => b.screens.includes(screen) && b.keys.some((s) => specMatches(s, key)));
}

/** "F2", "+", "Ctrl+Q", "Enter"... (key names are the same in every language on a keyboard). */
export function specLabel(spec: KeySpec): string {
  if ('ch' in spec) return spec.ch;
  if ('ctrl' in spec) return `Ctrl+${spec.ctrl.toUpperCase()}`;
  return KEY_NAMES[spec.key] ?? spec.key;
}

const KEY_NAMES: Partial<Record<KeyName, string>> = {
  enter: 'Enter',
  escape: 'Esc',
  backspace: 'Backspace',
  delete: 'Del',
  insert: 'Ins',
  tab: 'Tab',
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  home: 'Home',
  end: 'End',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  f1: 'F1',
  f2: 'F2',
  f3: 'F3',
  f4: 'F4',
  f5: 'F5',
  f6: 'F6',
  f7: 'F7',
  f8: 'F8',
  f9: 'F9',
  f10: 'F10',
  f11: 'F11',
  f12: 'F12',
};

/** Keys of a binding joined for display; plain keys first so a keypad user sees theirs. */
export const keysLabel = (b: Binding, ascii = false): string =>
  b.keys
    .map(specLabel)
    .map((l) => (ascii ? l.replace('↑', 'Up').replace('↓', 'Down').replace('←', 'Left').replace('→', 'Right') : l))
    .join(' / ');

/** Bindings active on a screen, in table order. */
export const bindingsOn = (screen: Screen): Binding[] => KEY_TABLE.filter((b) => b.screens.includes(screen));
