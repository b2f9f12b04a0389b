/**
 * Turns a committed sale into a print job: pure layout (src/domain/receipt.ts), then the two
 * renderings the printer contract carries — ESC/POS bytes and the same receipt as plain text.
 */
import { receiptLanguage, type TillConfig } from './domain/config.js';
import type { SaleRecord } from './domain/sale.js';
import { layoutReceipt, renderText, type ReceiptSection } from './domain/receipt.js';
import { renderEscPos } from '../hardware/printer/escpos.js';
import { copyJob } from '../hardware/printer/job-keeper.js';
import type { PrintJob } from '../hardware/types.js';
import { text, type ReceiptDoc } from './domain/receipt-doc.js';
import { translate } from './i18n/index.js';
import { layoutReturnReceipt } from './domain/returns/receipt.js';
import { layoutExchangeReceipt } from './domain/returns/exchange-receipt.js';
import type { ReturnRecord } from './domain/returns/types.js';

/** Feature sections (gift cards sold/redeemed, loyalty points) chosen per sale. */
export type ReceiptSectionsProvider = (sale: SaleRecord) => ReceiptSection[];

const receiptConfig = (config: TillConfig) => ({
  width: config.receipt.width,
  store: config.store,
  header: config.receipt.header,
  footer: config.receipt.footer,
  locale: config.locale,
  ascii: config.display.ascii,
  receiptPrefix: config.codes.receiptPrefix,
  giftCardPrefix: config.codes.giftCardPrefix,
  language: receiptLanguage(config),
});

/**
 * A return's receipt (src/domain/returns/receipt.ts): the same shop header, width and language as a
 * sale's. With the new sale of an exchange, the one exchange receipt of both parts (exchange-receipt.ts).
 */
export const returnReceiptDoc = (r: ReturnRecord, config: TillConfig, approverName?: (id: string) => string | undefined, exchange?: SaleRecord | null): ReceiptDoc =>
  exchange ? layoutExchangeReceipt(r, exchange, receiptConfig(config), approverName) : layoutReturnReceipt(r, receiptConfig(config), approverName);

export const returnReceiptText = (r: ReturnRecord, config: TillConfig, approverName?: (id: string) => string | undefined, exchange?: SaleRecord | null): string =>
  renderText(returnReceiptDoc(r, config, approverName, exchange), config.receipt.width);

export function buildReturnPrintJob(r: ReturnRecord, config: TillConfig, approverName?: (id: string) => string | undefined, exchange?: SaleRecord | null): PrintJob {
  const doc = returnReceiptDoc(r, config, approverName, exchange);
  return { id: `receipt:${r.receiptNo}`, bytes: renderEscPos(doc, escPosOptions(config)), text: renderText(doc, config.receipt.width) };
}

export function receiptDoc(sale: SaleRecord, config: TillConfig, sections?: ReceiptSectionsProvider) {
  return layoutReceipt(sale, {
    width: config.receipt.width,
    store: config.store,
    header: config.receipt.header,
    footer: config.receipt.footer,
    locale: config.locale,
    ascii: config.display.ascii,
    receiptPrefix: config.codes.receiptPrefix,
    language: receiptLanguage(config),
    sections: sections?.(sale) ?? [],
  });
}

export function receiptText(sale: SaleRecord, config: TillConfig, sections?: ReceiptSectionsProvider): string {
  return renderText(receiptDoc(sale, config, sections), config.receipt.width);
}

/**
 * What picks the code page when printer.charset is "auto": the receipt's language when it has a page
 * of its own (ru CP866, vi CP1258, zh GB18030), else the shop's locale (an English receipt of a
 * Vietnamese shop still prints its product names in CP1258).
 */
export function printLocale(config: TillConfig): string {
  const lang = receiptLanguage(config);
  return lang === 'ru' || lang === 'vi' || lang === 'zh' ? lang : config.locale;
}

const escPosOptions = (config: TillConfig) => ({ width: config.receipt.width, locale: printLocale(config), charset: config.printer?.charset && config.printer.charset !== 'auto' ? config.printer.charset : undefined, codeTable: config.printer?.codeTable });

export function buildPrintJob(sale: SaleRecord, config: TillConfig, sections?: ReceiptSectionsProvider): PrintJob {
  const doc = receiptDoc(sale, config, sections);
  return { id: `receipt:${sale.receiptNo}`, bytes: renderEscPos(doc, escPosOptions(config)), text: renderText(doc, config.receipt.width) };
}

/**
 * How a kept job whose first print may have come out (hardware/printer/job-keeper.ts) is marked on
 * its reprint: "*** COPY ***" in the receipt's language, bold and centred, in the receipt's code page.
 */
export function copyMarker(config: TillConfig): (job: PrintJob) => PrintJob {
  const doc: ReceiptDoc = { width: config.receipt.width, locale: config.locale, ascii: config.display.ascii, blocks: [text(translate(receiptLanguage(config), 'shift.report.copy'), { align: 'center', bold: true })] };
  const banner = renderEscPos(doc, escPosOptions(config));
  const line = renderText(doc, config.receipt.width).replace(/\n+$/, '');
  return (job) => copyJob(job, banner, line);
}
