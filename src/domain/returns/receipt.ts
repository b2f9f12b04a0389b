/**
 * The return receipt: a committed return in, a ReceiptDoc out (pure), through the same blocks and
 * the same shop header as a sale's receipt. It says which receipt the goods came back from, what came
 * back (amounts negative: money going out), the tax reversed per class, how the money went back, the
 * gift cards and points after the return, who took it and who approved it, and carries its own
 * receipt number as a barcode (scanning it back is refused: a return is not returned).
 */
import { formatDecimal, formatNumber, formatPercent } from '../../i18n/format.js';
import { formatCode, maskCode, scanValue } from '../giftcard/code.js';
import { formatUnits } from '../loyalty/units.js';
import { asciiBlock, headerBlocks, receiptBarcode, receiptContext, safeBlock, type ReceiptConfig, type ReceiptContext } from '../receipt.js';
import { barcode, columns, cut, feed, isCode128B, separator, text, type ReceiptBlock, type ReceiptDoc } from '../receipt-doc.js';
import type { ReturnRecord } from './types.js';

export function lineBlocks(r: ReturnRecord, c: ReceiptContext): ReceiptBlock[] {
  const out: ReceiptBlock[] = [];
  for (const l of r.lines) {
    if (l.qty === 1) out.push(columns(l.name, c.money(-l.gross)));
    else {
      out.push(text(l.name));
      out.push(columns(`  ${c.t('receipt.qtyTimesPrice', { qty: formatNumber(l.qty, c.locale, c.ascii), price: c.money(l.unitPrice) })}`, c.money(-l.gross)));
    }
    if (l.discount > 0) out.push(columns(c.t('return.receipt.discountBack'), c.money(l.discount)));
  }
  return out;
}

/** The tax reversed per class (base and tax, negative). */
export function taxBlocks(r: ReturnRecord, c: ReceiptContext): ReceiptBlock[] {
  const exclusive = r.tax !== 0 && r.total === r.lines.reduce((a, l) => a + l.amount, 0) + r.tax;
  const key = exclusive ? 'receipt.taxExclusive' : 'receipt.taxInclusive';
  return r.taxSummary.map((t) => columns(c.t(key, { rate: formatPercent(t.ratePct, c.locale, c.ascii), base: c.money(-t.base), taxClass: t.taxClass }), c.money(-t.tax)));
}

function summaryBlocks(r: ReturnRecord, c: ReceiptContext): ReceiptBlock[] {
  const out: ReceiptBlock[] = taxBlocks(r, c);
  out.push(columns(c.t('return.receipt.total'), c.money(-r.total), { bold: true, size: 'double' }));
  return out;
}

export function refundBlocks(r: ReturnRecord, c: ReceiptContext): ReceiptBlock[] {
  const out: ReceiptBlock[] = [text(c.t('return.receipt.refundedTitle'), { bold: true })];
  // Card and gift-card shares each with their reference; the cash is one amount, as handed out.
  for (const f of r.refunds) {
    if (f.kind === 'cash' || f.kind === 'exchange') continue;
    out.push(columns(c.t(`receipt.tender.${f.kind}`), c.money(-f.amount)));
    // As on the sale's receipt: a card's reference is its approval code, a gift card's the card, masked.
    if (f.reference) out.push(text(c.t(f.kind === 'giftcard' ? 'receipt.reference.giftcard' : 'receipt.reference', { reference: f.reference })));
  }
  if (r.cash.due > 0) {
    out.push(columns(c.t('receipt.tender.cash'), c.money(-r.cash.given)));
    if (r.cash.rounding !== 0) out.push(columns(c.t('receipt.cashRounding'), c.money(r.cash.rounding)));
  }
  if (r.refundMode === 'cash' && r.refunds.some((f) => f.paid !== undefined && f.paid !== 'cash')) out.push(text(c.t('return.receipt.cashInstead')));
  return out;
}

/**
 * A new card issued to take the refund prints as a card sold does (the customer carries it away):
 * its value, code in groups of four and barcode; the code is whole here because this paper is the card.
 */
export function issuedBlocks(r: ReturnRecord, cfg: ReceiptConfig, c: ReceiptContext): ReceiptBlock[] {
  const out: ReceiptBlock[] = [];
  for (const x of r.giftcards?.issued ?? []) {
    out.push(separator(), text(c.t('return.receipt.newCardTitle'), { align: 'center', bold: true }), columns(c.t('return.receipt.newCardValue'), c.money(x.amount), { bold: true }));
    if (x.expiresOn) out.push(text(c.t('return.receipt.newCardExpires', { date: c.day(x.expiresOn) })));
    const scan = scanValue(x.code, cfg.giftCardPrefix ?? '');
    out.push(feed(1), text(formatCode(x.code), { align: 'center', bold: true }));
    if (isCode128B(scan)) out.push(barcode(scan));
  }
  return out;
}

/** Where the goods came from: the original receipt, or none (priced at today's prices). */
export function originBlock(r: ReturnRecord, c: ReceiptContext): ReceiptBlock {
  return r.sale
    ? text(c.t('return.receipt.original', { receiptNo: r.sale.receiptNo, date: c.dateTime(r.sale.at) }), { align: 'center' })
    : text(c.t('return.receipt.noReceipt'), { align: 'center' });
}

export function cardBlocks(r: ReturnRecord, c: ReceiptContext): ReceiptBlock[] {
  const g = r.giftcards;
  if (!g) return [];
  const out: ReceiptBlock[] = [];
  for (const x of g.refunded) out.push(columns(c.t('return.receipt.cardBalance', { card: maskCode(x.code) }), c.money(x.balanceAfter)));
  for (const x of g.returned) out.push(text(c.t('return.receipt.cardReturned', { card: maskCode(x.code) })));
  return out.length ? [separator(), ...out] : [];
}

export function pointsBlocks(r: ReturnRecord, c: ReceiptContext): ReceiptBlock[] {
  const l = r.loyalty;
  if (!l) return [];
  const out: ReceiptBlock[] = [separator()];
  for (const p of l.programs) {
    // Written as the receipt's locale writes numbers ("1 006" in ru-RU), as the sale's receipt does.
    const pts = (u: number) => formatDecimal(formatUnits(u, p.decimals), c.locale, c.ascii);
    out.push(text(p.name, { bold: true }));
    if (p.returned) out.push(columns(c.t('return.receipt.pointsBack'), `+${pts(p.returned)}`));
    if (p.clawedBack) out.push(columns(c.t('return.receipt.pointsTaken'), `-${pts(p.clawedBack)}`));
    if (p.unrecovered) out.push(columns(c.t('return.receipt.pointsUnrecovered'), pts(p.unrecovered)));
    out.push(columns(c.t('return.receipt.pointsBalance'), pts(p.balanceAfter), { bold: true }));
  }
  if (l.tier?.changed) out.push(text(c.t('return.receipt.tier', { tier: l.tier.after ?? '-' })));
  return out;
}

function identityBlocks(r: ReturnRecord, cfg: ReceiptConfig, c: ReceiptContext): ReceiptBlock[] {
  const code = receiptBarcode(cfg.receiptPrefix, r.receiptNo);
  const out: ReceiptBlock[] = [
    text(c.t('receipt.date', { date: c.dateTime(r.at) })),
    text(c.t('receipt.register', { register: r.register })),
    text(c.t('receipt.operator', { operator: r.operator.name })),
  ];
  if (r.approvedBy) out.push(text(c.t('return.receipt.approvedBy', { operator: r.approvedBy })));
  out.push(text(c.t('receipt.number', { receiptNo: r.receiptNo }), { bold: true }));
  if (isCode128B(code)) out.push(feed(1), barcode(code));
  return out;
}

/** The return receipt. `approverName` names the approving manager (default: their operator id). */
export function layoutReturnReceipt(r: ReturnRecord, cfg: ReceiptConfig, approverName?: (id: string) => string | undefined): ReceiptDoc {
  const c = receiptContext(r, cfg);
  const named: ReturnRecord = r.approvedBy ? { ...r, approvedBy: approverName?.(r.approvedBy) ?? r.approvedBy } : r;
  const blocks: ReceiptBlock[] = [
    ...headerBlocks(cfg, c),
    separator(),
    text(c.t('return.receipt.title'), { align: 'center', bold: true, size: 'double' }),
    originBlock(r, c),
    separator(),
    ...lineBlocks(r, c),
    separator(),
    ...summaryBlocks(r, c),
    separator(),
    ...refundBlocks(r, c),
    ...cardBlocks(r, c),
    ...issuedBlocks(r, cfg, c),
    ...pointsBlocks(r, c),
    separator(),
    ...identityBlocks(named, cfg, c),
    ...(cfg.footer.length ? [feed(1), ...cfg.footer.map((f) => text(f, { align: 'center' }))] : []),
    feed(3),
    cut(),
  ];
  const safe = blocks.map(safeBlock);
  return { width: cfg.width, locale: cfg.locale, ascii: cfg.ascii, blocks: cfg.ascii ? safe.map(asciiBlock) : safe };
}
