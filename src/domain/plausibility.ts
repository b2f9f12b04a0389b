/**
 * Typos that would cost money: an amount or a quantity far beyond what a counter sees is asked about
 * before anything happens (the cashier answers yes or no), a gift card above its maximum value is
 * refused. Pure. The limits come from the configuration (`plausibility.*`, `giftCards.maxValue`) with
 * defaults per currency taken from the one table of notes and coins (denominations.ts):
 *
 * - cash received more than `cashTimesDue` times what is due AND more than the largest note
 *   (`99999` typed for 7.00 due is 999.99 — no customer hands that over for a coffee; 100.00 for 7.00
 *   due is one note and is not asked about);
 * - a quantity above `qtyAbove` (default 100);
 * - a sale whose total is above `saleTotalAbove` (default 100 times the largest note), asked before
 *   the first payment;
 * - a gift card's value above `giftCards.maxValue` (default 10 times the largest note): refused.
 *
 * A currency without a table (KWD...) has no known largest note: the cash question then looks at the
 * times-due rule alone (it asks more often, never less), and the sale-total and gift-card limits apply
 * only when they are set.
 */
import { DEFAULT_CONFIG, type TillConfig } from './config.js';
import { denominationsOf } from './denominations.js';
import { currency, parseAmount, toDecimalString, type Minor } from './money.js';

export interface PlausibilityLimits {
  /** Cash above this many times what is due (and above the largest note) asks; 0 = never. */
  cashTimesDue: number;
  /** Minor units; 0 = not known (the currency has no table and none is configured). */
  largestNote: Minor;
  /** A quantity above this asks; 0 = never. */
  qtyAbove: number;
  /** A sale total above this asks before payment, minor units; 0 = never. */
  saleTotalAbove: Minor;
}

/** A question waiting for the cashier: a stable code, an English text and its parameters. */
export interface Question {
  code: 'CONFIRM_CASH' | 'CONFIRM_QTY' | 'CONFIRM_TOTAL';
  text: string;
  /** Money as "999.99 USD" (for logs and headless) with the minor units beside as `<name>Minor`. */
  params: Record<string, string | number>;
}

export const DEFAULT_CASH_TIMES_DUE = 10;
export const DEFAULT_QTY_ABOVE = 100;
/** Defaults as multiples of the currency's largest note. */
export const SALE_TOTAL_NOTES = 100;
export const GIFT_CARD_NOTES = 10;
export const OPEN_PRICE_NOTES = 10;

/** The largest note of a currency from the one table, or 0 when it has none. */
export function largestNoteOf(code: string): Minor {
  const notes = (denominationsOf(code) ?? []).filter((d) => d.kind === 'note').map((d) => d.value);
  return notes.length ? Math.max(...notes) : 0;
}

/** A configured decimal ("" = `fallback`), in minor units of the store currency. */
function amountSetting(text: string | undefined, code: string, fallback: Minor): Minor {
  if (typeof text !== 'string' || text.trim() === '') return fallback;
  return parseAmount(text, currency(code)) ?? fallback;
}

export function plausibilityLimits(config: Pick<TillConfig, 'currency'> & Partial<Pick<TillConfig, 'plausibility'>>): PlausibilityLimits {
  const p = config.plausibility ?? DEFAULT_CONFIG.plausibility;
  const largestNote = amountSetting(p.largestNote, config.currency, largestNoteOf(config.currency));
  return {
    cashTimesDue: p.cashTimesDue,
    largestNote,
    qtyAbove: p.qtyAbove,
    saleTotalAbove: amountSetting(p.saleTotalAbove, config.currency, largestNote * SALE_TOTAL_NOTES),
  };
}

/** Most a gift card sold at the till may hold, minor units; null = no limit. */
export function giftCardMaxValue(config: Pick<TillConfig, 'currency' | 'giftCards'> & Partial<Pick<TillConfig, 'plausibility'>>): Minor | null {
  const note = amountSetting(config.plausibility?.largestNote, config.currency, largestNoteOf(config.currency));
  const max = amountSetting(config.giftCards.maxValue, config.currency, note * GIFT_CARD_NOTES);
  return max > 0 ? max : null;
}

/** Most an open-price item may be typed at, minor units (`plausibility.openPriceMax`, default 10 notes); null = no limit. */
export function openPriceMax(config: Pick<TillConfig, 'currency'> & Partial<Pick<TillConfig, 'plausibility'>>): Minor | null {
  const note = amountSetting(config.plausibility?.largestNote, config.currency, largestNoteOf(config.currency));
  const max = amountSetting(config.plausibility?.openPriceMax, config.currency, note * OPEN_PRICE_NOTES);
  return max > 0 ? max : null;
}

const money = (amount: Minor, code: string): string => `${toDecimalString(amount, currency(code))} ${code}`;

/** Cash `given` with `due` still to pay in cash (after cash rounding): a question, or null. */
export function cashQuestion(given: Minor, due: Minor, limits: PlausibilityLimits, code: string): Question | null {
  if (limits.cashTimesDue <= 0 || due <= 0) return null;
  if (given <= due * limits.cashTimesDue || given <= limits.largestNote) return null;
  return {
    code: 'CONFIRM_CASH',
    text: `Cash received ${money(given, code)} with ${money(due, code)} due: is that right?`,
    params: { amount: money(given, code), amountMinor: given, due: money(due, code), dueMinor: due, times: limits.cashTimesDue },
  };
}

/** `qty` of the product or line `name`: a question, or null. */
export function qtyQuestion(qty: number, name: string, limits: PlausibilityLimits): Question | null {
  if (limits.qtyAbove <= 0 || qty <= limits.qtyAbove) return null;
  return { code: 'CONFIRM_QTY', text: `Quantity ${qty} of ${name}: is that right?`, params: { qty, name, limit: limits.qtyAbove } };
}

/** A sale's `total` before its first payment: a question, or null. `accepted` is a total already answered yes. */
export function totalQuestion(total: Minor, accepted: Minor, limits: PlausibilityLimits, code: string): Question | null {
  if (limits.saleTotalAbove <= 0 || total <= limits.saleTotalAbove || total <= accepted) return null;
  return {
    code: 'CONFIRM_TOTAL',
    text: `The sale's total is ${money(total, code)}, above ${money(limits.saleTotalAbove, code)}: is that right?`,
    params: { total: money(total, code), totalMinor: total, limit: money(limits.saleTotalAbove, code), limitMinor: limits.saleTotalAbove },
  };
}

/**
 * Most a return without a receipt may be worth (`returns.noReceiptMax`), minor units; 0 = no limit.
 * Default: the currency's largest note (`plausibility.largestNote` when set) — more than one note's worth of goods with no receipt is the
 * pattern of refund fraud a shop owner wants a receipt for. A currency without a table: no limit.
 */
export function noReceiptLimit(config: Pick<TillConfig, 'currency'> & Partial<Pick<TillConfig, 'returns' | 'plausibility'>>): Minor {
  const note = amountSetting(config.plausibility?.largestNote, config.currency, largestNoteOf(config.currency));
  return amountSetting(config.returns?.noReceiptMax, config.currency, note);
}
