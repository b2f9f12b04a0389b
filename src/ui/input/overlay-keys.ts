/**
 * Keys of the UI-local overlays: customer search, the new-customer form, the rewards list with its
 * points prompt, and the armed gift-card balance check. Pure like handle-key.ts: the result is the
 * next input state, the checkout events to send and, for a new customer, what to create (the store
 * call is the hook's). Nothing here decides whether a reward or a customer is acceptable: the
 * machine and the register refuse, and their messages are shown.
 */
import type { CheckoutEvent } from '../../../machines/checkout.types.js';
import type { CustomerInput } from '../../domain/loyalty/customer.js';
import { decimalToUnits } from '../../domain/loyalty/units.js';
import { isGiftCardScan, parseCode } from '../../domain/giftcard/index.js';
import type { Action, Screen } from '../keys/table.js';
import type { ScanPrefixes } from '../../domain/scan-kind.js';
import { quickKeyFor, type QuickKeyPage } from '../../domain/quick-keys.js';
import { FORM_FIELDS, type CustomerForm, type FormField, type InputState, type Notice, type Overlay } from './state.js';

/** A selectable row of the rewards overlay: a reward to claim, or one already on the sale. */
export interface RewardKeyRow {
  kind: 'reward' | 'applied';
  programId: string;
  rewardId: string;
  name: string;
  /** Applied rows: the discount or line id that `reward.remove` takes. */
  id?: string;
  /** Cashback asks how many points to spend. */
  cashback?: boolean;
  decimals: number;
}

/** What the overlays need to know of the register, read when the key arrives. */
export interface OverlayView {
  /** Ids of the customers the search shows, in order. */
  customerIds?: readonly string[];
  /** A customer is attached to the sale. */
  attached?: boolean;
  rewardRows?: readonly RewardKeyRow[];
  /** Card number and tier a new customer gets unless changed, and the tiers to pick from. */
  formDefaults?: { card: string; tier: string | null; tiers: readonly string[] };
  giftCardPrefix?: string;
  /** Prefixes that tell gift cards, loyalty cards and receipts apart (scan routing). */
  scanPrefixes?: ScanPrefixes;
  /** Skus of the products the product search shows, in order. */
  productSkus?: readonly string[];
  /** The quick-key grid (register.quickKeys). */
  quickKeys?: readonly QuickKeyPage[];
}

export interface OverlayResult {
  state: InputState;
  events: CheckoutEvent[];
  /** The input state to use instead when the machine took the events without a refusal. */
  onOk?: InputState;
  /** A customer to create (then attach) — the register's call, made by the hook. */
  create?: CustomerInput;
}

const same = (state: InputState): OverlayResult => ({ state, events: [] });
const notice = (s: InputState, key: Notice['key'], params?: Notice['params'], level: Notice['level'] = 'error'): OverlayResult =>
  same({ ...s, notice: { key, params, level } });
const withOverlay = (s: InputState, overlay: Overlay | null): InputState => ({ ...s, overlay, entry: '' });

/** Opens an overlay from a machine screen (the keys F12, F6, F7, Ctrl+K, Ctrl+E). */
export function openOverlay(s: InputState, action: 'customers' | 'rewards' | 'checkCard' | 'findProduct' | 'quickKeys', v: OverlayView): OverlayResult {
  // A quantity typed before the key ("3 *") waits for the product chosen there.
  if (action === 'findProduct') return same({ ...s, entry: '', overlay: { kind: 'products', query: s.entry, sel: 0 } });
  if (action === 'quickKeys') {
    if (!v.quickKeys?.length) return notice(s, 'ui.notice.noQuickKeys', undefined, 'info');
    return same({ ...s, entry: '', overlay: { kind: 'quickKeys', page: 0 } });
  }
  if (action === 'customers') return same({ ...s, qty: null, entry: '', overlay: { kind: 'customers', query: s.entry, sel: 0 } });
  if (action === 'rewards') {
    if (!v.attached) return notice(s, 'error.NO_CUSTOMER');
    return same({ ...withOverlay(s, { kind: 'rewards', sel: 0, points: null }), qty: null });
  }
  // A code typed before the key is checked at once; otherwise the next scan or typed code is.
  const code = s.entry.trim();
  if (code) return check({ ...s, qty: null }, code, v);
  return same({ ...withOverlay(s, { kind: 'checkCard' }), qty: null });
}

function check(s: InputState, code: string, v: OverlayView): OverlayResult {
  // Typing is forgiving (docs/gift-cards.md): a whole code without its prefix, grouped or not, is
  // checked like a scan; anything else without the prefix (a product code) is not a gift card.
  const typedCode = (c: string) => parseCode(c, v.giftCardPrefix ?? '').ok;
  if (v.giftCardPrefix !== undefined && !isGiftCardScan(code, v.giftCardPrefix) && !typedCode(code))
    return notice({ ...s, entry: '' }, 'ui.notice.notGiftCard', { code });
  return { state: withOverlay(s, null), events: [{ type: 'giftcard.check', code }] };
}

/** Text typed on an overlay: the search line, a form field, the points or the card code. */
export function typeInto(s: InputState, ch: string, max: number): InputState {
  const o = s.overlay;
  if (o?.kind === 'customers') return o.query.length >= max ? s : { ...s, overlay: { ...o, query: o.query + ch, sel: 0 } };
  if (o?.kind === 'products') return o.query.length >= max ? s : { ...s, overlay: { ...o, query: o.query + ch, sel: 0 } };
  if (o?.kind === 'quickKeys') return s;
  if (o?.kind === 'newCustomer') {
    const f = o.form;
    if (f.saving || f.focus === 'tier') return s;
    if (f.focus === 'card' && !f.cardEdited) return { ...s, overlay: { ...o, form: { ...f, card: ch, cardEdited: true } } };
    const value = f[f.focus];
    if (value.length >= (f.focus === 'name' ? 80 : max)) return s;
    return { ...s, overlay: { ...o, form: { ...f, [f.focus]: value + ch } } };
  }
  return s.entry.length >= max ? s : { ...s, entry: s.entry + ch };
}

function edit(s: InputState, how: 'erase' | 'clear'): InputState {
  const cut = (x: string) => (how === 'clear' ? '' : [...x].slice(0, -1).join(''));
  const o = s.overlay;
  if (o?.kind === 'customers') return { ...s, overlay: { ...o, query: cut(o.query), sel: 0 } };
  if (o?.kind === 'products') return { ...s, overlay: { ...o, query: cut(o.query), sel: 0 } };
  if (o?.kind === 'newCustomer') {
    const f = o.form;
    if (f.saving || f.focus === 'tier') return s;
    // Erasing the generated card number clears it: a number is typed or scanned whole.
    if (f.focus === 'card' && !f.cardEdited) return { ...s, overlay: { ...o, form: { ...f, card: '', cardEdited: true } } };
    return { ...s, overlay: { ...o, form: { ...f, [f.focus]: cut(f[f.focus]) } } };
  }
  return { ...s, entry: cut(s.entry) };
}

function newForm(query: string, d: NonNullable<OverlayView['formDefaults']>): CustomerForm {
  // What was searched for is a good start: digits are a phone, anything else a name.
  const q = query.trim();
  const phone = /^[+\d][\d\s-]*$/.test(q) ? q : '';
  return { name: phone ? '' : q, phone, email: '', card: d.card, cardEdited: false, tier: d.tier, tiers: d.tiers, focus: phone ? 'name' : q ? 'phone' : 'name', saving: false };
}

const FIELD_OF: Record<string, FormField> = {
  CUSTOMER_NAME_REQUIRED: 'name',
  CUSTOMER_NAME_TOO_LONG: 'name',
  PHONE_INVALID: 'phone',
  PHONE_REQUIRED: 'phone',
  PHONE_TAKEN: 'phone',
  EMAIL_INVALID: 'email',
  CARD_NUMBER_INVALID: 'card',
  CARD_NUMBER_TAKEN: 'card',
  TIER_UNKNOWN: 'tier',
};

/** The form after the register refused it: focus on the field the refusal is about. */
export function formRefused(s: InputState, code: string, text: string): InputState {
  const o = s.overlay;
  if (o?.kind !== 'newCustomer') return { ...s, notice: { key: `error.${code}`, level: 'error', text } };
  const focus = FIELD_OF[code] ?? o.form.focus;
  return { ...s, overlay: { ...o, form: { ...o.form, saving: false, focus } }, notice: { key: `error.${code}`, level: 'error', text } };
}

export function formInput(f: CustomerForm): CustomerInput {
  return {
    name: f.name,
    phone: f.phone,
    ...(f.email.trim() ? { email: f.email.trim() } : {}),
    ...(f.cardEdited && f.card.trim() ? { card: f.card.trim() } : {}),
    ...(f.tier !== null ? { tier: f.tier } : {}),
  };
}

function moveField(f: CustomerForm, delta: number): CustomerForm {
  const i = FORM_FIELDS.indexOf(f.focus);
  return { ...f, focus: FORM_FIELDS[Math.max(0, Math.min(FORM_FIELDS.length - 1, i + delta))] };
}

function cycleTier(f: CustomerForm, delta: number): CustomerForm {
  if (f.tiers.length === 0) return f;
  const i = f.tier === null ? -1 : f.tiers.indexOf(f.tier);
  const n = f.tiers.length;
  return { ...f, tier: f.tiers[(((i + delta) % n) + n) % n] };
}

const clampSel = (sel: number, n: number) => Math.max(0, Math.min(sel, n - 1));

/** An action on an overlay screen, or null when the action is not an overlay's. */
export function overlayAction(s: InputState, action: Action, screen: Screen, v: OverlayView): OverlayResult | null {
  const o = s.overlay;
  switch (action) {
    case 'customers':
    case 'rewards':
    case 'checkCard':
    case 'findProduct':
    case 'quickKeys':
      return openOverlay(s, action, v);
    case 'detach':
      if (!v.attached) return notice(withOverlay(s, null), 'ui.notice.noCustomer', undefined, 'info');
      return { state: { ...withOverlay(s, null), notice: { key: 'ui.notice.detached', level: 'info' } }, events: [{ type: 'customer.detach' }] };
    case 'backspace':
      return o ? same(edit(s, 'erase')) : null;
    case 'clear':
      return o ? same(edit(s, 'clear')) : null;
    case 'dismiss':
      if (o?.kind === 'newCustomer') return o.form.saving ? same(s) : same({ ...s, overlay: { kind: 'customers', query: '', sel: 0 } });
      if (o?.kind === 'rewards' && o.points) return same({ ...s, entry: '', overlay: { ...o, points: null } });
      return same(withOverlay(s, null));
    default:
      break;
  }
  if (o?.kind === 'customers') {
    const ids = v.customerIds ?? [];
    if (action === 'up' || action === 'down') return same({ ...s, overlay: { ...o, sel: clampSel(o.sel + (action === 'up' ? -1 : 1), ids.length) } });
    if (action === 'attach') {
      if (!o.query.trim()) return notice(s, 'ui.notice.searchFirst', undefined, 'info');
      const id = ids[clampSel(o.sel, ids.length)];
      if (!id) return notice(s, 'ui.notice.noMatch', undefined, 'info');
      return { state: withOverlay(s, null), events: [{ type: 'customer.attach', customerId: id }] };
    }
    if (action === 'newCustomer') {
      if (!v.formDefaults) return notice(s, 'error.LOYALTY_OFF');
      return same({ ...s, overlay: { kind: 'newCustomer', form: newForm(o.query, v.formDefaults) } });
    }
  }
  if (o?.kind === 'products') {
    const skus = v.productSkus ?? [];
    if (action === 'up' || action === 'down') return same({ ...s, overlay: { ...o, sel: clampSel(o.sel + (action === 'up' ? -1 : 1), skus.length) } });
    if (action === 'addProduct') {
      if (!o.query.trim()) return notice(s, 'ui.notice.productFirst', undefined, 'info');
      const sku = skus[clampSel(o.sel, skus.length)];
      if (!sku) return notice(s, 'ui.notice.noProduct', undefined, 'info');
      return { state: { ...withOverlay(s, null), qty: null }, events: [addEvent(sku, s.qty, 'search')] };
    }
  }
  if (o?.kind === 'quickKeys') {
    const pages = v.quickKeys?.length ?? 0;
    if ((action === 'pageUp' || action === 'pageDown') && pages > 0) return same({ ...s, overlay: { ...o, page: (o.page + (action === 'pageUp' ? -1 : 1) + pages) % pages } });
  }
  if (o?.kind === 'newCustomer') {
    const f = o.form;
    if (f.saving) return same(s);
    const put = (form: CustomerForm) => same({ ...s, overlay: { ...o, form } });
    if (action === 'prevField') return put(moveField(f, -1));
    if (action === 'tierPrev' || action === 'tierNext') return put(cycleTier({ ...f, focus: 'tier' }, action === 'tierPrev' ? -1 : 1));
    if (action === 'nextField' && f.focus !== 'tier') return put(moveField(f, 1));
    if (action === 'nextField' || action === 'save') return { state: { ...s, overlay: { ...o, form: { ...f, saving: true } } }, events: [], create: formInput(f) };
  }
  if (o?.kind === 'rewards') {
    const rows = v.rewardRows ?? [];
    if (action === 'up' || action === 'down') return same({ ...s, overlay: { ...o, sel: clampSel(o.sel + (action === 'up' ? -1 : 1), rows.length) } });
    const row = rows[clampSel(o.sel, rows.length)];
    if (action === 'apply') {
      if (!row) return notice(s, 'ui.notice.noRewards', undefined, 'info');
      if (row.kind === 'applied') return notice(s, 'ui.notice.removeWithMinus', undefined, 'info');
      if (row.cashback) return same({ ...s, entry: '', overlay: { ...o, points: { programId: row.programId, rewardId: row.rewardId } } });
      return applied(s, row, undefined);
    }
    if (action === 'unapply') {
      if (!row || row.kind !== 'applied' || !row.id) return notice(s, 'ui.notice.selectApplied', undefined, 'info');
      return { state: { ...s, notice: { key: 'ui.notice.rewardRemoved', params: { name: row.name }, level: 'info' } }, events: [{ type: 'reward.remove', id: row.id }] };
    }
    if (action === 'usePoints' && o.points) {
      const p = o.points;
      const r = rows.find((x) => x.kind === 'reward' && x.programId === p.programId && x.rewardId === p.rewardId);
      const text = s.entry.trim().toLowerCase();
      let points: number | 'max' = 'max';
      if (text !== '' && text !== 'max') {
        const units = decimalToUnits(text.replace(',', '.'), r?.decimals ?? 0);
        if (units === null || units <= 0) return notice({ ...s, entry: '' }, 'ui.notice.badPoints', { text: s.entry });
        points = units;
      }
      return applied(s, r ?? { kind: 'reward', programId: p.programId, rewardId: p.rewardId, name: '', decimals: 0 }, points);
    }
  }
  if (o?.kind === 'checkCard' && action === 'check') {
    const code = s.entry.trim();
    if (!code) return notice(s, 'ui.notice.scanCardFirst', undefined, 'info');
    return check(s, code, v);
  }
  return o ? same(s) : null;
}

/** Sends the claim; the overlay closes only if the machine accepts it (a refusal keeps the list open). */
function applied(s: InputState, row: RewardKeyRow, points: number | 'max' | undefined): OverlayResult {
  const ev: CheckoutEvent = { type: 'reward.apply', programId: row.programId, rewardId: row.rewardId, ...(points !== undefined ? { points } : {}) };
  const stay: InputState = { ...s, entry: '', overlay: s.overlay?.kind === 'rewards' ? { ...s.overlay, points: null } : s.overlay };
  return { state: stay, events: [ev], onOk: { ...withOverlay(s, null), notice: { key: 'ui.notice.rewardApplied', params: { name: row.name }, level: 'info' } } };
}

const addEvent = (sku: string, qty: number | null, source: string): CheckoutEvent => ({ type: 'cart.add', sku, source, ...(qty !== null ? { qty } : {}) });

/**
 * A digit or a letter on the quick-key grid: its item is added (a quantity typed before opening the
 * grid applies to it) and the grid stays open for the next item; Esc or Enter goes back to the sale.
 */
export function quickKeyPress(s: InputState, ch: string, v: OverlayView): OverlayResult {
  const o = s.overlay;
  if (o?.kind !== 'quickKeys') return same(s);
  const k = quickKeyFor(v.quickKeys?.[o.page], ch);
  if (!k) return notice(s, 'ui.notice.noQuickKey', { key: ch });
  // "Added" only when the machine took it (a refusal's message is shown instead).
  const next = { ...s, qty: null };
  return { state: next, events: [addEvent(k.product.sku, s.qty, 'quick-key')], onOk: { ...next, notice: { key: 'ui.notice.quickAdded', params: { name: k.label }, level: 'info' } } };
}
