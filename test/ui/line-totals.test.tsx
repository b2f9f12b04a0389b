/**
 * One reading of a sale (issue 11): the cart's Total column is each line before order discounts, as
 * the receipt prints it; the tier discount and rewards are listed once on their own lines; the
 * subtotal is what the lines add up to, and subtotal - discounts is the total. No double discount.
 */
import { afterEach, expect, test } from 'vitest';
import fc from 'fast-check';
import { openRegisterUi } from '../support/render-app.js';
import { KEY } from '../support/keys.js';
import { addProduct, emptyCart, lineBeforeOrderDiscounts, orderDiscountTotal, priceCart, subtotalBeforeOrderDiscounts, type Cart } from '../../src/domain/cart.js';

type Opened = Awaited<ReturnType<typeof openRegisterUi>>;
let r: Opened;
afterEach(async () => r?.close());

test('a Gold customer: lines at their prices, the tier discount once, subtotal - discounts = total', async () => {
  r = await openRegisterUi({ fixture: { demo: true } });
  const ui = r.ui;
  await ui.waitFor('Scan an item to start a sale');
  ui.scan('2700000000021'); // Dmitri Ivanov, Gold: 10% off
  ui.scan('101');
  ui.scan('204');
  ui.type('2');
  ui.press(KEY.qty);
  ui.scan('601');
  const f = await ui.waitFor('TOTAL  $8.53');
  expect(f).toMatch(/Espresso\s+1\s+\$2\.50\s+\$2\.50/);
  expect(f).toMatch(/Blueberry muffin\s+1\s+\$3\.00\s+\$3\.00/);
  expect(f).toMatch(/Bananas \(bunch\)\s+2\s+\$1\.99\s+\$3\.98/);
  expect(f).toMatch(/Gold tier discount\s+-\$0\.95/);
  expect(f).toContain('Subtotal $9.48   Discounts -$0.95');
  // The receipt reads the same: the lines, the subtotal, the discount once.
  ui.press(KEY.pay);
  await ui.waitFor('Cash received:');
  ui.press(KEY.exact);
  await ui.waitFor('PAID');
  const text = r.register.receiptText(r.register.actor.getSnapshot().context.lastSale!);
  expect(text).toMatch(/Espresso\s+\$2\.50/);
  expect(text).toMatch(/Subtotal\s+\$9\.48/);
  expect(text.match(/-\$0\.95/g)).toHaveLength(1);
});

test('for any cart and discounts: the lines add up to the subtotal, and subtotal - order discounts = the priced lines', () => {
  const product = (i: number, price: number) => ({ sku: `S${i}`, barcodes: [`${i}`], name: `P${i}`, price, category: i % 2 ? 'a' : 'b', taxClass: 'standard' });
  fc.assert(
    fc.property(
      fc.array(fc.record({ price: fc.integer({ min: 0, max: 100_000 }), qty: fc.integer({ min: 1, max: 50 }), own: fc.integer({ min: 0, max: 200_000 }) }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.record({ percent: fc.boolean(), value: fc.integer({ min: 0, max: 500_000 }), category: fc.constantFrom(undefined, 'a', 'b') }), { maxLength: 3 }),
      (lines, discounts) => {
        let cart: Cart = emptyCart();
        lines.forEach((l, i) => {
          const next = addProduct(cart, product(i, l.price), l.qty);
          if (next.ok) cart = { ...next.value, lines: next.value.lines.map((x, k) => (k === next.value.lines.length - 1 ? { ...x, lineDiscount: l.own } : x)) };
        });
        cart = {
          ...cart,
          discounts: discounts.map((d, i) => ({ id: `D${i}`, label: `D${i}`, source: 'manual' as const, kind: d.percent ? ('percent' as const) : ('amount' as const), value: d.value, ...(d.category ? { target: { category: d.category } } : {}) })),
        };
        const p = priceCart(cart, { mode: 'inclusive', rounding: 'line', classes: { standard: 10 } });
        const shown = p.lines.reduce((a, l) => a + lineBeforeOrderDiscounts(l), 0);
        expect(shown).toBe(subtotalBeforeOrderDiscounts(p));
        expect(subtotalBeforeOrderDiscounts(p) - orderDiscountTotal(p)).toBe(p.lines.reduce((a, l) => a + l.amount, 0));
        expect(subtotalBeforeOrderDiscounts(p) - orderDiscountTotal(p)).toBe(p.total);
      },
    ),
    { seed: 4, numRuns: 200 },
  );
});
