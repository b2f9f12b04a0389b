/**
 * Text that came from outside (a product CSV, a customer name) must never carry control characters
 * to a printer, a terminal or a headless client: ESC p kicks the drawer, GS V cuts the paper, ESC [
 * repaints the screen. Refused: C0 (U+0000-U+001F, tab and newline included: one field is one
 * line), DEL, C1 (U+0080-U+009F), and the bidi embeddings/overrides/isolates (U+202A-U+202E,
 * U+2066-U+2069) that make a name read differently from what it is. Pure; no fs, no Ink.
 */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
/** Same, but keeps line feed (receipt text may be split into lines on it). */
const UNSAFE_BUT_LF = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** Index (UTF-16) of the first unsafe character, or -1. */
export const firstControl = (s: string): number => s.search(UNSAFE);

/** "U+001B" for the character at `i`. */
export const codePointName = (s: string, i: number): string => `U+${(s.codePointAt(i) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** For one screen line or a headless string: every unsafe character removed. */
export const sanitizeLine = (s: string): string => (UNSAFE.test(s) ? s.replace(UNSAFE_ALL, '') : s);

/** For receipt text: every unsafe character removed except line feed. */
export const sanitizeReceiptText = (s: string): string => s.replace(UNSAFE_BUT_LF, '');
