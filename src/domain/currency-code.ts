/**
 * Checks a currency code against the register's own table (iso4217.ts). Pure. The messages are for
 * the manager editing the configuration: what is wrong and the codes they probably meant.
 */
import { ISO_4217, NO_MINOR_UNIT, WITHDRAWN } from './iso4217.js';
import { closest } from './suggest.js';

const ACTIVE = Object.keys(ISO_4217);

/** Minor-unit digits of a code the register can keep books in (active or recently withdrawn), else undefined. */
export function digitsOf(code: string): number | undefined {
  if (Object.hasOwn(ISO_4217, code)) return ISO_4217[code][0];
  if (Object.hasOwn(WITHDRAWN, code)) return WITHDRAWN[code][0];
  return undefined;
}

const named = (code: string): string => `"${code}" (${ISO_4217[code][1]})`;

function didYouMean(typed: string): string {
  const near = closest(typed.toUpperCase(), ACTIVE, { limit: 3 });
  const list = near.map(named);
  return list.length ? `; did you mean ${list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list[0]}?` : ` (the register knows the ${ACTIVE.length} active codes, such as "USD", "EUR", "VND")`;
}

/**
 * Why `v` cannot be the currency of a store, or undefined when it can. `newStore`: a store is being
 * created (`till init`), so a withdrawn code is refused too; an existing store keeps its books in it.
 */
export function currencyCodeProblem(v: unknown, opts: { newStore?: boolean } = {}): string | undefined {
  if (typeof v !== 'string' || !/^[A-Z]{3}$/.test(v)) {
    const upper = typeof v === 'string' ? v.trim().toUpperCase() : '';
    const hint = Object.hasOwn(ISO_4217, upper) ? `; did you mean ${named(upper)}?` : '';
    return `must be an ISO 4217 code in capitals such as "USD", "VND", "RUB", "CNY", got ${JSON.stringify(v)?.slice(0, 40) ?? String(v)}${hint}`;
  }
  if (Object.hasOwn(ISO_4217, v)) return undefined;
  if (Object.hasOwn(WITHDRAWN, v)) {
    const [, name, next, year] = WITHDRAWN[v];
    return opts.newStore ? `"${v}" (${name}) was withdrawn from ISO 4217 in ${year}; a new store keeps its books in ${named(next)}` : undefined;
  }
  if (NO_MINOR_UNIT.includes(v)) return `"${v}" is an ISO 4217 code without a minor unit (a precious metal, fund or testing unit), not money a register can keep books in`;
  return `"${v}" is not an ISO 4217 currency code${didYouMean(v)}`;
}
