/**
 * Field readers of the program file: each takes one key of one object, returns the value in store
 * units or records one problem (its path, a code, a reason with the values that say what is allowed
 * and what the file holds, and the same in English). A field is read once, so a bad value is
 * reported once. Null counts as absent. The words are the catalogs' (`cli.loyalty.problem.<REASON>`,
 * src/i18n/program-problem.ts renders them in the manager's language).
 */
import { parseAmount, toDecimalString, type Currency } from '../money.js';
import { closest } from '../suggest.js';
import { childPath } from '../json-positions.js';
import type { Target } from './types.js';
import { decimalToUnits } from './units.js';
import { codePointName, firstControl } from '../text-safety.js';
import { sayText, type Said, type SaidParams } from '../../i18n/said.js';

export type ProblemCode =
  | 'PROGRAM_FILE_SYNTAX'
  | 'PROGRAM_UNKNOWN_KEY'
  | 'PROGRAM_AMBIGUOUS_TARGET'
  | 'PROGRAM_BAD_VALUE'
  | 'PROGRAM_DUPLICATE_ID'
  | 'PROGRAM_DUPLICATE_ENTRY'
  | 'PROGRAM_UNKNOWN_TARGET';

/** What exactly is wrong (`cli.loyalty.problem.<REASON>` says it). */
export const PROBLEM_REASONS = [
  'FILE_SYNTAX', 'FILE_NOT_OBJECT', 'UNKNOWN_KEY', 'UNKNOWN_KEY_NEAR', 'ID_BAD', 'ID_TWICE', 'TEXT_EMPTY', 'TEXT_CONTROL',
  'BOOL_BAD', 'REQUIRED', 'MONEY_BAD', 'MONEY_POSITIVE', 'POINTS_BAD', 'POINTS_POSITIVE', 'POSITIVE', 'PERCENT_RANGE',
  'PERCENT_POSITIVE', 'NUMBER_RANGE', 'NUMBER_POSITIVE', 'INT_RANGE', 'DAY_BAD', 'TARGET_BOTH', 'LIST_BAD', 'OBJECT_BAD',
  'RULE_POINTS_NEEDED', 'RULE_POINTS_BAD', 'RULE_TOO_FINE', 'RULE_NO_POINTS', 'CUMULATIVE_UNTARGETED', 'REWARD_TYPE_BAD',
  'FREE_SKU_REQUIRED', 'END_BEFORE_START', 'TIERS_NOT_OBJECT', 'BASIS_BAD', 'LADDER_PROGRAM', 'LEVELS_BAD',
  'CASHBACK_NO_PROGRAM', 'CASHBACK_NO_VALUE', 'FIRST_THRESHOLD', 'THRESHOLD_ORDER', 'PRICES_BAD', 'PRICE_TARGET_NONE',
  'PRICE_BOTH', 'PRICE_NONE', 'SKU_PRICED_TWICE', 'CATEGORY_PRICED_TWICE', 'SKU_UNKNOWN', 'CATEGORY_UNKNOWN', 'CATEGORY_UNKNOWN_NEAR',
] as const;
export type ProblemReason = (typeof PROBLEM_REASONS)[number];

export interface FileProblem {
  /** Place in the file: "programs[0].rules[1].cumulativ", "(file)" for the whole file. */
  key: string;
  code: ProblemCode;
  reason: ProblemReason;
  /** The values its words need; a value that is itself words (what the file holds) is a message. */
  params: SaidParams;
  /** The problem in English (logs, tests); the CLI prints it in the output's language. */
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
export function got(v: unknown): Said {
  if (Array.isArray(v)) return { key: 'cli.loyalty.problem.got.list' };
  if (isObj(v)) return { key: 'cli.loyalty.problem.got.object' };
  const s = JSON.stringify(v) ?? String(v);
  return { key: 'cli.loyalty.problem.got.value', params: { value: s.length > 40 ? `${s.slice(0, 39)}…` : s } };
}

/** The kind of object a message names ("a rule", "a "fixed" reward"). */
export type What = 'file' | 'program' | 'rule' | 'reward' | 'tiers' | 'tier' | 'priceEntry' | { rewardOf: string };
export const what = (w: What): Said =>
  typeof w === 'string' ? { key: `cli.loyalty.problem.what.${w}` } : { key: 'cli.loyalty.problem.what.rewardOf', params: { type: w.rewardOf } };

/** The problem `p` in `lang`: its reason's words with its values. */
export const problemText = (p: Pick<FileProblem, 'reason' | 'params'>, lang = 'en'): string => sayText({ key: `cli.loyalty.problem.${p.reason}`, params: p.params }, lang);

/** Braces for a message (a catalog template cannot hold them: they are its slots). */
export const OBJ = '{…}';

export class Reader {
  problems: FileProblem[] = [];
  /** Per problem: locate it at its key (an unknown or conflicting key) or at its value. */
  readonly anchors: ('key' | 'value')[] = [];
  constructor(readonly cur: Currency) {}

  bad(key: string, reason: ProblemReason, params: SaidParams = {}, code: ProblemCode = 'PROGRAM_BAD_VALUE', anchor: 'key' | 'value' = 'value'): undefined {
    this.problems.push({ key, code, reason, params, message: problemText({ reason, params }) });
    this.anchors.push(anchor);
    return undefined;
  }

  /** Refuses every key of `o` not in `allowed`, suggesting the closest known one. */
  keys(o: Obj, at: string, allowed: readonly string[], of: What): void {
    for (const k of Object.keys(o)) {
      if (allowed.includes(k)) continue;
      const [near] = closest(k, allowed);
      const params = { key: JSON.stringify(k), what: what(of), allowed: allowed.join(', ') };
      this.bad(childPath(at, k), near ? 'UNKNOWN_KEY_NEAR' : 'UNKNOWN_KEY', near ? { ...params, near } : params, 'PROGRAM_UNKNOWN_KEY', 'key');
    }
  }

  id(o: Obj, k: string, at: string): string {
    const v = o[k];
    if (typeof v !== 'string' || !ID.test(v)) this.bad(`${at}.${k}`, 'ID_BAD', { got: got(v) });
    return typeof v === 'string' ? v : '';
  }

  /** Names reach the screen and the receipt: control characters (ESC p kicks the drawer) are refused. */
  text(o: Obj, k: string, at: string): string {
    const v = o[k];
    if (typeof v !== 'string' || !v.trim()) this.bad(`${at}.${k}`, 'TEXT_EMPTY', { got: got(v) });
    else if (firstControl(v) >= 0) this.bad(`${at}.${k}`, 'TEXT_CONTROL', { char: codePointName(v, firstControl(v)) });
    return typeof v === 'string' ? v.trim() : '';
  }

  bool(o: Obj, k: string, at: string): boolean | undefined {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') return this.bad(`${at}.${k}`, 'BOOL_BAD', { got: got(v) });
    return v;
  }

  money(o: Obj, k: string, at: string, opts: { required?: boolean; positive?: boolean } = {}): number | undefined {
    const v = o[k];
    if (v === undefined || v === null) return opts.required ? this.bad(`${at}.${k}`, 'REQUIRED') : undefined;
    const m = typeof v === 'number' || typeof v === 'string' ? parseAmount(String(v), this.cur) : null;
    const example = toDecimalString(10 ** this.cur.exponent * (opts.positive ? 1 : 5), this.cur);
    if (m === null || (opts.positive && m <= 0))
      return this.bad(`${at}.${k}`, opts.positive ? 'MONEY_POSITIVE' : 'MONEY_BAD', { currency: this.cur.code, example, decimals: this.cur.exponent, got: got(v) });
    return m;
  }

  units(o: Obj, k: string, at: string, decimals: number, opts: { required?: boolean; positive?: boolean } = {}): number | undefined {
    const v = o[k];
    if (v === undefined || v === null) return opts.required ? this.bad(`${at}.${k}`, 'REQUIRED') : undefined;
    const u = decimalToUnits(v, decimals);
    if (u === null) return this.bad(`${at}.${k}`, opts.positive ? 'POINTS_POSITIVE' : 'POINTS_BAD', { decimals, got: got(v) });
    if (opts.positive && u <= 0) return this.bad(`${at}.${k}`, 'POSITIVE', { got: got(v) });
    return u;
  }

  /** A decimal scaled by 10^scale (percent -> ppm with scale 4), within [0, max] or (0, max] if positive. */
  scaled(o: Obj, k: string, at: string, scale: number, max: number, opts: { required?: boolean; positive?: boolean; percent?: boolean } = {}): number | undefined {
    const v = o[k];
    if (v === undefined || v === null) return opts.required ? this.bad(`${at}.${k}`, 'REQUIRED') : undefined;
    const u = decimalToUnits(v, scale);
    if (u === null || u > max || (opts.positive && u === 0))
      return this.bad(`${at}.${k}`, `${opts.percent ? 'PERCENT' : 'NUMBER'}_${opts.positive ? 'POSITIVE' : 'RANGE'}`, { max: String(max / 10 ** scale), decimals: scale, got: got(v) });
    return u;
  }

  int(o: Obj, k: string, at: string, min: number, max: number): number | undefined {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return this.bad(`${at}.${k}`, 'INT_RANGE', { min: String(min), max: String(max), got: got(v) });
    return v;
  }

  day(o: Obj, k: string, at: string): string | undefined {
    const v = o[k];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string' || !DAY.test(v) || Number.isNaN(Date.parse(v))) return this.bad(`${at}.${k}`, 'DAY_BAD', { got: got(v) });
    return v;
  }

  /**
   * A product ("sku") or a category ("category"), never both: the two together read as "this product,
   * and only if it is in this category", which is never what an owner means, so it is refused.
   */
  target(o: Obj, at: string, of: What): Target | undefined {
    const keys = Object.keys(o).filter((k) => (k === 'sku' || k === 'category') && present(o, k));
    if (keys.length === 0) return undefined;
    if (keys.length === 2)
      return this.bad(childPath(at, keys[1]), 'TARGET_BOTH', { what: what(of) }, 'PROGRAM_AMBIGUOUS_TARGET', 'key');
    const k = keys[0] as 'sku' | 'category';
    const v = o[k];
    if (typeof v !== 'string' || !v.trim()) return this.bad(`${at}.${k}`, 'TEXT_EMPTY', { got: got(v) });
    if (firstControl(v) >= 0) return this.bad(`${at}.${k}`, 'TEXT_CONTROL', { char: codePointName(v, firstControl(v)) });
    return k === 'sku' ? { sku: v } : { category: v };
  }
}
