/**
 * Returns without a receipt and exchanges through headless on a real store (demo catalog: Espresso
 * 101 at 2.50, Croissant 201 at 2.80; Anna the cashier, Mai the manager): items scanned or typed by
 * barcode or SKU at today's price, the manager's approval as `returnWithoutReceipt`, cash or a new
 * gift card, the refusals with their codes (nothing written), and an exchange paying the difference.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { must, openTill, type Send } from '../register/shift-day.js';
import type { TestRegister } from '../support/register-fixture.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
import { formatCode } from '../../src/domain/giftcard/code.js';
import type { JournalEvent } from '../../src/store/types.js';
import type { MockHardware } from '../../hardware/index.js';
import { demoMemberCards } from '../../src/admin/demo-store.js';
import { accountByCard, loyaltyOf } from '../../src/store/projections/loyalty.js';

let t: TestRegister | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const journal = (dir: string): JournalEvent[] =>
  fs.readdirSync(path.join(dir, 'journal')).sort().flatMap((f) =>
    fs.readFileSync(path.join(dir, 'journal', f), 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as JournalEvent));

async function till(config = {}) {
  const o = await openTill(config);
  t = o.t;
  await must(o.send, { cmd: 'sign_in', operator: 'anna', pin: '1234' });
  return o;
}

const code = async (send: Send, o: Record<string, unknown>) => (await send(o)).error?.code ?? 'ok';

async function cashSale(send: Send, scans: [string, number][]): Promise<string> {
  for (const [c, qty] of scans) await must(send, { cmd: 'scan', code: c, qty });
  await must(send, { cmd: 'pay' });
  const r = await must(send, { cmd: 'exact' });
  await must(send, { cmd: 'next' });
  return r.state.lastSale!.receiptNo;
}

describe('returns without a receipt through headless', () => {
  it('takes items back at today’s price with the manager’s approval, in cash: the drawer opens, the receipt says "No receipt"', async () => {
    const { send } = await till();
    const hw = t!.hardware as MockHardware;
    await cashSale(send, [['101', 4]]); // 10.00 in the drawer
    const opened = await must(send, { cmd: 'return_open_noreceipt' });
    expect(opened.state.status).toBe('return');
    expect(opened.state.return).toMatchObject({ status: 'open', noReceipt: true, items: [], refund: 'cash' });
    expect(await code(send, { cmd: 'return_line', line: 'L1', qty: 1 })).toBe('NO_RECEIPT_ITEMS');
    expect(await code(send, { cmd: 'return_item', code: 'nope', qty: 1 })).toBe('PRODUCT_UNKNOWN');
    expect(await code(send, { cmd: 'return_refund', refund: 'original' })).toBe('ok');
    const picked = await must(send, { cmd: 'return_item', code: '101', qty: 2 });
    expect(picked.state.return).toMatchObject({ refund: 'cash', items: [{ code: '101', qty: 2 }], preview: { total: 500, refunds: [{ kind: 'cash', amount: 500 }], cash: { due: 500, given: 500, rounding: 0 } } });
    const n = journal(t!.dir).length;
    const asked = await send({ cmd: 'return_commit' });
    expect(asked.error?.code).toBe('APPROVAL_REQUIRED');
    expect(asked.error?.message).toContain('return without a receipt');
    expect(journal(t!.dir).length).toBe(n);
    const done = await must(send, { cmd: 'return_commit', manager_pin: '9999' });
    expect(done.state.return).toMatchObject({ status: 'done', last: { total: 500, saleReceipt: null, receiptNo: 'R1-000002' } });
    expect(done.receipt!.text).toContain('No receipt: goods back at today’s prices');
    expect(done.receipt!.text).toContain('Approved by: Mai');
    await t!.register.settled();
    const ev = journal(t!.dir);
    const ret = ev.filter((e) => e.type === 'return.committed');
    expect(ret).toHaveLength(1);
    expect(ret[0].data).toMatchObject({ return: { noReceipt: true, approvedBy: 'mai', refundMode: 'cash', lines: [{ sku: expect.any(String), qty: 2, refund: 500 }] } });
    expect((ret[0].data as { return: Record<string, unknown> }).return.sale).toBeUndefined();
    expect(ev.filter((e) => e.type === 'drawer.opened').map((e) => e.data)).toContainEqual({ reason: 'return', ok: true, receiptNo: 'R1-000002' });
    expect(hw.printer.jobs.map((j) => j.id)).toContain('receipt:R1-000002');
    // Scanning its receipt is refused as a return's.
    expect(await code(send, { cmd: 'return_open', receipt: 'RR1-000002' })).toBe('RECEIPT_IS_RETURN');
    // The shift counts it under returns, and the cash left the drawer.
    const x = t!.register.shift.x();
    if (!x.ok) throw x.error;
    expect(x.value.returns.total).toBe(500);
    expect(x.value.cash.expected).toBe(1000 - 500);
  });

  it('refuses past the limit, more than the drawer holds, and with no approval set needs none', async () => {
    const { send } = await till({ returns: { noReceiptMax: '5.00' } } as never);
    await cashSale(send, [['101', 1]]); // 2.50 in the drawer
    await must(send, { cmd: 'return_open_noreceipt' });
    const over = await send({ cmd: 'return_item', code: '101', qty: 3 });
    expect(over.error?.code).toBe('NO_RECEIPT_LIMIT');
    expect(over.error?.message).toContain('5.00');
    expect(over.state.return!.items).toEqual([]);
    await must(send, { cmd: 'return_item', code: '101', qty: 2 });
    const n = journal(t!.dir).length;
    expect(await code(send, { cmd: 'return_commit', manager_pin: '9999' })).toBe('REFUND_EXCEEDS_DRAWER');
    expect(journal(t!.dir).filter((e) => e.type === 'return.committed')).toHaveLength(0);
    expect(journal(t!.dir).length).toBeLessThanOrEqual(n + 1);
    // The same return onto a new gift card needs no cash.
    const card = await must(send, { cmd: 'return_refund', refund: 'giftcard' });
    expect(card.state.return!.preview!.refunds).toMatchObject([{ kind: 'giftcard', amount: 500 }]);
    const done = await must(send, { cmd: 'return_commit', manager_pin: '9999' });
    const issued = done.state.return!.last!.newCards!;
    expect(issued).toHaveLength(1);
    expect(issued[0].amount).toBe(500);
    const gc = findGiftCard(t!.store.state, issued[0].code)!;
    expect([gc.state, gc.balance]).toEqual(['active', 500]);
    // The receipt is the card: its code in groups of four and its value.
    expect(done.receipt!.text).toContain('NEW GIFT CARD (refund)');
    expect(done.receipt!.text).toContain(formatCode(issued[0].code));
  });
});

describe('exchange through headless', () => {
  it('a receipt return and a new item in one transaction: the 0.30 difference paid in cash, change given, one receipt of both', async () => {
    const { send } = await till();
    const hw = t!.hardware as MockHardware;
    const no = await cashSale(send, [['101', 2]]);
    await must(send, { cmd: 'return_open', receipt: no });
    await must(send, { cmd: 'return_line', line: 'L1', qty: 1 });
    const x = await must(send, { cmd: 'return_exchange_item', code: '201' });
    expect(x.state.return!.exchange).toMatchObject({ items: [{ code: '201', qty: 1 }], total: 280, credit: 250, due: 30, tenders: [] });
    expect(x.state.return!.preview!.refunds).toEqual([{ kind: 'exchange', paid: 'cash', amount: 250 }]);
    expect(await code(send, { cmd: 'return_commit', manager_pin: '9999' })).toBe('EXCHANGE_DUE');
    expect(await code(send, { cmd: 'return_pay', tender: 'card', amount: 31 })).toBe('TENDER_EXCEEDS_DUE');
    const paid = await must(send, { cmd: 'return_pay', tender: 'cash', amount: 100 });
    expect(paid.state.return!.exchange).toMatchObject({ due: 0, tenders: [{ kind: 'cash', amount: 30, given: 100, change: 70 }] });
    const done = await must(send, { cmd: 'return_commit', manager_pin: '9999' });
    expect(done.state.return!.last).toMatchObject({ receiptNo: 'R1-000002', exchangeReceipt: 'R1-000003', saleReceipt: no });
    for (const want of ['EXCHANGE', 'Returned:', 'New items:', 'TO PAY', 'Change', 'Return R1-000002 / sale R1-000003']) expect(done.receipt!.text).toContain(want);
    await t!.register.settled();
    const ev = journal(t!.dir);
    const ret = ev.find((e) => e.type === 'return.committed')!;
    const newSale = ev.find((e) => e.type === 'sale.committed' && (e.data as { sale: { receiptNo: string } }).sale.receiptNo === 'R1-000003')!;
    expect(newSale.tx).toBe(ret.tx);
    expect(hw.printer.jobs.map((j) => j.id)).toContain('receipt:R1-000002');
    // The Z: the returned part under returns, the new part under sales; the drawer kept 5.00 + 0.30.
    const z = t!.register.shift.x();
    if (!z.ok) throw z.error;
    expect([z.value.sales.count, z.value.sales.total, z.value.returns.total]).toEqual([2, 780, 250]);
    expect(z.value.payments).toContainEqual({ method: 'exchange', count: 1, amount: 250 });
    expect(z.value.returns.refunds).toEqual([{ method: 'exchange', count: 1, amount: 250 }]);
    expect(z.value.cash.expected).toBe(500 + 30);
    expect(t!.register.shift.text(z.value)).toContain('Exchange credit');
    // The new items come back by the exchange receipt's barcode (the new sale's number).
    const back = await must(send, { cmd: 'return_open', receipt: 'RR1-000003' });
    expect(back.state.return!.lines!.map((l) => [l.sku, l.returnable])).toEqual([[expect.any(String), 1]]);
  });

  it('the receipt’s customer: the returned part’s points are taken back, the new items earn as a sale would', async () => {
    const { send } = await till();
    const card = demoMemberCards()[0];
    const balance = () => {
      const a = accountByCard(loyaltyOf(t!.register.store.state), card);
      return Object.values(a?.points ?? {}).reduce((x, y) => x + y, 0);
    };
    await must(send, { cmd: 'scan', code: card });
    const start = balance();
    const no = await cashSale(send, [['101', 4]]);
    const afterSale = balance();
    expect(afterSale).toBeGreaterThan(start);
    await must(send, { cmd: 'return_open', receipt: no });
    await must(send, { cmd: 'return_line', line: 'L1', qty: 2 });
    await must(send, { cmd: 'return_exchange_item', code: '201', qty: 3 });
    await must(send, { cmd: 'return_pay', tender: 'cash', amount: 10000 });
    const done = await must(send, { cmd: 'return_commit', manager_pin: '9999' });
    await t!.register.settled();
    const ev = journal(t!.dir);
    const refunded = ev.find((e) => e.type === 'points.refunded')!.data as { programs: { clawedBack: number }[] };
    const newSale = ev.find((e) => e.type === 'sale.committed' && (e.data as { sale: { receiptNo: string } }).sale.receiptNo === done.state.return!.last!.exchangeReceipt)!;
    const earned = (newSale.data as { sale: { extensions: { loyalty?: { programs: { earned: number; balanceAfter: number }[] } } } }).sale.extensions.loyalty!;
    const taken = refunded.programs.reduce((a, p) => a + p.clawedBack, 0);
    const got = earned.programs.reduce((a, p) => a + p.earned, 0);
    expect(taken).toBeGreaterThan(0);
    expect(got).toBeGreaterThan(0);
    // The journal's fold agrees with what the new sale printed as the balance after both parts.
    expect(balance()).toBe(afterSale - taken + got);
    expect(earned.programs.reduce((a, p) => a + p.balanceAfter, 0)).toBe(balance());
    expect(done.receipt!.text).toContain('Points earned on the new items');
  });

  it('without a receipt, a loyalty card attaches the customer: the new items earn points; on a receipt return it is refused', async () => {
    const { send } = await till();
    const card = demoMemberCards()[1];
    const balance = () => Object.values(accountByCard(loyaltyOf(t!.register.store.state), card)?.points ?? {}).reduce((x, y) => x + y, 0);
    const start = balance();
    await cashSale(send, [['201', 2]]);
    await must(send, { cmd: 'return_open_noreceipt' });
    expect(await code(send, { cmd: 'return_customer', card: '2700000000999' })).toBe('LOYALTY_CARD_UNKNOWN');
    await must(send, { cmd: 'return_item', code: '201' });
    await must(send, { cmd: 'return_exchange_item', code: '101', qty: 4 });
    const attached = await must(send, { cmd: 'return_customer', card });
    expect(attached.state.return!.customer).toMatchObject({ name: expect.any(String) });
    await must(send, { cmd: 'return_pay', tender: 'cash', amount: 1000 });
    const done = await must(send, { cmd: 'return_commit', manager_pin: '9999' });
    await t!.register.settled();
    const newSale = journal(t!.dir).find((e) => e.type === 'sale.committed' && (e.data as { sale: { receiptNo: string } }).sale.receiptNo === done.state.return!.last!.exchangeReceipt)!;
    const earned = (newSale.data as { sale: { extensions: { loyalty?: { customerId: string; programs: { earned: number }[] } } } }).sale.extensions.loyalty!;
    const got = earned.programs.reduce((a, p) => a + p.earned, 0);
    expect(got).toBeGreaterThan(0);
    expect(balance()).toBe(start + got);
    // A receipt return: the sale's customer (or nobody) earns, no other card is attached.
    const no = await cashSale(send, [['101', 1]]);
    await must(send, { cmd: 'return_open', receipt: no });
    expect(await code(send, { cmd: 'return_customer', card })).toBe('RECEIPT_CUSTOMER');
  });

  it('without a receipt, the return worth more: a new item taken, the rest back in cash', async () => {
    const { send } = await till();
    await cashSale(send, [['201', 3]]);
    await must(send, { cmd: 'return_open_noreceipt' });
    await must(send, { cmd: 'return_item', code: '201', qty: 2 }); // 5.60 back
    const x = await must(send, { cmd: 'return_exchange_item', code: '101', qty: 1 }); // 2.50 taken
    expect(x.state.return!.exchange).toMatchObject({ total: 250, credit: 250, due: 0 });
    expect(x.state.return!.preview).toMatchObject({ total: 560, refunds: [{ kind: 'exchange', amount: 250 }, { kind: 'cash', amount: 310 }], cash: { given: 310 } });
    const done = await must(send, { cmd: 'return_commit', manager_pin: '9999' });
    expect(done.receipt!.text).toContain('TO REFUND');
    expect(done.receipt!.text).toContain('No receipt');
    expect(t!.register.shift.current()!.expectedCash).toBe(840 + 250 - 250 - 310);
  });
});
