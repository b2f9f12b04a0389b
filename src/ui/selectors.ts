/**
 * Pure selectors: snapshot + configuration + input state -> what the views print. No React, no I/O.
 * Money is formatted here but never computed: totals, tenders and change come from the machine's
 * context; what is still due comes from src/domain/tender.
 */
import type { SnapshotFrom } from 'xstate';
import type { checkoutMachine } from '../../machines/checkout.machine.js';
import type { CardPrompt, CheckoutMessage, PendingConfirm, PricePrompt } from '../../machines/checkout.types.js';
import { pendingQuestion } from '../../machines/checkout.confirm.js';
import type { TillConfig } from '../domain/config.js';
import type { Tender } from '../domain/tender.js';
import { errorMessage, formatDay, formatMoney, hasMessage, t, toAscii } from '../i18n/index.js';
import { ACTION_LABEL } from '../domain/operators/approval.js';
import { bindingsOn, keysLabel, KEY_TABLE, SCREENS, specLabel, type Binding, type MachineScreen, type Screen } from './keys/table.js';
import type { InputState, Notice } from './input/state.js';
import { entryMode } from './input/state.js';
import { discountRows, tierName } from './loyalty-view.js';
import { width } from './text.js';
import { sanitizeLine } from '../domain/text-safety.js';

export type CheckoutSnapshot = SnapshotFrom<typeof checkoutMachine>;

/** The screen is a function of the machine state, nothing else. */
export function screenOf(snap: CheckoutSnapshot): MachineScreen {
  if (snap.matches('idle')) return 'idle';
  if (snap.matches({ open: 'sale' })) return 'sale';
  if (snap.matches({ open: 'cardAmount' })) return 'cardAmount';
  if (snap.matches({ open: 'priceEntry' })) return 'priceEntry';
  if (snap.matches({ open: 'tender' })) return 'tender';
  if (snap.matches({ open: 'commitFailed' })) return 'commitFailed';
  // Parking and recalling are journal writes like the commit: "saving", scans wait.
  // So is a payment or reward waiting for its hold in the chain database (at most chain.timeoutMs).
  if (snap.matches('committing') || snap.matches('parking') || snap.matches('recalling') || snap.matches({ open: 'holding' })) return 'committing';
  if (snap.matches('committed')) return 'committed';
  if (snap.matches('balance')) return 'balance';
  if (snap.matches('receipt')) return 'receipt';
  // A state this UI does not know yet: show the sale if one is open, so nothing is hidden.
  return snap.context.cart.lines.length > 0 ? 'sale' : 'idle';
}

/** What the till's screen needs of the return machine (register.returns): its state. */
export interface ReturnStatus {
  value: unknown;
  /** The open return: without a receipt (`sale` null) its items are scanned, not picked from lines. */
  context?: { open: { sale: unknown } | null };
}

/**
 * The till's screen: the return machine's while a return is taken (open or being saved: `return`;
 * refunded: `returnDone`, until closed or the next sale starts), else the checkout's.
 */
export function tillScreen(snap: CheckoutSnapshot, ret: ReturnStatus | null): MachineScreen {
  const screen = screenOf(snap);
  if (ret?.value === 'open' || ret?.value === 'committing') return ret.context?.open && ret.context.open.sale === null ? 'returnItems' : 'return';
  if (ret?.value === 'done' && (screen === 'idle' || screen === 'committed' || screen === 'receipt')) return 'returnDone';
  return screen;
}

/** Formatting bound to the store's locale, currency and display mode. */
export interface Fmt {
  money(minor: number): string;
  /**
   * Catalog or customer text as the display can show it: control characters stripped again (import
   * refuses them, but a hand-made event could carry ESC [ or ESC p), ASCII transliteration on the console.
   */
  text(s: string): string;
  /** Catalog message, control characters stripped, transliterated in ASCII mode (the console font has no other glyphs). */
  t(key: string, params?: Record<string, string | number>): string;
  ascii: boolean;
  locale: string;
  currency: string;
}

export function makeFmt(config: Pick<TillConfig, 'currency' | 'locale' | 'display'>): Fmt {
  const ascii = config.display.ascii;
  return {
    money: (m) => formatMoney(m, config.currency, { locale: config.locale, ascii }),
    text: (s) => (ascii ? toAscii(sanitizeLine(s)) : sanitizeLine(s)),
    t: (key, params) => (ascii ? toAscii(sanitizeLine(t(key, params))) : sanitizeLine(t(key, params))),
    ascii,
    locale: config.locale,
    currency: config.currency,
  };
}

/** The locale's decimal separator ("." en-US, "," vi-VN / ru-RU / de-DE, "٫" ar-EG), "." when unknown. */
export function decimalSeparator(locale: string): string {
  let sep = decimals.get(locale);
  if (sep === undefined) {
    try {
      sep = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    } catch {
      sep = '.';
    }
    decimals.set(locale, sep);
  }
  return sep;
}
const decimals = new Map<string, string>();

/** Rows of the whole UI: one fewer than the terminal, so Ink never scrolls the screen. */
export const uiHeight = (rows: number | undefined): number => Math.max(12, (rows && rows > 0 ? rows : 24) - 1);
export const uiWidth = (columns: number | undefined): number => Math.max(40, columns && columns > 0 ? columns : 80);

/** Body rows (between the status bar and the message line) that are not content rows, per view. */
export const SALE_CHROME = 4;
export const HELP_CHROME = 1;
export const RECEIPT_CHROME = 1;
/** Status bar, message line, entry line, hint line. */
export const FRAME_ROWS = 4;

/** Rows one page of the scrollable list on screen holds: what PgUp/PgDn move by. */
export function pageRows(screen: Screen, helpOpen: boolean, bodyRows: number, saleExtra = 0): number {
  if (helpOpen) return Math.max(1, bodyRows - HELP_CHROME);
  if (screen === 'receipt') return Math.max(1, bodyRows - RECEIPT_CHROME);
  return Math.max(1, bodyRows - SALE_CHROME - saleExtra);
}

/** Rows of the customer panel on the sale screen (name, card, tier, points / this sale, next tier, expiry). */
export const CUSTOMER_ROWS = 2;
/** Cart rows the sale screen keeps whatever else it shows. */
const MIN_CART_ROWS = 3;

export interface SaleLayout {
  customerRows: number;
  discountRows: number;
  cartRows: number;
}

/** How the sale screen shares its rows: the customer panel and the discount lines shrink the cart. */
export function saleLayout(ctx: CheckoutSnapshot['context'], bodyRows: number): SaleLayout {
  const room = Math.max(1, bodyRows - SALE_CHROME);
  const customerRows = ctx.customer && room - CUSTOMER_ROWS >= MIN_CART_ROWS ? CUSTOMER_ROWS : 0;
  const discounts = ctx.priced.discounts.filter((d) => d.amount !== 0).length;
  const discountRows = Math.min(discounts, Math.max(0, room - customerRows - MIN_CART_ROWS));
  return { customerRows, discountRows, cartRows: Math.max(1, room - customerRows - discountRows) };
}

export const saleExtraRows = (ctx: CheckoutSnapshot['context'], bodyRows: number): number => {
  const l = saleLayout(ctx, bodyRows);
  return l.customerRows + l.discountRows;
};

/** Results the customer search shows (title, attached customer and column header take three rows). */
export const searchRows = (bodyRows: number): number => Math.max(1, bodyRows - 3);

export { discountRows };

/** Time for the status bar in the store's locale (24-hour clock). */
export function clockText(now: Date, locale: string, ascii: boolean): string {
  const opts = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(ascii ? { numberingSystem: 'latn' } : {}) } as Intl.DateTimeFormatOptions;
  try {
    return new Intl.DateTimeFormat(locale, opts).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-GB', opts).format(now);
  }
}

export type Tone = 'error' | 'info' | 'warn' | 'ok';

export interface MessageView {
  text: string;
  tone: Tone;
}

/**
 * The action a manager approves, in the screen's language ("approval.action.void"). The machine and
 * the shift plans name it in English (ACTION_LABEL) in their params; that name is mapped back here.
 */
export function approvalActionText(action: string | undefined, label?: string): string {
  const id = action && hasMessage(`approval.action.${action}`) ? action : (Object.entries(ACTION_LABEL).find(([, l]) => l === (label ?? action))?.[0] ?? null);
  return id ? t(`approval.action.${id}`) : (label ?? action ?? '');
}

/** The catalog text of a machine message: "error.<CODE>" / "ui.info.<CODE>", else its English text. */
export function machineMessageText(m: CheckoutMessage): string {
  if (m.level === 'error' && m.code === 'APPROVAL_REQUIRED' && typeof m.params?.action === 'string')
    return errorMessage({ code: m.code, message: m.text, params: { ...m.params, action: approvalActionText(undefined, m.params.action) } });
  if (m.level === 'error') return errorMessage({ code: m.code, message: m.text, params: m.params });
  const key = `ui.info.${m.code}`;
  return hasMessage(key) ? t(key, m.params) : m.text;
}

export const noticeText = (n: Notice): string => n.text ?? t(n.key, n.params);

/** A printer problem as reported by the register: an error code or a device's own message. */
export function printProblemText(p: string): string {
  return /^[A-Z_]+$/.test(p) ? errorMessage({ code: p, message: p }) : p;
}

/**
 * The drawer on the message line, whatever its driver: left open past the alert time, or why it
 * cannot be driven ("Drawer: <why and what to do>"); null when there is nothing to say.
 */
export function drawerMessageText(status: string, problem: string | null): string | null {
  if (status === 'left-open') return t('device.drawer.leftOpen');
  return problem ? `${t('device.drawer')}: ${problem}` : null;
}

export function scannerMessageText(problem: string | null): string | null {
  return problem ? `${t('device.scanner')}: ${problem}` : null;
}

/**
 * A plausibility question in the cashier's words, its money in the store's format: a parameter
 * "amount" with "amountMinor" beside it is shown as fmt.money(amountMinor).
 */
export function questionText(q: Pick<PendingConfirm, 'code' | 'text' | 'params'>, money?: (minor: number) => string): string {
  const params: Record<string, string | number> = { ...q.params };
  if (money)
    for (const [k, v] of Object.entries(q.params)) if (k.endsWith('Minor') && typeof v === 'number') params[k.slice(0, -'Minor'.length)] = money(v);
  return errorMessage({ code: q.code, message: q.text, params });
}

/**
 * What the message line shows: a question of the machine waiting for its answer first, then the
 * cashier's last keystroke, then the machine's message, then devices.
 */
export function messageLine(input: InputState, snap: CheckoutSnapshot, printProblem: string | null, fmt?: Pick<Fmt, 'money'>): MessageView | null {
  const q = pendingQuestion(snap);
  if (q) return { text: questionText(q, fmt?.money), tone: 'warn' };
  if (input.notice) return { text: noticeText(input.notice), tone: input.notice.level };
  if (screenOf(snap) === 'committing') return { text: t(snap.matches({ open: 'holding' }) ? 'ui.holding' : 'ui.saving'), tone: 'info' };
  const m = snap.context.message;
  if (m) return { text: machineMessageText(m), tone: m.level === 'error' ? 'error' : 'info' };
  if (printProblem) return { text: printProblemText(printProblem), tone: 'warn' };
  return null;
}

export interface EntryView {
  prompt: string;
  prefix: string;
  text: string;
  active: boolean;
}

/** The entry line: what it is for, the pending quantity, what was typed. */
export function entryLine(screen: Screen, input: InputState, snap: CheckoutSnapshot, fmt: Fmt): EntryView {
  const mode = entryMode(screen, input);
  const o0 = input.overlay;
  // A PIN is shown as dots, never as digits.
  if (mode === 'pin') return { prompt: fmt.t(screen === 'approval' ? 'ui.entry.managerPin' : 'ui.entry.pin'), prefix: '', text: (fmt.ascii ? '*' : '•').repeat(input.entry.length), active: true };
  if (screen === 'signIn') return { prompt: fmt.t('ui.signIn.code'), prefix: '', text: input.entry, active: true };
  if (o0?.kind === 'shift') {
    if (o0.step === 'amount' && o0.item) return { prompt: fmt.t(`ui.shift.entry.${o0.item}`), prefix: '', text: input.entry, active: true };
    if (o0.step === 'reason') return { prompt: fmt.t('ui.shift.entry.reason'), prefix: '', text: input.entry, active: true };
    return { prompt: '', prefix: '', text: '', active: false };
  }
  const qty = input.qty !== null ? `${input.qty} × `.replace('×', fmt.ascii ? 'x' : '×') : '';
  const o = input.overlay;
  if (o?.kind === 'customers') return { prompt: fmt.t('ui.entry.search'), prefix: '', text: o.query, active: true };
  if (o?.kind === 'products') return { prompt: fmt.t('ui.entry.findProduct'), prefix: qty, text: o.query, active: true };
  if (o?.kind === 'quickKeys') return { prompt: '', prefix: qty, text: '', active: false };
  if (o?.kind === 'newCustomer') {
    const f = o.form;
    const prompt = fmt.t(`ui.form.${f.focus}`) + ':';
    if (f.saving) return { prompt: fmt.t('ui.form.saving'), prefix: '', text: '', active: false };
    if (f.focus === 'tier') return { prompt, prefix: '', text: f.tier === null ? fmt.t('ui.form.noTiers') : `< ${fmt.text(tierName(snap.context.deps.loyalty?.ladder() ?? null, f.tier))} >`, active: true };
    return { prompt, prefix: '', text: f[f.focus], active: true };
  }
  if (o?.kind === 'rewards' && o.points) return { prompt: fmt.t('ui.entry.points'), prefix: '', text: input.entry, active: true };
  if (o?.kind === 'checkCard') return { prompt: fmt.t('ui.entry.checkCard'), prefix: '', text: input.entry, active: true };
  if (o?.kind === 'reprint') return { prompt: fmt.t('ui.entry.reprint'), prefix: '', text: input.entry, active: true };
  if (mode === 'code') return { prompt: fmt.t('ui.entry.code'), prefix: qty, text: input.entry, active: true };
  if (mode === 'tender') return { prompt: fmt.t('ui.entry.cash'), prefix: '', text: input.entry, active: true };
  if (mode === 'value' && screen === 'priceEntry') return { prompt: openPricePrompt(snap.context.pricePrompt, fmt), prefix: '', text: input.entry, active: true };
  if (mode === 'value') return { prompt: cardValuePrompt(snap.context.cardPrompt, fmt), prefix: '', text: input.entry, active: true };
  if (mode === 'cardRef') {
    const amount = input.card?.amount ?? null;
    const prompt = amount === null ? fmt.t('ui.entry.cardDue') : fmt.t('ui.entry.cardAmount', { amount: fmt.money(amount) });
    return { prompt, prefix: '', text: input.entry, active: true };
  }
  if (screen === 'committing') return { prompt: fmt.t(snap.matches({ open: 'holding' }) ? 'ui.holding' : 'ui.saving'), prefix: '', text: '', active: false };
  return { prompt: '', prefix: '', text: '', active: false };
}

/** The open-price prompt: the product's name, and the quantity when more than one. */
function openPricePrompt(p: PricePrompt | null, fmt: Fmt): string {
  const name = fmt.text(p?.name ?? '');
  return p && p.qty > 1 ? fmt.t('ui.entry.openPriceQty', { name, qty: p.qty }) : fmt.t('ui.entry.openPrice', { name });
}

/** The value prompt: stock to sell, or a card to top up (its balance, or the expiry a renewal gives). */
function cardValuePrompt(p: CardPrompt | null, fmt: Fmt): string {
  const masked = fmt.text(p?.masked ?? '');
  if (!p?.topUp) return fmt.t('ui.entry.cardValue', { masked });
  if (p.topUp.renewTo === undefined) return fmt.t('ui.entry.cardTopUp', { masked, balance: fmt.money(p.topUp.balance) });
  return p.topUp.renewTo === null ? fmt.t('ui.entry.cardRenewNoExpiry', { masked }) : fmt.t('ui.entry.cardRenew', { masked, date: formatDay(p.topUp.renewTo, fmt.locale, fmt.ascii) });
}

/** What the hint bar needs to know beyond the screen: a customer is attached, a reward is affordable. */
export interface HintFlags {
  customer?: boolean;
  rewardsHot?: boolean;
  /** A plausibility question waits: its two answers take the hint bar. */
  question?: boolean;
  /** The text as drawn (fmt.text): ASCII mode transliterates, and "Отложить" becomes longer. */
  shown?: (s: string) => string;
}

export interface HintItem {
  text: string;
  /** Drawn highlighted (the rewards key when a reward is affordable). */
  hot: boolean;
}

/** One line of key hints that fits `cols`; the help key is always on it. */
export function hintItems(screen: Screen, cols: number, input?: Pick<InputState, 'card' | 'confirm'>, flags: HintFlags = {}): HintItem[] {
  // Prompts that take the keyboard over have their own keys.
  if (flags.question) return [{ text: `Enter ${t('ui.hint.confirmYes')}  Esc ${t('ui.hint.confirmNo')}  F1 ${t('ui.hint.help')}`, hot: false }];
  if (input?.confirm === 'void') return [{ text: `/ Enter ${t('ui.hint.confirmVoid')}  ${t('ui.hint.anyKeyKeeps')}`, hot: false }];
  if (input?.card) return [{ text: `Enter ${t('ui.hint.cardConfirm')}  Esc ${t('ui.hint.cardCancel')}  F1 ${t('ui.hint.help')}`, hot: false }];
  const items: (HintItem & { rank: number; at: number })[] = [];
  let help: HintItem | null = null;
  for (const b of bindingsOn(screen)) {
    if (!b.hint) continue;
    // On the sale: the rewards key once a customer is attached, the customer key until then.
    if (b.action === 'rewards' && !flags.customer) continue;
    if (b.action === 'customers' && screen === 'sale' && flags.customer) continue;
    const keys = b.keys.slice(0, b.hintKeys ?? 2).map(specLabel).join('/');
    const item = { text: `${keys} ${t(b.hint)}`, hot: b.action === 'rewards' && flags.rewardsHot === true };
    if (b.action === 'help') help = item;
    else items.push({ ...item, rank: b.hintRank?.[screen] ?? 0, at: items.length });
  }
  // Kept by rank (the sale at 80 columns: Ctrl+P Park before Enter Scan, F7 Balance and Void, which
  // the entry line and help cover), up to the first that does not fit; shown in table order.
  const sep = 2;
  const kept: typeof items = [];
  const cols0 = (s: string): number => width(flags.shown ? flags.shown(s) : s);
  let used = help ? cols0(help.text) : 0;
  for (const item of [...items].sort((a, b) => b.rank - a.rank || a.at - b.at)) {
    const w = cols0(item.text) + (used ? sep : 0);
    if (used + w > cols) break;
    kept.push(item);
    used += w;
  }
  const out: HintItem[] = kept.sort((a, b) => a.at - b.at).map(({ text, hot }) => ({ text, hot }));
  return help ? [...out, help] : out;
}

export function hintLine(screen: Screen, cols: number, input?: Pick<InputState, 'card' | 'confirm'>, flags: HintFlags = {}): string {
  return hintItems(screen, cols, input, flags)
    .map((i) => i.text)
    .join('  ');
}

export interface HelpRow {
  keys: string;
  label: string;
  screens: string;
}

/** Every binding, the current screen's first: the help overlay's content. */
export function helpRows(screen: Screen, ascii: boolean): HelpRow[] {
  const here = bindingsOn(screen);
  const rest = KEY_TABLE.filter((b) => !here.includes(b));
  const row = (b: Binding): HelpRow => ({
    keys: keysLabel(b, ascii),
    label: t(b.label),
    screens: b.screens.length === SCREENS.length ? t('ui.screen.all') : b.screens.map((s) => t(`ui.screen.${s}`)).join(', '),
  });
  // A row without keys is a divider between this screen's keys and the others'.
  return [...here.map(row), { keys: '', label: t('ui.help.other'), screens: '' }, ...rest.map(row)];
}

export interface DeviceView {
  label: string;
  state: string;
  tone: Tone;
}

const GOOD = new Set(['connected', 'keyboard', 'ready', 'closed', 'open']);
const NEUTRAL = new Set(['none', 'busy', 'unknown', 'paper-low']);

export function deviceView(device: 'scanner' | 'printer' | 'drawer', status: string, problem = false, waiting = 0): DeviceView {
  const tone: Tone = problem || waiting > 0 ? 'error' : GOOD.has(status) ? 'ok' : NEUTRAL.has(status) ? 'info' : 'error';
  const state = t(`status.${status}`);
  return { label: t(`device.${device}`), state: waiting > 0 ? `${state}, ${t('status.waiting', { n: waiting })}` : state, tone };
}

/** Payments as the cashier reads them: kind, amount, and cash given or the card reference. */
export function tenderRow(tn: Tender, fmt: Fmt): { kind: string; amount: string; detail: string } {
  const kind = fmt.t(`receipt.tender.${tn.kind}`);
  if (tn.kind === 'cash' && tn.given !== undefined && tn.given !== tn.amount)
    return { kind, amount: fmt.money(tn.amount), detail: fmt.t('ui.tender.given', { given: fmt.money(tn.given), change: fmt.money(tn.change ?? 0) }) };
  if (tn.reference) return { kind, amount: fmt.money(tn.amount), detail: fmt.t(tn.kind === 'giftcard' ? 'ui.tender.cardNo' : 'ui.tender.reference', { reference: fmt.text(tn.reference) }) };
  return { kind, amount: fmt.money(tn.amount), detail: '' };
}

/** A few products with short codes, for the demo's idle screen. */
export function demoCodes(products: Record<string, { name: string; barcodes: string[] }>, max = 6): { code: string; name: string }[] {
  const out: { code: string; name: string }[] = [];
  for (const p of Object.values(products)) {
    const code = p.barcodes.find((b) => b.length <= 4);
    if (code) out.push({ code, name: p.name });
  }
  out.sort((a, b) => a.code.localeCompare(b.code));
  // Spread over the catalog so different categories show.
  const step = Math.max(1, Math.floor(out.length / max));
  return out.filter((_, i) => i % step === 0).slice(0, max);
}
