/**
 * The cashier's everyday tools over headless (issue 11), with the UI's codes: product_search and
 * add (by sku), quick_keys, open-price items (status price_entry, price / price_cancel) and scale
 * labels (lines with their weight), and what is journaled.
 */
import { describe, expect, it } from 'vitest';
import { session } from './support.js';
import { demoProducts } from '../../src/admin/demo-store.js';
import { demoCounterProducts, demoQuickKeys } from '../../src/admin/demo-counter.js';

const opts = { products: [...demoProducts(), ...demoCounterProducts()], config: { quickKeys: demoQuickKeys() } };
const saleOf = (h: Awaited<ReturnType<typeof session>>['h']) => (h.store.events.find((e) => e.type === 'sale.committed')!.data as { sale: { lines: { sku: string; unitPrice: number; meta?: unknown }[] } }).sale;

describe('product search and add by sku', () => {
  it('product_search finds by name folding case and marks; add puts the sku on the sale; an unknown sku is PRODUCT_UNKNOWN', async () => {
    const { replies } = await session(
      [
        { id: 1, cmd: 'product_search', query: 'FILTER coffee', limit: 5 },
        { id: 2, cmd: 'add', sku: 'SKU-COF-L' },
        { id: 3, cmd: 'add', sku: 'SKU-COF-L', qty: 2 },
        { id: 4, cmd: 'add', sku: 'NOPE' },
        { id: 5, cmd: 'product_search', query: 'x', limit: 0 },
      ],
      opts,
    );
    expect(replies[0].ok).toBe(true);
    expect((replies[0] as { products?: { sku: string }[] }).products!.map((p) => p.sku)).toEqual(['SKU-COF-S', 'SKU-COF-M', 'SKU-COF-L']);
    expect(replies[2].state).toMatchObject({ status: 'sale', lines: [{ sku: 'SKU-COF-L', qty: 3, unitPrice: 300 }] });
    expect(replies[3]).toMatchObject({ ok: false, error: { code: 'PRODUCT_UNKNOWN', message: 'No product has the sku NOPE.' } });
    expect(replies[4]).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('quick_keys lists the grid with the skus add takes', async () => {
    const { replies } = await session([{ id: 1, cmd: 'quick_keys' }], opts);
    const pages = (replies[0] as { quickKeys?: { title: string; keys: { key: string; label: string; sku: string }[] }[] }).quickKeys!;
    expect(pages.map((p) => p.title)).toEqual(['Coffee & bakery', 'Other']);
    expect(pages[0].keys[0]).toEqual({ key: '1', label: 'Filter coffee S', sku: 'SKU-COF-S' });
  });
});

describe('open-price items', () => {
  it('a scan of 900 waits in price_entry; 0 and too much are refused with codes; 4.50 is journaled on the line', async () => {
    const { h, replies } = await session(
      [
        { id: 1, cmd: 'scan', code: '900' },
        { id: 2, cmd: 'price', amount: 0 },
        { id: 3, cmd: 'price', amount: -5 },
        { id: 4, cmd: 'price', amount: 100_001 },
        { id: 5, cmd: 'price', amount: 450 },
        { id: 6, cmd: 'pay' },
        { id: 7, cmd: 'exact' },
      ],
      opts,
    );
    expect(replies[0].state).toMatchObject({ status: 'price_entry', pricePrompt: { sku: 'SKU-MISC', name: 'Miscellaneous', qty: 1 }, lines: [] });
    expect(replies[1]).toMatchObject({ ok: false, error: { code: 'OPEN_PRICE_INVALID', message: 'Type the price of Miscellaneous: more than zero.' } });
    expect(replies[2]).toMatchObject({ ok: false, error: { code: 'OPEN_PRICE_INVALID' } });
    expect(replies[3]).toMatchObject({ ok: false, error: { code: 'OPEN_PRICE_TOO_HIGH', message: 'Miscellaneous can be sold for at most 1000.00 USD. Check the price.' } });
    expect(replies[4].state).toMatchObject({ status: 'sale', lines: [{ sku: 'SKU-MISC', unitPrice: 450, openPrice: true }] });
    expect(replies[6].state.status).toBe('committed');
    expect(saleOf(h).lines[0]).toMatchObject({ sku: 'SKU-MISC', unitPrice: 450, meta: { openPrice: true } });
  });

  it('price_cancel on an empty sale goes back to idle; price is INVALID_IN_STATE elsewhere', async () => {
    const { replies } = await session(
      [
        { id: 1, cmd: 'add', sku: 'SKU-MISC' },
        { id: 2, cmd: 'price_cancel' },
        { id: 3, cmd: 'price', amount: 100 },
      ],
      opts,
    );
    expect(replies[1].state.status).toBe('idle');
    expect(replies[2]).toMatchObject({ ok: false, error: { code: 'INVALID_IN_STATE' } });
  });
});

describe('scale labels', () => {
  it('a weight label: 0.750 kg at 2.40/kg is a line of 1.80 with its weight, journaled with it, printed on the receipt', async () => {
    const { h, replies } = await session(
      [
        { id: 1, cmd: 'scan', code: '2861001007508' },
        { id: 2, cmd: 'scan', code: '2012345012349' },
        { id: 3, cmd: 'pay' },
        { id: 4, cmd: 'exact' },
        { id: 5, cmd: 'receipt' },
      ],
      opts,
    );
    expect(replies[0].state.lines[0]).toMatchObject({ sku: 'SKU-BAN-KG', qty: 1, unitPrice: 180, amount: 180, weight: { kg: '0.750', pricePerKg: 240 } });
    expect(replies[1].state.lines[1]).toMatchObject({ sku: 'SKU-DELI', unitPrice: 1234, priceLabel: true });
    expect(replies[1].state.total).toBe(1414);
    expect(saleOf(h).lines[0]).toMatchObject({ meta: { scale: { kind: 'weight', weight: '0.750', unit: 'kg', pricePerKg: 240 } } });
    expect(replies[4].receipt!.text).toMatch(/Bananas, loose *\n\s+0\.750 kg x \$2\.40\/kg\s+\$1\.80/);
  });

  it('a bad check digit, an unknown item code, a bananas code typed without a label: the UI codes', async () => {
    const { replies } = await session(
      [
        { id: 1, cmd: 'scan', code: '2012345012348' },
        { id: 2, cmd: 'scan', code: '2899999007507' },
        { id: 3, cmd: 'scan', code: '61001' },
        { id: 4, cmd: 'scan', code: '2861001007508', qty: 2 },
      ],
      opts,
    );
    expect(replies.map((r) => r.error?.code)).toEqual(['SCALE_CHECK_DIGIT', 'SCALE_ITEM_UNKNOWN', 'WEIGHT_REQUIRED', 'SCALE_QTY']);
    expect(replies[3].state.lines).toEqual([]);
  });
});
