/**
 * Loyalty card numbers are EAN-13 in the GS1 in-store range ("2x" prefixes), so any scanner reads
 * them and the check digit catches a mistyped number. Layout: prefix + zero-padded serial + check digit.
 */
import { gs1CheckDigit } from '../catalog.js';

const bodyDigits = (prefix: string): number => 12 - prefix.length;

function checkPrefix(prefix: string): void {
  if (!/^\d{1,6}$/.test(prefix)) throw new RangeError(`loyalty card prefix must be 1-6 digits, got "${prefix}"`);
}

/** Largest serial a prefix leaves room for. */
export function maxCardSerial(prefix: string): number {
  checkPrefix(prefix);
  return 10 ** bodyDigits(prefix) - 1;
}

/** The card number for a serial (1-based counter kept by the store). */
export function cardNumberFor(prefix: string, serial: number): string {
  checkPrefix(prefix);
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > maxCardSerial(prefix)) throw new RangeError(`card serial out of range: ${serial}`);
  const body = prefix + String(serial).padStart(bodyDigits(prefix), '0');
  return body + gs1CheckDigit(body);
}

/**
 * A random card number in the prefix's range (harder to guess than a counter). `random` returns a
 * float in [0, 1); callers retry on a collision with an existing card.
 */
export function randomCardNumber(prefix: string, random: () => number): string {
  return cardNumberFor(prefix, 1 + Math.floor(random() * maxCardSerial(prefix)));
}

/** True for a 13-digit number with the loyalty prefix and a valid GS1 check digit. */
export function isLoyaltyCard(code: string, prefix: string): boolean {
  if (!/^\d{13}$/.test(code) || !code.startsWith(prefix)) return false;
  return gs1CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** For receipts and logs: all but the last four digits hidden ("•••• 4567" style, ASCII-safe). */
export function maskCard(card: string): string {
  return card.length <= 4 ? card : `${'*'.repeat(card.length - 4)}${card.slice(-4)}`;
}
