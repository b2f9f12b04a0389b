/**
 * Product CSV import, pure: text in, accepted products and rejected rows (line number + reason) out.
 * Header (any order, case-insensitive): sku, barcode, name, price, category, tax_class.
 * `barcode` may hold several codes separated by "|" or ";". `price` is a decimal in the store's
 * currency ("2.50", "45000"). A row that repeats a sku of an earlier row replaces it (last wins)
 * and is reported as such; a barcode used by another product is rejected.
 */
import { parseCsv } from './csv.js';
import { validateBarcode, type Product } from './catalog.js';
import { parseAmount, type Currency } from './money.js';

export interface ImportRejection {
  line: number;
  reason: string;
}

export interface ProductImport {
  products: Product[];
  rejected: ImportRejection[];
  /** Fatal problem with the file as a whole (no header, broken quoting): nothing may be applied. */
  fatal?: string;
}

const REQUIRED = ['sku', 'barcode', 'name', 'price', 'category', 'tax_class'] as const;

export function parseProductCsv(
  text: string,
  opts: {
    currency: Currency;
    taxClasses: readonly string[];
    barcodeOwner: (code: string) => string | undefined;
    onProgress?: (done: number, total: number) => void;
  },
): ProductImport {
  const { records, error } = parseCsv(text);
  if (error) return { products: [], rejected: [], fatal: `line ${error.line}: ${error.message}` };
  if (records.length === 0) return { products: [], rejected: [], fatal: 'the file is empty' };
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((h) => !header.includes(h));
  if (missing.length) return { products: [], rejected: [], fatal: `line 1: missing column(s) ${missing.join(', ')}; expected ${REQUIRED.join(',')}` };
  const col = Object.fromEntries(REQUIRED.map((h) => [h, header.indexOf(h)])) as Record<(typeof REQUIRED)[number], number>;

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
    const reject = (reason: string) => rejected.push({ line, reason });
    if (fields.length < header.length) { reject(`has ${fields.length} fields, the header has ${header.length}`); continue; }
    if (!/^[\x21-\x7e]{1,64}$/.test(sku)) { reject('sku must be 1-64 printable characters without spaces'); continue; }
    if (!name) { reject('name is empty'); continue; }
    if (name.length > 120) { reject('name is longer than 120 characters'); continue; }
    if (price === null) { reject(`price "${get('price')}" is not an amount in ${opts.currency.code} (at most ${opts.currency.exponent} decimals)`); continue; }
    if (!opts.taxClasses.includes(taxClass)) { reject(`tax_class "${taxClass}" is not one of ${opts.taxClasses.join(', ')}`); continue; }
    if (codes.length === 0) { reject('no barcode'); continue; }
    const bad = codes.map((c) => validateBarcode(c)).find((v) => !v.ok);
    if (bad && !bad.ok) { reject(bad.reason); continue; }
    const clash = codes.find((c) => {
      const owner = barcodeSku.get(c) ?? opts.barcodeOwner(c);
      return owner !== undefined && owner !== sku;
    });
    if (clash) { reject(`barcode ${clash} already belongs to ${barcodeSku.get(clash) ?? opts.barcodeOwner(clash)}`); continue; }
    const prev = bySku.get(sku);
    if (prev) {
      for (const c of prev.barcodes) barcodeSku.delete(c);
      rejected.push({ line, reason: `sku ${sku} appears again; this row replaces the earlier one` });
    }
    for (const c of codes) barcodeSku.set(c, sku);
    bySku.set(sku, { sku, barcodes: codes, name, price, category, taxClass });
  }
  opts.onProgress?.(rows, rows);
  return { products: [...bySku.values()], rejected };
}
