import type { TillError } from '../domain/errors.js';
import { hasMessage, translate } from '../i18n/index.js';

/**
 * A refusal in the output's language: the catalog's `cli.error.<CODE>` (the back office's words for
 * it), else `error.<CODE>` (the till's own words for it), the first of them whose every slot
 * the error's params fill; else the error's English message.
 * English output stays the error's message, which carries the back office's details.
 */
export function refusalText(e: TillError, lang: string): string {
  if (lang === 'en') return e.message;
  for (const key of [`cli.error.${e.code}`, `error.${e.code}`]) {
    if (!hasMessage(key, lang)) continue;
    const text = translate(lang, key, e.params);
    if (!/\{[A-Za-z0-9_.]+\}/.test(text)) return text;
  }
  return e.message;
}
