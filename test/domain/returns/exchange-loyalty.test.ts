/**
 * Points of an exchange (issue 10): the returned goods' points are taken back as a return takes them
 * (planLoyaltyRefund, in proportion to the money returned), and the new items earn as a sale would,
 * onto the balance after that claw-back, in the same transaction. Program: 1 point per 1.00 spent.
 *   Sale: 2 x Mug 12.50 = 25.00 -> 25 points. Exchange: 1 Mug back (12.50 of 25.00: 12.5 -> 12 taken
 *   back, rounded for the customer), a Teapot 20.00 taken -> 20 points. Balance 25 - 12 + 20 = 33.
 */
import { describe, expect, it } from 'vitest';
import { Book, catalogOf, customer, prod, sell } from './fixtures.js';
import { addCash } from '../../../src/domain/tender.js';
import { layoutExchangeReceipt } from '../../../src/domain/returns/exchange-receipt.js';
import { renderText } from '../../../src/domain/receipt.js';
import type { ReceiptConfig } from '../../../src/domain/receipt.js';
import type { SaleLoyalty } from '../../../src/domain/loyalty/types.js';
import { accountAfterReturn } from '../../../src/domain/returns/loyalty.js';

const A = { ...prod('A', 1250), barcodes: ['111'], name: 'Mug' };
const C = { ...prod('C', 2000), barcodes: ['333'], name: 'Teapot' };
const catalog = catalogOf(A, C);
const cfg: ReceiptConfig = {
  width: 42,
  store: { name: 'Demo Cafe', address: [], phone: '', taxId: '' } as unknown as ReceiptConfig['store'],
  header: [],
  footer: [],
  locale: 'en-US',
  ascii: false,
  receiptPrefix: 'R',
  timeZone: 'UTC',
};

function exchangeOf(book: Book, customerId?: string) {
  const sale = sell(book, { items: [[A, 2]], customerId: 'c1', pay: [{ kind: 'cash' }] });
  const ret = (credit: number, x: Parameters<typeof book.planReturn>[5]) => book.planReturn(sale, [{ lineId: 'L1', qty: 1 }], 'original', 1, credit, x);
  const unpaid = book.exchange(catalog, ret, [{ code: '333', qty: 1 }], [], undefined, customerId);
  if (!unpaid.ok) throw unpaid.error;
  const cash = addCash(2000, unpaid.value.sale.tenders, 750, 1, 'T1');
  if (!cash.ok) throw cash.error;
  const p = book.exchange(catalog, ret, [{ code: '333', qty: 1 }], cash.value.filter((t) => t.kind !== 'exchange'), undefined, customerId);
  if (!p.ok) throw p.error;
  return { sale, p: p.value };
}

describe('exchange points', () => {
  it('takes back the returned part’s points and earns on the new items, as a sale would: 25 - 12 + 20 = 33', () => {
    const book = new Book().setup({ customers: [customer('c1', 1)], ladder: null });
    const { p } = exchangeOf(book, 'c1');
    expect(book.points('c1')).toBe(25);
    expect(p.ret.record.loyalty?.programs).toMatchObject([{ programId: 'cb', returned: 0, clawedBack: 12, unrecovered: 0, balanceAfter: 13 }]);
    const earned = p.sale.extensions.loyalty as SaleLoyalty;
    expect(earned).toMatchObject({ customerId: 'c1', spend: 2000, programs: [{ programId: 'cb', earned: 20, spent: 0, balanceBefore: 13, balanceAfter: 33 }] });
    // The return (with its points.refunded) then the sale, one transaction, checked by the balance guard.
    const evs = book.commitExchange(p);
    expect(evs.map((e) => e.type)).toEqual(['return.committed', 'points.refunded', 'sale.committed']);
    expect(book.points('c1')).toBe(33);
    // Lifetime spend: 25.00 sold, 12.50 back, 20.00 new.
    expect(book.account('c1')?.spend).toBe(2500 - 1250 + 2000);
  });

  it('the exchange receipt shows both: 12 taken back, 20 earned on the new items, balance 33', () => {
    const book = new Book().setup({ customers: [customer('c1', 1)], ladder: null });
    const { p } = exchangeOf(book, 'c1');
    const text = renderText(layoutExchangeReceipt(p.ret.record, p.sale, cfg), 42);
    expect(text).toMatch(/Points taken back\s+-12/);
    expect(text).toMatch(/Points earned on the new items\s+\+20/);
    expect(text).toMatch(/Points balance\s+33/);
  });

  it('no customer: the new items earn nothing (the returned part is still taken back); a blocked card earns nothing', () => {
    const book = new Book().setup({ customers: [customer('c1', 1)], ladder: null });
    const { p } = exchangeOf(book);
    expect(p.sale.extensions.loyalty).toBeUndefined();
    book.commitExchange(p);
    expect(book.points('c1')).toBe(13);

    const blocked = new Book().setup({ customers: [{ ...customer('c1', 1) }], ladder: null });
    const sale = sell(blocked, { items: [[A, 2]], customerId: 'c1', pay: [{ kind: 'cash' }] });
    blocked.commit([{ type: 'card.blocked', data: { customerId: 'c1', reason: 'lost' } }]);
    const x = blocked.exchange(catalog, (credit, ex) => blocked.planReturn(sale, [{ lineId: 'L1', qty: 2 }], 'original', 1, credit, ex), [{ code: '111', qty: 1 }], [], undefined, 'c1');
    if (!x.ok) throw x.error;
    expect(blocked.account('c1')?.blocked).toBe(true);
    expect(x.value.sale.extensions.loyalty).toBeUndefined();
  });

  it('accountAfterReturn folds the return’s points as the projection does (spend, earned, balance, tier)', () => {
    const book = new Book().setup({ customers: [customer('c1', 1)], ladder: null });
    const { p } = exchangeOf(book, 'c1');
    const before = book.account('c1')!;
    const after = accountAfterReturn(before, p.ret.record.loyalty, '2025-03-14');
    book.commit(p.ret.events);
    const folded = book.account('c1')!;
    expect([after.points.cb, after.spend, after.earned.cb, after.months, after.tier]).toEqual([folded.points.cb, folded.spend, folded.earned.cb, folded.months, folded.tier]);
  });
});
