/**
 * Telling a keyboard-wedge scanner from a person at the keyboard. A USB scanner in keyboard mode
 * "types" its code and a terminator (Enter or Tab) a few milliseconds apart; a person leaves tens to
 * hundreds of milliseconds between keys. Printable keys are therefore held back while they keep
 * arriving less than `gapMs` apart:
 *
 * - the terminator arrives while the run is unbroken and at least `minLength` long → one scan;
 * - the gap elapses (the caller calls `flush` at `deadline()`), or any other key arrives → the held
 *   keys are released as the typing they were, in order, followed by that key.
 *
 * A scanner programmed with a prefix and/or suffix (config `scanner.prefix` / `scanner.suffix`,
 * e.g. STX and ETX) is recognised by them whatever the timing: a run that starts with the prefix is
 * a scan at the suffix (or at the terminator when no suffix is set); the affixes are stripped.
 * Pure: the time of each key is given by the caller, so tests drive it with an injected clock.
 */
import type { Key } from './decode.js';

export interface WedgeSettings {
  /** Longest pause between two keys of one scan, in ms. */
  gapMs: number;
  /** Shortest code (without terminator and affixes) taken as a scan. */
  minLength: number;
  /** Keys that end a scan. */
  terminators: readonly ('enter' | 'tab')[];
  /** Characters the scanner sends before / after each code ("" = none). */
  prefix: string;
  suffix: string;
}

export const DEFAULT_WEDGE: WedgeSettings = { gapMs: 30, minLength: 3, terminators: ['enter', 'tab'], prefix: '', suffix: '' };

/** With a prefix, a slow scanner or a long code still counts while its keys keep coming this often. */
const AFFIX_GAP_MS = 500;

export type WedgeOutput = { kind: 'key'; key: Key } | { kind: 'scan'; code: string; at: number };

export interface WedgeDetector {
  /** One decoded key and the time it arrived; returns what is decided now. */
  push(key: Key, at: number): WedgeOutput[];
  /** When the held keys become typing if nothing else arrives (ms), or null when none are held. */
  deadline(): number | null;
  /** Releases held keys whose gap has elapsed by `at` (all of them when `at` is omitted). */
  flush(at?: number): WedgeOutput[];
}

const printable = (k: Key): boolean => k.name === 'char' && !k.ctrl && !k.meta && k.ch !== undefined;

export function createWedgeDetector(settings: Partial<WedgeSettings> = {}): WedgeDetector {
  const cfg: WedgeSettings = { ...DEFAULT_WEDGE, ...settings };
  let held: Key[] = [];
  let last = 0;
  const text = () => held.map((k) => k.ch).join('');
  const prefixed = () => cfg.prefix !== '' && text().startsWith(cfg.prefix);
  /** Could the held keys still become the configured prefix? */
  const maybePrefix = () => cfg.prefix !== '' && cfg.prefix.startsWith(text());
  const gap = () => (prefixed() || maybePrefix() ? Math.max(cfg.gapMs, AFFIX_GAP_MS) : cfg.gapMs);

  const release = (): WedgeOutput[] => {
    const out = held.map((key): WedgeOutput => ({ kind: 'key', key }));
    held = [];
    return out;
  };

  const scan = (at: number): WedgeOutput[] => {
    let code = text();
    if (cfg.prefix && code.startsWith(cfg.prefix)) code = code.slice(cfg.prefix.length);
    if (cfg.suffix && code.endsWith(cfg.suffix)) code = code.slice(0, -cfg.suffix.length);
    held = [];
    return code === '' ? [] : [{ kind: 'scan', code, at }];
  };

  /** A terminator right after a scan ended by its suffix belongs to that scan. */
  let swallowUntil = -1;

  return {
    push(key, at) {
      const out: WedgeOutput[] = [];
      if (held.length && at - last > gap()) out.push(...release());
      if (printable(key)) {
        held.push(key);
        last = at;
        const body = text().length - cfg.suffix.length - (prefixed() ? cfg.prefix.length : 0);
        if (cfg.suffix && body >= 1 && text().endsWith(cfg.suffix) && (prefixed() || cfg.prefix === '')) {
          swallowUntil = at + gap();
          out.push(...scan(at));
        }
        return out;
      }
      const terminator = (key.name === 'enter' || key.name === 'tab') && cfg.terminators.includes(key.name);
      if (terminator && !held.length && at <= swallowUntil) {
        swallowUntil = -1;
        return out;
      }
      if (terminator && held.length && (prefixed() || held.length >= cfg.minLength)) return [...out, ...scan(at)];
      return [...out, ...release(), { kind: 'key', key }];
    },
    deadline: () => (held.length ? last + gap() : null),
    flush(at) {
      if (!held.length) return [];
      if (at !== undefined && at - last <= gap()) return [];
      return release();
    },
  };
}
