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
import { exchangeDifference } from './exchange.js';
import type { SaleLoyalty } from '../loyalty/types.js';
import { formatUnits } from '../loyalty/units.js';

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
  const diff = exchangeDifference(r, sale);
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

/**
 * Points of both parts: what the return gave and took back (pointsBlocks), then what the new items
 * earned, and the balance after both (the new sale's, folded after the return's).
 */
function exchangePointsBlocks(r: ReturnRecord, sale: SaleRecord, c: ReceiptContext): ReceiptBlock[] {
  const earned = (sale.extensions?.loyalty as SaleLoyalty | undefined)?.programs ?? [];
  if (!earned.some((p) => p.earned > 0)) return pointsBlocks(r, c);
  const back = new Map((r.loyalty?.programs ?? []).map((p) => [p.programId, p]));
  const out: ReceiptBlock[] = [separator()];
  for (const p of earned) {
    const b = back.get(p.programId);
    const pts = (u: number) => formatUnits(u, b?.decimals ?? 0);
    out.push(text(p.name, { bold: true }));
    if (b?.returned) out.push(columns(c.t('return.receipt.pointsBack'), `+${pts(b.returned)}`));
    if (b?.clawedBack) out.push(columns(c.t('return.receipt.pointsTaken'), `-${pts(b.clawedBack)}`));
    if (b?.unrecovered) out.push(columns(c.t('return.receipt.pointsUnrecovered'), pts(b.unrecovered)));
    if (p.earned) out.push(columns(c.t('return.receipt.pointsEarnedNew'), `+${pts(p.earned)}`));
    out.push(columns(c.t('return.receipt.pointsBalance'), pts(p.balanceAfter), { bold: true }));
  }
  const tier = r.loyalty?.tier;
  if (tier?.changed) out.push(text(c.t('return.receipt.tier', { tier: tier.after ?? '-' })));
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
    ...exchangePointsBlocks(r, sale, c),
    separator(),
    ...identityBlocks(r, sale, cfg, c, approver),
    ...(cfg.footer.length ? [feed(1), ...cfg.footer.map((f) => text(f, { align: 'center' }))] : []),
    feed(3),
    cut(),
  ];
  const safe = blocks.map(safeBlock);
  return { width: cfg.width, locale: cfg.locale, ascii: cfg.ascii, blocks: cfg.ascii ? safe.map(asciiBlock) : safe };
}
