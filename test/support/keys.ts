/**
 * Key constants for UI tests: the bytes a terminal sends. One place, so a test reads as keystrokes
 * ("KEY.pay", "FKEY.xterm.f2") and the sequences are checked once against the decoder.
 */
export const KEY = {
  enter: '\r',
  escape: '\x1b',
  backspace: '\x7f',
  /** Backspace on terminals that send BS. */
  backspaceBS: '\b',
  delete: '\x1b[3~',
  up: '\x1b[A',
  down: '\x1b[B',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  ctrlC: '\x03',
  ctrlQ: '\x11',
  ctrlU: '\x15',
  ctrlG: '\x07',
  tab: '\t',
  left: '\x1b[D',
  right: '\x1b[C',
  // Loyalty and gift-card keys (each also has an F-key: F12, F6, F7; F2 in the customer overlays).
  ctrlB: '\x02',
  ctrlD: '\x04',
  ctrlF: '\x06',
  ctrlN: '\x0e',
  ctrlR: '\x12',
  ctrlS: '\x13',
  // Lock (Ctrl+L) and the screen language (Ctrl+O, also F2 on the sign-in screens and idle).
  ctrlL: '\x0c',
  ctrlO: '\x0f',
  // Park the sale; between sales, the parked sales (Ctrl+P).
  ctrlP: '\x10',
  // Plain-key alternatives (numeric keypad keys).
  pay: '+',
  exact: '+',
  remove: '-',
  void: '/',
  qty: '*',
  card: '*',
  lastReceipt: '.',
  help: '?',
} as const;

type F = 'f1' | 'f2' | 'f3' | 'f4' | 'f5' | 'f6' | 'f7' | 'f8' | 'f9' | 'f10' | 'f11' | 'f12';

const common = {
  f5: '\x1b[15~',
  f6: '\x1b[17~',
  f7: '\x1b[18~',
  f8: '\x1b[19~',
  f9: '\x1b[20~',
  f10: '\x1b[21~',
  f11: '\x1b[23~',
  f12: '\x1b[24~',
};

/** F-key sequences per terminal family. */
export const FKEY: Record<'xterm' | 'linux' | 'vt220' | 'tmux', Record<F, string>> = {
  // xterm, VTE (GNOME Terminal), kitty in legacy mode.
  xterm: { f1: '\x1bOP', f2: '\x1bOQ', f3: '\x1bOR', f4: '\x1bOS', ...common },
  // The Linux console (the kiosk's tty1): F1–F5 are ESC [ [ A..E.
  linux: { f1: '\x1b[[A', f2: '\x1b[[B', f3: '\x1b[[C', f4: '\x1b[[D', f5: '\x1b[[E', f6: common.f6, f7: common.f7, f8: common.f8, f9: common.f9, f10: common.f10, f11: common.f11, f12: common.f12 },
  // VT220 / rxvt: F1–F4 as ESC [ 11~ … 14~.
  vt220: { f1: '\x1b[11~', f2: '\x1b[12~', f3: '\x1b[13~', f4: '\x1b[14~', ...common },
  // tmux (TERM=screen / tmux-256color) passes F1–F4 as SS3 and F5+ as CSI ~.
  tmux: { f1: '\x1bOP', f2: '\x1bOQ', f3: '\x1bOR', f4: '\x1bOS', ...common },
};

/** Shift+F1 and Ctrl+F5 as xterm sends them (modifier parameter). */
export const MODIFIED_FKEY = { shiftF1: '\x1b[1;2P', ctrlF5: '\x1b[15;5~' };
