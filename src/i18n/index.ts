/**
 * Every text a cashier or customer reads goes through `t`. Catalogs are registered per language code
 * ("en", "vi", "ru", "zh-Hant"...). Lookup falls back from "vi-VN" to "vi" to English, and a key found
 * nowhere renders as the key itself, so a missing translation is visible but never crashes anything.
 * `t` never throws, whatever it is given.
 */
import { en, type MessageKey } from './en.js';
import { formatMessage, type Params } from './message.js';
import { vi } from './vi.js';
import { zh } from './zh.js';
import { ru } from './ru.js';

export type Messages = Readonly<Record<string, string>>;
export type { Params };
export type Translate = (key: MessageKey | (string & {}), params?: Params) => string;

/**
 * A catalog, or a function that makes it the first time it is asked for. The sources hold objects;
 * the production build (scripts/build/build.mjs, "lazy catalogs") turns vi, zh and ru into functions
 * that parse one JSON string: a process evaluates only the languages it speaks (issue 12: the three
 * catalogs were ~0.1 s of CPU at every start, `till headless` in English included).
 */
type CatalogSource = Messages | (() => Messages);
const catalogs = new Map<string, CatalogSource>([
  ['en', en],
  ['vi', vi],
  ['zh', zh],
  ['ru', ru],
]);

function catalog(language: string): Messages | undefined {
  const c = catalogs.get(language);
  if (typeof c !== 'function') return c;
  const made = c();
  catalogs.set(language, made);
  return made;
}
let current = 'en';

/** Adds or replaces the catalog of a language. Keys missing from it fall back to English. */
export function registerCatalog(language: string, messages: Messages): void {
  catalogs.set(normalize(language), messages);
}

/** The language `t` uses. Unknown languages are accepted: they simply fall back to English. */
export function setLanguage(language: string): void {
  current = normalize(language) || 'en';
}

export const getLanguage = (): string => current;

export const languages = (): string[] => [...catalogs.keys()];

function normalize(language: unknown): string {
  return typeof language === 'string' ? language.trim().replace(/_/g, '-').toLowerCase() : '';
}

/** "vi-vn" -> ["vi-vn", "vi", "en"]. */
function chain(language: string): string[] {
  const out: string[] = [];
  const parts = normalize(language).split('-').filter(Boolean);
  for (let n = parts.length; n > 0; n--) out.push(parts.slice(0, n).join('-'));
  if (!out.includes('en')) out.push('en');
  return out;
}

/** The template of a key and the language of the catalog it came from (its plural rules apply). */
function find(key: string, language: string): { template: string; lang: string } | undefined {
  for (const lang of chain(language)) {
    const cat = catalog(lang);
    if (cat && Object.prototype.hasOwnProperty.call(cat, key)) return { template: cat[key], lang };
  }
  return undefined;
}

const lookup = (key: string, language: string): string | undefined => find(key, language)?.template;

/**
 * Fills {name} slots and plural forms (message.ts) of a template; a {slot} without a value stays as
 * written. `language` picks the plural rules (English when not given).
 */
export const interpolate = (template: string, params?: Params, language = 'en'): string => formatMessage(template, params, language);

/** Message in an explicit language (receipts are printed in the store's language, not the UI's). */
export function translate(language: string, key: string, params?: Params): string {
  if (typeof key !== 'string') return String(key);
  try {
    const hit = find(key, language);
    return hit ? formatMessage(hit.template, params, hit.lang) : key;
  } catch {
    return key;
  }
}

/** Message in the current language. */
export const t: Translate = (key, params) => translate(current, key, params);

/** A `t` bound to one language. */
export const translator = (language: string): Translate => (key, params) => translate(language, key, params);

export const hasMessage = (key: string, language = current): boolean => lookup(key, language) !== undefined;

/**
 * The cashier-readable text of a refusal: the catalog's "error.<CODE>" message with the error's
 * params, or the error's own English message when the catalog has no entry for its code.
 */
export function errorMessage(err: { code: string; message?: string; params?: Params }, language = current): string {
  const key = `error.${err.code}`;
  // A catalog text whose {slots} this refusal's params do not fill (the same code raised elsewhere
  // with other values) is not shown half-filled: the refusal's own message is.
  if (lookup(key, language) !== undefined) {
    const text = translate(language, key, err.params);
    if (!/\{[A-Za-z0-9_.]+\}/.test(text) || !err.message) return text;
  }
  return err.message || err.code;
}

export { en, type MessageKey } from './en.js';
export { LANGUAGES, LANGUAGE_NAMES, DEFAULT_LOCALE, isLanguage, nextLanguage, type Language } from './languages.js';
export { formatMoney, formatDateTime, formatDay, formatPercent, formatNumber, formatDecimal, type MoneyFormatOptions, type DateTimeOptions } from './format.js';
export { toAscii, charWidth } from './ascii.js';
