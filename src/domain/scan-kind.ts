/**
 * What a scanned code is, by its form alone (no lookup): a gift card (its prefix), a loyalty card
 * (EAN-13 in the store's prefix with a valid check digit), a printed receipt (receipt prefix + a
 * receipt number "R1-000042"), otherwise a product barcode or code. Pure.
 */
import { isGiftCardScan } from './giftcard/code.js';
import { isLoyaltyCard } from './loyalty/card.js';

export type ScanKind = 'product' | 'giftcard' | 'loyalty' | 'receipt';

export interface ScanPrefixes {
  giftCardPrefix: string;
  loyaltyPrefix: string;
  receiptPrefix: string;
}

/** Receipt numbers are "<register id>-<sequence>" (src/domain/sale.ts formatReceiptNo). */
const RECEIPT_NO = /^[A-Za-z0-9_-]{1,16}-\d{6,}$/;

/** The receipt number a receipt barcode carries, or null when the code is not a receipt's. */
export function receiptNoOf(code: string, receiptPrefix: string): string | null {
  const c = code.trim();
  if (!receiptPrefix || !c.startsWith(receiptPrefix)) return null;
  const no = c.slice(receiptPrefix.length);
  return RECEIPT_NO.test(no) ? no : null;
}

export function classifyScan(code: string, p: ScanPrefixes): ScanKind {
  const c = code.trim();
  if (isGiftCardScan(c, p.giftCardPrefix)) return 'giftcard';
  if (isLoyaltyCard(c, p.loyaltyPrefix)) return 'loyalty';
  if (receiptNoOf(c, p.receiptPrefix) !== null) return 'receipt';
  return 'product';
}
