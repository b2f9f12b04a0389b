/** `till import products.csv`: loads or updates the catalog in one transaction. */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { AdminCommand } from './command.js';
import { parse } from './args.js';
import { progressBar } from './progress.js';
import { DEFAULT_MAX_PRICE, parseProductCsv } from '../domain/catalog-import.js';
import { currency, parseAmount, type Currency } from '../domain/money.js';
import { decodeUtf8Strict } from '../domain/utf8.js';
import { readConfig } from '../store/config-file.js';
import { openStore } from '../store/open.js';

const usage = `Usage: till import FILE.csv [--dry-run] [--data DIR]

Loads or updates products from a CSV file with the header
  sku,barcode,name,price,category,tax_class
(several barcodes in one field separated by "|"; price as a decimal in the store currency).
EAN-13/UPC-A/EAN-8 check digits are validated. Rows that fail are listed with their line number
and reason; the file must be UTF-8; control characters, extra columns and prices above
catalog.maxPrice (configuration; default 9999999999 minor units) are refused. The good rows are applied together in one transaction. If the file cannot be read or
parsed as a whole, nothing is applied.
  --dry-run   check the file and report, change nothing`;

const CHUNK = 1000;

/**
 * `catalog.maxPrice` ("" = the default) in minor units of the store currency; null when it is not an
 * amount of that currency (more decimals than it has, past the safe integers): refused, never
 * silently replaced by the default.
 */
const maxPriceOf = (text: string, cur: Currency): number | null => (text.trim() === '' ? DEFAULT_MAX_PRICE : parseAmount(text, cur));

export const importCommand: AdminCommand = {
  name: 'import',
  summary: 'load or update the product catalog from a CSV file',
  usage,
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { 'dry-run': { type: 'boolean' } });
    if (values.help) return ctx.out(usage), 0;
    if (positionals.length !== 1) {
      ctx.err(usage);
      return 2;
    }
    const file = positionals[0];
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      ctx.err(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Nothing was imported.`);
      return 1;
    }
    const decoded = decodeUtf8Strict(bytes);
    if (!decoded.ok) {
      ctx.err(`${file}:${decoded.line}: column ${decoded.column}: byte 0x${decoded.byte.toString(16).padStart(2, '0')} is not UTF-8. Save the file as UTF-8 (e.g. "CSV UTF-8" in a spreadsheet) and try again. Nothing was imported.`);
      return 1;
    }
    const text = decoded.text;
    const config = readConfig(ctx.dataDir);
    const maxPrice = maxPriceOf(config.catalog.maxPrice, currency(config.currency));
    if (maxPrice === null) {
      ctx.err(`catalog.maxPrice in the configuration, "${config.catalog.maxPrice}", is not a price in ${config.currency} (at most ${currency(config.currency).exponent} decimals). Fix it or remove it for the default. Nothing was imported.`);
      return 1;
    }
    const store = await openStore(ctx.dataDir, { register: config.register.id, operator: config.operators[0].id });
    try {
      const bar = progressBar(ctx.isTTY, 'Checking');
      const result = parseProductCsv(text, {
        currency: currency(config.currency),
        taxClasses: Object.keys(config.tax.classes),
        barcodeOwner: (code) => store.catalog.byBarcode(code)?.sku,
        maxPrice,
        onProgress: bar.update,
      });
      bar.done();
      if (result.fatal) {
        ctx.err(`${file}: ${result.fatal}. Nothing was imported.`);
        return 1;
      }
      for (const r of result.rejected.slice(0, 200)) ctx.err(`${file}:${r.line}: ${r.reason}`);
      if (result.rejected.length > 200) ctx.err(`... and ${result.rejected.length - 200} more`);
      const existing = result.products.filter((p) => store.catalog.bySku(p.sku)).length;
      const summary = `${result.products.length} product(s) (${result.products.length - existing} new, ${existing} updated), ${result.rejected.length} row(s) reported`;
      if (values['dry-run']) {
        ctx.out(`Dry run: ${summary}. Nothing was changed.`);
        return 0;
      }
      if (result.products.length === 0) {
        ctx.out(`No product to import; ${result.rejected.length} row(s) reported.`);
        return result.rejected.length ? 1 : 0;
      }
      const events = [];
      for (let i = 0; i < result.products.length; i += CHUNK) events.push({ type: 'catalog.upserted', data: { products: result.products.slice(i, i + CHUNK) } });
      await store.commit({ id: randomUUID(), events });
      ctx.out(`Imported ${summary}.`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
