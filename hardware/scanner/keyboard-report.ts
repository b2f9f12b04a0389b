/**
 * Decodes a keyboard-mode scanner's boot keyboard reports into complete codes. Pure: reports in,
 * codes out; the driver (hid.ts) feeds it what node-hid reads.
 *
 * A boot report is 8 bytes: modifiers (bit 1 / bit 5 = left / right Shift, bit 6 = right Alt =
 * AltGr, bits 0/4 Ctrl, 2 Alt, 3/7 GUI), a reserved byte, then up to six usage codes of the keys
 * held down. A scanner "types" each character as a report with the key down and one with it up, so
 * a key counts when it appears (it was not down in the previous report): "11" is down, up, down, up.
 * A composite device that numbers its reports sends a report id first (9 bytes); that byte is dropped.
 *
 * Enter (main or keypad) ends a code; Tab too when `scanner.terminator` allows it. Keys with Ctrl,
 * Alt or GUI held (not AltGr) type nothing, and neither do keys the layout has no character for: a
 * scanner's programmed control prefix never ends up inside a code. A dead key waits for the next
 * key: composed when Unicode has the letter (^ then e = ê), the accent itself before Space, both
 * otherwise - as a console would.
 */
import { isDead, keyChars, SPACING, USAGE_ENTER, USAGE_KP_ENTER, USAGE_TAB, type ScannerLayout } from './layouts.js';

export interface KeyboardDecoderOptions {
  layout: ScannerLayout;
  /** Tab ends a code too (scanner.terminator "tab" or "both"). */
  tab?: boolean;
  /** Only Tab ends a code (scanner.terminator "tab"). */
  tabOnly?: boolean;
  /** A code longer than this is not a scan (noise, a stuck key): dropped. */
  maxLength?: number;
}

export interface KeyboardDecoder {
  /** One input report; returns the codes it completed (usually none or one). */
  push(report: Uint8Array | readonly number[]): string[];
  /** Forgets a half-typed code and the keys held (the device went away mid-scan). */
  reset(): void;
  /** Characters typed since the last terminator (tests, diagnostics). */
  pending(): string;
}

const SHIFT = 0x02 | 0x20;
const ALTGR = 0x40;
const CTRL = 0x01 | 0x10;
const OTHER = 0x04 | 0x08 | 0x80; // left Alt, GUIs

/** The 8 bytes of a boot report, or null for something that is not one. */
export function bootReport(report: Uint8Array | readonly number[]): number[] | null {
  const bytes = Array.from(report);
  if (bytes.length === 9) return bytes.slice(1);
  if (bytes.length < 8) return null;
  return bytes.slice(0, 8);
}

export function createKeyboardDecoder(opts: KeyboardDecoderOptions): KeyboardDecoder {
  const maxLength = opts.maxLength ?? 4096;
  const ends = new Set<number>(opts.tabOnly ? [USAGE_TAB] : opts.tab ? [USAGE_ENTER, USAGE_KP_ENTER, USAGE_TAB] : [USAGE_ENTER, USAGE_KP_ENTER]);
  let held = new Set<number>();
  let text = '';
  let dead = '';

  const type = (ch: string) => {
    if (dead) {
      const accent = dead;
      dead = '';
      if (ch === ' ') ch = SPACING[accent] ?? ch;
      else if (isDead(ch)) ch = (SPACING[accent] ?? '') + ch;
      else {
        const composed = (ch + accent).normalize('NFC');
        ch = composed.length === 1 ? composed : (SPACING[accent] ?? '') + ch;
      }
    }
    if (isDead(ch.slice(-1))) {
      text += ch.slice(0, -1);
      dead = ch.slice(-1);
      return;
    }
    text += ch;
    if (text.length > maxLength) text = text.slice(0, maxLength + 1); // marked too long: dropped at its end
  };

  return {
    push(report) {
      const r = bootReport(report);
      if (!r) return [];
      const mods = r[0];
      const keys = r.slice(2).filter((k) => k > 0x03); // 0 none, 1 rollover, 2 POST fail, 3 undefined
      if (r.slice(2).some((k) => k === 0x01)) return []; // phantom state: too many keys, nothing is known
      const out: string[] = [];
      const now = new Set(keys);
      for (const k of keys) {
        if (held.has(k)) continue;
        if (ends.has(k)) {
          if (dead) type(' ');
          if (text && text.length <= maxLength) out.push(text);
          text = '';
          dead = '';
          continue;
        }
        const ctrl = (mods & CTRL) !== 0;
        const altgr = (mods & ALTGR) !== 0 || (ctrl && (mods & 0x04) !== 0); // Ctrl+Alt is AltGr on some keyboards
        if (!altgr && (ctrl || (mods & OTHER) !== 0)) continue;
        const chars = keyChars(opts.layout, k);
        if (!chars) continue;
        const ch = altgr ? chars[2] : (mods & SHIFT) !== 0 ? chars[1] : chars[0];
        if (ch) type(ch);
      }
      held = now;
      return out;
    },
    reset() {
      held = new Set();
      text = '';
      dead = '';
    },
    pending: () => text + (dead ? (SPACING[dead] ?? '') : ''),
  };
}
