/**
 * Receipt text to printer bytes. A thermal printer has no Unicode: it prints single-byte code pages
 * (selected with ESC t n) or, on Chinese models, GB2312/GBK in double-byte "Chinese mode" (FS &).
 * node-thermal-printer can select the single-byte pages but cannot do Chinese mode (its "CHINA"
 * sends ESC R 15, an international character set, with EUC-CN bytes), so text is encoded here with
 * iconv-lite and appended as bytes.
 * Characters a page lacks are replaced BEFORE the line is laid out (₽ -> "RUB" on CP866), so the
 * columns still line up on paper.
 */
import iconv from 'iconv-lite';
import { plainSpaces, toAscii } from '../../src/i18n/ascii.js';

export type EscPosCharset = 'ascii' | 'pc437' | 'wpc1252' | 'pc866' | 'wpc1251' | 'wpc1258' | 'gb18030';

interface CharsetSpec {
  /** iconv-lite encoding. */
  encoding: string;
  /** Bytes that select it on an Epson-compatible printer. */
  select: number[];
}

/** ESC t n numbers are Epson's (TM-T20/T88); most clones (Xprinter, Rongta) use the same for these. */
export const CHARSETS: Record<EscPosCharset, CharsetSpec> = {
  ascii: { encoding: 'ascii', select: [0x1b, 0x74, 0] },
  pc437: { encoding: 'cp437', select: [0x1b, 0x74, 0] },
  wpc1252: { encoding: 'win1252', select: [0x1b, 0x74, 16] },
  pc866: { encoding: 'cp866', select: [0x1b, 0x74, 17] },
  wpc1251: { encoding: 'win1251', select: [0x1b, 0x74, 46] },
  wpc1258: { encoding: 'win1258', select: [0x1b, 0x74, 52] },
  // FS & : Chinese character mode on; GBK covers GB2312 and is what GB18030 printers expect for it.
  gb18030: { encoding: 'gbk', select: [0x1c, 0x26] },
};

/** FS . : leave Chinese mode. Chinese-made printers often start in it, which would misread single-byte pages. */
export const CHINESE_MODE_OFF = [0x1c, 0x2e];

const CYRILLIC_LANGS = new Set(['ru', 'uk', 'be', 'bg', 'kk', 'ky', 'mn', 'sr', 'mk', 'tg']);

/** The code page for a receipt: by the locale's language, else by what the text contains. */
export function charsetFor(locale: string, sample = ''): EscPosCharset {
  const lang = String(locale).toLowerCase().split(/[-_]/)[0];
  if (CYRILLIC_LANGS.has(lang)) return 'pc866';
  if (lang === 'vi') return 'wpc1258';
  if (lang === 'zh') return 'gb18030';
  if (/[\u3400-\u9fff\uf900-\ufaff]/.test(sample)) return 'gb18030';
  if (/[\u0400-\u04ff]/.test(sample)) return 'pc866';
  if (/[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]/.test(sample)) return 'wpc1258';
  return 'wpc1252';
}

const cache = new Map<string, Buffer | null>();

/** Bytes of one character in a page, or null if the page lacks it (iconv-lite writes "?" then). */
function encodeChar(ch: string, encoding: string): Buffer | null {
  const key = `${encoding}\u0000${ch}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let out: Buffer | null = null;
  if (/^[\x20-\x7e]$/.test(ch)) out = Buffer.from(ch, 'latin1');
  else {
    const b = iconv.encode(ch, encoding);
    out = b.length === 1 && b[0] === 0x3f ? null : b;
  }
  cache.set(key, out);
  return out;
}

/**
 * Vietnamese in CP1258: the page has the base letters (â ê ô ă ơ ư đ) and five combining tone marks,
 * not the precomposed letters ("ệ" = "ê" + U+0323). Finds that spelling, or null.
 */
function cp1258Spelling(ch: string): string | null {
  const [base, ...marks] = [...ch.normalize('NFD')];
  if (!marks.length) return null;
  const ok = (s: string) => [...s].every((c) => encodeChar(c, 'win1258'));
  if (ok(base) && marks.every((m) => ok(m))) return base + marks.join('');
  for (let i = 0; i < marks.length; i++) {
    const composed = (base + marks[i]).normalize('NFC');
    const rest = marks.filter((_, k) => k !== i);
    if ([...composed].length === 1 && ok(composed) && rest.every((m) => ok(m))) return composed + rest.join('');
  }
  return null;
}

/**
 * Rewrites text so that every character can be printed in the charset: unchanged where the page has
 * it, respelled where it can be (Vietnamese tone marks, ¥ as the fullwidth ￥ of GBK), else spelled in
 * ASCII; every Unicode space becomes a plain space. Apply before measuring columns.
 */
export function printable(text: string, charset: EscPosCharset): string {
  // No-break and narrow spaces (Intl puts them in amounts) print as glyphs on some pages: plain spaces.
  const s = plainSpaces(String(text)).normalize('NFC');
  if (/^[\x20-\x7e]*$/.test(s)) return s;
  if (charset === 'ascii') return toAscii(s);
  const enc = CHARSETS[charset].encoding;
  let out = '';
  for (const ch of s) {
    if (encodeChar(ch, enc)) out += ch;
    else if (charset === 'gb18030' && ch === '¥') out += '￥';
    else if (charset === 'wpc1258' && cp1258Spelling(ch)) out += ch;
    else out += toAscii(ch);
  }
  return out;
}

/** Bytes of text already made `printable` for the charset. */
export function encodeText(text: string, charset: EscPosCharset): Buffer {
  // Printable ASCII is the same bytes on every page (encodeChar's first case): no per-character work,
  // which was most of the garbage a receipt made (issue 12).
  if (/^[\x20-\x7e]*$/.test(text)) return Buffer.from(text, 'latin1');
  const enc = CHARSETS[charset].encoding;
  const parts: Buffer[] = [];
  for (const ch of String(text).normalize('NFC')) {
    const direct = encodeChar(ch, enc);
    if (direct) parts.push(direct);
    else if (charset === 'wpc1258') {
      const spelled = cp1258Spelling(ch);
      parts.push(spelled ? Buffer.concat([...spelled].map((c) => encodeChar(c, enc) ?? Buffer.from('?'))) : Buffer.from(toAscii(ch), 'latin1'));
    } else parts.push(Buffer.from(toAscii(ch), 'latin1'));
  }
  return Buffer.concat(parts);
}
