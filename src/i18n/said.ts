/**
 * A message given as its catalog key and its values, where a value may itself be such a message
 * ("must be true or false, {got}" with `got` = "got {value}"): the domain says what it found by key
 * and values (the program file's problems, the JSON reader's refusals), the catalogs the words.
 * A nested message's text fills its slot, and the same text with a capital first letter fills the
 * slot of the capitalised name ({what} and {What}), for a language that starts a sentence with it.
 */
import { translate } from './index.js';

export interface Said {
  key: string;
  params?: SaidParams;
}

export type SaidParams = Readonly<Record<string, string | number | Said>>;

const capital = (s: string): string => (s ? s[0].toLocaleUpperCase() + s.slice(1) : s);

/** The words of `s` in `lang` (English when not given). Never throws: a key found nowhere reads as itself. */
export function sayText(s: Said, lang = 'en'): string {
  const flat: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(s.params ?? {})) {
    if (typeof v !== 'object' || v === null) {
      flat[name] = v;
      continue;
    }
    const text = sayText(v, lang);
    flat[name] = text;
    if (/^[a-z]/.test(name)) flat[capital(name)] = capital(text);
  }
  return translate(lang, s.key, flat);
}
