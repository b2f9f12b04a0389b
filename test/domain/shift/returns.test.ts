/**
 * Returns in the shift: a return is the mirror of a sale, kept in `returns` (per tax class, category,
 * refund method), its cash handed out leaves the drawer's expected cash, and the X report prints and
 * exports it. Folded by the store's real projections from a journal in memory.
 */
import { describe, expect, it } from 'vitest';
import { Book, cardCode, prod, sell } from '../returns/fixtures.js';
import { shiftSlice } from '../../../src/store/projections/shifts.js';
import { buildShiftReport, expectedCash, layoutShiftReport, openShiftOf, reportCsv } from '../../../src/domain/shift/index.js';
import { renderText } from '../../../src/domain/receipt-text.js';

const A = prod('A', 1000, 'standard', 'coffee');
const B = prod('B', 500, 'reduced', 'bakery');
const GC = cardCode(4);

describe('returns in the shift', () => {
  it('takes its cash out of the drawer and reports what came back, the sales figures untouched', () => {
    const book = new Book().setup({ cards: [[GC, 1000]] });
    book.commit([{ type: 'shift.opened', data: { shiftId: 'S1', register: 'R1', float: 10_000 } }]);
    const s1 = sell(book, { items: [[A, 2], [B, 1]], pay: [{ kind: 'cash' }] });
    const s2 = sell(book, { items: [[A, 1]], pay: [{ kind: 'giftcard', code: GC }] });
    book.doReturn(s1, [{ lineId: 'L1', qty: 1 }, { lineId: 'L2', qty: 1 }]);
    const r2 = book.doReturn(s2, [{ lineId: 'L1', qty: 1 }]);
    const shift = openShiftOf(shiftSlice(book.state), 'R1')!;
    const t = shift.totals;
    expect(t.sales).toMatchObject({ count: 2, total: 3500 });
    expect(t.returns).toMatchObject({ count: 2, items: 3, total: 2500, tax: 91 + 24 + 91, rounding: 0 });
    expect(t.returns.refunds).toEqual({ cash: { count: 1, amount: 1500 }, giftcard: { count: 1, amount: 1000 } });
    expect(t.returns.categories).toEqual({ coffee: { qty: 2, amount: 2000 }, bakery: { qty: 1, amount: 500 } });
    expect(t.returns.taxes.reduced).toEqual({ ratePct: 5, net: 476, tax: 24 });
    expect(t.returns.giftcards.refunded).toEqual({ count: 1, amount: 1000 });
    expect(t.cash.refunds).toEqual({ count: 1, amount: 1500 });
    expect(expectedCash(shift)).toBe(10_000 + 2500 - 1500);
    expect(t.receipts).toEqual({ first: s1.receiptNo, last: r2.receiptNo });

    const x = buildShiftReport(shift, { currency: 'USD', printedAt: '2025-03-14T12:00:00.000Z' });
    expect(x.returns).toMatchObject({ count: 2, total: 2500, refunds: [{ method: 'cash', count: 1, amount: 1500 }, { method: 'giftcard', count: 1, amount: 1000 }] });
    expect(x.cash).toMatchObject({ refunds: { count: 1, amount: 1500 }, expected: 11_000 });
    const text = renderText(layoutShiftReport(x, { width: 42, locale: 'en-US', ascii: false, storeName: 'Demo', timeZone: 'UTC' }), 42);
    for (const line of ['RETURNS', 'Total refunded', 'Cash refunds (1)', 'Sales less returns', 'Refunded onto cards (1)']) expect(text).toContain(line);
    expect(text).toMatch(/Sales less returns\s+\$10\.00/);
    const csv = reportCsv(x);
    expect(csv).toContain('returns,returns,2,25.00');
    expect(csv).toContain('refund,cash,1,15.00');
    expect(csv).toContain('cash,refunded,1,15.00');
  });
});
