/**
 * Column arithmetic for the terminal: widths in columns (CJK characters take two), padding and
 * truncation that never split a wide character, so a table measured here lines up on screen.
 */
import { charWidth } from '../i18n/index.js';
import { sanitizeLine } from '../domain/text-safety.js';

export function width(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch.codePointAt(0) ?? 0);
  return w;
}

/**
 * Cuts `text` to at most `cols` columns, ending in "…" (or "." in ASCII mode) when cut. Every cell
 * the screens lay out passes here, so control characters are stripped here too (text-safety.ts): a
 * name that reached the store with ESC [ or ESC p cannot repaint the screen or move the columns.
 */
export function truncate(raw: string, cols: number, ascii = false): string {
  if (cols <= 0) return '';
  const text = sanitizeLine(raw);
  if (width(text) <= cols) return text;
  const ell = ascii ? '.' : '…';
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0) ?? 0);
    if (w + cw > cols - 1) break;
    out += ch;
    w += cw;
  }
  return out + ell + ' '.repeat(Math.max(0, cols - 1 - w));
}

/** Left-aligned in exactly `cols` columns. */
export const padEnd = (text: string, cols: number, ascii = false): string => {
  const t = truncate(text, cols, ascii);
  return t + ' '.repeat(Math.max(0, cols - width(t)));
};

/** Right-aligned in exactly `cols` columns. */
export const padStart = (text: string, cols: number, ascii = false): string => {
  const t = truncate(text, cols, ascii);
  return ' '.repeat(Math.max(0, cols - width(t))) + t;
};

/** `left` and `right` on one line of `cols` columns; `left` gives way when both do not fit. */
export function spread(left: string, right: string, cols: number, ascii = false): string {
  const rw = Math.min(width(right), cols);
  const lw = Math.max(0, cols - rw - 1);
  if (lw === 0) return padStart(right, cols, ascii);
  return padEnd(left, lw, ascii) + ' ' + padStart(right, rw, ascii);
}

/** Centred in `cols` columns. */
export function center(text: string, cols: number, ascii = false): string {
  const t = truncate(text, cols, ascii);
  const left = Math.floor((cols - width(t)) / 2);
  return ' '.repeat(Math.max(0, left)) + t + ' '.repeat(Math.max(0, cols - left - width(t)));
}

/**
 * `text` broken into at most `maxLines` lines of `cols` columns: at the last space that fits (a
 * run without spaces, such as Chinese, breaks at the column), the last line cut with "…" as
 * truncate() does. Control characters are stripped first, as everywhere on screen.
 */
export function wrapLines(raw: string, cols: number, maxLines: number, ascii = false): string[] {
  let rest = sanitizeLine(raw);
  const out: string[] = [];
  while (out.length < maxLines - 1 && width(rest) > cols) {
    let w = 0;
    let cut = 0;
    let space = -1;
    const chars = [...rest];
    for (let i = 0; i < chars.length; i++) {
      const cw = charWidth(chars[i].codePointAt(0) ?? 0);
      if (w + cw > cols) break;
      if (chars[i] === ' ') space = i;
      w += cw;
      cut = i + 1;
    }
    // A space right after the last character that fits is as good a break as one before it.
    if (chars[cut] === ' ') space = cut;
    const at = space > 0 ? space : cut;
    out.push(chars.slice(0, at).join('').trimEnd());
    rest = chars.slice(at).join('').trimStart();
  }
  out.push(width(rest) > cols ? truncate(rest, cols, ascii).trimEnd() : rest);
  return out;
}
