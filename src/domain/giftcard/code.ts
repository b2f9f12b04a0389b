/**
 * Gift-card codes. A code is 19 symbols of Crockford base32 (95 random bits from a cryptographic
 * source, supplied by the caller) plus one check symbol: 20 ASCII characters, printed as five groups
 * of four, scanned as Code128 behind the configured prefix ("GC" by default).
 *
 * The check symbol is a Damm-style check over GF(32): s = α·s ⊕ v for every symbol v, and the check
 * symbol makes the final s zero. Because α ≠ 0, 1 the fold detects every single-symbol substitution
 * and every adjacent transposition (including one with the check symbol itself); because α is
 * primitive it also detects every x?y -> y?x jump transposition. A mistyped or misread code is
 * therefore refused before any lookup, and a guesser without the rule wastes 31 of 32 tries.
 */
import { ok, type Result } from '../errors.js';
import { refuse } from './errors.js';

/** Crockford base32: no I, L, O, U. Unambiguous on paper and on a thermal print. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_BODY_LENGTH = 19;
export const CODE_LENGTH = CODE_BODY_LENGTH + 1;
/** Random bytes generateCode needs (95 bits are used). */
export const CODE_RANDOM_BYTES = 12;

const VALUE = new Map<string, number>([...CODE_ALPHABET].map((c, i) => [c, i]));
// Crockford's decoding aliases: what a person types for 0 and 1 when reading a printed card.
VALUE.set('O', 0);
VALUE.set('I', 1);
VALUE.set('L', 1);

/** Multiply by α in GF(2^5) with the primitive polynomial x^5 + x^2 + 1. */
const mulAlpha = (s: number): number => ((s << 1) & 0x20 ? (s << 1) ^ 0x25 : s << 1);

function fold(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s = mulAlpha(s) ^ v;
  return s;
}

/** The check symbol for a 19-symbol body (canonical alphabet characters). */
export function checkSymbol(body: string): string {
  const values = [...body].map((c) => {
    const v = VALUE.get(c);
    if (v === undefined) throw new RangeError('code body must use the code alphabet');
    return v;
  });
  return CODE_ALPHABET[mulAlpha(fold(values))];
}

/** True when a canonical 20-symbol code carries a correct check symbol. */
export function hasValidCheck(code: string): boolean {
  if (code.length !== CODE_LENGTH) return false;
  const values: number[] = [];
  for (const c of code) {
    const v = VALUE.get(c);
    if (v === undefined) return false;
    values.push(v);
  }
  return fold(values) === 0;
}

/**
 * A new code from caller-supplied random bytes (crypto.randomBytes(CODE_RANDOM_BYTES) in production;
 * fixed bytes in tests). Throws on fewer bytes than needed: that is a programming error, not input.
 */
export function generateCode(random: Uint8Array): string {
  if (random.length < CODE_RANDOM_BYTES) throw new RangeError(`generateCode needs ${CODE_RANDOM_BYTES} random bytes`);
  let acc = 0;
  let bits = 0;
  let k = 0;
  let body = '';
  while (body.length < CODE_BODY_LENGTH) {
    if (bits < 5) {
      acc = ((acc << 8) | random[k++]) & 0xfff;
      bits += 8;
    }
    body += CODE_ALPHABET[(acc >> (bits - 5)) & 31];
    bits -= 5;
  }
  return body + checkSymbol(body);
}

const normalizePrefix = (prefix: string): string => prefix.replace(/[\s-]/g, '').toUpperCase();

/**
 * Whether a scan is meant as a gift card: it starts with the configured prefix. The scan is then
 * routed to the gift-card flow even if malformed, so a misread card gets "not recognised", not
 * "unknown product".
 */
export function isGiftCardScan(scan: string, prefix: string): boolean {
  const p = normalizePrefix(prefix);
  return p.length > 0 && scan.trim().toUpperCase().startsWith(p);
}

/**
 * Parses a scanned or typed code: with or without the prefix, spaces or dashes, any letter case,
 * Crockford aliases (O for 0, I/L for 1). Returns the canonical 20-symbol code, or GIFT_CARD_BAD_CHECK
 * for anything malformed or failing the check. That detail is for the back office: the checkout turns
 * it into GIFT_CARD_UNKNOWN, so the register never tells a guesser which codes are well formed.
 */
export function parseCode(text: string, prefix: string): Result<string> {
  if (typeof text !== 'string' || text.length > 200) return badCheck();
  let t = text.replace(/[\s-]/g, '').toUpperCase();
  const p = normalizePrefix(prefix);
  if (p && t.length === CODE_LENGTH + p.length && t.startsWith(p)) t = t.slice(p.length);
  if (t.length !== CODE_LENGTH) return badCheck();
  let canon = '';
  for (const c of t) {
    const v = VALUE.get(c);
    if (v === undefined) return badCheck();
    canon += CODE_ALPHABET[v];
  }
  return hasValidCheck(canon) ? ok(canon) : badCheck();
}

/** The detailed refusal, for the back office; the checkout answers GIFT_CARD_UNKNOWN instead. */
function badCheck(): Result<string> {
  return BAD_CHECK;
}
/** Shared: every product scan is tried as a card code first (see unknownCardError). */
const BAD_CHECK: Result<string> = refuse('GIFT_CARD_BAD_CHECK');

/** Groups of four for print and screen: "7K2M 9QX4 ...". */
export function formatCode(code: string, separator = ' '): string {
  return code.match(/.{1,4}/g)?.join(separator) ?? code;
}

/** What the Code128 barcode and QR code encode: prefix + code, ASCII only. */
export function scanValue(code: string, prefix: string): string {
  return normalizePrefix(prefix) + code;
}

/** The only form of a code that may appear in logs, messages and redemption receipts. */
export function maskCode(code: string): string {
  return `****${code.slice(-4)}`;
}
