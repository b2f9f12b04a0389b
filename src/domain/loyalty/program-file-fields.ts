/**
 * Field readers of the program file: each takes one key of one object, returns the value in store
 * units or records one problem (its path, a code and a message that says what is allowed and what the
 * file holds). A field is read once, so a bad value is reported once. Null counts as absent.
 */
import { parseAmount, toDecimalString, type Currency } from '../money.js';
import { closest } from '../suggest.js';
import { childPath } from '../json-positions.js';
import type { Target } from './types.js';
import { decimalToUnits } from './units.js';
import { codePointName, firstControl } from '../text-safety.js';

export type ProblemCode =
  | 'PROGRAM_FILE_SYNTAX'
  | 'PROGRAM_UNKNOWN_KEY'
  | 'PROGRAM_AMBIGUOUS_TARGET'
  | 'PROGRAM_BAD_VALUE'
  | 'PROGRAM_DUPLICATE_ID'
  | 'PROGRAM_DUPLICATE_ENTRY'
  | 'PROGRAM_UNKNOWN_TARGET';

export interface FileProblem {
  /** Place in the file: "programs[0].rules[1].cumulativ", "(file)" for the whole file. */
  key: string;
  code: ProblemCode;
  message: string;
  /** Set when the file's text was read (readProgramText): where to look, 1-based. */
  line?: number;
  column?: number;
}

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
export const present = (o: Obj, k: string): boolean => o[k] !== undefined && o[k] !== null;

const ID = /^[A-Za-z0-9_.-]{1,40}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What the file holds, for a message: `got "0"`, `got 150`, `got a list`. */
export function got(v: unknown): string {
  if (Array.isArray(v)) return 'got a list';
  if (isObj(v)) return 'got an object';
  const s = JSON.stringify(v) ?? String(v);
  return `got ${s.length > 40 ? `${s.slice(0, 39)}…` : s}`;
}

export class Reader {
  problems: FileProblem[] = [];
  /** Per problem: locate it at its key (an unknown or conflicting key) or at its value. */
  readonly anchors: ('key' | 'value')[] = [];
  constructor(readonly cur: Currency) {}

  bad(key: string, message: string, code: ProblemCode = 'PROGRAM_BAD_VALUE', anchor: 'key' | 'value' = 'value'): undefined {
    this.problems.push({ key, code, message });
    this.anchors.push(anchor);
    return undefined;
  }

  /** Refuses every key of `o` not in `allowed`, suggesting the closest known one. */
  keys(o: Obj, at: string, allowed: readonly string[], what: string): void {
    for (const k of Object.keys(o)) {
      if (allowed.includes(k)) continue;
      const [near] = closest(k, allowed);
      const hint = near ? ` — did you mean "${near}"?` : '';
      const sentence = `${what[0].toUpperCase()}${what.slice(1)} may have: ${allowed.join(', ')}`;
      this.bad(childPath(at, k), `unknown key ${JSON.stringify(k)}${hint} ${sentence}`, 'PROGRAM_UNKNOWN_KEY', 'key');
    }
  }

  id(o: Obj, k: string, at: string): string {
    const v = o[k];
    if (typeof v !== 'string' || !ID.test(v)) this.bad(`${at}.${k}`, `must be 1-40 letters, digits, ".", "-" or "_", ${got(v)}`);
    return typeof v === 'string' ? v : '';
  }

  /** Names reach the screen and the receipt: control characters (ESC p kicks the drawer) are refused. */
  text(o: Obj, k: string, at: string): string {
    const v = o[k];
    if (typeof v !== 'string' || !v.trim()) this.bad(`${at}.${k}`, `must be non-empty text, ${got(v)}`);
    else if (firstControl(v) >= 0) this.bad(`${at}.${k}`, `must not hold a control character (${codePointName(v, firstControl(v))})`);
    return typeof v === 'string' ? v.trim() : '';
  }

  bool(o: Obj, k: string, at: string): boolean | undefined {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') return this.bad(`${at}.${k}`, `must be true or false (without quotes), ${got(v)}`);
    return v;
  }

  money(o: Obj, k: string, at: string, opts: { required?: boolean; positive?: boolean } = {}): number | undefined {
    const v = o[k];
    if (v === undefined || v === null) return opts.required ? this.bad(`${at}.${k}`, 'is required') : undefined;
    const m = typeof v === 'number' || typeof v === 'string' ? parseAmount(String(v), this.cur) : null;
    const example = toDecimalString(10 ** this.cur.exponent * (opts.positive ? 1 : 5), this.cur);
    const what = opts.positive ? `an amount greater than 0 in ${this.cur.code} such as "${example}"` : `an amount in ${this.cur.code} such as "${example}"`;
    if (m === null || (opts.positive && m <= 0)) return this.bad(`${at}.${k}`, `must be ${what} (at most ${this.cur.exponent} decimals), ${got(v)}`);
    return m;
  }

  units(o: Obj, k: string, at: string, decimals: number, opts: { required?: boolean; positive?: boolean } = {}): number | undefined {
    const v = o[k];
    if (v === undefined || v === null) return opts.required ? this.bad(`${at}.${k}`, 'is required') : undefined;
    const u = decimalToUnits(v, decimals);
    if (u === null) return this.bad(`${at}.${k}`, `must be a number of points${opts.positive ? ' more than 0' : ''} with at most ${decimals} decimals, ${got(v)}`);
    if (opts.positive && u <= 0) return this.bad(`${at}.${k}`, `must be more than 0, ${got(v)}`);
    return u;
  }

  /** A decimal scaled by 10^scale (percent -> ppm with scale 4), within [0, max] or (0, max] if positive. */
  scaled(o: Obj, k: string, at: string, scale: number, max: number, opts: { required?: boolean; positive?: boolean; what?: string } = {}): number | undefined {
    const v = o[k];
    if (v === undefined || v === null) return opts.required ? this.bad(`${at}.${k}`, 'is required') : undefined;
    const u = decimalToUnits(v, scale);
    if (u === null || u > max || (opts.positive && u === 0))
      return this.bad(`${at}.${k}`, `must be ${opts.what ?? 'a number'} ${opts.positive ? 'more than 0' : 'from 0'} ${opts.positive ? 'and at most' : 'to'} ${max / 10 ** scale} with at most ${scale} decimals, ${got(v)}`);
    return u;
  }

  int(o: Obj, k: string, at: string, min: number, max: number): number | undefined {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return this.bad(`${at}.${k}`, `must be a whole number from ${min} to ${max}, ${got(v)}`);
    return v;
  }

  day(o: Obj, k: string, at: string): string | undefined {
    const v = o[k];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string' || !DAY.test(v) || Number.isNaN(Date.parse(v))) return this.bad(`${at}.${k}`, `must be a date "YYYY-MM-DD", ${got(v)}`);
    return v;
  }

  /**
   * A product ("sku") or a category ("category"), never both: the two together read as "this product,
   * and only if it is in this category", which is never what an owner means, so it is refused.
   */
  target(o: Obj, at: string, what: string): Target | undefined {
    const keys = Object.keys(o).filter((k) => (k === 'sku' || k === 'category') && present(o, k));
    if (keys.length === 0) return undefined;
    if (keys.length === 2)
      return this.bad(childPath(at, keys[1]), `${what} targets one product ("sku") or one category ("category"), not both: "sku" and "category" together are ambiguous; keep one`, 'PROGRAM_AMBIGUOUS_TARGET', 'key');
    const k = keys[0] as 'sku' | 'category';
    const v = o[k];
    if (typeof v !== 'string' || !v.trim()) return this.bad(`${at}.${k}`, `must be non-empty text, ${got(v)}`);
    if (firstControl(v) >= 0) return this.bad(`${at}.${k}`, `must not hold a control character (${codePointName(v, firstControl(v))})`);
    return k === 'sku' ? { sku: v } : { category: v };
  }
}
