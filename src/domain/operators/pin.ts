/**
 * Operator PINs: 4–8 digits, kept only as a salted scrypt hash (never in clear, never in a log or an
 * event). scrypt because a PIN has at most 10^8 values: a fast hash of a stolen store.json would fall
 * in seconds, scrypt's memory-hard cost (N=2^14, r=8: 16 MiB, ~50 ms on a PC, a few hundred on a Pi)
 * makes every guess expensive while a sign-in stays quick. The cost travels with the hash, so it can
 * be raised later without breaking the PINs already set. The salt comes from the caller (random bytes
 * in production), which keeps this a pure function of its inputs.
 */
import { scryptSync, timingSafeEqual } from 'node:crypto';
import { fail, ok, type Result } from '../errors.js';

export interface PinHash {
  alg: 'scrypt';
  /** scrypt cost parameters. */
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
  /** base64, 32 bytes */
  hash: string;
}

export interface PinCost {
  N: number;
  r: number;
  p: number;
}

export const PIN_COST: PinCost = { N: 1 << 14, r: 8, p: 1 };
const KEY_BYTES = 32;

/** 4 to 8 digits, nothing else (a PIN is typed on the till's number keys). */
export function checkPin(pin: unknown): Result<string> {
  if (typeof pin !== 'string' || !/^\d{4,8}$/.test(pin)) return fail('PIN_FORMAT', 'A PIN is 4 to 8 digits.');
  return ok(pin);
}

export function hashPin(pin: string, salt: Uint8Array, cost: PinCost = PIN_COST): PinHash {
  const key = scryptSync(pin, salt, KEY_BYTES, { N: cost.N, r: cost.r, p: cost.p, maxmem: 256 * cost.N * cost.r + (1 << 20) });
  return { alg: 'scrypt', N: cost.N, r: cost.r, p: cost.p, salt: Buffer.from(salt).toString('base64'), hash: key.toString('base64') };
}

/** Constant-time comparison; a malformed stored hash never matches (and never throws). */
export function verifyPin(pin: string, stored: PinHash | undefined): boolean {
  if (!stored || stored.alg !== 'scrypt' || typeof pin !== 'string') return false;
  const { N, r, p } = stored;
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N > 1 << 20 || (N & (N - 1)) !== 0 || r > 32 || p > 16) return false;
  try {
    const want = Buffer.from(stored.hash, 'base64');
    if (want.length !== KEY_BYTES) return false;
    const got = scryptSync(pin, Buffer.from(stored.salt, 'base64'), KEY_BYTES, { N, r, p, maxmem: 256 * N * r + (1 << 20) });
    return timingSafeEqual(got, want);
  } catch {
    return false;
  }
}
