/**
 * Tenders pay a sale's total. Each tender's `amount` is what it contributes to the total; cash may
 * be handed over in excess (`given`), the excess is change. Only cash gives change: a non-cash tender
 * larger than what is due is refused. Cash can be rounded to a unit (e.g. 5 for CHF 0.05) when it
 * settles the sale; the rounding difference is recorded on the sale, never lost.
 */
import { MAX_SALE_AMOUNT, roundTo, type Minor } from './money.js';
import { fail, ok, type Result } from './errors.js';

/**
 * `exchange`: the value of a return paying the new items of an exchange in the same transaction
 * (src/domain/returns/exchange.ts); it never moves money, and its `reference` is the return's receipt.
 */
export type TenderKind = 'cash' | 'card' | 'giftcard' | 'points' | 'exchange';

export interface Tender {
  id: string;
  kind: TenderKind;
  /** Contribution to the sale total, minor units, > 0. */
  amount: Minor;
  /** Cash: what the customer handed over. */
  given?: Minor;
  /** Cash: change handed back. */
  change?: Minor;
  /** Cash: rounding applied when cash settled the sale (cashDue - due; may be negative). */
  rounding?: Minor;
  /** Card terminal approval code, masked gift-card code, etc. */
  reference?: string;
  meta?: Record<string, unknown>;
}

/** Largest amount a customer can hand over in one cash tender: guards against a key held down. */
export const MAX_CASH_FACTOR = 1000;

/** What the tenders contribute to the total. Cash rounding is recorded beside, never counted: a sale
 *  settled by cash rounded down (12.32 paid with 12.30) is covered, and nothing ever pays more than the total. */
export const paid = (tenders: readonly Tender[]): Minor => tenders.reduce((a, t) => a + t.amount, 0);

/** What is still owed; 0 when covered. */
export const due = (total: Minor, tenders: readonly Tender[]): Minor => Math.max(0, total - paid(tenders));

export const covered = (total: Minor, tenders: readonly Tender[]): boolean => total >= 0 && paid(tenders) >= total;

export const changeOf = (tenders: readonly Tender[]): Minor => tenders.reduce((a, t) => a + (t.change ?? 0), 0);

/** The cash amount that settles what is due under the store's cash rounding. */
export const cashDue = (total: Minor, tenders: readonly Tender[], roundingUnit: number): Minor => roundTo(due(total, tenders), roundingUnit);

/**
 * Tenders are summed against a total the cart keeps within MAX_SALE_AMOUNT (cart.ts); a total or
 * payments outside the safe integers (a sale not built by the cart) are refused, never summed as floats.
 */
function unsafeSums(total: Minor, tenders: readonly Tender[]): Result<Tender[]> | null {
  if (Number.isSafeInteger(total) && tenders.every((t) => Number.isSafeInteger(t.amount)) && Number.isSafeInteger(paid(tenders))) return null;
  const max = `${MAX_SALE_AMOUNT} minor units`;
  return fail('SALE_TOO_LARGE', `A sale can come to at most ${max} before tax; this would pass it. Sell the rest as another sale.`, { max, maxMinor: MAX_SALE_AMOUNT });
}

export function addCash(total: Minor, tenders: readonly Tender[], given: Minor, roundingUnit: number, id: string): Result<Tender[]> {
  const unsafe = unsafeSums(total, tenders);
  if (unsafe) return unsafe;
  const owed = due(total, tenders);
  if (owed <= 0) return fail('ALREADY_PAID', 'The sale is already paid.');
  const settle = roundTo(owed, roundingUnit);
  // Checked first: an amount past the safe integers is absurd, not "no amount".
  if (typeof given === 'number' && given > Math.max(settle, 1) * MAX_CASH_FACTOR && given > settle + 10 ** 9)
    return fail('ABSURD_AMOUNT', 'That amount of cash is not plausible. Check the amount.');
  // Zero cash is accepted only when what is left rounds to nothing (2 cents owed with 5-cent rounding).
  if (!Number.isSafeInteger(given) || given < 0 || (given === 0 && settle > 0)) return fail('BAD_AMOUNT', 'Enter the amount of cash received.');
  // Cash settles the sale once it reaches what is owed or its rounded amount, whichever is lower. The
  // drawer keeps at most the rounded amount; the rest is change; kept - owed is the recorded rounding.
  if (given >= Math.min(owed, settle)) {
    const kept = Math.min(given, settle);
    return ok([...tenders, { id, kind: 'cash', amount: owed, given, change: given - kept, rounding: kept - owed }]);
  }
  return ok([...tenders, { id, kind: 'cash', amount: given, given, change: 0 }]);
}

export function addNonCash(
  total: Minor,
  tenders: readonly Tender[],
  kind: Exclude<TenderKind, 'cash'>,
  amount: Minor,
  id: string,
  extra: Pick<Tender, 'reference' | 'meta'> = {},
): Result<Tender[]> {
  const unsafe = unsafeSums(total, tenders);
  if (unsafe) return unsafe;
  const owed = due(total, tenders);
  if (owed <= 0) return fail('ALREADY_PAID', 'The sale is already paid.');
  // Above what is due is said as such, also past the safe integers (never "greater than zero").
  if (typeof amount === 'number' && amount > owed) return fail('TENDER_EXCEEDS_DUE', 'Only cash can pay more than is due.', { due: owed });
  if (!Number.isSafeInteger(amount) || amount <= 0) return fail('BAD_AMOUNT', 'Enter an amount greater than zero.');
  return ok([...tenders, { id, kind, amount, ...extra }]);
}

export function removeTender(tenders: readonly Tender[], id: string): Result<Tender[]> {
  if (!tenders.some((t) => t.id === id)) return fail('NO_SUCH_TENDER', 'That payment is not on the sale.');
  return ok(tenders.filter((t) => t.id !== id));
}
