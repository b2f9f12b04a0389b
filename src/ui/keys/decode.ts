/**
 * Raw terminal input -> keys. Ink's `useInput` does not report F1–F12, so the register reads the raw
 * bytes itself and decodes every sequence the kiosk's terminals send:
 *
 * - xterm / VTE / tmux: F1–F4 `ESC O P..S` (also `ESC [ 1 ; m P..S` with modifiers), F5–F12 `ESC [ 15~ … 24~`
 * - rxvt / VT220: F1–F4 `ESC [ 11~ … 14~`
 * - Linux console: F1–F5 `ESC [ [ A … E`, F6–F12 as xterm
 * - arrows `ESC [ A..D` / `ESC O A..D`, Home/End/PgUp/PgDn/Insert/Delete in their `ESC [ n ~`, `ESC [ H/F`
 *   and `ESC O H/F` forms, and the numeric keypad in application mode (`ESC O j/k/m/o/n/M/p..y`).
 *
 * Backspace is `DEL` (0x7f) on most terminals and the Linux console, `BS` (0x08) on some: both decode
 * as `backspace`. A run of several printable characters in one chunk (a keyboard-wedge scanner or a
 * paste) is marked `burst`: the register types it into the entry line as text, never as shortcuts.
 */

export type KeyName =
  | 'char'
  | 'enter'
  | 'escape'
  | 'backspace'
  | 'delete'
  | 'insert'
  | 'tab'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'pageup'
  | 'pagedown'
  | FKey
  | 'unknown';

export type FKey = 'f1' | 'f2' | 'f3' | 'f4' | 'f5' | 'f6' | 'f7' | 'f8' | 'f9' | 'f10' | 'f11' | 'f12';

export interface Key {
  name: KeyName;
  /** The character for `char` keys (also set for Ctrl+letter: the lowercase letter). */
  ch?: string;
  ctrl?: boolean;
  meta?: boolean;
  shift?: boolean;
  /** Part of a multi-character chunk of plain text (scanner wedge, paste). */
  burst?: boolean;
  /** The raw sequence, for logs and unknown keys. */
  seq: string;
}

const ESC = '\x1b';

/** `ESC [ n ~` numbers. */
const TILDE: Record<string, KeyName> = {
  '1': 'home',
  '2': 'insert',
  '3': 'delete',
  '4': 'end',
  '5': 'pageup',
  '6': 'pagedown',
  '7': 'home',
  '8': 'end',
  '11': 'f1',
  '12': 'f2',
  '13': 'f3',
  '14': 'f4',
  '15': 'f5',
  '17': 'f6',
  '18': 'f7',
  '19': 'f8',
  '20': 'f9',
  '21': 'f10',
  '23': 'f11',
  '24': 'f12',
};

/** Final letters of `ESC [ …X` and `ESC O X`. */
const LETTER: Record<string, KeyName> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
};

/** Linux console: `ESC [ [ A..E`. */
const LINUX_F: Record<string, FKey> = { A: 'f1', B: 'f2', C: 'f3', D: 'f4', E: 'f5' };

/** Numeric keypad in application mode (`ESC O x`): decoded to the characters it is labelled with. */
const KEYPAD: Record<string, string> = {
  j: '*',
  k: '+',
  l: ',',
  m: '-',
  n: '.',
  o: '/',
  p: '0',
  q: '1',
  r: '2',
  s: '3',
  t: '4',
  u: '5',
  v: '6',
  w: '7',
  x: '8',
  y: '9',
  X: '=',
};

/** xterm modifier parameter: 1 + (shift 1, alt 2, ctrl 4). */
function modifiers(param: string | undefined): Pick<Key, 'shift' | 'meta' | 'ctrl'> {
  const m = Number(param) - 1;
  if (!Number.isInteger(m) || m <= 0) return {};
  const out: Pick<Key, 'shift' | 'meta' | 'ctrl'> = {};
  if (m & 1) out.shift = true;
  if (m & 2) out.meta = true;
  if (m & 4) out.ctrl = true;
  return out;
}

interface Parsed {
  key: Key | null;
  /** Characters consumed; 0 means the sequence is incomplete (wait for more input). */
  length: number;
}

/** Decodes one escape sequence starting at `i` (s[i] === ESC). */
function parseEscape(s: string, i: number): Parsed {
  const next = s[i + 1];
  if (next === undefined) return { key: null, length: 0 };
  if (next === '[') return parseCsi(s, i);
  if (next === 'O') {
    const c = s[i + 2];
    if (c === undefined) return { key: null, length: 0 };
    const seq = s.slice(i, i + 3);
    if (c === 'M') return { key: { name: 'enter', seq }, length: 3 };
    if (KEYPAD[c]) return { key: { name: 'char', ch: KEYPAD[c], seq }, length: 3 };
    // Some terminals send modified F1–F4 as ESC O <mod> P.
    if (/[2-8]/.test(c)) {
      const f = s[i + 3];
      if (f === undefined) return { key: null, length: 0 };
      if (LETTER[f]) return { key: { name: LETTER[f], seq: s.slice(i, i + 4), ...modifiers(c) }, length: 4 };
      return { key: { name: 'unknown', seq: s.slice(i, i + 4) }, length: 4 };
    }
    return { key: { name: LETTER[c] ?? 'unknown', seq }, length: 3 };
  }
  if (next === ESC) {
    // ESC ESC [ A (rxvt's Alt+arrow) or a double Escape.
    if (s[i + 2] === '[' || s[i + 2] === 'O') {
      const inner = parseEscape(s, i + 1);
      if (inner.length === 0) return inner;
      return { key: inner.key && { ...inner.key, meta: true, seq: s.slice(i, i + 1 + inner.length) }, length: 1 + inner.length };
    }
    return { key: { name: 'escape', seq: ESC }, length: 1 };
  }
  // Alt+key: ESC followed by the key.
  const inner = plainKey(next);
  return { key: { ...inner, meta: true, seq: ESC + next }, length: 2 };
}

function parseCsi(s: string, i: number): Parsed {
  // Linux console F1–F5.
  if (s[i + 2] === '[') {
    const c = s[i + 3];
    if (c === undefined) return { key: null, length: 0 };
    return { key: { name: LINUX_F[c] ?? 'unknown', seq: s.slice(i, i + 4) }, length: 4 };
  }
  let j = i + 2;
  while (j < s.length && /[0-9;:<=>?]/.test(s[j])) j++;
  // Intermediate bytes (rare) are skipped up to the final byte.
  while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
  if (j >= s.length) return { key: null, length: 0 };
  const final = s[j];
  const code = s.charCodeAt(j);
  const length = j - i + 1;
  const seq = s.slice(i, i + length);
  if (code < 0x40 || code > 0x7e) return { key: { name: 'unknown', seq }, length: j - i };
  const params = s.slice(i + 2, j).split(';');
  if (final === '~') {
    const name = TILDE[params[0]] ?? 'unknown';
    return { key: { name, seq, ...modifiers(params[1]) }, length };
  }
  if (final === 'Z') return { key: { name: 'tab', shift: true, seq }, length };
  const name = LETTER[final];
  if (name) return { key: { name, seq, ...modifiers(params[1]) }, length };
  return { key: { name: 'unknown', seq }, length };
}

/** A single non-escape character. */
function plainKey(c: string): Key {
  if (c === '\r' || c === '\n') return { name: 'enter', seq: c };
  if (c === '\t') return { name: 'tab', seq: c };
  if (c === '\x7f' || c === '\b') return { name: 'backspace', seq: c };
  const code = c.charCodeAt(0);
  if (code === 0) return { name: 'char', ch: ' ', ctrl: true, seq: c };
  if (code < 0x20) return { name: 'char', ch: String.fromCharCode(code + 0x60), ctrl: true, seq: c };
  return { name: 'char', ch: c, seq: c };
}

export interface KeyDecoder {
  /** Decodes a chunk; an incomplete escape sequence at its end is kept for the next chunk. */
  push(chunk: string | Uint8Array): Key[];
  /** True when an incomplete sequence (or a lone ESC) waits for more input. */
  pending(): boolean;
  /** Gives up waiting: a lone ESC becomes Escape, an unfinished sequence is dropped as unknown. */
  flush(): Key[];
}

export function createKeyDecoder(): KeyDecoder {
  let rest = '';
  return {
    push(chunk) {
      const s = rest + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      rest = '';
      const out: Key[] = [];
      // A chunk that is nothing but ESC is the Escape key: terminals send a keypress in one write.
      if (s === ESC) return [{ name: 'escape', seq: ESC }];
      const printable = [...s].filter((c) => c >= ' ' && c !== '\x7f').length;
      const burst = !s.includes(ESC) && printable > 1;
      let i = 0;
      while (i < s.length) {
        const c = s[i];
        if (c === ESC) {
          const p = parseEscape(s, i);
          if (p.length === 0) {
            rest = s.slice(i);
            break;
          }
          if (p.key) out.push(p.key);
          i += p.length;
          continue;
        }
        // CR LF is one Enter.
        if (c === '\r' && s[i + 1] === '\n') {
          out.push({ name: 'enter', seq: '\r\n' });
          i += 2;
          continue;
        }
        const cp = s.codePointAt(i) ?? 0;
        const ch = String.fromCodePoint(cp);
        const key = plainKey(ch);
        out.push(burst && key.name === 'char' && !key.ctrl ? { ...key, burst: true } : key);
        i += ch.length;
      }
      return out;
    },
    pending: () => rest !== '',
    flush() {
      const r = rest;
      rest = '';
      if (r === '') return [];
      if (r === ESC) return [{ name: 'escape', seq: ESC }];
      return [{ name: 'unknown', seq: r }];
    },
  };
}

/** Decodes one complete chunk (tests, docs). */
export function decodeKeys(chunk: string): Key[] {
  const d = createKeyDecoder();
  return [...d.push(chunk), ...d.flush()];
}
