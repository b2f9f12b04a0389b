import { describe, expect, it } from 'vitest';
import { addProduct, emptyCart, priceCart } from '../../src/domain/cart.js';
import { finalizeSale, formatReceiptNo, type SaleIdentity } from '../../src/domain/sale.js';
import { addCash, addNonCash } from '../../src/domain/tender.js';
import type { Result } from '../../src/domain/errors.js';
import type { TaxSettings } from '../../src/domain/tax.js';

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw r.error;
  return r.value;
};
const TAX: TaxSettings = { mode: 'inclusive', rounding: 'line', classes: { standard: 10 } };
const ID: SaleIdentity = { saleId: 's-1', receiptNo: 'R1-000001', at: '2025-01-02T03:04:05.000Z', register: 'R1', operator: { id: 'op', name: 'Op' }, currency: 'CHF' };
const priced = (price: number) => priceCart(must(addProduct(emptyCart(), { sku: 'A', barcodes: ['1'], name: 'A', price, category: 'c', taxClass: 'standard' })), TAX);

describe('finalizeSale', () => {
  it('copies totals, sums change and cash rounding', () => {
    const p = priced(1233);
    let ts = must(addNonCash(p.total, [], 'card', 1000, 'T1', { reference: 'OK1' }));
    ts = must(addCash(p.total, ts, 500, 5, 'T2')); // 2.33 rounds to 2.35: change 2.65, rounding +2
    const s = must(finalizeSale(p, ts, ID));
    expect(s).toMatchObject({ ...ID, total: 1233, tax: 112, net: 1121, change: 265, cashRounding: 2, extensions: {} });
    expect(s.tenders).toEqual(ts);
    expect(s.lines).toHaveLength(1);
  });

  it('refuses an empty sale and one its payments do not cover', () => {
    const empty = priceCart(emptyCart(), TAX);
    expect(finalizeSale(empty, [], ID)).toMatchObject({ ok: false, error: { code: 'EMPTY_SALE' } });
    const p = priced(1000);
    expect(finalizeSale(p, must(addCash(1000, [], 999, 1, 'T1')), ID)).toMatchObject({ ok: false, error: { code: 'NOT_COVERED' } });
  });

  it('formats receipt numbers as register-dash-six digits', () => {
    expect(formatReceiptNo('R1', 42)).toBe('R1-000042');
    expect(formatReceiptNo('SHOP2', 1234567)).toBe('SHOP2-1234567');
  });
});
