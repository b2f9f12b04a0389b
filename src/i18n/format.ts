/**
 * The one money and date formatter. Money is integer minor units; it is handed to Intl as an exact
 * decimal string (never a float) with the currency's own exponent (VND 0, USD 2, KWD 3).
 * ASCII mode is for the Linux console font and for printers without the glyphs: it swaps symbols the
 * font lacks for the ISO code, turns every non-breaking/narrow space into a plain space and every
 * Unicode minus into "-", and uses Latin digits, so the output is pure ASCII.
 */
import { currency, toDecimalString, type Minor } from '../domain/money.js';
import { plainSpaces, toAscii } from './ascii.js';

export interface MoneyFormatOptions {
  /** BCP 47 locale, default "en-US". */
  locale?: string;
  /** Pure-ASCII output. */
  ascii?: boolean;
}


// Building an Intl.NumberFormat costs ~50 µs; a receipt or a Z formats dozens of amounts with the
// same few settings, so formatters are kept per locale and options (a handful in a register's life).
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string | undefined, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(opts)}`;
  let f = formats.get(key);
  if (f) return f;
  try {
    f = new Intl.NumberFormat(locale || 'en-US', opts);
  } catch {
    f = new Intl.NumberFormat('en-US', opts);
  }
  if (formats.size > 256) formats.clear();
  formats.set(key, f);
  return f;
}

/** 123456 USD en-US -> "$1,234.56"; 1234567 VND vi-VN -> "1.234.567 ₫"; ascii -> "1.234.567 VND". */
export function formatMoney(minor: Minor, currencyCode: string, options: MoneyFormatOptions = {}): string {
  let cur;
  try {
    cur = currency(currencyCode);
  } catch {
    return `${Number.isSafeInteger(minor) ? minor : 'NaN'} ${String(currencyCode)}`;
  }
  if (!Number.isSafeInteger(minor)) return `NaN ${cur.code}`;
  const decimal = toDecimalString(minor, cur);
  const base: Intl.NumberFormatOptions = {
    style: 'currency',
    currency: cur.code,
    minimumFractionDigits: cur.exponent,
    maximumFractionDigits: cur.exponent,
  };
  // Intl.NumberFormat accepts decimal strings exactly; the cast covers older lib typings.
  const fmt = (o: Intl.NumberFormatOptions) => numberFormat(options.locale, o).format(decimal as unknown as number);
  if (!options.ascii) return fmt(base);
  const latn = { ...base, numberingSystem: 'latn' } as Intl.NumberFormatOptions;
  // A symbol the font lacks (₫ ₽ ¥ د.ك.) is replaced by the ISO code, which every font has.
  const bySymbol = plainSpaces(fmt(latn));
  if (/^[\x20-\x7e]*$/.test(bySymbol)) return bySymbol;
  return toAscii(fmt({ ...latn, currencyDisplay: 'code' }));
}

/** A plain number in the locale ("1 234,5"), e.g. a quantity or points. */
export function formatNumber(n: number, locale?: string, ascii = false): string {
  const s = numberFormat(locale, { maximumFractionDigits: 4, ...(ascii ? { numberingSystem: 'latn' } : {}) } as Intl.NumberFormatOptions).format(n);
  return ascii ? toAscii(s) : s;
}

/**
 * A plain decimal as the ledger writes it ("1480", "12.50") in the locale ("1 480", "12,50"),
 * exactly: handed to Intl as a string, keeping its own count of decimals.
 */
export function formatDecimal(decimal: string, locale?: string, ascii = false): string {
  const m = /^-?\d+(?:\.(\d+))?$/.exec(String(decimal).trim());
  if (!m) return String(decimal);
  const digits = m[1]?.length ?? 0;
  const opts = { minimumFractionDigits: digits, maximumFractionDigits: digits, ...(ascii ? { numberingSystem: 'latn' } : {}) } as Intl.NumberFormatOptions;
  const s = numberFormat(locale, opts).format(String(decimal).trim() as unknown as number);
  return ascii ? toAscii(s) : s;
}

/** A tax rate in percent, shown as written in the configuration: 10 -> "10", 8.875 -> "8.875". */
export function formatPercent(pct: number, locale?: string, ascii = false): string {
  return formatNumber(pct, locale, ascii);
}

export interface DateTimeOptions {
  /** IANA zone; default: the machine's zone (a receipt shows the shop's local time). */
  timeZone?: string;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A DateTimeFormat per locale and options (building one costs far more than formatting with it). */
export function dateFormat(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, opts);
    if (dateFormats.size > 256) dateFormats.clear();
    dateFormats.set(key, f);
  }
  return f;
}

/**
 * Date and time for receipts and the status bar, in the locale's own order with 2-digit fields and a
 * 24-hour clock ("14.03.2025, 09:26"). An unparsable input is returned as given.
 */
export function formatDateTime(iso: string, locale?: string, ascii = false, options: DateTimeOptions = {}): string {
  const d = new Date(iso);
  if (typeof iso !== 'string' || Number.isNaN(d.getTime())) return ascii ? toAscii(String(iso)) : String(iso);
  const opts: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(ascii ? { numberingSystem: 'latn' } : {}),
  };
  let s: string;
  try {
    s = dateFormat(locale || 'en-US', opts).format(d);
  } catch {
    s = dateFormat('en-US', { ...opts, timeZone: undefined }).format(d);
  }
  return ascii ? toAscii(s) : s;
}

/**
 * A calendar day as the ledger keeps it ("2027-12-03": a gift card's expiry, the end of additional
 * points) in the locale's own order with 2-digit fields: "03.12.2027" (ru-RU), "03/12/2027" (vi-VN),
 * "2027/12/03" (zh-CN), "12/03/2027" (en-US). A day is not an instant, so it is written in UTC and no
 * time zone moves it to the day before. Anything that is not such a day is returned as given.
 */
export function formatDay(day: string, locale?: string, ascii = false): string {
  const m = typeof day === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!d || Number.isNaN(d.getTime())) return ascii ? toAscii(String(day)) : String(day);
  const opts: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC', ...(ascii ? { numberingSystem: 'latn' } : {}) };
  let s: string;
  try {
    s = dateFormat(locale || 'en-US', opts).format(d);
  } catch {
    s = dateFormat('en-US', opts).format(d);
  }
  return ascii ? toAscii(s) : s;
}
