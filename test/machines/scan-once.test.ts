/**
 * Issue 12, scan cost: the guards and the action of one add event share one answer (addEvent's memo
 * in checkout.logic.ts), the priced cart reuses unchanged lines, and the usual cart is decided
 * without BigInt. None of it may change what the register answers: these tests pin the answers where
 * a shared or reused value could go stale.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createActor, fromPromise } from 'xstate';
import { addEvent } from '../../machines/checkout.logic.js';
import type { CheckoutContext, CheckoutEvent } from '../../machines/checkout.types.js';
import { addLine, addProduct, emptyCart, MAX_QTY, priceCart, type Cart } from '../../src/domain/cart.js';
import { exactSum, MAX_SALE_AMOUNT } from '../../src/domain/money.js';
import { parseCode } from '../../src/domain/giftcard/code.js';
import { unknownCardError } from '../../src/domain/giftcard/errors.js';
import type { Product } from '../../src/domain/catalog.js';
import { catalogOf, CODE_A, CODE_UNKNOWN, machineWith, makeDeps, PRODUCTS, recordFor } from './fixtures.js';

const TAX = { mode: 'inclusive' as const, rounding: 'line' as const, classes: { standard: 10, reduced: 5, zero: 0 } };

describe('one add event, one answer, never a stale one', () => {
  it('the same event object against another context is computed afresh', () => {
    const started = createActor(machineWith(fromPromise(async ({ input }) => recordFor(input))), { input: makeDeps() }).start();
    const ctx = started.getSnapshot().context as CheckoutContext;
    const ev: CheckoutEvent = { type: 'cart.scan', code: CODE_A, source: 'keyboard' };
    const first = addEvent(ctx, ev);
    expect(addEvent(ctx, ev)).toBe(first); // the guards and the action: one computation
    const other: CheckoutContext = { ...ctx, cart: first.cart! };
    const second = addEvent(other, ev);
    expect(second).not.toBe(first);
    expect(second.cart!.lines[0].qty).toBe(2);
    started.stop();
  });

  it('a product the catalog learns between two equal scans is found by the second', () => {
    const products: Product[] = [...PRODUCTS];
    let catalog = catalogOf(products);
    const deps = makeDeps({ catalog: { byBarcode: (c) => catalog.byBarcode(c), bySku: (s) => catalog.bySku(s) } });
    const actor = createActor(machineWith(fromPromise(async ({ input }) => recordFor(input))), { input: deps }).start();
    const ev: CheckoutEvent = { type: 'cart.scan', code: CODE_UNKNOWN, source: 'keyboard' };
    actor.send(ev);
    expect(actor.getSnapshot().context.message?.code).toBe('UNKNOWN_BARCODE');
    catalog = catalogOf([...products, { sku: 'N', barcodes: [CODE_UNKNOWN], name: 'New', price: 700, category: 'x', taxClass: 'standard' }]);
    actor.send(ev); // the same event object again
    expect(actor.getSnapshot().context.message).toBeNull();
    expect(actor.getSnapshot().context.priced.lines.map((l) => l.sku)).toEqual(['N']);
    actor.stop();
  });
});

describe('priced lines are reused only when their figures are the same', () => {
  it('an unchanged line keeps its priced object; a line whose figures change gets new ones', () => {
    let c = emptyCart();
    c = must(addProduct(c, PRODUCTS[0]));
    c = must(addProduct(c, PRODUCTS[1]));
    const p1 = priceCart(c, TAX);
    const c2 = must(addProduct(c, PRODUCTS[2]));
    const p2 = priceCart(c2, TAX);
    expect(p2.lines[0]).toBe(p1.lines[0]);
    expect(p2.lines[1]).toBe(p1.lines[1]);
    // An order discount changes every line's share: fresh figures, equal to a copy made anew.
    const c3: Cart = { ...c2, discounts: [{ id: 'D1', label: '10%', source: 'manual', kind: 'percent', value: 100_000 }] };
    const p3 = priceCart(c3, TAX);
    expect(p3.lines[0]).not.toBe(p2.lines[0]);
    for (const [i, l] of p3.lines.entries()) {
      expect(l).toEqual({ ...c3.lines[i], gross: l.unitPrice * l.qty, discount: l.discount, amount: l.gross - l.discount, tax: l.tax });
    }
    expect(p3.lines.reduce((a, l) => a + l.discount, 0)).toBe(p3.discountTotal);
    // And back without the discount: the figures of p2 again.
    expect(priceCart(c2, TAX).lines.map((l) => [l.amount, l.tax])).toEqual(p2.lines.map((l) => [l.amount, l.tax]));
  });
});

describe('the sale limit decided without BigInt agrees with the exact sum', () => {
  it('property: addLine accepts exactly when the exact |price| x qty sum is within MAX_SALE_AMOUNT', () => {
    const price = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(MAX_SALE_AMOUNT, MAX_SALE_AMOUNT + 1, Math.floor(MAX_SALE_AMOUNT / 3)));
    fc.assert(
      fc.property(fc.array(fc.tuple(price, fc.integer({ min: 1, max: MAX_QTY })), { minLength: 1, maxLength: 8 }), (pairs) => {
        let cart = emptyCart();
        let refused: string | null = null;
        for (const [i, [unitPrice, qty]] of pairs.entries()) {
          const exact = exactSum([...cart.lines.map((l) => [Math.abs(l.unitPrice), l.qty] as const), [Math.abs(unitPrice), qty] as const])!;
          const r = addLine(cart, { kind: 'product', sku: `S${i}`, name: 'x', unitPrice, qty, taxClass: 'standard', category: 'c' });
          if (exact > BigInt(MAX_SALE_AMOUNT)) {
            expect(r.ok).toBe(false);
            if (!r.ok) refused = r.error.code;
            expect(refused).toBe('SALE_TOO_LARGE');
          } else {
            expect(r.ok).toBe(true);
            if (r.ok) cart = r.value;
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a fractional price is still PRICE_INVALID', () => {
    const r = addLine(emptyCart(), { kind: 'product', sku: 'F', name: 'f', unitPrice: 10.5, qty: 1, taxClass: 'standard', category: 'c' });
    expect(!r.ok && r.error.code).toBe('PRICE_INVALID');
  });
});

describe('the shared card refusals', () => {
  it('a product barcode tried as a card code gets the same refusal, whatever the code', () => {
    const a = parseCode(CODE_A, 'GC');
    const b = parseCode('not a card', 'GC');
    expect(a.ok || b.ok).toBe(false);
    if (!a.ok && !b.ok) {
      expect(a.error.code).toBe('GIFT_CARD_BAD_CHECK');
      expect(b.error).toBe(a.error);
    }
    expect(unknownCardError().code).toBe('GIFT_CARD_UNKNOWN');
    expect(unknownCardError()).toBe(unknownCardError());
  });
});

function must<T>(r: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!r.ok) throw r.error;
  return r.value;
}
