import type { TillError } from '../domain/errors.js';
import { hasMessage, translate } from '../i18n/index.js';

/**
 * A refusal in the output's language: the catalog's `cli.error.<CODE>` (the back office's words for
 * it), else `error.<CODE>` (the till's own words for it), when it has one and every slot of it is
 * filled by the error's params; else the error's English message.
 * English output stays the error's message, which carries the back office's details.
 */
export function refusalText(e: TillError, lang: string): string {
  if (lang === 'en') return e.message;
  const key = [`cli.error.${e.code}`, `error.${e.code}`].find((k) => hasMessage(k, lang));
  if (!key) return e.message;
  const text = translate(lang, key, e.params);
  return /\{[A-Za-z0-9_.]+\}/.test(text) ? e.message : text;
}
