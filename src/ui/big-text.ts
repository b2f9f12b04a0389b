/**
 * Large amounts (total due, change) in a 5-row block font, readable from a step away. Only the
 * characters money needs have glyphs; any other character (a currency sign such as ₫ or ₽) is drawn
 * once, vertically centred. ASCII mode (Linux console font) draws with "#".
 */
import { width } from './text.js';

export const BIG_ROWS = 5;

const FONT: Record<string, string[]> = {
  '0': ['###', '# #', '# #', '# #', '###'],
  '1': [' # ', '## ', ' # ', ' # ', '###'],
  '2': ['###', '  #', '###', '#  ', '###'],
  '3': ['###', '  #', '###', '  #', '###'],
  '4': ['# #', '# #', '###', '  #', '  #'],
  '5': ['###', '#  ', '###', '  #', '###'],
  '6': ['###', '#  ', '###', '# #', '###'],
  '7': ['###', '  #', '  #', '  #', '  #'],
  '8': ['###', '# #', '###', '# #', '###'],
  '9': ['###', '# #', '###', '  #', '###'],
  '.': [' ', ' ', ' ', ' ', '#'],
  ',': [' ', ' ', ' ', ' ', '#'],
  '-': ['   ', '   ', '###', '   ', '   '],
  '$': [' ### ', '# #  ', ' ### ', '  # #', ' ### '],
  ' ': [' ', ' ', ' ', ' ', ' '],
};

/** The rows of `text` in the block font, or null when it would be wider than `maxCols`. */
export function bigLines(text: string, maxCols: number, ascii = false): string[] | null {
  const rows = Array.from({ length: BIG_ROWS }, () => '');
  const chars = [...text.replace(/[\u00a0\u202f\u2009]/g, ' ')];
  chars.forEach((ch, i) => {
    const glyph = FONT[ch];
    const sep = i === chars.length - 1 ? '' : ' ';
    for (let r = 0; r < BIG_ROWS; r++) {
      if (glyph) rows[r] += glyph[r] + sep;
      else rows[r] += (r === 2 ? ch : ' '.repeat(width(ch))) + sep;
    }
  });
  if (width(rows[0]) > maxCols) return null;
  return ascii ? rows : rows.map((r) => r.replace(/#/g, '█'));
}
