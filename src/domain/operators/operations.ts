/** An event to journal (structurally the store's EventDraft). */
export interface OperatorDraft<D> {
  type: string;
  data: D;
}

/**
 * Pure plans for the operator events: validate against the slice as it is, return the event to
 * journal. The caller hashes the PIN (pin.ts) with fresh random salt.
 */
import { fail, ok, type Result } from '../errors.js';
import { firstControl } from '../text-safety.js';
import type { PinHash } from './pin.js';
import { isLanguage, LANGUAGES } from '../../i18n/languages.js';
import { OPERATOR_ADDED, OPERATOR_DISABLED, OPERATOR_ENABLED, OPERATOR_LANGUAGE_SET, OPERATOR_PIN_SET, ROLES, type Operator, type OperatorRole, type OperatorSlice } from './types.js';

export const emptyOperatorSlice = (): OperatorSlice => ({ byId: {}, byCard: {} });

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

export function findOperator(slice: OperatorSlice, idOrCard: string): Operator | undefined {
  const key = idOrCard.trim();
  if (own(slice.byId, key.toLowerCase())) return slice.byId[key.toLowerCase()];
  if (own(slice.byCard, key)) return slice.byId[slice.byCard[key]];
  return undefined;
}

export const activeOperators = (slice: OperatorSlice): Operator[] => Object.values(slice.byId).filter((o) => !o.disabled);
export const activeManagers = (slice: OperatorSlice): Operator[] => activeOperators(slice).filter((o) => o.role === 'manager');

export interface NewOperator {
  id: string;
  name: string;
  role: string;
  card?: string | null;
  /** Screen language of the operator ("" or absent: the shop's). */
  language?: string | null;
}

/** An operator's language as stored: a known code or null (the shop's). "" and "shop" mean null. */
function checkLanguage(v: unknown): Result<string | null> {
  if (v === undefined || v === null || v === '' || v === 'shop') return ok(null);
  const lang = String(v).trim().toLowerCase();
  if (!isLanguage(lang)) return fail('OPERATOR_LANGUAGE', `The language is one of: ${LANGUAGES.join(', ')} (or "shop" for the shop's).`, { languages: LANGUAGES.join(', ') });
  return ok(lang);
}

/** The operator as it would be added (code lowercased, trimmed), or why not. */
export function checkNewOperator(slice: OperatorSlice, input: NewOperator): Result<{ id: string; name: string; role: OperatorRole; card: string | null; language?: string }> {
  const id = String(input.id ?? '').trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9_-]{0,15}$/.test(id)) return fail('OPERATOR_ID', 'An operator code is 1 to 16 letters, digits, "-" or "_".');
  if (own(slice.byId, id)) return fail('OPERATOR_EXISTS', `Operator ${id} already exists.`, { id });
  const name = String(input.name ?? '').trim();
  if (!name || name.length > 40 || firstControl(name) !== -1) return fail('OPERATOR_NAME', 'An operator needs a name of at most 40 characters.');
  if (!ROLES.includes(input.role as OperatorRole)) return fail('OPERATOR_ROLE', `The role is one of: ${ROLES.join(', ')}.`, { roles: ROLES.join(', ') });
  const card = input.card ? String(input.card).trim() : null;
  if (card !== null) {
    if (!/^[\x21-\x7e]{4,64}$/.test(card)) return fail('OPERATOR_CARD', 'A badge code is 4 to 64 printable characters.');
    if (own(slice.byCard, card) || own(slice.byId, card.toLowerCase())) return fail('OPERATOR_CARD_TAKEN', 'That badge code is already in use.');
  }
  const language = checkLanguage(input.language);
  if (!language.ok) return language;
  // Only a language of their own is written: an operator.added without one reads as before languages.
  return ok({ id, name, role: input.role as OperatorRole, card, ...(language.value ? { language: language.value } : {}) });
}

export function planAddOperator(slice: OperatorSlice, input: NewOperator, pin: PinHash, at: string): Result<OperatorDraft<{ operator: Operator }>> {
  const c = checkNewOperator(slice, input);
  if (!c.ok) return c;
  return ok({ type: OPERATOR_ADDED, data: { operator: { ...c.value, pin, disabled: false, created: at } } });
}

export function existing(slice: OperatorSlice, id: string): Result<Operator> {
  const o = findOperator(slice, id);
  return o ? ok(o) : fail('OPERATOR_UNKNOWN', `There is no operator ${id}.`, { id });
}

export function planSetPin(slice: OperatorSlice, id: string, pin: PinHash): Result<OperatorDraft<{ id: string; pin: PinHash }>> {
  const o = existing(slice, id);
  if (!o.ok) return o;
  return ok({ type: OPERATOR_PIN_SET, data: { id: o.value.id, pin } });
}

/** A new screen language for an operator (null: the shop's again). */
export function planSetLanguage(slice: OperatorSlice, id: string, language: string | null): Result<OperatorDraft<{ id: string; language: string | null }>> {
  const o = existing(slice, id);
  if (!o.ok) return o;
  const lang = checkLanguage(language);
  if (!lang.ok) return lang;
  return ok({ type: OPERATOR_LANGUAGE_SET, data: { id: o.value.id, language: lang.value } });
}

/** The screen language of an operator, or null for the shop's (an unknown code in the journal reads as null). */
export const operatorLanguage = (o: Pick<Operator, 'language'> | undefined): string | null => (o && isLanguage(o.language) ? o.language : null);

/**
 * Disabling the last enabled manager is refused: nobody could approve a refund or add an operator
 * at the till again (the back office still could, but a shop should not lock itself out by accident).
 */
export function planSetDisabled(slice: OperatorSlice, id: string, disabled: boolean): Result<OperatorDraft<{ id: string }>> {
  const o = existing(slice, id);
  if (!o.ok) return o;
  if (o.value.disabled === disabled) return fail(disabled ? 'OPERATOR_ALREADY_DISABLED' : 'OPERATOR_NOT_DISABLED', `Operator ${o.value.id} is ${disabled ? 'already disabled' : 'not disabled'}.`);
  if (disabled && o.value.role === 'manager' && activeManagers(slice).length === 1)
    return fail('LAST_MANAGER', `${o.value.name} is the only manager: add another manager first.`, { name: o.value.name });
  return ok({ type: disabled ? OPERATOR_DISABLED : OPERATOR_ENABLED, data: { id: o.value.id } });
}

/** The fold (used by the store projection). Ignores malformed events; never throws. */
export function applyOperatorEvent(slice: OperatorSlice, type: string, data: unknown): void {
  const d = data as Record<string, any> | null;
  if (!d || typeof d !== 'object') return;
  if (type === OPERATOR_ADDED) {
    const o = d.operator as Operator | undefined;
    if (!o || typeof o.id !== 'string' || own(slice.byId, o.id)) return;
    slice.byId[o.id] = { ...o, disabled: false };
    if (o.card) slice.byCard[o.card] = o.id;
  } else if (type === OPERATOR_PIN_SET) {
    if (typeof d.id === 'string' && own(slice.byId, d.id)) slice.byId[d.id].pin = d.pin as PinHash;
  } else if (type === OPERATOR_LANGUAGE_SET) {
    if (typeof d.id === 'string' && own(slice.byId, d.id)) slice.byId[d.id].language = typeof d.language === 'string' ? d.language : null;
  } else if (type === OPERATOR_DISABLED || type === OPERATOR_ENABLED) {
    if (typeof d.id === 'string' && own(slice.byId, d.id)) slice.byId[d.id].disabled = type === OPERATOR_DISABLED;
  }
}
