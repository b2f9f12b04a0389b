/**
 * Column arithmetic for monospace output (receipts, the terminal) and the plain-text receipt renderer.
 * Widths are terminal columns: combining marks 0, East Asian wide characters 2. Text is wrapped on
 * spaces, and a word longer than the line is broken between characters, never inside one.
 */
import { charWidth } from '../i18n/ascii.js';
import type { Align, ReceiptBlock, ReceiptDoc } from './receipt-doc.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Grapheme clusters with their widths. */
function clusters(s: string): { g: string; w: number }[] {
  const out: { g: string; w: number }[] = [];
  for (const { segment } of segmenter.segment(s)) {
    let w = 0;
    for (const ch of segment) w += charWidth(ch.codePointAt(0) ?? 0);
    out.push({ g: segment, w: Math.min(w, 2) });
  }
  return out;
}

export function textWidth(s: string): number {
  if (/^[\x20-\x7e]*$/.test(s)) return s.length;
  return clusters(s).reduce((a, c) => a + c.w, 0);
}

/** The longest prefix of `s` that fits in `width` columns. */
export function truncateToWidth(s: string, width: number): string {
  let out = '';
  let used = 0;
  for (const c of clusters(s)) {
    if (used + c.w > width) break;
    out += c.g;
    used += c.w;
  }
  return out;
}

/** Pads (or truncates) to exactly `width` columns. */
export function fit(s: string, width: number, align: Align = 'left'): string {
  const t = textWidth(s) > width ? truncateToWidth(s, width) : s;
  const gap = width - textWidth(t);
  if (align === 'right') return ' '.repeat(gap) + t;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + t + ' '.repeat(gap - Math.floor(gap / 2));
  return t + ' '.repeat(gap);
}

function breakWord(word: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  let used = 0;
  for (const c of clusters(word)) {
    if (used + c.w > width && cur) {
      out.push(cur);
      cur = '';
      used = 0;
    }
    cur += c.g;
    used += c.w;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Word-wraps to lines of at most `width` columns. Leading spaces are an indent kept on every line
 * (a hanging indent); newlines in the text start new lines; an empty text is one empty line.
 */
export function wrap(s: string, width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  const out: string[] = [];
  for (const para of String(s).replace(/\t/g, ' ').split(/\r?\n/)) {
    const indentLen = para.length - para.trimStart().length;
    const indent = indentLen < w ? ' '.repeat(indentLen) : '';
    const room = w - indent.length;
    const words = para.trim().split(/ +/).filter(Boolean);
    if (words.length === 0) {
      out.push('');
      continue;
    }
    let line = '';
    let used = 0;
    const flush = () => {
      out.push(indent + line);
      line = '';
      used = 0;
    };
    for (const word of words) {
      const ww = textWidth(word);
      if (ww > room) {
        if (line) flush();
        const parts = breakWord(word, room);
        for (const p of parts.slice(0, -1)) out.push(indent + p);
        line = parts[parts.length - 1];
        used = textWidth(line);
      } else if (!line) {
        line = word;
        used = ww;
      } else if (used + 1 + ww <= room) {
        line += ' ' + word;
        used += 1 + ww;
      } else {
        flush();
        line = word;
        used = ww;
      }
    }
    if (line) flush();
  }
  return out;
}

/**
 * The physical lines of a columns block at `width`: the left text wraps over full lines, the right
 * text sits at the right end of the last line if it fits there with a space, else on a line of its own.
 * The right text is never wrapped; if it alone is wider than the line, it is cut to the line.
 */
export function columnLines(left: string, right: string, width: number): string[] {
  const r = textWidth(right) > width ? truncateToWidth(right, width) : right;
  const rw = textWidth(r);
  if (!left.trim()) return [fit(r, width, 'right')];
  const lines = wrap(left, width);
  const last = lines.pop() ?? '';
  if (rw === 0) return [...lines, last].map((l) => fit(l, width));
  if (textWidth(last) + 1 + rw <= width) return [...lines.map((l) => fit(l, width)), fit(last, width - rw) + r];
  return [...lines, last].map((l) => fit(l, width)).concat(fit(r, width, 'right'));
}

/** A block as lines of exactly `width` columns (text view: double-size text is shown at normal size). */
export function blockLines(b: ReceiptBlock, width: number): string[] {
  switch (b.type) {
    case 'text':
      return wrap(b.text, width).map((l) => fit(l, width, b.align ?? 'left'));
    case 'columns':
      return columnLines(b.left, b.right, width);
    case 'separator':
      return [(b.char ?? '-').repeat(width)];
    case 'barcode':
      return wrap(`||| ${b.data} |||`, width).map((l) => fit(l, width, 'center'));
    case 'qr':
      return wrap(`[QR] ${b.data}`, width).map((l) => fit(l, width, 'center'));
    case 'feed':
      return Array.from({ length: Math.max(0, Math.min(b.lines, 10)) }, () => ' '.repeat(width));
    case 'cut':
      return [];
    default:
      return [];
  }
}

/** Plain-text rendering: every line exactly `width` columns, each ending in "\n". */
export function renderText(doc: ReceiptDoc, width: number = doc.width): string {
  return doc.blocks.flatMap((b) => blockLines(b, width)).map((l) => l + '\n').join('');
}
