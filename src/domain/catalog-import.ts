/**
 * Product CSV import, pure: text in, accepted products and rejected rows (line number + reason code
 * and its values) out.
 * Header (any order, case-insensitive): sku, barcode, name, price, category, tax_class, and optionally
 * sold_by: "each" (or empty), "weight" (price per kg, sold from scale labels) or "open-price" (the
 * cashier types the price; the price column may be 0).
 * `barcode` may hold several codes separated by "|" or ";". `price` is a decimal in the store's
 * currency ("2.50", "45000"). A row that repeats a sku of an earlier row replaces it (last wins)
 * and is reported as such; a barcode used by another product is rejected.
 * Refused, naming line and column: control characters in any field (text-safety.ts), more fields
 * than the header (an unquoted decimal comma "1,25" would otherwise shift the columns), a price above
 * `maxPrice`. The caller decodes the bytes strictly as UTF-8 first (utf8.ts).
 */
import { parseCsv } from './csv.js';
import { validateBarcode, type Product } from './catalog.js';
import { parseAmount, toDecimalString, type Currency, type Minor } from './money.js';
import { codePointName, firstControl } from './text-safety.js';

/**
 * What is wrong with a row, as a code and the values its message needs: the words are the catalogs'
 * (`cli.import.reason.<CODE>`, rendered by src/i18n/import-reason.ts in the manager's language).
 */
export type ImportReasonCode =
  | 'FIELDS_FEW' | 'FIELDS_MANY' | 'CONTROL_CHAR' | 'SKU_BAD' | 'NAME_EMPTY' | 'NAME_LONG' | 'PRICE_BAD' | 'PRICE_HIGH' | 'SOLD_BY_BAD'
  | 'TAX_CLASS_BAD' | 'BARCODE_NONE' | 'BARCODE_CHARS' | 'BARCODE_CHECK' | 'BARCODE_TAKEN' | 'SKU_AGAIN';

/** What makes the whole file unusable (nothing is applied). */
export type ImportFatalCode = 'CSV_QUOTE_IN_FIELD' | 'CSV_QUOTE_UNCLOSED' | 'FILE_EMPTY' | 'HEADER_MISSING' | 'HEADER_CONTROL';

export type ImportParams = Record<string, string | number>;

export interface ImportRejection {
  line: number;
  /** 1-based field number, when the problem is in one field. */
  column?: number;
  code: ImportReasonCode;
  params: ImportParams;
}

export interface ImportFatal {
  code: ImportFatalCode;
  params: ImportParams;
}

/**
 * Default highest unit price, in minor units of any currency: 9,999,999,999 (USD 99,999,999.99,
 * VND 9,999,999,999, KWD 9,999,999.999). Far above any kiosk item, and a line of 9,999 such items
 * still stays a safe integer. `catalog.maxPrice` in the configuration lowers or raises it.
 */
export const DEFAULT_MAX_PRICE: Minor = 9_999_999_999;

export interface ProductImport {
  products: Product[];
  rejected: ImportRejection[];
  /** Fatal problem with the file as a whole (no header, broken quoting): nothing may be applied. */
  fatal?: ImportFatal;
}

const REQUIRED = ['sku', 'barcode', 'name', 'price', 'category', 'tax_class'] as const;

export function parseProductCsv(
  text: string,
  opts: {
    currency: Currency;
    taxClasses: readonly string[];
    barcodeOwner: (code: string) => string | undefined;
    /** Highest unit price accepted, minor units (default DEFAULT_MAX_PRICE). */
    maxPrice?: Minor;
    onProgress?: (done: number, total: number) => void;
  },
): ProductImport {
  const { records, error } = parseCsv(text);
  const fatal = (code: ImportFatalCode, params: ImportParams = {}): ProductImport => ({ products: [], rejected: [], fatal: { code, params } });
  if (error) return fatal(error.code, { line: error.line });
  if (records.length === 0) return fatal('FILE_EMPTY');
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((h) => !header.includes(h));
  if (missing.length) return fatal('HEADER_MISSING', { missing: missing.join(', '), expected: REQUIRED.join(',') });
  const headerControl = header.findIndex((h) => firstControl(h) !== -1);
  if (headerControl !== -1) return fatal('HEADER_CONTROL', { column: headerControl + 1 });
  const maxPrice = opts.maxPrice ?? DEFAULT_MAX_PRICE;
  const col = Object.fromEntries(REQUIRED.map((h) => [h, header.indexOf(h)])) as Record<(typeof REQUIRED)[number], number>;
  const soldByCol = header.indexOf('sold_by');

  const bySku = new Map<string, Product>();
  const barcodeSku = new Map<string, string>();
  const rejected: ImportRejection[] = [];
  const rows = records.length - 1;
  for (let r = 1; r < records.length; r++) {
    const { line, fields } = records[r];
    if (opts.onProgress && r % 2000 === 0) opts.onProgress(r, rows);
    const get = (h: (typeof REQUIRED)[number]) => (fields[col[h]] ?? '').trim();
    const sku = get('sku');
    const name = get('name');
    const category = get('category') || 'general';
    const taxClass = get('tax_class');
    const codes = get('barcode').split(/[|;]/).map((c) => c.trim()).filter(Boolean);
    const price = parseAmount(get('price'), opts.currency);
    const reject = (code: ImportReasonCode, params: ImportParams, column?: number) =>
      rejected.push(column === undefined ? { line, code, params } : { line, column, code, params: { column, ...params } });
    if (fields.length < header.length) { reject('FIELDS_FEW', { fields: fields.length, header: header.length }); continue; }
    if (fields.length > header.length) { reject('FIELDS_MANY', { fields: fields.length, header: header.length }, header.length + 1); continue; }
    const ctl = controlIn(fields, line);
    if (ctl) { rejected.push(ctl); continue; }
    if (!/^[\x21-\x7e]{1,64}$/.test(sku)) { reject('SKU_BAD', {}, col.sku + 1); continue; }
    if (!name) { reject('NAME_EMPTY', {}, col.name + 1); continue; }
    if (name.length > 120) { reject('NAME_LONG', { max: 120 }, col.name + 1); continue; }
    const money = { currency: opts.currency.code, decimals: opts.currency.exponent };
    if (price === null) { reject('PRICE_BAD', { value: get('price'), ...money }, col.price + 1); continue; }
    if (price > maxPrice) { reject('PRICE_HIGH', { value: get('price'), max: toDecimalString(maxPrice, opts.currency), ...money }, col.price + 1); continue; }
    const soldBy = soldByCol >= 0 ? (fields[soldByCol] ?? '').trim().toLowerCase() : '';
    if (!['', 'each', 'weight', 'open-price'].includes(soldBy)) { reject('SOLD_BY_BAD', { value: soldBy }, soldByCol + 1); continue; }
    if (!opts.taxClasses.includes(taxClass)) { reject('TAX_CLASS_BAD', { value: taxClass, classes: opts.taxClasses.join(', ') }, col.tax_class + 1); continue; }
    if (codes.length === 0) { reject('BARCODE_NONE', {}, col.barcode + 1); continue; }
    const bad = codes.map((c) => ({ c, v: validateBarcode(c) })).find(({ v }) => !v.ok);
    if (bad && !bad.v.ok) {
      reject(bad.v.code, bad.v.code === 'BARCODE_CHECK' ? { kind: bad.v.kind, barcode: bad.c, expected: bad.v.expected } : { barcode: bad.c }, col.barcode + 1);
      continue;
    }
    const clash = codes.find((c) => {
      const owner = barcodeSku.get(c) ?? opts.barcodeOwner(c);
      return owner !== undefined && owner !== sku;
    });
    if (clash) { reject('BARCODE_TAKEN', { barcode: clash, sku: barcodeSku.get(clash) ?? opts.barcodeOwner(clash) ?? '' }, col.barcode + 1); continue; }
    const prev = bySku.get(sku);
    if (prev) {
      for (const c of prev.barcodes) barcodeSku.delete(c);
      rejected.push({ line, code: 'SKU_AGAIN', params: { sku } });
    }
    for (const c of codes) barcodeSku.set(c, sku);
    bySku.set(sku, { sku, barcodes: codes, name, price, category, taxClass, ...(soldBy === 'weight' ? { soldBy: 'weight' as const } : soldBy === 'open-price' ? { openPrice: true } : {}) });
  }
  opts.onProgress?.(rows, rows);
  return { products: [...bySku.values()], rejected };
}

/** The first control character in a record, as a rejection naming its line (inside a quoted multi-line field too) and column. */
function controlIn(fields: string[], line: number): ImportRejection | null {
  for (let f = 0; f < fields.length; f++) {
    const i = firstControl(fields[f]);
    if (i === -1) continue;
    const at = line + (fields[f].slice(0, i).match(/\n/g)?.length ?? 0);
    return { line: at, column: f + 1, code: 'CONTROL_CHAR', params: { column: f + 1, char: codePointName(fields[f], i) } };
  }
  return null;
}
