/** Products and barcodes. A product has one sku, one or more barcodes, a price in minor units. */
import type { Minor } from './money.js';

export interface Product {
  sku: string;
  barcodes: string[];
  name: string;
  /** Unit price in minor units; tax-inclusive or -exclusive per the store's tax mode. */
  price: Minor;
  category: string;
  taxClass: string;
  /** Open price ("misc"): the cashier types the price when it is added; `price` is not used. */
  openPrice?: boolean;
  /**
   * Sold by weight: `price` is per kg, and the product is sold from a scale label (a weight-embedded
   * EAN-13, scale-barcode.ts) that carries the weight; added without one it is refused (WEIGHT_REQUIRED).
   */
  soldBy?: 'weight';
}

/** Read-only lookup the checkout uses; the store keeps the index behind it. */
export interface CatalogLookup {
  byBarcode(code: string): Product | undefined;
  bySku(sku: string): Product | undefined;
}

/** GS1 mod-10 check digit over the digits before the check digit. */
export function gs1CheckDigit(body: string): number {
  let s = 0;
  for (let i = 0; i < body.length; i++) {
    const d = body.charCodeAt(body.length - 1 - i) - 48;
    s += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (s % 10)) % 10;
}

/**
 * EAN-13, UPC-A (12), EAN-8 and GTIN-14 carry a GS1 check digit: those are validated. Other
 * codes (internal SKUs, Code128 labels) are accepted as printable ASCII without spaces, 1-48 chars.
 */
export function validateBarcode(
  code: string,
): { ok: true } | { ok: false; reason: string; code: 'BARCODE_CHARS' } | { ok: false; reason: string; code: 'BARCODE_CHECK'; kind: string; expected: number } {
  if (!/^[\x21-\x7e]{1,48}$/.test(code)) return { ok: false, code: 'BARCODE_CHARS', reason: 'barcode must be 1-48 printable characters without spaces' };
  if (/^\d+$/.test(code) && [8, 12, 13, 14].includes(code.length)) {
    const want = gs1CheckDigit(code.slice(0, -1));
    const kind = code.length === 12 ? 'UPC-A' : code.length === 8 ? 'EAN-8' : `EAN-${code.length}`;
    if (want !== Number(code[code.length - 1])) return { ok: false, code: 'BARCODE_CHECK', kind, expected: want, reason: `bad check digit in ${kind} ${code} (expected ${want})` };
  }
  return { ok: true };
}

/** Completes a 12-digit body into an EAN-13. */
export function ean13(body12: string): string {
  if (!/^\d{12}$/.test(body12)) throw new RangeError('EAN-13 body must be 12 digits');
  return body12 + gs1CheckDigit(body12);
}
