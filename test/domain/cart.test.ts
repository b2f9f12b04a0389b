import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addLine, addProduct, emptyCart, MAX_LINES, MAX_QTY, priceCart, removeLine, setQty,
  type Cart, type OrderDiscount,
} from '../../src/domain/cart.js';
import type { Product } from '../../src/domain/catalog.js';
import type { TaxSettings } from '../../src/domain/tax.js';
import type { Result } from '../../src/domain/errors.js';

const A: Product = { sku: 'A', barcodes: ['1'], name: 'Alpha', price: 1000, category: 'x', taxClass: 'standard' };
const B: Product = { sku: 'B', barcodes: ['2'], name: 'Beta', price: 500, category: 'y', taxClass: 'standard' };
const INCL: TaxSettings = { mode: 'inclusive', rounding: 'line', classes: { standard: 10, reduced: 5, zero: 0 } };
const EXCL: TaxSettings = { ...INCL, mode: 'exclusive' };

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw r.error;
  return r.value;
};
const codeOf = <T>(r: Result<T>): string => (r.ok ? 'ok' : r.error.code);

/** 2 x Alpha (10.00) + 1 x Beta (5.00): gross 25.00. */
const abCart = (): Cart => must(addProduct(must(addProduct(emptyCart(), A, 2)), B));
const withDiscounts = (c: Cart, ...discounts: OrderDiscount[]): Cart => ({ ...c, discounts });

describe('cart operations', () => {
  it('a second scan of a product adds to its line and moves it to the bottom', () => {
    let c = must(addProduct(emptyCart(), A));
    c = must(addProduct(c, B));
    c = must(addProduct(c, A, 2));
    expect(c.lines.map((l) => [l.id, l.sku, l.qty])).toEqual([
      ['L2', 'B', 1],
      ['L1', 'A', 3],
    ]);
  });

  it('line ids never repeat within a sale, even after a removal', () => {
    let c = must(addProduct(emptyCart(), A));
    c = must(removeLine(c, 'L1'));
    c = must(addProduct(c, A));
    expect(c.lines.map((l) => l.id)).toEqual(['L2']);
  });

  it('refuses bad quantities with BAD_QUANTITY', () => {
    for (const q of [0, -1, 1.5, MAX_QTY + 1, NaN]) expect(codeOf(addProduct(emptyCart(), A, q))).toBe('BAD_QUANTITY');
    const c = must(addProduct(emptyCart(), A, MAX_QTY));
    expect(codeOf(addProduct(c, A))).toBe('BAD_QUANTITY');
    expect(codeOf(setQty(c, 'L1', 0))).toBe('BAD_QUANTITY');
    expect(must(setQty(c, 'L1', 7)).lines[0].qty).toBe(7);
  });

  it('names a missing line NO_SUCH_LINE and a gift card line QTY_NOT_ALLOWED', () => {
    const c = must(addLine(emptyCart(), { kind: 'giftcard', sku: 'GC', name: 'Gift card', unitPrice: 5000, qty: 1, taxClass: 'zero', category: 'giftcard', noDiscount: true }));
    expect(codeOf(setQty(c, 'L9', 2))).toBe('NO_SUCH_LINE');
    expect(codeOf(removeLine(c, 'L9'))).toBe('NO_SUCH_LINE');
    expect(codeOf(setQty(c, 'L1', 2))).toBe('QTY_NOT_ALLOWED');
  });

  it('refuses a line past MAX_LINES with CART_FULL', () => {
    let c = emptyCart();
    for (let i = 0; i < MAX_LINES; i++) c = must(addProduct(c, { ...A, sku: `S${i}` }));
    expect(codeOf(addProduct(c, B))).toBe('CART_FULL');
  });
});

describe('priceCart golden', () => {
  it('no discount, inclusive 10%: tax is contained in the total', () => {
    const p = priceCart(abCart(), INCL);
    // 2000/11 = 181.82 -> 182, 500/11 = 45.45 -> 45
    expect(p.lines.map((l) => [l.gross, l.discount, l.amount, l.tax])).toEqual([
      [2000, 0, 2000, 182],
      [500, 0, 500, 45],
    ]);
    expect([p.gross, p.discountTotal, p.tax, p.total, p.net, p.itemCount]).toEqual([2500, 0, 227, 2500, 2273, 3]);
  });

  it('10% with a cap of 1.50: the cap wins and is spread 120/30 by line amount', () => {
    const p = priceCart(withDiscounts(abCart(), { id: 'd', label: '10%', source: 'tier', kind: 'percent', value: 100_000, max: 150 }), INCL);
    // 10% of 2500 = 250, capped at 150; allocate(150, [2000, 500]) = [120, 30]
    expect(p.lines.map((l) => [l.discount, l.amount])).toEqual([
      [120, 1880],
      [30, 470],
    ]);
    // tax per line: 1880/11 = 170.91 -> 171, 470/11 = 42.73 -> 43
    expect(p.lines.map((l) => l.tax)).toEqual([171, 43]);
    expect(p.discounts).toEqual([{ id: 'd', label: '10%', source: 'tier', amount: 150, meta: undefined }]);
    expect([p.discountTotal, p.tax, p.total, p.net]).toEqual([150, 214, 2350, 2136]);
  });

  it('same cart tax-exclusive: 10% is added on top of the discounted amounts', () => {
    const p = priceCart(withDiscounts(abCart(), { id: 'd', label: '10%', source: 'tier', kind: 'percent', value: 100_000, max: 150 }), EXCL);
    // 1880 * 0.1 = 188, 470 * 0.1 = 47
    expect([p.tax, p.total, p.net]).toEqual([235, 2585, 2350]);
  });

  it('an amount discount of 3.00 is spread 240/60; discounts apply in order on what is left', () => {
    const amount: OrderDiscount = { id: 'm', label: 'Coupon', source: 'manual', kind: 'amount', value: 300 };
    expect(priceCart(withDiscounts(abCart(), amount), INCL).lines.map((l) => l.discount)).toEqual([240, 60]);
    // 10% uncapped = 250 (200/50), then 1.00 on the remaining 1800/450: allocate(100, [1800, 450]) = [80, 20]
    const two = priceCart(
      withDiscounts(abCart(), { id: 'p', label: '10%', source: 'tier', kind: 'percent', value: 100_000 }, { ...amount, value: 100 }),
      INCL,
    );
    expect(two.lines.map((l) => l.discount)).toEqual([280, 70]);
    expect(two.discounts.map((d) => d.amount)).toEqual([250, 100]);
    expect(two.total).toBe(2150);
  });

  it('a discount targeted at a category touches only its lines', () => {
    const p = priceCart(withDiscounts(abCart(), { id: 'y', label: '20% y', source: 'reward', kind: 'percent', value: 200_000, target: { category: 'y' } }), INCL);
    expect(p.lines.map((l) => l.discount)).toEqual([0, 100]);
    expect(p.total).toBe(2400);
    const none = priceCart(withDiscounts(abCart(), { id: 'z', label: 'z', source: 'reward', kind: 'amount', value: 100, target: { category: 'nothing' } }), INCL);
    expect(none.discounts[0].amount).toBe(0);
    expect(none.total).toBe(2500);
  });

  it('a discount larger than the sale is clamped to it; gift card lines are never discounted', () => {
    const gc = must(addLine(abCart(), { kind: 'giftcard', sku: 'GC', name: 'Gift card', unitPrice: 5000, qty: 1, taxClass: 'zero', category: 'giftcard', noDiscount: true }));
    const p = priceCart(withDiscounts(gc, { id: 'big', label: 'All', source: 'manual', kind: 'amount', value: 1_000_000 }), INCL);
    expect(p.lines.map((l) => l.amount)).toEqual([0, 0, 5000]);
    expect(p.discountTotal).toBe(2500);
    expect(p.total).toBe(5000);
  });

  it('a fixed line discount comes first and never exceeds its line', () => {
    const c = abCart();
    c.lines[1] = { ...c.lines[1], lineDiscount: 900 };
    const p = priceCart(c, INCL);
    expect(p.lines.map((l) => l.discount)).toEqual([0, 500]);
    expect(p.total).toBe(2000);
  });
});

describe('priceCart properties', () => {
  const line = fc.record({
    unitPrice: fc.integer({ min: 0, max: 100_000 }),
    qty: fc.integer({ min: 1, max: 50 }),
    taxClass: fc.constantFrom('standard', 'reduced', 'zero'),
    category: fc.constantFrom('x', 'y', 'z'),
    lineDiscount: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
    noDiscount: fc.boolean(),
  });
  const discount = fc.record({
    kind: fc.constantFrom('percent' as const, 'amount' as const),
    value: fc.integer({ min: 0, max: 1_000_000 }),
    max: fc.option(fc.integer({ min: 0, max: 500_000 }), { nil: undefined }),
    target: fc.option(fc.record({ category: fc.constantFrom('x', 'y', 'z') }), { nil: undefined }),
  });
  const settings = fc.record({
    mode: fc.constantFrom('inclusive' as const, 'exclusive' as const),
    rounding: fc.constantFrom('line' as const, 'total' as const),
    classes: fc.constant({ standard: 10, reduced: 5, zero: 0 }),
  });

  it('total = sum of line amounts (+ tax when exclusive); discounts never exceed gross; no unit lost', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.array(discount, { maxLength: 3 }), settings, (ls, ds, tax) => {
        const cart: Cart = {
          lines: ls.map((l, i) => ({ ...l, id: `L${i + 1}`, kind: 'product', sku: `S${i}`, name: `P${i}` })),
          discounts: ds.map((d, i) => ({ ...d, id: `D${i}`, label: `D${i}`, source: 'manual' })),
          nextLine: ls.length + 1,
        };
        const p = priceCart(cart, tax);
        const sumOf = (f: (l: (typeof p.lines)[number]) => number) => p.lines.reduce((a, l) => a + f(l), 0);
        expect(p.gross).toBe(sumOf((l) => l.unitPrice * l.qty));
        expect(p.discountTotal).toBe(sumOf((l) => l.discount));
        expect(p.gross - p.discountTotal).toBe(sumOf((l) => l.amount));
        expect(p.total).toBe(sumOf((l) => l.amount) + (tax.mode === 'exclusive' ? p.tax : 0));
        expect(p.tax).toBe(sumOf((l) => l.tax));
        expect(p.net + p.tax).toBe(p.total);
        expect(p.discountTotal).toBeLessThanOrEqual(p.gross);
        for (const l of p.lines) {
          expect(l.discount).toBeGreaterThanOrEqual(0);
          expect(l.discount).toBeLessThanOrEqual(l.gross);
          if (l.noDiscount) expect(l.discount).toBe(Math.min(l.lineDiscount ?? 0, l.gross));
        }
        // Order discounts plus clamped line discounts are exactly the discount total.
        const lineDisc = ls.reduce((a, l) => a + Math.min(l.lineDiscount ?? 0, l.unitPrice * l.qty), 0);
        expect(p.discounts.reduce((a, d) => a + d.amount, 0) + lineDisc).toBe(p.discountTotal);
        p.discounts.forEach((d, i) => {
          if (ds[i].max !== undefined) expect(d.amount).toBeLessThanOrEqual(ds[i].max!);
        });
      }),
    );
  });
});
