/**
 * Pure-ASCII fallback for the Linux console font and for printers without a code page for the text.
 * Latin letters lose their diacritics (Vietnamese "Đường" -> "Duong"), Cyrillic is transliterated
 * (GOST 7.79 system B, simplified: "Молоко" -> "Moloko"), spaces and minus signs become plain ones,
 * bidi marks vanish. What cannot be spelled in ASCII becomes "?" — one per terminal column, so a
 * CJK character (2 columns) becomes "??" and a layout measured before the fallback still lines up.
 */

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'j', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'x', ц: 'cz', ч: 'ch', ш: 'sh', щ: 'shh',
  ъ: "''", ы: "y'", ь: "'", э: "e'", ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u',
};

const SYMBOLS: Record<string, string> = {
  '₫': 'd', '€': 'EUR', '£': 'GBP', '¥': 'Y', '￥': 'Y', '₽': 'RUB', '₴': 'UAH', '₸': 'KZT', '₩': 'W', '₹': 'Rs',
  '«': '"', '»': '"', '„': '"', '“': '"', '”': '"', '‘': "'", '’': "'", '…': '...', '•': '*', '·': '.', '×': 'x',
  '№': 'No', '°': 'o', '©': '(c)', '®': '(R)', '™': 'TM', 'ß': 'ss', 'Æ': 'AE', 'æ': 'ae', 'Ø': 'O', 'ø': 'o',
  'Œ': 'OE', 'œ': 'oe', 'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd', 'Ð': 'D', 'ð': 'd', 'Þ': 'Th', 'þ': 'th',
  '،': ',', '٫': '.', '٬': ',', '、': ',', '。': '.', '，': ',', '：': ':', '；': ';', '（': '(', '）': ')',
};

const SPACES = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;
const INVISIBLE = /[\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;
const MINUS = /[\u2212\u2010-\u2015\ufe63\uff0d]/g;

/** Terminal columns of one code point: 0 for combining marks, 2 for East Asian wide/fullwidth. */
export function charWidth(cp: number): number {
  if (cp === 0 || cp < 32 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f)) return 0;
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff || (cp >= 0x200e && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

function one(ch: string): string {
  const sym = SYMBOLS[ch];
  if (sym !== undefined) return sym;
  const lower = ch.toLowerCase();
  const cyr = CYRILLIC[lower];
  if (cyr !== undefined) return ch === lower ? cyr : cyr.charAt(0).toUpperCase() + cyr.slice(1);
  const stripped = ch.normalize('NFD').replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff]/g, '');
  if (/^[\x20-\x7e]+$/.test(stripped)) return stripped;
  return '?'.repeat(charWidth(ch.codePointAt(0) ?? 0));
}

/** Plain spaces and "-" for every Unicode space and minus; bidi marks and soft hyphens removed. */
export const plainSpaces = (text: string): string => String(text).replace(INVISIBLE, '').replace(SPACES, ' ').replace(MINUS, '-');

/** Pure-ASCII rendering of any text (see the module comment). */
export function toAscii(text: string): string {
  const s = plainSpaces(text).normalize('NFC');
  if (/^[\x20-\x7e]*$/.test(s)) return s;
  let out = '';
  for (const ch of s) out += /[\x20-\x7e]/.test(ch) ? ch : ch === '\n' || ch === '\t' ? ch : one(ch);
  return out;
}
