/**
 * The return receipt: what came back (negative amounts), the tax reversed per class, how it was
 * refunded, the cards and points after it, the original receipt number, who approved it, its own
 * number and barcode — at every printer width, no line too wide, control characters never printed.
 */
import { describe, expect, it } from 'vitest';
import { Book, cardCode, customer, prod, sell } from './fixtures.js';
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
