/**
 * Open-price items, scale labels and products added by sku, through the checkout machine: worked
 * numbers, the refusal codes, and that a scan is never a price.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { checkoutMachine } from '../../machines/checkout.machine.js';
import { ean13, type Product } from '../../src/domain/catalog.js';
import { DEFAULT_SCALE_LAYOUTS } from '../../src/domain/scale-barcode.js';
import { catalogOf, CODE_A, makeDeps, PRODUCTS, scriptedCommit } from './fixtures.js';

const MISC: Product = { sku: 'MISC', barcodes: ['999'], name: 'Miscellaneous', price: 0, category: 'misc', taxClass: 'standard', openPrice: true };
const BANANAS: Product = { sku: 'BAN', barcodes: ['61001'], name: 'Bananas', price: 240, category: 'produce', taxClass: 'zero', soldBy: 'weight' };
const DELI: Product = { sku: 'DELI', barcodes: ['12345'], name: 'Deli salad', price: 0, category: 'deli', taxClass: 'reduced', openPrice: true };
const catalog = catalogOf([...PRODUCTS, MISC, BANANAS, DELI]);

function start(over = {}) {
  const commit = scriptedCommit(['ok']);
  const actor = createActor(checkoutMachine.provide({ actors: { commitSale: commit.logic } }), {
    input: makeDeps({ catalog, scale: DEFAULT_SCALE_LAYOUTS, openPriceMax: 100_000, ...over }),
  }).start();
  return { actor, commit };
}
const ctx = (a: ReturnType<typeof start>['actor']) => a.getSnapshot().context;

describe('open-price items', () => {
  it('scanned at idle: the sale opens asking the price; 4.50 makes the line, journaled with meta.openPrice', async () => {
    const { actor, commit } = start();
    actor.send({ type: 'cart.scan', code: '999' });
    expect(actor.getSnapshot().matches({ open: 'priceEntry' })).toBe(true);
    expect(ctx(actor).pricePrompt).toEqual({ sku: 'MISC', name: 'Miscellaneous', qty: 1, barcode: '999' });
    expect(ctx(actor).cart.lines).toHaveLength(0);
    actor.send({ type: 'price.amount', amount: 450 });
    expect(actor.getSnapshot().matches({ open: 'sale' })).toBe(true);
    expect(ctx(actor).cart.lines[0]).toMatchObject({ sku: 'MISC', unitPrice: 450, qty: 1, meta: { openPrice: true } });
    expect(ctx(actor).priced.total).toBe(450);
    actor.send({ type: 'tender.start' });
    actor.send({ type: 'tender.exact' });
    await new Promise((r) => setTimeout(r, 0));
    expect(actor.getSnapshot().value).toBe('committed');
    expect(commit.inputs[0].priced.lines[0]).toMatchObject({ unitPrice: 450, gross: 450, meta: { openPrice: true } });
  });

  it('zero, negative, fractional and absurd prices are refused with codes; the prompt stays', () => {
    const { actor } = start();
    actor.send({ type: 'cart.add', sku: 'MISC' });
    for (const [amount, code] of [[0, 'OPEN_PRICE_INVALID'], [-100, 'OPEN_PRICE_INVALID'], [1.5, 'OPEN_PRICE_INVALID'], [100_001, 'OPEN_PRICE_TOO_HIGH']] as const) {
      actor.send({ type: 'price.amount', amount });
      expect(ctx(actor).message?.code).toBe(code);
      expect(actor.getSnapshot().matches({ open: 'priceEntry' })).toBe(true);
      expect(ctx(actor).cart.lines).toHaveLength(0);
    }
    expect(ctx(actor).message?.params).toMatchObject({ max: '1000.00 USD' });
    actor.send({ type: 'price.amount', amount: 100_000 });
    expect(ctx(actor).cart.lines[0].unitPrice).toBe(100_000);
  });

  it('3 x misc asks the price of one and makes a line of three; cancelling an empty sale goes back to idle', () => {
    const { actor } = start();
    actor.send({ type: 'cart.scan', code: '999', qty: 3 });
    actor.send({ type: 'price.amount', amount: 200 });
    expect(ctx(actor).cart.lines[0]).toMatchObject({ qty: 3, unitPrice: 200 });
    expect(ctx(actor).priced.total).toBe(600);
    const b = start().actor;
    b.send({ type: 'cart.scan', code: '999' });
    b.send({ type: 'price.cancel' });
    expect(b.getSnapshot().value).toBe('idle');
  });

  it('a scan while the price is asked is never the price: the prompt goes and the scan is added', () => {
    const { actor } = start();
    actor.send({ type: 'cart.scan', code: CODE_A });
    actor.send({ type: 'cart.scan', code: '999' });
    actor.send({ type: 'cart.scan', code: CODE_A });
    expect(actor.getSnapshot().matches({ open: 'sale' })).toBe(true);
    expect(ctx(actor).pricePrompt).toBeNull();
    expect(ctx(actor).cart.lines.map((l) => [l.sku, l.qty])).toEqual([['A', 2]]);
  });
});

describe('scale labels', () => {
  it('a weight label: 0.750 kg of bananas at 2.40/kg is a line of 1.80 with the weight; qty cannot change', () => {
    const { actor } = start();
    const code = ean13('286100100750');
    actor.send({ type: 'cart.scan', code });
    const line = ctx(actor).cart.lines[0];
    expect(line).toMatchObject({ sku: 'BAN', name: 'Bananas', unitPrice: 180, qty: 1, barcode: code, meta: { scale: { kind: 'weight', weight: '0.750', unit: 'kg', pricePerKg: 240 } } });
    // A second label is a second pack, its own line.
    actor.send({ type: 'cart.scan', code: ean13('286100101250') });
    expect(ctx(actor).cart.lines.map((l) => l.unitPrice)).toEqual([180, 300]);
    actor.send({ type: 'cart.qty', lineId: line.id, qty: 2 });
    expect(ctx(actor).message?.code).toBe('QTY_NOT_ALLOWED');
    actor.send({ type: 'cart.scan', code: ean13('286100100750'), qty: 2 });
    expect(ctx(actor).message?.code).toBe('SCALE_QTY');
  });

  it('a price label of an open-price product takes the label price (no question); the product typed by its code asks', () => {
    const { actor } = start();
    actor.send({ type: 'cart.scan', code: ean13('201234501234') });
    expect(ctx(actor).cart.lines[0]).toMatchObject({ sku: 'DELI', unitPrice: 1234, meta: { scale: { kind: 'price' } } });
    actor.send({ type: 'cart.scan', code: '12345' });
    expect(actor.getSnapshot().matches({ open: 'priceEntry' })).toBe(true);
  });

  it('bad check digit, unknown item code, a weighed product without a label: clear codes, nothing added', () => {
    const { actor } = start();
    actor.send({ type: 'cart.scan', code: '2012345012348' });
    expect(ctx(actor).message).toMatchObject({ code: 'SCALE_CHECK_DIGIT', params: { code: '2012345012348' } });
    actor.send({ type: 'cart.scan', code: ean13('289999900750') });
    expect(ctx(actor).message).toMatchObject({ code: 'SCALE_ITEM_UNKNOWN', params: { item: '99999' } });
    actor.send({ type: 'cart.scan', code: '61001' });
    expect(ctx(actor).message).toMatchObject({ code: 'WEIGHT_REQUIRED', params: { name: 'Bananas' } });
    actor.send({ type: 'cart.scan', code: ean13('286100100000') });
    expect(ctx(actor).message?.code).toBe('SCALE_ZERO');
    expect(actor.getSnapshot().value).toBe('idle');
  });

  it('without layouts a scale label is an unknown barcode', () => {
    const { actor } = start({ scale: [] });
    actor.send({ type: 'cart.scan', code: ean13('286100100750') });
    expect(ctx(actor).message?.code).toBe('UNKNOWN_BARCODE');
  });
});

describe('adding by sku (search, quick keys)', () => {
  it('adds like a scan; an unknown sku is PRODUCT_UNKNOWN; a large quantity is asked about', () => {
    const { actor } = start({ checks: { cashTimesDue: 10, largestNote: 10_000, qtyAbove: 100, saleTotalAbove: 0 } });
    actor.send({ type: 'cart.add', sku: 'B' });
    actor.send({ type: 'cart.add', sku: 'B' });
    expect(ctx(actor).cart.lines.map((l) => [l.sku, l.qty])).toEqual([['B', 2]]);
    actor.send({ type: 'cart.add', sku: 'NOPE' });
    expect(ctx(actor).message).toMatchObject({ code: 'PRODUCT_UNKNOWN', params: { sku: 'NOPE' } });
    actor.send({ type: 'cart.add', sku: 'A', qty: 500 });
    expect(ctx(actor).confirm?.code).toBe('CONFIRM_QTY');
    actor.send({ type: 'confirm.accept' });
    expect(ctx(actor).cart.lines.map((l) => [l.sku, l.qty])).toEqual([['B', 2], ['A', 500]]);
  });

  it('from the payment screen without payments it goes back to the sale and adds; with payments it is refused', () => {
    const { actor } = start();
    actor.send({ type: 'cart.add', sku: 'A' });
    actor.send({ type: 'tender.start' });
    actor.send({ type: 'cart.add', sku: 'C' });
    expect(actor.getSnapshot().matches({ open: 'sale' })).toBe(true);
    expect(ctx(actor).cart.lines).toHaveLength(2);
    actor.send({ type: 'tender.start' });
    actor.send({ type: 'tender.cash', amount: 100 });
    actor.send({ type: 'cart.add', sku: 'C' });
    expect(ctx(actor).message?.code).toBe('SCAN_IN_TENDER');
  });
});
