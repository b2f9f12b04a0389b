/**
 * Issue 8.11 (last part): every money sum of a sale stays a safe integer. A cart that would pass
 * MAX_SALE_AMOUNT is refused (SALE_TOO_LARGE, naming the limit) and left as it was; tenders never
 * sum a total or an amount outside the safe integers, and an amount too large is never called
 * "not greater than zero".
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addLine, addProduct, emptyCart, MAX_QTY, priceCart, saleLimitMessage, setQty, type Cart } from '../../src/domain/cart.js';
import { DEFAULT_MAX_PRICE } from '../../src/domain/catalog-import.js';
import { currency, MAX_SALE_AMOUNT } from '../../src/domain/money.js';
import { addCash, addNonCash, paid } from '../../src/domain/tender.js';
import type { Product } from '../../src/domain/catalog.js';
import type { TaxSettings } from '../../src/domain/tax.js';
import type { Result } from '../../src/domain/errors.js';

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw r.error;
  return r.value;
};
const product = (i: number, price = DEFAULT_MAX_PRICE): Product => ({ sku: `P${i}`, barcodes: [`${1000 + i}`], name: `Item ${i}`, price, category: 'c', taxClass: 'standard' });
/** The worst case for a sum: tax added on top at the highest rate the configuration allows. */
const EXCL_100: TaxSettings = { mode: 'exclusive', rounding: 'line', classes: { standard: 100 } };
const INCL: TaxSettings = { mode: 'inclusive', rounding: 'total', classes: { standard: 10 } };
const LINE = DEFAULT_MAX_PRICE * MAX_QTY; // 99,989,999,990,001: one line of 9,999 at the highest default price
const FIT = Math.floor(MAX_SALE_AMOUNT / LINE); // 45 such lines fit

const safeTotals = (c: Cart, tax: TaxSettings) => {
  const p = priceCart(c, tax);
  return [p.gross, p.discountTotal, p.net, p.tax, p.total, ...p.lines.flatMap((l) => [l.gross, l.amount, l.tax])].every(Number.isSafeInteger);
};

describe('issue 8.11 a sale whose sums would pass the safe integers is refused', () => {
  it('lines at catalog.maxPrice with huge quantities: the line that would pass the limit is SALE_TOO_LARGE, the cart unchanged', () => {
    let c = emptyCart();
    for (let i = 0; i < FIT; i++) c = must(addProduct(c, product(i), MAX_QTY));
    expect(FIT).toBe(45);
    expect(safeTotals(c, EXCL_100)).toBe(true);
    expect(priceCart(c, EXCL_100).total).toBe(2 * FIT * LINE);
    const r = addProduct(c, product(FIT), MAX_QTY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('SALE_TOO_LARGE');
    expect(r.error.params).toEqual({ max: `${MAX_SALE_AMOUNT} minor units`, maxMinor: MAX_SALE_AMOUNT });
    expect(r.error.message).toContain(String(MAX_SALE_AMOUNT));
    expect(r.error.message).not.toMatch(/greater than zero/);
    // A smaller quantity of the same product still fits.
    const room = Math.floor((MAX_SALE_AMOUNT - FIT * LINE) / DEFAULT_MAX_PRICE);
    expect(must(addProduct(c, product(FIT), room)).lines).toHaveLength(FIT + 1);
    expect(addProduct(c, product(FIT), room + 1).ok).toBe(false);
  });

  it('a quantity change or a second scan that would pass the limit is refused too; so is a line added directly', () => {
    let c = emptyCart();
    for (let i = 0; i <= FIT; i++) c = must(addProduct(c, product(i), i === 0 ? 1 : MAX_QTY));
    const room = Math.floor((MAX_SALE_AMOUNT - FIT * LINE) / DEFAULT_MAX_PRICE); // quantity line L1 may reach
    expect(room).toBeLessThan(MAX_QTY);
    expect(must(setQty(c, 'L1', room)).lines[0].qty).toBe(room);
    expect((setQty(c, 'L1', room + 1) as { error: { code: string } }).error.code).toBe('SALE_TOO_LARGE');
    expect((addProduct(c, product(0), room) as { error: { code: string } }).error.code).toBe('SALE_TOO_LARGE');
    const big = addLine(c, { kind: 'giftcard', sku: 'GC', name: 'Gift card', unitPrice: MAX_SALE_AMOUNT, qty: 1, taxClass: 'none', category: 'gc' });
    expect(big.ok ? 'ok' : big.error.code).toBe('SALE_TOO_LARGE');
  });

  it('a price above the safe integers (not possible by import, e.g. a hand-made event) is refused, never priced as a float', () => {
    const r = addProduct(emptyCart(), product(1, 2 ** 60), 1);
    expect(r.ok ? 'ok' : r.error.code).toBe('PRICE_INVALID');
    const f = addProduct(emptyCart(), product(1, 12.5), 1);
    expect(f.ok ? 'ok' : f.error.code).toBe('PRICE_INVALID');
  });

  it('the message in the store currency names the limit', () => {
    expect(saleLimitMessage(currency('USD'))).toContain('45035996273704.95 USD');
    expect(saleLimitMessage(currency('VND'))).toContain('4503599627370495 VND');
  });

  it('property: any accepted cart prices to safe integers (exclusive 100% tax, inclusive), and a refusal means the exact sum passes the limit', () => {
    const op = fc.record({ sku: fc.integer({ min: 0, max: 80 }), price: fc.integer({ min: 0, max: DEFAULT_MAX_PRICE }), qty: fc.integer({ min: 1, max: MAX_QTY }), set: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 120 }), (ops) => {
        let c = emptyCart();
        const prices = new Map<number, number>();
        for (const o of ops) {
          const price = prices.get(o.sku) ?? o.price;
          prices.set(o.sku, price);
          const line = c.lines.find((l) => l.sku === `P${o.sku}`);
          const r = o.set && line ? setQty(c, line.id, o.qty) : addProduct(c, product(o.sku, price), o.qty);
          const exact = (cart: Cart) => cart.lines.reduce((a, l) => a + BigInt(l.unitPrice) * BigInt(l.qty), 0n);
          if (r.ok) {
            expect(exact(r.value) <= BigInt(MAX_SALE_AMOUNT)).toBe(true);
            expect(safeTotals(r.value, EXCL_100) && safeTotals(r.value, INCL)).toBe(true);
            c = r.value;
          } else if (r.error.code === 'SALE_TOO_LARGE') {
            const tried = o.set && line ? BigInt(price) * BigInt(o.qty - line.qty) : BigInt(price) * BigInt(o.qty);
            expect(exact(c) + tried > BigInt(MAX_SALE_AMOUNT)).toBe(true);
          } else expect(r.error.code).toBe('BAD_QUANTITY');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('issue 8.11 tenders never sum outside the safe integers', () => {
  it('a card or gift-card amount above what is due is TENDER_EXCEEDS_DUE even past 2^53, never BAD_AMOUNT', () => {
    for (const amount of [1e20, Number.MAX_SAFE_INTEGER + 2, Infinity]) {
      const r = addNonCash(5000, [], 'card', amount, 'T1');
      expect(r.ok ? 'ok' : r.error.code).toBe('TENDER_EXCEEDS_DUE');
    }
    expect((addNonCash(5000, [], 'card', 0, 'T1') as { error: { code: string } }).error.code).toBe('BAD_AMOUNT');
    expect((addNonCash(5000, [], 'card', 12.5, 'T1') as { error: { code: string } }).error.code).toBe('BAD_AMOUNT');
  });

  it('cash past 2^53 is ABSURD_AMOUNT, not "enter the amount"', () => {
    const r = addCash(5000, [], 1e20, 1, 'T1');
    expect(r.ok ? 'ok' : r.error.code).toBe('ABSURD_AMOUNT');
  });

  it('a total or tender that is not a safe integer is SALE_TOO_LARGE before anything is summed', () => {
    const huge = Number.MAX_SAFE_INTEGER * 4;
    expect((addCash(huge, [], 100, 1, 'T1') as { error: { code: string } }).error.code).toBe('SALE_TOO_LARGE');
    expect((addNonCash(huge, [], 'card', 100, 'T1') as { error: { code: string } }).error.code).toBe('SALE_TOO_LARGE');
    const t = [{ id: 'T1', kind: 'card' as const, amount: huge }];
    expect((addNonCash(5000, t, 'card', 100, 'T2') as { error: { code: string } }).error.code).toBe('SALE_TOO_LARGE');
  });

  it('the largest sale the cart allows, with 100% tax on top, is paid to the unit by split tenders', () => {
    let c = emptyCart();
    for (let i = 0; i < FIT; i++) c = must(addProduct(c, product(i), MAX_QTY));
    const total = priceCart(c, EXCL_100).total;
    const t1 = must(addNonCash(total, [], 'card', total - 1, 'T1', { reference: 'A' }));
    const t2 = must(addCash(total, t1, 1, 1, 'T2'));
    expect(paid(t2)).toBe(total);
    expect(Number.isSafeInteger(total)).toBe(true);
  });
});
