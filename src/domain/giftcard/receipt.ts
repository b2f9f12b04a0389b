/**
 * Gift cards on the receipt. A card sold prints as a card: value, code in groups of four, Code128 and
 * QR of what a scanner reads back (prefix + code), expiry and one line of terms. A card used to pay
 * shows only its last four characters, the amount taken and the balance left — the full code of a
 * redeemed card never prints. A card topped up shows the same way: last four characters, the amount
 * loaded, the balance after it and, when the load renewed an expired card, its new expiry.
 */
import type { ReceiptSection } from '../receipt.js';
import { barcode, columns, feed, qr, separator, text, type ReceiptBlock } from '../receipt-doc.js';
import { formatCode, maskCode, scanValue } from './code.js';
import type { SaleGiftCards } from './types.js';

export function giftCardReceiptSection(opts: { prefix: string; terms: string }): ReceiptSection {
  return (sale, c) => {
    const ext = sale.extensions.giftcards as SaleGiftCards | undefined;
    if (!ext) return [];
    const out: ReceiptBlock[] = [];
    for (const r of ext.redeemed) {
      const tender = sale.tenders.find((t) => t.id === r.tenderId);
      const left = typeof tender?.meta?.balanceAfter === 'number' ? tender.meta.balanceAfter : undefined;
      out.push(columns(c.t('receipt.giftcard.used', { card: maskCode(r.code) }), c.money(r.amount)));
      if (left !== undefined) out.push(columns(c.t('receipt.giftcard.left'), c.money(left)));
    }
    // A top-up: the customer holds the card already, so it prints masked, with what it holds now.
    for (const l of ext.loaded ?? []) {
      out.push(columns(c.t('receipt.giftcard.loaded', { card: maskCode(l.code) }), c.money(l.amount)));
      out.push(columns(c.t('receipt.giftcard.balanceNow'), c.money(l.balanceAfter)));
      if (l.renew) out.push(text(l.renew.expiresOn ? c.t('receipt.giftcard.renewed', { date: c.day(l.renew.expiresOn) }) : c.t('receipt.giftcard.renewedNoExpiry')));
    }
    for (const s of ext.sold) {
      out.push(separator('*'), text(c.t('receipt.giftcard.title'), { align: 'center', bold: true, size: 'double' }));
      out.push(text(c.money(s.faceValue), { align: 'center', bold: true, size: 'double' }));
      if (s.price !== s.faceValue) out.push(text(c.t('receipt.giftcard.paid', { price: c.money(s.price) }), { align: 'center' }));
      out.push(feed(1), text(formatCode(s.code), { align: 'center', bold: true }), barcode(scanValue(s.code, opts.prefix)), qr(scanValue(s.code, opts.prefix)));
      out.push(text(s.expiresOn ? c.t('receipt.giftcard.expires', { date: c.day(s.expiresOn) }) : c.t('receipt.giftcard.noExpiry'), { align: 'center' }));
      if (s.customerId) out.push(text(c.t('receipt.giftcard.restricted'), { align: 'center' }));
      if (opts.terms) out.push(text(opts.terms, { align: 'center' }));
      out.push(separator('*'));
    }
    return out;
  };
}
