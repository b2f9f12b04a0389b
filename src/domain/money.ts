/**
 * Money is an integer count of the currency's minor unit (VND 0 decimals, USD 2, KWD 3), always
 * carried beside its currency. Never a float. Arithmetic that can exceed 2^53 (rates) goes through BigInt.
 */
import { digitsOf } from './currency-code.js';

export interface Currency {
  readonly code: string;
  /** Number of minor-unit digits the books are kept in (iso4217.ts). */
  readonly exponent: number;
}

export type Minor = number;

const cache = new Map<string, Currency>();

/**
 * Currency by ISO 4217 code, its exponent from the register's own table (iso4217.ts), never from the
 * runtime's ICU data, so the meaning of stored amounts does not change with the Node version.
 * Throws RangeError for a code not in the table (configurations are checked before they get here).
 */
export function currency(code: string): Currency {
  const upper = code.toUpperCase();
  const hit = cache.get(upper);
  if (hit) return hit;
  const exponent = /^[A-Z]{3}$/.test(upper) ? digitsOf(upper) : undefined;
  if (exponent === undefined) throw new RangeError(`not an ISO 4217 currency code the register keeps books in: ${code}`);
  const c = Object.freeze({ code: upper, exponent });
  cache.set(upper, c);
  return c;
}

export function isMinor(n: unknown): n is Minor {
  return typeof n === 'number' && Number.isSafeInteger(n);
}

export function assertMinor(n: number, what = 'amount'): Minor {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer count of minor units, got ${n}`);
  return n;
}

export const sum = (xs: readonly Minor[]): Minor => xs.reduce((a, b) => a + b, 0);

/**
 * The most a sale may come to before tax is added: half of Number.MAX_SAFE_INTEGER,
 * 4,503,599,627,370,495 minor units (USD 45,035,996,273,704.95). Half, because tax added on top
 * (exclusive prices, a rate of at most 100%) can at most double it, so every sum the register makes
 * of a sale (lines, discounts, tax, total, tenders, change) stays a safe integer, exact in a double.
 */
export const MAX_SALE_AMOUNT: Minor = Math.floor(Number.MAX_SAFE_INTEGER / 2);

/** Exact sum of `unit × qty` over the pairs (BigInt), or null when a part is not an integer. */
export function exactSum(pairs: readonly (readonly [Minor, number])[]): bigint | null {
  let s = 0n;
  for (const [unit, qty] of pairs) {
    if (!Number.isSafeInteger(unit) || !Number.isSafeInteger(qty)) return null;
    s += BigInt(unit) * BigInt(qty);
  }
  return s;
}

/**
 * Splits `total` in proportion to `weights` so that the parts add up to `total` exactly
 * (largest-remainder / Hamilton method). Ties go to the earlier weight. Negative totals are split
 * as the mirror image of the positive split. All-zero weights split evenly.
 */
export function allocate(total: Minor, weights: readonly number[]): Minor[] {
  assertMinor(total, 'total');
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError('cannot allocate a non-zero amount over no weights');
    return [];
  }
  if (total < 0) return allocate(-total, weights).map((x) => (x === 0 ? 0 : -x));
  if (weights.some((w) => w < 0 || !Number.isFinite(w))) throw new RangeError('weights must be finite and >= 0');
  const ws = weights.every((w) => w === 0) ? weights.map(() => 1) : weights;
  // Integer weights keep the split exact; scale decimal weights to integers first.
  const scale = ws.every(Number.isInteger) ? 1 : 1_000_000;
  let big = ws.map((w) => BigInt(Math.round(w * scale)));
  // Weights too small to survive scaling (all below 1e-6) would divide by zero: split over the positive ones.
  if (big.every((w) => w === 0n)) big = ws.map((w) => (w > 0 ? 1n : 0n));
  const wsum = big.reduce((a, b) => a + b, 0n);
  const T = BigInt(total);
  const floors = big.map((w) => (T * w) / wsum);
  const rema = big.map((w, i) => ({ i, r: (T * w) % wsum }));
  let left = Number(T - floors.reduce((a, b) => a + b, 0n));
  rema.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const out = floors.map(Number);
  for (let k = 0; left > 0; k++, left--) out[rema[k % rema.length].i] += 1;
  return out;
}

/** Parts-per-million rate arithmetic with round-half-away-from-zero. amount * ppm / 1e6. */
export function mulPpm(amount: Minor, ppm: number): Minor {
  return divRound(BigInt(amount) * BigInt(ppm), 1_000_000n);
}

/** amount * num / den, rounded half away from zero. */
export function mulDiv(amount: Minor, num: number | bigint, den: number | bigint): Minor {
  return divRound(BigInt(amount) * BigInt(num), BigInt(den));
}

/** amount * num / den, rounded toward zero (used where the rule is "round down", e.g. points). */
export function mulDivFloor(amount: Minor, num: number | bigint, den: number | bigint): Minor {
  return Number((BigInt(amount) * BigInt(num)) / BigInt(den));
}

function divRound(n: bigint, d: bigint): Minor {
  if (d < 0n) return divRound(-n, -d);
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (a * 2n + d) / (2n * d);
  return Number(neg ? -q : q);
}

/** Rounds an amount to a multiple of `unit` minor units (cash rounding, e.g. 5 for CHF 0.05), half up. */
export function roundTo(amount: Minor, unit: number): Minor {
  if (unit <= 1) return amount;
  return divRound(BigInt(amount), BigInt(unit)) * unit;
}

/**
 * Parses what a cashier typed ("12.5", "12,50", "10000", "1 000") into minor units.
 * Returns null for anything that is not a plain non-negative amount with at most `exponent` decimals.
 */
export function parseAmount(text: string, cur: Currency): Minor | null {
  const t = text.trim().replace(/[\s_']/g, '');
  if (!/^\d+([.,]\d*)?$/.test(t)) return null;
  const [whole, frac = ''] = t.split(/[.,]/);
  if (frac.length > cur.exponent) return null;
  const digits = whole + frac.padEnd(cur.exponent, '0');
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) return null;
  return n;
}

/** A plain, locale-free rendering for logs and headless replies: 1234 USD -> "12.34". */
export function toDecimalString(amount: Minor, cur: Currency): string {
  const neg = amount < 0;
  const s = String(Math.abs(amount)).padStart(cur.exponent + 1, '0');
  const out = cur.exponent === 0 ? s : `${s.slice(0, -cur.exponent)}.${s.slice(-cur.exponent)}`;
  return neg ? `-${out}` : out;
}
