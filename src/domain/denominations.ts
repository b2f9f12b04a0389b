/**
 * Notes and coins a drawer is counted in, per currency, in minor units, largest first. A note and a
 * coin of the same value (the 5,000 dong note and coin, the US dollar bill and coin) are one row: a
 * count is pieces per value. A currency without a table is counted as one amount only.
 * A count is `{ "<value in minor units>": pieces }`; its total is the sum of value x pieces.
 */
import type { Minor } from './money.js';
import { fail, ok, type Result } from './errors.js';

/** Pieces per denomination: key = the denomination's value in minor units, as text. */
export type DenominationCount = Record<string, number>;

export interface Denomination {
  /** Minor units. */
  value: Minor;
  kind: 'note' | 'coin';
}

const notes = (...v: number[]): Denomination[] => v.map((value) => ({ value, kind: 'note' }));
const coins = (...v: number[]): Denomination[] => v.map((value) => ({ value, kind: 'coin' }));

/** Coins of the same value as a note are left out: the note row counts both. */
export const DENOMINATIONS: Readonly<Record<string, readonly Denomination[]>> = {
  // Dong has no minor unit. Coins (200-5,000) are legal tender but rare; 200 is the only coin-only value.
  VND: [...notes(500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500), ...coins(200)],
  USD: [...notes(10_000, 5_000, 2_000, 1_000, 500, 200, 100), ...coins(50, 25, 10, 5, 1)],
  EUR: [...notes(50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500), ...coins(200, 100, 50, 20, 10, 5, 2, 1)],
  // Rubles in kopecks; the 10-ruble value is a note and a coin.
  RUB: [...notes(500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 1_000), ...coins(500, 200, 100, 50, 10, 5, 1)],
  // Yuan in fen: 1 yuan is a note and a coin; 5 jiao and 1 jiao are coins (and notes).
  CNY: [...notes(10_000, 5_000, 2_000, 1_000, 500, 100), ...coins(50, 10)],
};

/** The table of a currency, or null when it is counted as one amount. */
export const denominationsOf = (currency: string): readonly Denomination[] | null => DENOMINATIONS[currency.toUpperCase()] ?? null;

/** Most pieces of one denomination a count accepts (a typo guard, not a business rule). */
export const MAX_PIECES = 1_000_000;

/**
 * Checks a count against the currency's table and returns its total. Refusals: COUNT_NOT_SUPPORTED
 * (the currency is counted as one amount), BAD_COUNT (a value not in the table, or pieces that are not
 * a whole number from 0 to MAX_PIECES).
 */
export function countTotal(count: unknown, currency: string): Result<Minor> {
  const table = denominationsOf(currency);
  if (!table) return fail('COUNT_NOT_SUPPORTED', `${currency} is counted as one amount: enter the total, not notes and coins.`, { currency });
  if (!count || typeof count !== 'object' || Array.isArray(count)) return fail('BAD_COUNT', 'A count lists pieces per note or coin.');
  let total = 0;
  for (const [key, pieces] of Object.entries(count as Record<string, unknown>)) {
    const d = table.find((x) => String(x.value) === key);
    if (!d) return fail('BAD_COUNT', `${key} is not a note or coin of ${currency} (values are in minor units: ${table.map((x) => x.value).join(', ')}).`, { value: key, currency });
    if (typeof pieces !== 'number' || !Number.isInteger(pieces) || pieces < 0 || pieces > MAX_PIECES)
      return fail('BAD_COUNT', `The number of pieces of ${key} must be a whole number from 0 to ${MAX_PIECES}.`, { value: key, currency });
    total += d.value * pieces;
  }
  if (!Number.isSafeInteger(total)) return fail('BAD_COUNT', 'That count is not plausible.');
  return ok(total);
}

/** The count without zero rows (how it is journaled). */
export const normalizeCount = (count: DenominationCount): DenominationCount => Object.fromEntries(Object.entries(count).filter(([, n]) => n > 0));

/** Rows of a count, largest value first (objects keep numeric keys in ascending order, so sort here). */
export const countRows = (count: DenominationCount): { value: Minor; pieces: number; amount: Minor }[] =>
  Object.entries(count)
    .map(([k, pieces]) => ({ value: Number(k), pieces, amount: Number(k) * pieces }))
    .sort((a, b) => b.value - a.value);
