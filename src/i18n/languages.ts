/**
 * The languages the register speaks: a catalog each (en.ts, vi.ts, zh.ts, ru.ts) with the same keys.
 * A language code here is what `language`, `receipt.language` and an operator's language hold.
 * docs/languages.md says how to add one.
 */
export const LANGUAGES = ['en', 'vi', 'zh', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The name of each language in itself: what the language key and `till operator list` show. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', vi: 'Tiếng Việt', zh: '简体中文', ru: 'Русский' };

/** The locale a demo or a new store of that language formats money and dates in. */
export const DEFAULT_LOCALE: Record<Language, string> = { en: 'en-US', vi: 'vi-VN', zh: 'zh-CN', ru: 'ru-RU' };

export const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/** The language after `lang` in LANGUAGES (the language key on the sign-in screen cycles through them). */
export function nextLanguage(lang: string): Language {
  const i = LANGUAGES.indexOf(lang as Language);
  return LANGUAGES[(i + 1) % LANGUAGES.length];
}
