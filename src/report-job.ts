/**
 * Turns an X / Z / sales report into a print job, like receipt-job.ts does for a sale: the pure
 * layout (src/domain/shift/report-layout.ts), then ESC/POS bytes and the same report as plain text.
 */
import { receiptLanguage, type TillConfig } from './domain/config.js';
import { printLocale } from './receipt-job.js';
import { layoutShiftReport, type ShiftReport } from './domain/shift/index.js';
import { renderText } from './domain/receipt-text.js';
import type { ReceiptDoc } from './domain/receipt-doc.js';
import { renderEscPos } from '../hardware/printer/escpos.js';
import type { PrintJob } from '../hardware/types.js';
import type { StoreState } from './store/types.js';
import { operatorsOf } from './store/projections/operators.js';

/** Operator id -> name: the store's operators (`till operator add`), then the configuration's list. */
export const configOperatorName = (config: TillConfig, state?: StoreState) => (id: string): string | undefined => {
  const ops = state ? operatorsOf(state).byId : undefined;
  return (ops && Object.prototype.hasOwnProperty.call(ops, id) ? ops[id].name : undefined) ?? config.operators.find((o) => o.id === id)?.name;
};

export function reportDoc(report: ShiftReport, config: TillConfig, width: 32 | 42 | 48 = config.receipt.width, operatorName = configOperatorName(config)): ReceiptDoc {
  // Printed like a receipt: in the receipt's language (receipt.language, else the shop's), not the screen's.
  return layoutShiftReport(report, { width, locale: config.locale, language: receiptLanguage(config), ascii: config.display.ascii, storeName: config.store.name, operatorName });
}

export function reportText(report: ShiftReport, config: TillConfig, width: 32 | 42 | 48 = config.receipt.width, operatorName = configOperatorName(config)): string {
  return renderText(reportDoc(report, config, width, operatorName), width);
}

/** Stable job id: a Z is the same job each time it prints (a reprint reuses it); an X is of its moment. */
export const reportJobId = (r: ShiftReport): string =>
  r.kind === 'Z' ? `z:${r.register}-${r.z}${r.copy ? ':copy' : ''}` : r.kind === 'X' ? `x:${r.shiftId}:${r.printedAt}` : `sales:${r.from}:${r.to}:${r.printedAt}`;

export function buildReportJob(report: ShiftReport, config: TillConfig, operatorName = configOperatorName(config)): PrintJob {
  const width = config.receipt.width;
  const doc = reportDoc(report, config, width, operatorName);
  return {
    id: reportJobId(report),
    bytes: renderEscPos(doc, { width, locale: printLocale(config), charset: config.printer?.charset && config.printer.charset !== 'auto' ? config.printer.charset : undefined, codeTable: config.printer?.codeTable }),
    text: renderText(doc, width),
  };
}
