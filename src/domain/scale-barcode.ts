/**
 * Price- and weight-embedded EAN-13 (GS1 restricted circulation numbers, prefixes 20-29): a scale
 * or a deli counter prints a label whose digits carry an item code and the price or the weight of
 * that one pack. Pure.
 *
 * A layout is a 13-letter pattern, one letter per digit:
 *   P  the prefix ("20" is PP), I  the item code (looked up as a product barcode), V  the value,
 *   K  the GS1 price/weight check digit over the 4 or 5 V digits (only where the label has one),
 *   C  the EAN-13 check digit (always the last).
 * Supported (docs/weighed-items.md): any split of I and V with or without K, e.g.
 *   "PPIIIIIVVVVVC"  item 5, value 5, no price check digit (the common one),
 *   "PPIIIIIKVVVVC"  item 5, the price check digit, value 4,
 *   "PPIIIIKVVVVVC"  item 4, the price check digit, value 5.
 * The value is, for `price`, minor units of the store currency times `factor` (VND labels often
 * print thousands: factor 1000), and for `weight`, the weight in kg with `decimals` decimals (3 =
 * grams). A weighed line costs weight x the product's price per kg, rounded half up to the minor unit.
 */
import { gs1CheckDigit } from './catalog.js';
import { fail, ok, type Result } from './errors.js';
import type { Minor } from './money.js';

export type ScaleKind = 'price' | 'weight';

export interface ScaleLayout {
  /** One to three digits starting with 2 ("20", "28"). */
  prefix: string;
  kind: ScaleKind;
  /** 13 letters P, I, V, K, C (see above). */
  pattern: string;
  /** Weight: decimals of the kg value (3 = grams). Price: unused. */
  decimals?: number;
  /** Price: the value times this many minor units (default 1). */
  factor?: number;
}

/** What a scale label says. */
export interface ScaleCode {
  layout: ScaleLayout;
  /** The item code digits, as the product's barcode carries them ("12345"). */
  item: string;
  /** The value digits as a number: minor units (price, before factor) or weight units (weight). */
  value: number;
}

/** The layouts a new store starts with: 20-24 price, 25-26 price with a price check digit, 28-29 weight in grams (27 is the loyalty cards' prefix). */
export const DEFAULT_SCALE_LAYOUTS: ScaleLayout[] = [
  ...['20', '21', '22', '23', '24'].map((prefix) => ({ prefix, kind: 'price' as const, pattern: 'PPIIIIIVVVVVC' })),
  ...['25', '26'].map((prefix) => ({ prefix, kind: 'price' as const, pattern: 'PPIIIIIKVVVVC' })),
  ...['28', '29'].map((prefix) => ({ prefix, kind: 'weight' as const, pattern: 'PPIIIIIVVVVVC', decimals: 3 })),
];

// GS1 General Specifications 7.9.3: weighted products of one digit for the price/weight check digit.
/** 2-: twice the digit, less its tens digit, units kept. */
const W2_MINUS = [0, 2, 4, 6, 8, 9, 1, 3, 5, 7];
/** 3: three times the digit, units kept. */
const W3 = [0, 3, 6, 9, 2, 5, 8, 1, 4, 7];
/** 5+: five times the digit, plus its tens digit, units kept. */
const W5_PLUS = [0, 5, 1, 6, 2, 7, 3, 8, 4, 9];
/** 5-: five times the digit, less its tens digit, units kept. */
const W5_MINUS = [0, 5, 9, 4, 8, 3, 7, 2, 6, 1];

/** The GS1 price/weight check digit over a 4- or 5-digit value field ("2875" -> 9, "14685" -> 6). */
export function priceCheckDigit(value: string): number {
  const d = [...value].map((c) => c.charCodeAt(0) - 48);
  if (d.length === 4) {
    const s = W2_MINUS[d[0]] + W2_MINUS[d[1]] + W3[d[2]] + W5_MINUS[d[3]];
    return (s * 3) % 10;
  }
  if (d.length === 5) {
    const s = W5_PLUS[d[0]] + W2_MINUS[d[1]] + W5_MINUS[d[2]] + W5_PLUS[d[3]] + W2_MINUS[d[4]];
    // The check digit is the one whose 5- product brings the sum to a multiple of 10.
    return W5_MINUS.indexOf((10 - (s % 10)) % 10);
  }
  throw new RangeError('the price check digit covers 4 or 5 digits');
}

/** Why a layout cannot be used, or null. Config validation names the key with this text. */
export function layoutProblem(l: unknown): string | null {
  if (!l || typeof l !== 'object') return 'must be { "prefix", "kind", "pattern" }';
  const x = l as Partial<ScaleLayout>;
  if (typeof x.prefix !== 'string' || !/^2\d{0,2}$/.test(x.prefix)) return `"prefix" must be 1-3 digits starting with 2 (20-29 are in-store codes), got ${JSON.stringify(x.prefix)}`;
  if (x.kind !== 'price' && x.kind !== 'weight') return `"kind" must be "price" or "weight", got ${JSON.stringify(x.kind)}`;
  const p = x.pattern;
  if (typeof p !== 'string' || !/^[PIVKC]{13}$/.test(p)) return `"pattern" must be 13 letters of P, I, V, K, C (e.g. "PPIIIIIVVVVVC"), got ${JSON.stringify(p)}`;
  const run = (ch: string) => new RegExp(`^[^${ch}]*${ch}+[^${ch}]*$`).test(p);
  const count = (ch: string) => [...p].filter((c) => c === ch).length;
  if (!p.startsWith('P'.repeat(x.prefix.length)) || count('P') !== x.prefix.length) return `"pattern" must start with one P per prefix digit (${'P'.repeat(x.prefix.length)})`;
  if (!p.endsWith('C') || count('C') !== 1) return '"pattern" must end with the check digit C, and have only one C';
  if (!run('I') || !run('V')) return '"pattern" needs one run of item digits I and one run of value digits V';
  if (count('K') > 1) return '"pattern" has at most one price check digit K';
  if (count('K') === 1 && count('V') !== 4 && count('V') !== 5) return 'a price check digit K covers 4 or 5 value digits V';
  if (x.kind === 'weight' && (x.decimals === undefined || !Number.isInteger(x.decimals) || x.decimals < 0 || x.decimals > 5)) return '"decimals" (of the kg value, 3 = grams) must be 0 to 5 for a weight layout';
  if (x.factor !== undefined && (!Number.isInteger(x.factor) || x.factor < 1 || x.factor > 1_000_000)) return '"factor" must be a whole number from 1 to 1000000';
  return null;
}

const slice = (code: string, pattern: string, ch: string): string => [...code].filter((_, i) => pattern[i] === ch).join('');

/** The layout of a 13-digit code (longest matching prefix), or null when none claims it. */
export function layoutFor(code: string, layouts: readonly ScaleLayout[]): ScaleLayout | null {
  if (!/^\d{13}$/.test(code)) return null;
  let best: ScaleLayout | null = null;
  for (const l of layouts) if (code.startsWith(l.prefix) && (!best || l.prefix.length > best.prefix.length)) best = l;
  return best;
}

/**
 * Decodes a scale label. Null when no layout claims the code (not a scale label: the caller looks it
 * up as an ordinary barcode); SCALE_CHECK_DIGIT or SCALE_PRICE_CHECK when a digit was misread.
 */
export function decodeScaleCode(code: string, layouts: readonly ScaleLayout[]): Result<ScaleCode> | null {
  const layout = layoutFor(code, layouts);
  if (!layout) return null;
  const want = gs1CheckDigit(code.slice(0, 12));
  if (want !== Number(code[12])) return fail('SCALE_CHECK_DIGIT', `The label ${code} did not scan right (bad check digit). Scan it again.`, { code });
  const value = slice(code, layout.pattern, 'V');
  const k = slice(code, layout.pattern, 'K');
  if (k !== '' && priceCheckDigit(value) !== Number(k))
    return fail('SCALE_PRICE_CHECK', `The label ${code} did not scan right (its price or weight check digit does not match). Scan it again.`, { code });
  return ok({ layout, item: slice(code, layout.pattern, 'I'), value: Number(value) });
}

/** Half-up rounding of num/den for non-negative integers, exact (BigInt). */
function roundHalfUp(num: bigint, den: bigint): bigint {
  return (num * 2n + den) / (den * 2n);
}

/** What one scanned label adds: the line's price and, for a weight, the weight and the price per kg. */
export interface ScaleLine {
  amount: Minor;
  weight?: { value: number; decimals: number; pricePerKg: Minor };
}

/**
 * The line a label makes for a product whose price is `price` (per kg for a weight label):
 * 0.750 kg x 2.40/kg = 1.80 (750 x 240 / 1000); 0.333 kg x 2.99/kg = 0.99567 -> 1.00.
 */
export function scaleLine(c: ScaleCode, price: Minor): ScaleLine {
  if (c.layout.kind === 'price') return { amount: c.value * (c.layout.factor ?? 1) };
  const decimals = c.layout.decimals ?? 3;
  const amount = Number(roundHalfUp(BigInt(c.value) * BigInt(price), 10n ** BigInt(decimals)));
  return { amount, weight: { value: c.value, decimals, pricePerKg: price } };
}

/** "0.750" for 750 with 3 decimals: the weight as the label gives it, before the locale's formatting. */
export const weightText = (w: { value: number; decimals: number }): string => {
  if (w.decimals === 0) return String(w.value);
  const s = String(w.value).padStart(w.decimals + 1, '0');
  return `${s.slice(0, -w.decimals)}.${s.slice(-w.decimals)}`;
};

/** The weight a sale line carries from its scale label (`meta.scale`, as journaled), or null. */
export function lineWeight(l: { meta?: Record<string, unknown> }): { weight: string; pricePerKg: Minor } | null {
  const m = l.meta?.scale as { weight?: unknown; pricePerKg?: unknown } | undefined;
  if (!m || typeof m.weight !== 'string' || !/^\d+(\.\d+)?$/.test(m.weight) || !Number.isSafeInteger(m.pricePerKg)) return null;
  return { weight: m.weight, pricePerKg: m.pricePerKg as Minor };
}
