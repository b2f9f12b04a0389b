/**
 * Exact arithmetic for points: decimals typed by a shop owner ("0.01", "1.5") become integer units or
 * reduced rationals, and sums of rationals are floored only once, at the program's step.
 */
import type { Units } from './types.js';

/** A non-negative rational n/d, d > 0. */
export interface Ratio {
  n: bigint;
  d: bigint;
}

export const ZERO: Ratio = { n: 0n, d: 1n };

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}

export function ratio(n: number | bigint, d: number | bigint = 1): Ratio {
  const N = BigInt(n);
  const D = BigInt(d);
  if (D === 0n) throw new RangeError('ratio with zero denominator');
  const g = gcd(N, D);
  return D < 0n ? { n: -N / g, d: -D / g } : { n: N / g, d: D / g };
}

export const addR = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.d + b.n * a.d, a.d * b.d);
export const mulR = (a: Ratio, b: Ratio): Ratio => ratio(a.n * b.n, a.d * b.d);

/** Largest multiple of `step` not above r (r >= 0). */
export function floorToStep(r: Ratio, step: Units): Units {
  const s = BigInt(Math.max(1, step));
  return Number((r.n / (r.d * s)) * s);
}

/**
 * Parses a plain decimal ("12", "0.01", "1,5") to the rational it denotes. Returns null for anything
 * else (signs, exponents, empty). Numbers are read through their shortest decimal rendering.
 */
export function parseDecimal(v: unknown): Ratio | null {
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : typeof v === 'string' ? v.trim() : '';
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(text);
  if (!m) return null;
  const frac = m[2] ?? '';
  return ratio(BigInt(m[1] + frac), 10n ** BigInt(frac.length));
}

/** A decimal expressed exactly in units of 10^-decimals, or null if it needs more decimals. */
export function decimalToUnits(v: unknown, decimals: number): number | null {
  const r = parseDecimal(v);
  if (!r) return null;
  const scaled = mulR(r, ratio(10n ** BigInt(decimals)));
  if (scaled.d !== 1n || scaled.n > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(scaled.n);
}

/** Units to a plain decimal string: 250 units at 2 decimals -> "2.50". */
export function formatUnits(units: Units, decimals: number): string {
  const neg = units < 0;
  const s = String(Math.abs(units)).padStart(decimals + 1, '0');
  const out = decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
  return neg ? `-${out}` : out;
}

/** Parses a signed points amount typed by an operator ("-5", "+2.5") into units, or null. */
export function parseSignedUnits(text: string, decimals: number): number | null {
  const t = text.trim();
  const neg = t.startsWith('-');
  const body = t.replace(/^[+-]/, '');
  const u = decimalToUnits(body, decimals);
  return u === null ? null : neg ? -u : u;
}

/** Reduced integer pair for "`points` units per `per` minor units". */
export function reducePair(points: bigint, per: bigint): { points: number; per: number } | null {
  if (points <= 0n || per <= 0n) return null;
  const g = gcd(points, per);
  const p = points / g;
  const q = per / g;
  if (p > BigInt(Number.MAX_SAFE_INTEGER) || q > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return { points: Number(p), per: Number(q) };
}
