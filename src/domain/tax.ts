/**
 * Tax per class, rates in percent stored as parts per million. Prices are tax-inclusive or
 * -exclusive per store setting. Rounding is half away from zero, either per line ("line": each line's
 * tax is rounded, the receipt's tax is their sum) or per class total ("total": the tax of each class
 * is computed once on the class's summed amount). Both are pinned by golden tests.
 */
import { allocate, mulDiv, type Minor } from './money.js';
import type { TaxMode, TaxRounding } from './config.js';

export interface TaxSettings {
  mode: TaxMode;
  rounding: TaxRounding;
  /** class -> percent */
  classes: Record<string, number>;
}

/**
 * Reserved class for lines that carry no tax at sale: a gift card is a multi-purpose voucher, taxed
 * when it is spent on goods, not when it is sold. Never shown in the tax summary.
 */
export const UNTAXED = 'none';

export const percentToPpm = (pct: number): number => Math.round(pct * 10_000);

/** Tax contained in (inclusive) or added to (exclusive) an amount at a rate in ppm. */
export function taxOf(amount: Minor, ppm: number, mode: TaxMode): Minor {
  if (ppm === 0 || amount === 0) return 0;
  return mode === 'inclusive' ? mulDiv(amount, ppm, 1_000_000 + ppm) : mulDiv(amount, ppm, 1_000_000);
}

export interface TaxLineInput {
  /** Line amount after discounts, in the store's price mode. */
  amount: Minor;
  taxClass: string;
}

export interface TaxSummaryRow {
  taxClass: string;
  ratePct: number;
  /** Sum of line amounts of the class (after discounts), as priced. */
  base: Minor;
  tax: Minor;
}

export interface TaxResult {
  /** Tax per input line, in order. Under "total" rounding the class tax is spread by largest remainder. */
  lineTax: Minor[];
  summary: TaxSummaryRow[];
  tax: Minor;
}

export function computeTax(lines: readonly TaxLineInput[], s: TaxSettings): TaxResult {
  const rate = (cls: string): number => {
    if (cls === UNTAXED) return 0;
    const r = s.classes[cls];
    if (r === undefined) throw new RangeError(`unknown tax class "${cls}"`);
    return r;
  };
  const lineTax = lines.map(() => 0);
  const byClass = new Map<string, number[]>();
  lines.forEach((l, i) => {
    const idx = byClass.get(l.taxClass) ?? [];
    idx.push(i);
    byClass.set(l.taxClass, idx);
  });
  const summary: TaxSummaryRow[] = [];
  for (const [cls, idx] of [...byClass.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const pct = rate(cls);
    const ppm = percentToPpm(pct);
    const base = idx.reduce((a, i) => a + lines[i].amount, 0);
    let tax: Minor;
    if (s.rounding === 'line') {
      for (const i of idx) lineTax[i] = taxOf(lines[i].amount, ppm, s.mode);
      tax = idx.reduce((a, i) => a + lineTax[i], 0);
    } else {
      tax = taxOf(base, ppm, s.mode);
      // Spread the class tax over its lines in proportion to their amounts, without losing a unit.
      const weights = idx.map((i) => Math.abs(lines[i].amount));
      const spread = weights.every((w) => w === 0) ? idx.map(() => 0) : allocate(tax, weights);
      spread.forEach((t, k) => (lineTax[idx[k]] = t));
    }
    if (cls !== UNTAXED) summary.push({ taxClass: cls, ratePct: pct, base, tax });
  }
  return { lineTax, summary, tax: summary.reduce((a, r) => a + r.tax, 0) };
}
