/**
 * Keyboard layouts a scanner in keyboard mode emulates (`hardware.scannerLayout`): HID usage code
 * (Keyboard/Keypad page 0x07) -> the character it types without modifier, with Shift, with AltGr.
 *
 * A scanner set to "German keyboard" sends the usage of the key that *types* the character on a
 * German keyboard: "z" is usage 0x1D (the key where US has "y"), "-" is 0x38. The same bytes read
 * with the wrong layout give wrong codes, which is why the layout is configured and not guessed.
 *
 * A dead key (accents on de/fr) is written as the combining mark it adds (U+0300-U+036F): those are
 * never typed on their own, so the decoder knows to wait for the next key (keyboard-report.ts).
 * Letters follow the layout's own letter keys; Shift gives the capital. Keypad keys assume Num Lock
 * on (a scanner that uses the keypad sends digits). Caps Lock is not applied: the kernel driver is
 * detached while the register reads the scanner, so there is no lock state, and a scanner never
 * relies on it (it sends Shift).
 */

export type ScannerLayout = 'us' | 'de' | 'fr';

/** [plain, shift, altgr]; "" = the key types nothing in that state. */
export type KeyChars = readonly [string, string, string];

export const USAGE_ENTER = 0x28;
export const USAGE_TAB = 0x2b;
export const USAGE_KP_ENTER = 0x58;

const GRAVE = '\u0300';
const ACUTE = '\u0301';
const CIRCUMFLEX = '\u0302';
const TILDE = '\u0303';
const DIAERESIS = '\u0308';

/** What a dead key followed by Space types (the accent on its own). */
export const SPACING: Record<string, string> = { [GRAVE]: '`', [ACUTE]: '´', [CIRCUMFLEX]: '^', [TILDE]: '~', [DIAERESIS]: '¨' };

export const isDead = (ch: string): boolean => ch.length === 1 && ch >= '\u0300' && ch <= '\u036f';

type Table = Record<number, KeyChars>;

/** Usage 0x04..0x1D are the letter keys a..z of the US layout. */
function letters(order: string, altgr: Record<string, string> = {}): Table {
  const t: Table = {};
  for (let i = 0; i < 26; i++) {
    const ch = order[i];
    t[0x04 + i] = [ch, ch.toUpperCase(), altgr[ch] ?? ''];
  }
  return t;
}

/** Keys every layout shares: space and the keypad (Num Lock on). */
function common(decimal: string): Table {
  const t: Table = { 0x2c: [' ', ' ', ' '], 0x54: ['/', '/', ''], 0x55: ['*', '*', ''], 0x56: ['-', '-', ''], 0x57: ['+', '+', ''], 0x63: [decimal, decimal, ''] };
  for (let i = 0; i < 9; i++) t[0x59 + i] = [String(i + 1), String(i + 1), ''];
  t[0x62] = ['0', '0', ''];
  return t;
}

const US: Table = {
  ...letters('abcdefghijklmnopqrstuvwxyz'),
  ...common('.'),
  0x1e: ['1', '!', ''],
  0x1f: ['2', '@', ''],
  0x20: ['3', '#', ''],
  0x21: ['4', '$', ''],
  0x22: ['5', '%', ''],
  0x23: ['6', '^', ''],
  0x24: ['7', '&', ''],
  0x25: ['8', '*', ''],
  0x26: ['9', '(', ''],
  0x27: ['0', ')', ''],
  0x2d: ['-', '_', ''],
  0x2e: ['=', '+', ''],
  0x2f: ['[', '{', ''],
  0x30: [']', '}', ''],
  0x31: ['\\', '|', ''],
  0x32: ['\\', '|', ''],
  0x33: [';', ':', ''],
  0x34: ["'", '"', ''],
  0x35: ['`', '~', ''],
  0x36: [',', '<', ''],
  0x37: ['.', '>', ''],
  0x38: ['/', '?', ''],
  0x64: ['\\', '|', ''],
};

// German QWERTZ: y and z swapped; AltGr gives @ (q), € (e), µ (m) and the brackets on 7-0.
const DE: Table = {
  ...letters('abcdefghijklmnopqrstuvwxzy', { q: '@', e: '€', m: 'µ' }),
  ...common(','),
  0x1e: ['1', '!', ''],
  0x1f: ['2', '"', '²'],
  0x20: ['3', '§', '³'],
  0x21: ['4', '$', ''],
  0x22: ['5', '%', ''],
  0x23: ['6', '&', ''],
  0x24: ['7', '/', '{'],
  0x25: ['8', '(', '['],
  0x26: ['9', ')', ']'],
  0x27: ['0', '=', '}'],
  0x2d: ['ß', '?', '\\'],
  0x2e: [ACUTE, GRAVE, ''],
  0x2f: ['ü', 'Ü', ''],
  0x30: ['+', '*', '~'],
  0x31: ['#', "'", ''],
  0x32: ['#', "'", ''],
  0x33: ['ö', 'Ö', ''],
  0x34: ['ä', 'Ä', ''],
  0x35: [CIRCUMFLEX, '°', ''],
  0x36: [',', ';', ''],
  0x37: ['.', ':', ''],
  0x38: ['-', '_', ''],
  0x64: ['<', '>', '|'],
};

// French AZERTY: a/q, z/w swapped, m on the US ";" key; digits need Shift; AltGr on the top row.
const FR: Table = {
  ...letters('qbcdefghijkl,noparstuvzxyw', { e: '€' }),
  ...common('.'),
  0x1e: ['&', '1', ''],
  0x1f: ['é', '2', TILDE],
  0x20: ['"', '3', '#'],
  0x21: ["'", '4', '{'],
  0x22: ['(', '5', '['],
  0x23: ['-', '6', '|'],
  0x24: ['è', '7', GRAVE],
  0x25: ['_', '8', '\\'],
  0x26: ['ç', '9', '^'],
  0x27: ['à', '0', '@'],
  0x2d: [')', '°', ']'],
  0x2e: ['=', '+', '}'],
  0x2f: [CIRCUMFLEX, DIAERESIS, ''],
  0x30: ['$', '£', '¤'],
  0x31: ['*', 'µ', ''],
  0x32: ['*', 'µ', ''],
  0x33: ['m', 'M', ''],
  0x34: ['ù', '%', ''],
  0x35: ['²', '', ''],
  0x36: [';', '.', ''],
  0x37: [':', '/', ''],
  0x38: ['!', '§', ''],
  0x64: ['<', '>', ''],
};
// The AZERTY "m" key sits on usage 0x33 and the US "m" key (0x10) types "," and "?".
FR[0x10] = [',', '?', ''];

export const LAYOUTS: Record<ScannerLayout, Table> = { us: US, de: DE, fr: FR };

/** The characters of one key in a layout, or undefined for a key that types nothing (F-keys, arrows). */
export function keyChars(layout: ScannerLayout, usage: number): KeyChars | undefined {
  return LAYOUTS[layout][usage];
}
