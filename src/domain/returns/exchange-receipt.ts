/**
 * The exchange receipt: one paper for both parts of an exchange (pure, the return receipt's blocks
 * and the shop header). Where the goods came from (the original receipt, or "No receipt"), what came
 * back (negative), the new items, then the difference: to pay (with the payments and change) or to
 * refund (how it went back), the cards and points after, who took and approved it, both receipt
 * numbers, and the barcode of the NEW sale's number — the new items can come back by it later.
 */
import { formatNumber, formatPercent } from '../../i18n/format.js';
import { asciiBlock, headerBlocks, receiptBarcode, receiptContext, safeBlock, type ReceiptConfig, type ReceiptContext } from '../receipt.js';
import { barcode, columns, cut, feed, isCode128B, separator, text, type ReceiptBlock, type ReceiptDoc } from '../receipt-doc.js';
import type { SaleRecord } from '../sale.js';
import { cardBlocks, issuedBlocks, lineBlocks, originBlock, pointsBlocks, refundBlocks, taxBlocks } from './receipt.js';
import type { ReturnRecord } from './types.js';

function newLineBlocks(sale: SaleRecord, c: ReceiptContext): ReceiptBlock[] {
  const out: ReceiptBlock[] = [];
  for (const l of sale.lines) {
    if (l.qty === 1) out.push(columns(l.name, c.money(l.gross)));
    else {
      out.push(text(l.name));
      out.push(columns(`  ${c.t('receipt.qtyTimesPrice', { qty: formatNumber(l.qty, c.locale, c.ascii), price: c.money(l.unitPrice) })}`, c.money(l.gross)));
    }
  }
  const exclusive = sale.tax !== 0 && sale.total === sale.lines.reduce((a, l) => a + l.amount, 0) + sale.tax;
  const key = exclusive ? 'receipt.taxExclusive' : 'receipt.taxInclusive';
  for (const t of sale.taxSummary) out.push(columns(c.t(key, { rate: formatPercent(t.ratePct, c.locale, c.ascii), base: c.money(t.base), taxClass: t.taxClass }), c.money(t.tax)));
  return out;
}

function differenceBlocks(r: ReturnRecord, sale: SaleRecord, c: ReceiptContext): ReceiptBlock[] {
  const out: ReceiptBlock[] = [columns(c.t('return.receipt.returnedTotal'), c.money(-r.total)), columns(c.t('return.receipt.newTotal'), c.money(sale.total))];
  const diff = sale.total - r.total;
  if (diff > 0) {
    out.push(columns(c.t('return.receipt.toPay'), c.money(diff), { bold: true, size: 'double' }));
    const paid = sale.tenders.filter((t) => t.kind !== 'exchange');
    out.push(text(c.t('return.receipt.paidTitle'), { bold: true }));
    for (const t of paid) {
      out.push(columns(c.t(`receipt.tender.${t.kind}`), c.money(t.kind === 'cash' ? (t.given ?? t.amount) : t.amount)));
      if (t.reference) out.push(text(c.t('receipt.reference', { reference: t.reference })));
    }
    if (sale.cashRounding !== 0) out.push(columns(c.t('receipt.cashRounding'), c.money(sale.cashRounding)));
    if (paid.some((t) => t.kind === 'cash')) out.push(columns(c.t('return.receipt.change'), c.money(sale.change), { bold: true }));
  } else if (diff < 0) {
    out.push(columns(c.t('return.receipt.toRefund'), c.money(diff), { bold: true, size: 'double' }), ...refundBlocks(r, c));
  } else out.push(text(c.t('return.receipt.even'), { bold: true }));
  return out;
}

function identityBlocks(r: ReturnRecord, sale: SaleRecord, cfg: ReceiptConfig, c: ReceiptContext, approver?: string): ReceiptBlock[] {
  const code = receiptBarcode(cfg.receiptPrefix, sale.receiptNo);
  const out: ReceiptBlock[] = [
    text(c.t('receipt.date', { date: c.dateTime(r.at) })),
    text(c.t('receipt.register', { register: r.register })),
    text(c.t('receipt.operator', { operator: r.operator.name })),
  ];
  if (approver) out.push(text(c.t('return.receipt.approvedBy', { operator: approver })));
  out.push(text(c.t('return.receipt.exchangeNumbers', { returnNo: r.receiptNo, saleNo: sale.receiptNo }), { bold: true }));
  if (isCode128B(code)) out.push(feed(1), barcode(code));
  return out;
}

/** The receipt of an exchange: `r` the return part, `sale` the new part committed with it. */
export function layoutExchangeReceipt(r: ReturnRecord, sale: SaleRecord, cfg: ReceiptConfig, approverName?: (id: string) => string | undefined): ReceiptDoc {
  const c = receiptContext(r, cfg);
  const approver = r.approvedBy ? (approverName?.(r.approvedBy) ?? r.approvedBy) : undefined;
  const blocks: ReceiptBlock[] = [
    ...headerBlocks(cfg, c),
    separator(),
    text(c.t('return.receipt.exchangeTitle'), { align: 'center', bold: true, size: 'double' }),
    originBlock(r, c),
    separator(),
    text(c.t('return.receipt.returnedTitle'), { bold: true }),
    ...lineBlocks(r, c),
    ...taxBlocks(r, c),
    separator(),
    text(c.t('return.receipt.newItemsTitle'), { bold: true }),
    ...newLineBlocks(sale, c),
    separator(),
    ...differenceBlocks(r, sale, c),
    ...cardBlocks(r, c),
    ...issuedBlocks(r, cfg, c),
    ...pointsBlocks(r, c),
    separator(),
    ...identityBlocks(r, sale, cfg, c, approver),
    ...(cfg.footer.length ? [feed(1), ...cfg.footer.map((f) => text(f, { align: 'center' }))] : []),
    feed(3),
    cut(),
  ];
  const safe = blocks.map(safeBlock);
  return { width: cfg.width, locale: cfg.locale, ascii: cfg.ascii, blocks: cfg.ascii ? safe.map(asciiBlock) : safe };
}
