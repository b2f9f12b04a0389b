/**
 * Returns without a receipt and exchanges (issue 10), with hand-computed numbers. Prices are the
 * catalog's today; tax inclusive at 10% (standard) and 5% (reduced), rounded per line:
 *   A 12.50 standard, B 4.00 reduced, C 20.00 standard.
 *   2 x A = 25.00, tax 25.00 * 10/110 = 2.2727 -> 2.27;  1 x B = 4.00, tax 4.00 * 5/105 = 0.1905 -> 0.19.
 */
import { describe, expect, it } from 'vitest';
import { Book, catalogOf, DAY, prod, sell } from './fixtures.js';
import { emptyTotals, foldReturn as foldReturnTotals, foldSale, expectedCash } from '../../../src/domain/shift/totals.js';
import type { ReturnRecord } from '../../../src/domain/returns/types.js';
import type { SaleRecord } from '../../../src/domain/sale.js';
import { addCash } from '../../../src/domain/tender.js';
import { cardCode } from './fixtures.js';
import { receiptEntry, saleReturns } from '../../../src/store/projections/returns.js';

const A = { ...prod('A', 1250), barcodes: ['111'], name: 'Mug' };
const B = { ...prod('B', 400, 'reduced', 'food'), barcodes: ['222'], name: 'Tea' };
const C = { ...prod('C', 2000), barcodes: ['333'], name: 'Teapot' };
const catalog = catalogOf(A, B, C);
const NEW = cardCode(9);

describe('return without a receipt', () => {
  it('prices the items at today’s catalog prices and refunds cash: every figure by hand', () => {
    const book = new Book().setup({ ladder: null });
    const p = book.planNoReceipt(catalog, [{ code: '111', qty: 2 }, { code: 'B', qty: 1 }]);
    if (!p.ok) throw p.error;
    const r = p.value.record;
    expect(r.noReceipt).toBe(true);
    expect(r.sale).toBeUndefined();
    expect(r.lines.map((l) => [l.sku, l.qty, l.gross, l.discount, l.amount, l.tax, l.refund])).toEqual([
      ['A', 2, 2500, 0, 2500, 227, 2500],
      ['B', 1, 400, 0, 400, 19, 400],
    ]);
    expect([r.gross, r.discount, r.tax, r.net, r.total]).toEqual([2900, 0, 246, 2654, 2900]);
    expect([...r.taxSummary].sort((a, b) => a.taxClass.localeCompare(b.taxClass))).toEqual([
      { taxClass: 'reduced', ratePct: 5, base: 400, tax: 19 },
      { taxClass: 'standard', ratePct: 10, base: 2500, tax: 227 },
    ]);
    expect(r.refunds).toEqual([{ kind: 'cash', amount: 2900 }]);
    expect(r.cash).toEqual({ due: 2900, given: 2900, rounding: 0 });
    expect(r.refundMode).toBe('cash');
    // One event, no points and no cards: there is no sale to take them from.
    expect(p.value.events.map((e) => e.type)).toEqual(['return.committed']);
    book.commitPlan(p.value);
    // Indexed by its number like any return (its scan is refused as a return's), reversing no sale.
    expect(receiptEntry(book.state, r.receiptNo)?.kind).toBe('return');

    // The shift counts it under returns, per category and tax class, and the cash leaves the drawer.
    const t = emptyTotals();
    foldReturnTotals(t, r);
    expect(t.returns.total).toBe(2900);
    expect(t.returns.categories).toEqual({ general: { qty: 2, amount: 2500 }, food: { qty: 1, amount: 400 } });
    expect(t.returns.taxes).toEqual({ standard: { ratePct: 10, net: 2273, tax: 227 }, reduced: { ratePct: 5, net: 381, tax: 19 } });
    expect(t.returns.refunds).toEqual({ cash: { count: 1, amount: 2900 } });
    expect(expectedCash({ float: 10_000, totals: t })).toBe(7100);
  });

  it('refunds onto a NEW gift card issued in the same transaction', () => {
    const book = new Book().setup({ ladder: null });
    const p = book.planNoReceipt(catalog, [{ code: '333', qty: 1 }], 'giftcard', { card: NEW });
    if (!p.ok) throw p.error;
    const r = p.value.record;
    expect(r.refunds).toEqual([{ kind: 'giftcard', amount: 2000, code: NEW, reference: `****${NEW.slice(-4)}` }]);
    expect(r.cash).toEqual({ due: 0, given: 0, rounding: 0 });
    expect(r.giftcards?.issued).toEqual([{ code: NEW, amount: 2000, expiresOn: '2026-03-14' }]);
    expect(p.value.events.map((e) => e.type)).toEqual(['return.committed', 'giftcard.issued']);
    book.commitPlan(p.value);
    const card = book.card(NEW)!;
    expect([card.state, card.balance, card.expiresOn]).toEqual(['active', 2000, '2026-03-14']);
  });

  it('prices exclusive tax on top, as the catalog charges it today', () => {
    const book = new Book().setup({ ladder: null });
    const p = book.planNoReceipt(catalog, [{ code: 'A', qty: 1 }], 'cash', { tax: { mode: 'exclusive', rounding: 'line', classes: { standard: 10, reduced: 5 } } });
    if (!p.ok) throw p.error;
    // 12.50 + 10% = 1.25 tax: 13.75 back.
    expect([p.value.record.lines[0].amount, p.value.record.lines[0].tax, p.value.record.lines[0].refund, p.value.record.total, p.value.record.net]).toEqual([1250, 125, 1375, 1375, 1250]);
  });

  it('refuses with codes and plans nothing: limit, unknown product, bad quantity, nothing, a card refund mode', () => {
    const book = new Book().setup({ ladder: null });
    const code = (r: { ok: boolean; error?: { code: string; params?: unknown } }) => (r.ok ? 'OK' : r.error!.code);
    const over = book.planNoReceipt(catalog, [{ code: '333', qty: 1 }, { code: '111', qty: 1 }], 'cash', { max: 3000 });
    expect(code(over)).toBe('NO_RECEIPT_LIMIT');
    expect(!over.ok && over.error.params).toEqual({ max: '30.00 USD', total: '32.50 USD' });
    // At the limit exactly is allowed.
    expect(code(book.planNoReceipt(catalog, [{ code: '333', qty: 1 }, { code: '222', qty: 2 }, { code: '111', qty: 0 }], 'cash', { max: 2800 }))).toBe('OK');
    expect(code(book.planNoReceipt(catalog, [{ code: 'nope', qty: 1 }]))).toBe('PRODUCT_UNKNOWN');
    expect(code(book.planNoReceipt(catalog, [{ code: '111', qty: -1 }]))).toBe('BAD_QUANTITY');
    expect(code(book.planNoReceipt(catalog, [{ code: '111', qty: 1.5 }]))).toBe('BAD_QUANTITY');
    expect(code(book.planNoReceipt(catalog, []))).toBe('RETURN_NOTHING');
    expect(code(book.planNoReceipt(catalog, [{ code: '111', qty: 1 }], 'giftcard'))).toBe('REFUND_MODE');
    expect(book.events.filter((e) => e.type === 'return.committed')).toHaveLength(0);
  });
});

/** Folds a sale and a return into fresh shift totals, as the shift projection does. */
function shiftOf(sales: SaleRecord[], returns: ReturnRecord[]) {
  const t = emptyTotals();
  for (const s of sales) foldSale(t, s, 'op1');
  for (const r of returns) foldReturnTotals(t, r);
  return t;
}

describe('exchange', () => {
  it('with a receipt, new items worth more: the return pays 12.50 of the 20.00 teapot, 7.50 is paid in cash with change', () => {
    const book = new Book().setup({ ladder: null });
    const sale = sell(book, { items: [[A, 2]], pay: [{ kind: 'cash' }] });
    const ret = (credit: number, x: Parameters<typeof book.planReturn>[5]) => book.planReturn(sale, [{ lineId: 'L1', qty: 1 }], 'original', 1, credit, x);
    // Unpaid first: the sale is shown with 7.50 due, and cannot be committed.
    const unpaid = book.exchange(catalog, ret, [{ code: '333', qty: 1 }]);
    if (!unpaid.ok) throw unpaid.error;
    expect([unpaid.value.credit, unpaid.value.due]).toEqual([1250, 750]);
    const cash = addCash(2000, unpaid.value.sale.tenders, 1000, 1, 'T1');
    if (!cash.ok) throw cash.error;
    const p = book.exchange(catalog, ret, [{ code: '333', qty: 1 }], cash.value.filter((t) => t.kind !== 'exchange'));
    if (!p.ok) throw p.error;
    const { ret: rp, sale: ns } = p.value;
    expect(p.value.due).toBe(0);
    expect(rp.record.total).toBe(1250);
    expect(rp.record.refunds).toEqual([{ tenderId: 'T1', paid: 'cash', kind: 'exchange', amount: 1250 }]);
    expect(rp.record.cash).toEqual({ due: 0, given: 0, rounding: 0 });
    expect(rp.record.exchange).toEqual({ saleId: ns.saleId, receiptNo: 'R1-000003', total: 2000, credit: 1250 });
    expect(rp.record.receiptNo).toBe('R1-000002');
    expect(ns.tenders.map((t) => [t.kind, t.amount, t.given ?? null, t.change ?? null])).toEqual([
      ['exchange', 1250, null, null],
      ['cash', 750, 1000, 250],
    ]);
    expect(ns.change).toBe(250);
    expect(ns.extensions.exchange).toEqual({ returnId: 'ret-R1-000002', returnReceiptNo: 'R1-000002', credit: 1250 });
    // One transaction: the return, then the new sale.
    expect(p.value.events.map((e) => e.type)).toEqual(['return.committed', 'sale.committed']);
    const evs = book.commitExchange(p.value);
    expect(new Set(evs.map((e) => e.tx)).size).toBe(1);
    expect(saleReturns(book.state, sale.saleId).qty).toEqual({ L1: 1 });
    expect(receiptEntry(book.state, 'R1-000003')?.kind).toBe('sale');

    // Z: 25.00 + 20.00 sold, 12.50 returned; the exchange's 12.50 is a payment and a refund alike; the
    // drawer holds the float + 25.00 + 7.50.
    const t = shiftOf([sale, ns], [rp.record]);
    expect([t.sales.count, t.sales.total, t.returns.count, t.returns.total]).toEqual([2, 4500, 1, 1250]);
    expect(t.payments).toEqual({ cash: { count: 2, amount: 3250 }, exchange: { count: 1, amount: 1250 } });
    expect(t.returns.refunds).toEqual({ exchange: { count: 1, amount: 1250 } });
    expect(t.categories.general).toEqual({ qty: 3, amount: 4500 });
    expect(t.returns.categories.general).toEqual({ qty: 1, amount: 1250 });
    expect(expectedCash({ float: 10_000, totals: t })).toBe(10_000 + 2500 + 750);
    // The sale and the return sum: what was sold less what came back is what the tenders kept.
    expect(t.sales.total - t.returns.total).toBe(3250);
  });

  it('with a receipt, the return worth more: 4.00 of tea is paid from the card share, 21.00 goes back onto the card', () => {
    const book = new Book().setup({ ladder: null });
    const sale = sell(book, { items: [[A, 2]], pay: [{ kind: 'card' }] });
    const p = book.exchange(catalog, (credit, x) => book.planReturn(sale, [{ lineId: 'L1', qty: 2 }], 'original', 1, credit, x), [{ code: '222', qty: 1 }]);
    if (!p.ok) throw p.error;
    expect([p.value.credit, p.value.due]).toEqual([400, 0]);
    expect(p.value.ret.record.refunds).toEqual([
      { tenderId: 'T1', paid: 'card', kind: 'exchange', amount: 400 },
      { tenderId: 'T1', paid: 'card', kind: 'card', amount: 2100, reference: 'APP1' },
    ]);
    expect(p.value.sale.tenders).toEqual([{ id: 'X1', kind: 'exchange', amount: 400, reference: 'R1-000002' }]);
    book.commitExchange(p.value);
    // The card tender gave back all it paid (400 + 2100): nothing is left to return on the sale.
    expect(saleReturns(book.state, sale.saleId).tenders).toEqual({ T1: 2500 });
    expect(book.planReturn(sale, [{ lineId: 'L1', qty: 1 }]).ok).toBe(false);
  });

  it('without a receipt, even: a mug for a mug, nothing paid, nothing refunded', () => {
    const book = new Book().setup({ ladder: null });
    const p = book.exchange(catalog, (credit, exchange) => book.planNoReceipt(catalog, [{ code: '111', qty: 1 }], 'cash', { credit, exchange }), [{ code: 'A', qty: 1 }]);
    if (!p.ok) throw p.error;
    expect([p.value.credit, p.value.due]).toEqual([1250, 0]);
    expect(p.value.ret.record.refunds).toEqual([{ kind: 'exchange', amount: 1250 }]);
    expect(p.value.ret.record.cash.given).toBe(0);
    expect(p.value.sale.total).toBe(1250);
    const t = shiftOf([p.value.sale], [p.value.ret.record]);
    expect(expectedCash({ float: 0, totals: t })).toBe(0);
  });

  it('without a receipt, new items worth less: the rest goes back onto a new gift card', () => {
    const book = new Book().setup({ ladder: null });
    const p = book.exchange(catalog, (credit, exchange) => book.planNoReceipt(catalog, [{ code: '333', qty: 1 }], 'giftcard', { credit, card: NEW, exchange }), [{ code: '222', qty: 2 }]);
    if (!p.ok) throw p.error;
    // 20.00 back, 8.00 of tea taken: 12.00 onto the new card.
    expect(p.value.ret.record.refunds).toEqual([
      { kind: 'exchange', amount: 800 },
      { kind: 'giftcard', amount: 1200, code: NEW, reference: `****${NEW.slice(-4)}` },
    ]);
    expect(p.value.ret.record.exchange?.credit).toBe(800);
    book.commitExchange(p.value);
    expect(book.card(NEW)?.balance).toBe(1200);
    expect(book.card(NEW)?.expiresOn).toBe(`${Number(DAY.slice(0, 4)) + 1}${DAY.slice(4)}`);
  });

  it('refuses an exchange with no new items and a card paying more than is due', () => {
    const book = new Book().setup({ ladder: null });
    const ret = (credit: number, exchange?: ReturnRecord['exchange']) => book.planNoReceipt(catalog, [{ code: '222', qty: 1 }], 'cash', { credit, exchange });
    const none = book.exchange(catalog, ret, []);
    expect(!none.ok && none.error.code).toBe('EXCHANGE_NOTHING');
    const over = book.exchange(catalog, ret, [{ code: '333', qty: 1 }], [{ id: 'T1', kind: 'card', amount: 1700 }]);
    expect(!over.ok && over.error.code).toBe('TENDER_EXCEEDS_DUE');
  });
});

