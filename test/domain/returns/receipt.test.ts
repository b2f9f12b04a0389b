/**
 * The return receipt: what came back (negative amounts), the tax reversed per class, how it was
 * refunded, the cards and points after it, the original receipt number, who approved it, its own
 * number and barcode — at every printer width, no line too wide, control characters never printed.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Book, cardCode, catalogOf, customer, prod, sell } from './fixtures.js';
import { layoutExchangeReceipt } from '../../../src/domain/returns/exchange-receipt.js';
import { formatCode } from '../../../src/domain/giftcard/code.js';
import { addCash } from '../../../src/domain/tender.js';
import { layoutReturnReceipt } from '../../../src/domain/returns/receipt.js';
import { renderText, textWidth } from '../../../src/domain/receipt.js';
import type { ReceiptConfig } from '../../../src/domain/receipt.js';

const A = prod('A', 1000);
const GC = cardCode(7);
const cfg = (width: 32 | 42 | 48): ReceiptConfig => ({
  width,
  store: { name: 'Demo Cafe', address: ['1 Main St'], phone: '', taxId: '' } as ReceiptConfig['store'],
  header: [],
  footer: ['Thank you'],
  locale: 'en-US',
  ascii: false,
  receiptPrefix: 'R',
  timeZone: 'UTC',
});

describe('return receipt', () => {
  it('says what came back, how it was refunded, the card and points after it', () => {
    const book = new Book().setup({ cards: [[GC, 1500]], customers: [customer('c1', 1)], ladder: null });
    const sale = sell(book, { items: [[{ ...A, name: 'Espresso\u001bp' }, 3]], customerId: 'c1', pay: [{ kind: 'giftcard', code: GC }, { kind: 'cash' }] });
    const plan = book.planReturn(sale, [{ lineId: 'L1', qty: 2 }]);
    expect(plan.ok).toBe(true);
    const r = { ...(plan.ok ? plan.value.record : (null as never)), approvedBy: 'mai' };
    for (const width of [32, 42, 48] as const) {
      const doc = layoutReturnReceipt(r, cfg(width), (id) => (id === 'mai' ? 'Mai' : undefined));
      const text = renderText(doc, width);
      for (const line of text.split('\n')) expect(textWidth(line), line).toBeLessThanOrEqual(width);
      expect(text).not.toContain('\u001b');
      expect(doc.blocks).toContainEqual({ type: 'barcode', symbology: 'code128', data: `R${r.receiptNo}` });
    }
    const text = renderText(layoutReturnReceipt(r, cfg(42), (id) => (id === 'mai' ? 'Mai' : undefined)), 42);
    for (const want of ['RETURN', `Goods back from receipt ${sale.receiptNo}`, '2 x $10.00', '-$20.00', 'REFUND', 'Gift card', `****${GC.slice(-4)}`, 'Cash', 'Coffee Club', 'Points taken back', 'Points balance', 'Approved by: Mai', `Receipt: ${r.receiptNo}`])
      expect(text).toContain(want);
    // $15.00 of the $30.00 came from the card: two of three units put $10.00 back onto it, $10.00 in cash.
    expect(r.refunds.map((f) => [f.kind, f.amount])).toEqual([['giftcard', 1000], ['cash', 1000]]);
    expect(text).toMatch(/Gift card \*\*\*\*\w{4} balance\s+\$10\.00/);
  });
});

/** Golden text (UPDATE_GOLDEN=1 rewrites after a deliberate change). */
function golden(name: string, actual: string): void {
  const file = new URL(`./golden/${name}`, import.meta.url);
  fs.mkdirSync(new URL('./golden/', import.meta.url), { recursive: true });
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) fs.writeFileSync(file, actual);
  expect(actual, name).toBe(fs.readFileSync(file, 'utf8'));
}

describe('return receipt without a receipt, and the exchange receipt (golden)', () => {
  const M = { ...prod('M', 1250), barcodes: ['111'], name: 'Mug' };
  const T = { ...prod('T', 400, 'reduced', 'food'), barcodes: ['222'], name: 'Tea' };
  const P = { ...prod('P', 2000), barcodes: ['333'], name: 'Teapot' };
  const catalog = catalogOf(M, T, P);
  const NEW = cardCode(9);
  const withGc = { ...cfg(42), giftCardPrefix: 'GC' };

  it('no receipt, refunded onto a new gift card: "No receipt", the card printed whole with its value', () => {
    const book = new Book().setup({ ladder: null });
    const p = book.planNoReceipt(catalog, [{ code: '111', qty: 2 }, { code: 'T', qty: 1 }], 'giftcard', { card: NEW });
    if (!p.ok) throw p.error;
    const r = { ...p.value.record, approvedBy: 'mai' };
    const text = renderText(layoutReturnReceipt(r, withGc, (id) => (id === 'mai' ? 'Mai' : undefined)), 42);
    golden('noreceipt-en.txt', text);
    for (const want of ['No receipt: goods back at today’s prices', '2 x $12.50', '-$25.00', 'NEW GIFT CARD (refund)', '$29.00', formatCode(NEW), 'Approved by: Mai']) expect(text).toContain(want);
    const doc = layoutReturnReceipt(r, withGc);
    expect(doc.blocks).toContainEqual({ type: 'barcode', symbology: 'code128', data: `GC${NEW}` });
  });

  it('an exchange with a receipt: what came back, the new items, the difference paid in cash with change', () => {
    const book = new Book().setup({ ladder: null });
    const sale = sell(book, { items: [[M, 2]], pay: [{ kind: 'cash' }] });
    const ret = (credit: number, x: Parameters<typeof book.planReturn>[5]) => book.planReturn(sale, [{ lineId: 'L1', qty: 1 }], 'original', 1, credit, x);
    const unpaid = book.exchange(catalog, ret, [{ code: '333', qty: 1 }]);
    if (!unpaid.ok) throw unpaid.error;
    const cash = addCash(unpaid.value.sale.total, unpaid.value.sale.tenders, 1000, 1, 'T1');
    if (!cash.ok) throw cash.error;
    const p = book.exchange(catalog, ret, [{ code: '333', qty: 1 }], cash.value.filter((t) => t.kind !== 'exchange'));
    if (!p.ok) throw p.error;
    const text = renderText(layoutExchangeReceipt(p.value.ret.record, p.value.sale, cfg(42)), 42);
    golden('exchange-en.txt', text);
    for (const want of ['EXCHANGE', `Goods back from receipt ${sale.receiptNo}`, 'Returned:', 'New items:', 'Teapot', 'TO PAY', '$7.50', 'Change', '$2.50', 'Return R1-000002 / sale R1-000003'])
      expect(text).toContain(want);
    for (const width of [32, 48] as const)
      for (const line of renderText(layoutExchangeReceipt(p.value.ret.record, p.value.sale, cfg(width)), width).split('\n')) expect(textWidth(line), line).toBeLessThanOrEqual(width);
    expect(layoutExchangeReceipt(p.value.ret.record, p.value.sale, cfg(42)).blocks).toContainEqual({ type: 'barcode', symbology: 'code128', data: 'RR1-000003' });
  });
});
