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
import { translate } from '../i18n/index.js';
import { importFatalText, importReasonText } from '../i18n/import-reason.js';

const usage = translate('en', 'cli.import.usage');

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
    const lang = ctx.language ?? 'en';
    const tr = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
    if (values.help) return ctx.out(tr('cli.import.usage')), 0;
    if (positionals.length !== 1) {
      ctx.err(tr('cli.import.usage'));
      return 2;
    }
    const file = positionals[0];
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      ctx.err(tr('cli.import.cannotRead', { file, error: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
      return 1;
    }
    const decoded = decodeUtf8Strict(bytes);
    if (!decoded.ok) {
      ctx.err(tr('cli.import.notUtf8', { file, line: decoded.line, column: decoded.column, byte: `0x${decoded.byte.toString(16).padStart(2, '0')}` }));
      return 1;
    }
    const text = decoded.text;
    const config = readConfig(ctx.dataDir);
    const maxPrice = maxPriceOf(config.catalog.maxPrice, currency(config.currency));
    if (maxPrice === null) {
      ctx.err(tr('cli.import.badMaxPrice', { value: config.catalog.maxPrice, currency: config.currency, decimals: currency(config.currency).exponent }));
      return 1;
    }
    const store = await openStore(ctx.dataDir, { register: config.register.id, operator: config.operators[0].id });
    try {
      const bar = progressBar(ctx.isTTY, tr('cli.import.checking'));
      const result = parseProductCsv(text, {
        currency: currency(config.currency),
        taxClasses: Object.keys(config.tax.classes),
        barcodeOwner: (code) => store.catalog.byBarcode(code)?.sku,
        maxPrice,
        onProgress: bar.update,
      });
      bar.done();
      if (result.fatal) {
        ctx.err(tr('cli.import.fatal', { file, error: importFatalText(result.fatal, lang) }));
        return 1;
      }
      for (const r of result.rejected.slice(0, 200)) ctx.err(`${file}:${r.line}: ${importReasonText(r, lang)}`);
      if (result.rejected.length > 200) ctx.err(tr('cli.import.more', { n: result.rejected.length - 200 }));
      const existing = result.products.filter((p) => store.catalog.bySku(p.sku)).length;
      const summary = tr('cli.import.summary', { products: result.products.length, added: result.products.length - existing, updated: existing, rejected: result.rejected.length });
      if (values['dry-run']) {
        ctx.out(tr('cli.import.dryRun', { summary }));
        return 0;
      }
      if (result.products.length === 0) {
        ctx.out(tr('cli.import.nothing', { rejected: result.rejected.length }));
        return result.rejected.length ? 1 : 0;
      }
      const events = [];
      for (let i = 0; i < result.products.length; i += CHUNK) events.push({ type: 'catalog.upserted', data: { products: result.products.slice(i, i + CHUNK) } });
      await store.commit({ id: randomUUID(), events });
      ctx.out(tr('cli.import.done', { summary }));
      return 0;
    } finally {
      await store.close();
    }
  },
};
