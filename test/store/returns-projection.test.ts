/**
 * The returns slice: every receipt found by its number without walking the journal (a sale's line,
 * a return's own receipt told apart), what the returns of a sale took back, the receipt sequence
 * shared by sales and returns, and the same slice from a replay and from a snapshot's JSON.
 */
import { describe, expect, it } from 'vitest';
import { Book, prod, sell } from '../domain/returns/fixtures.js';
import { parseReceiptNo, receiptEntry, returnsOf, saleReturns } from '../../src/store/projections/returns.js';
import { foldEvents } from '../../src/store/fold.js';
import { nextReceiptSeq } from '../../src/store/projections/sales.js';

const A = prod('A', 1000);

describe('returns projection', () => {
  it('finds each receipt by its number, a sale or a return, and what came back of the sale', () => {
    const book = new Book().setup();
    const s1 = sell(book, { items: [[A, 2]], pay: [{ kind: 'cash' }] });
    const s2 = sell(book, { items: [[A, 1]], pay: [{ kind: 'card' }] });
    const r1 = book.doReturn(s1, [{ lineId: 'L1', qty: 1 }]);
    expect([s1.receiptNo, s2.receiptNo, r1.receiptNo]).toEqual(['R1-000001', 'R1-000002', 'R1-000003']);
    const seqOf = (type: string, n: number) => book.events.filter((e) => e.type === type)[n].seq;
    expect(receiptEntry(book.state, 'R1-000001')).toEqual({ kind: 'sale', seq: seqOf('sale.committed', 0) });
    expect(receiptEntry(book.state, 'R1-000002')).toEqual({ kind: 'sale', seq: seqOf('sale.committed', 1) });
    expect(receiptEntry(book.state, 'R1-000003')).toEqual({ kind: 'return', seq: seqOf('return.committed', 0) });
    for (const unknown of ['R1-000004', 'R2-000001', 'R1-0', 'nonsense', '__proto__-000001']) expect(receiptEntry(book.state, unknown)).toBeNull();
    expect(saleReturns(book.state, s1.saleId)).toMatchObject({ qty: { L1: 1 }, tenders: { T1: 1000 }, cashDue: 1000, cashGiven: 1000, total: 1000, receipts: ['R1-000003'] });
    expect(saleReturns(book.state, s2.saleId)).toMatchObject({ qty: {}, total: 0, receipts: [] });
    // Returns print from the register's one receipt sequence.
    expect(nextReceiptSeq(book.state, 'R1')).toBe(4);
    expect(returnsOf(book.state).receipts.R1).toHaveLength(3);
  });

  it('is the same from a replay of the journal and from the snapshot JSON', () => {
    const book = new Book().setup();
    const s = sell(book, { items: [[A, 3]], pay: [{ kind: 'cash' }] });
    book.doReturn(s, [{ lineId: 'L1', qty: 1 }]);
    book.doReturn(s, [{ lineId: 'L1', qty: 2 }]);
    const replay = foldEvents(book.events);
    expect(returnsOf(replay)).toEqual(returnsOf(book.state));
    expect(JSON.parse(JSON.stringify(returnsOf(book.state)))).toEqual(returnsOf(book.state));
    expect(replay.sales.lastReceipt.R1).toBe(3);
  });

  it('parses receipt numbers of any register id, within the indexed range', () => {
    expect(parseReceiptNo('R1-000042')).toEqual(['R1', 42]);
    expect(parseReceiptNo('BAR-2-000001')).toEqual(['BAR-2', 1]);
    expect(parseReceiptNo('R1-99999999999')).toBeNull();
    expect(parseReceiptNo(42)).toBeNull();
  });
});
