/**
 * Issue 10's golden day, through headless on a real store: open with a 100.00 float counted in
 * notes, 20 sales in cash, card, gift card and points (a cashback reward), a void, a refused and an
 * approved paid-out, a no-sale, two returns approved by the manager (a part of a sale with an order
 * discount, and a sale paid by gift card and points), a close refused while a sale is open, then the
 * close with a counted difference of -0.50. Every Z figure is checked against numbers computed by
 * hand (below, per sale and per return), and the Z equals the journal's own fold.
 *
 * Prices are tax-inclusive, tax rounded per line: 10% (standard) is amount*10/110, 5% (reduced)
 * amount*5/105, rounded half up. Per sale: total = tax std + tax reduced (+ zero-rated) ...
 *   1 Espresso 2.50 (tax .23)                       cash 5.00, change 2.50
 *   2 Cappuccino 3.80 (.35) + Croissant 2.80 (.13)   card
 *   3 Latte 4.20 (.38)                              cash exact
 *   4 Americano x2 6.00 (.55)                       card
 *   5 Banh mi 4.50 (.21) + Water 1.20 (.11)          cash 10.00
 *   6 Cola 1.80 (.16) + Chips 1.99 (.18)             card
 *   7 Milk 1.39 (.07) + Bananas 1.99 (0%)            cash exact
 *   8 Reusable cup 8.99 (.82)                       gift card
 *   9 Espresso x2 5.00 (.45)                        gift card 3.00 + cash 2.00
 *  10 Lan: Latte 4.20 - 20 points (2.00) = 2.20 (.20), earns 2 points   card
 *  11 Dmitri (gold, 10%): Cappuccino 3.80-.38 = 3.42 (.31) + Banh mi 4.50-.45 = 4.05 (.19) = 7.47,
 *     earns floor(7.47 x 1.5) = 11 points                                cash 10.00
 *  12 Gift card sold, 20.00 (untaxed)              card
 *  13 Water x3 3.60 (.33)                          cash 4.00
 *  14 Chips 1.99 (.18)                             card
 *  15 Croissant x2 5.60 (.27)                      cash exact
 *  16 Americano 3.00 (.27) + Espresso 2.50 (.23)    card
 *  17 Lan: Espresso 2.50 (.23), earns 2 points      cash exact
 *  18 Cola 1.80 (.16)                              cash 2.00
 *  19 Lan: Milk 1.39 + Bananas 1.99 = 3.38 - 10 points (1.00) = 2.38   gift card
 *     the 1.00 split by largest remainder: 100 x 139/338 = 41.12, x 199/338 = 58.88 -> 41 + 58 = 99,
 *     the last unit to the larger remainder: Milk 1.39 - .41 = .98 (tax 98x5/105 = 4.67 -> .05),
 *     Bananas 1.99 - .59 = 1.40 (0%); paid by gift card, so it earns no points
 *  20 Cappuccino 3.80 (.35) + Latte 4.20 (.38)      card
 * Returns, after sale 19 (receipt numbers 20 and 21; sale 20 is R1-000022):
 *  A  of sale 11, the Banh mi alone: 4.50 - its .45 share of the gold tier's 10% = 4.05
 *     (tax 405x5/105 = 19.29 -> .19), in cash from the drawer; Dmitri's 11 points earned on 7.47
 *     are taken back pro rata: floor(11 x 405/747) = floor(5.96) = 5
 *  B  all of sale 19: Milk .98 (.05) + Bananas 1.40 = 2.38 back onto the gift card; the 10 points
 *     spent are given back, nothing was earned to take back
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { must, openTill, ringUp, SALES, type Send } from './shift-day.js';
import type { TestRegister } from '../support/register-fixture.js';
import { foldEvents } from '../../src/store/fold.js';
import { shiftSlice } from '../../src/store/projections/shifts.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
import { demoGiftCards } from '../../src/admin/demo-store.js';
import type { JournalEvent } from '../../src/store/types.js';
import type { MockHardware } from '../../hardware/index.js';

let t: TestRegister | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

const journal = (dir: string): JournalEvent[] =>
  fs.readdirSync(path.join(dir, 'journal')).sort().flatMap((f) =>
    fs.readFileSync(path.join(dir, 'journal', f), 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as JournalEvent));

/** A return through headless: the receipt opened, lines picked (or all), the refund approved by Mai. */
async function takeReturn(send: Send, receipt: string, picks: [string, number][] | 'all') {
  await must(send, { cmd: 'return_open', receipt });
  if (picks === 'all') await must(send, { cmd: 'return_all' });
  else for (const [line, qty] of picks) await must(send, { cmd: 'return_line', line, qty });
  expect((await send({ cmd: 'return_commit' })).error?.code).toBe('APPROVAL_REQUIRED');
  const done = await must(send, { cmd: 'return_commit', manager_pin: '9999' });
  await must(send, { cmd: 'return_close' });
  return done.state.return!.last!;
}

describe('the golden day (issue 10, cash and the shift)', () => {
  it('every Z figure equals the hand-computed one and the journal fold', async () => {
    const till = await openTill({ shift: { mode: 'required' } });
    t = till.t;
    const { send } = till;
    const hw = t.hardware as MockHardware;
    const code = async (o: Record<string, unknown>) => (await send(o)).error?.code ?? 'ok';

    await must(send, { cmd: 'sign_in', operator: 'anna', pin: '1234' });
    expect(await code({ cmd: 'report_x' })).toBe('SHIFT_NOT_OPEN');
    expect(await code({ cmd: 'shift_close', counted: 0 })).toBe('SHIFT_NOT_OPEN');
    expect(await code({ cmd: 'shift_open', float: 10_000, count: { '2000': 2 } })).toBe('COUNT_MISMATCH');
    expect(await code({ cmd: 'shift_open', float: 10_000, count: { '3000': 1 } })).toBe('BAD_COUNT');
    const opened = await must(send, { cmd: 'shift_open', float: 10_000, count: { '2000': 2, '1000': 4, '500': 2, '100': 10 } });
    expect(opened.shift).toMatchObject({ float: 10_000, expectedCash: 10_000, openedBy: 'anna', auto: false });
    expect(await code({ cmd: 'shift_open', float: 0 })).toBe('SHIFT_ALREADY_OPEN');

    const returns: Awaited<ReturnType<typeof takeReturn>>[] = [];
    for (let i = 0; i < SALES.length; i++) {
      await ringUp(send, i);
      if (i === 4) {
        // A void: a sale of one espresso abandoned.
        await must(send, { cmd: 'scan', code: '101' });
        await must(send, { cmd: 'void' });
      }
      if (i === 11) {
        // Paid-out: refused without the manager, with a wrong PIN, and above the cash in the drawer.
        expect(await code({ cmd: 'cash_out', amount: 1500, reason: 'Milk delivery' })).toBe('APPROVAL_REQUIRED');
        expect(await code({ cmd: 'cash_out', amount: 1500, reason: 'Milk delivery', manager_pin: '0000' })).toBe('PIN_WRONG');
        const short = await send({ cmd: 'cash_out', amount: 1_000_000, reason: 'Milk delivery', manager_pin: '9999' });
        expect(short.error?.code).toBe('CASH_SHORT');
        // 100.00 + 25.25 cash from sales 1, 3, 5, 7, 9 and 11 (2.50 + 4.20 + 5.70 + 3.38 + 2.00 + 7.47).
        expect(short.error?.message).toBe('The drawer holds 125.25 USD by the shift’s totals: it cannot pay out more.');
        const out = await must(send, { cmd: 'cash_out', amount: 1500, reason: 'Milk delivery', manager_pin: '9999' });
        expect(out.cash).toMatchObject({ direction: 'out', amount: 1500, reason: 'Milk delivery', operator: 'anna', approvedBy: 'mai' });
      }
      if (i === 18) {
        // The two returns: the Banh mi of sale 11 (a part of a sale with the gold tier's order
        // discount, paid in cash), and all of sale 19 (Lan: 10 points spent, the rest by gift card).
        returns.push(await takeReturn(send, 'R1-000011', [['L2', 1]]));
        returns.push(await takeReturn(send, 'R1-000019', 'all'));
      }
      if (i === 14) {
        const before = hw.drawer.pulses;
        expect(await code({ cmd: 'no_sale' })).toBe('APPROVAL_REQUIRED');
        expect(hw.drawer.pulses).toBe(before); // refused: the drawer stayed shut
        const ns = await must(send, { cmd: 'no_sale', manager_pin: '9999' });
        expect(ns.drawer).toEqual({ opened: true });
        expect(hw.drawer.pulses).toBe(before + 1);
      }
    }

    // The returns as committed (their receipts and figures, by hand above).
    expect(returns).toMatchObject([
      { receiptNo: 'R1-000020', saleReceipt: 'R1-000011', total: 405, tax: 19, discount: 45, refunds: [{ kind: 'cash', paid: 'cash', amount: 405 }], cash: { due: 405, given: 405, rounding: 0 }, points: [{ program: 'coffee-club', returned: 0, clawedBack: 5, unrecovered: 0 }] },
      { receiptNo: 'R1-000021', saleReceipt: 'R1-000019', total: 238, tax: 5, discount: 100, refunds: [{ kind: 'giftcard', paid: 'giftcard', amount: 238 }], cash: { given: 0 }, points: [{ program: 'coffee-club', returned: 10, clawedBack: 0, unrecovered: 0, balanceAfter: 104 }], giftcards: [{ amount: 238, balanceAfter: 3750 - 1437 + 238 }] },
    ]);

    // A sale still open: no close; it is voided (the second void of the day).
    await must(send, { cmd: 'scan', code: '101' });
    expect(await code({ cmd: 'shift_close', counted: 11_920 })).toBe('SALE_OPEN');
    await must(send, { cmd: 'void' });
    expect(await code({ cmd: 'shift_close', counted: 11_920, count: { '2000': 4 } })).toBe('COUNT_MISMATCH');
    const seqBefore = t.store.state.meta.seq;
    const hashBefore = t.store.state.meta.hash;
    const jobsBefore = hw.printer.jobs.length;

    const closed = await must(send, { cmd: 'shift_close', counted: 11_920, count: { '2000': 4, '1000': 3, '500': 1, '100': 4, '10': 2 } });
    expect(closed.shift).toBeNull();
    const z = closed.report!.data;

    // ---- every figure of the Z, by hand
    expect(z).toMatchObject({ kind: 'Z', z: 1, copy: false, register: 'R1', openedBy: 'anna', closedBy: 'anna', currency: 'USD' });
    // Sales are what was sold (the returns have their own section below): three discounts, the
    // tier's .83 on sale 11 and the points' 2.00 and 1.00 on sales 10 and 19.
    expect(z.sales).toEqual({ count: 20, items: 33, gross: 11_103, discounts: { count: 3, amount: 83 + 200 + 100 }, net: 10_720 - 679, tax: 679, total: 10_720 });
    expect(z.taxes).toEqual([
      { taxClass: 'reduced', ratePct: 5, net: 1932 - 92, tax: 92, gross: 1932 }, // .13 .21 .07 .19 .27 .05
      { taxClass: 'standard', ratePct: 10, net: 6449 - 587, tax: 587, gross: 6449 },
      { taxClass: 'zero', ratePct: 0, net: 339, tax: 0, gross: 339 }, // Bananas 1.99 and 1.40
    ]);
    expect(z.categories).toEqual([
      { category: 'bakery', qty: 5, amount: 280 + 450 + 405 + 560 },
      { category: 'coffee', qty: 14, amount: 250 + 380 + 420 + 600 + 500 + 220 + 342 + 300 + 250 + 250 + 380 + 420 },
      { category: 'dairy', qty: 2, amount: 139 + 98 },
      { category: 'drinks', qty: 6, amount: 120 + 180 + 360 + 180 },
      { category: 'giftcard', qty: 1, amount: 2000 },
      { category: 'household', qty: 1, amount: 899 },
      { category: 'produce', qty: 2, amount: 199 + 140 },
      { category: 'snacks', qty: 2, amount: 398 },
    ]);
    const cashSales = 250 + 420 + 570 + 338 + 200 + 747 + 360 + 560 + 250 + 180;
    expect(z.payments).toEqual([
      { method: 'cash', count: 10, amount: cashSales },
      { method: 'card', count: 8, amount: 660 + 600 + 379 + 220 + 2000 + 199 + 550 + 800 },
      { method: 'giftcard', count: 3, amount: 899 + 300 + 238 },
    ]);
    expect(cashSales).toBe(3875);
    expect(z.cash).toMatchObject({
      float: 10_000,
      floatCount: [{ value: 2000, pieces: 2, amount: 4000 }, { value: 1000, pieces: 4, amount: 4000 }, { value: 500, pieces: 2, amount: 1000 }, { value: 100, pieces: 10, amount: 1000 }],
      sales: 3875,
      rounding: 0,
      in: { count: 0, amount: 0 },
      out: { count: 1, amount: 1500 },
      // Return A's 4.05 left the drawer; B went back onto the gift card.
      refunds: { count: 1, amount: 405 },
      expected: 10_000 + 3875 - 1500 - 405,
      counted: 11_920,
      difference: -50,
      count: [{ value: 2000, pieces: 4, amount: 8000 }, { value: 1000, pieces: 3, amount: 3000 }, { value: 500, pieces: 1, amount: 500 }, { value: 100, pieces: 4, amount: 400 }, { value: 10, pieces: 2, amount: 20 }],
    });
    expect(z.cash.moves).toMatchObject([{ direction: 'out', amount: 1500, reason: 'Milk delivery', approvedBy: 'mai' }]);
    expect(z.voids).toEqual({ count: 2, amount: 500 });
    expect(z.noSales).toEqual({ count: 1, approved: 1 });
    // The demo card held 37.50: 8.99 + 3.00 + 2.38 redeemed, 2.38 refunded by return B; the card sold adds 20.00.
    expect(z.giftcards).toEqual({ sold: { count: 1, value: 2000, price: 2000 }, loaded: { count: 0, amount: 0 }, redeemed: { count: 3, amount: 1437 }, liability: { outstanding: 3750 + 2000 - 1437 + 238, blocked: 0 } });
    expect(findGiftCard(t.store.state, demoGiftCards().active)!.balance).toBe(3750 - 1437 + 238);
    // 2 + 11 + 2 earned, worth 0.10 each at the cashback rate; 20 and 10 spent for 2.00 and 1.00;
    // the returns moved 10 back to Lan and 5 off Dmitri: +10 - 5 = 5 other.
    expect(z.points).toEqual([{ programId: 'coffee-club', name: 'Coffee Club', decimals: 0, earned: 15, spent: 30, expired: 0, other: 10 - 5, spentValue: 300, earnedValue: 150, expiredValue: 0 }]);
    expect(z.operators).toEqual([{ operator: 'anna', name: 'Anna', count: 20, amount: 10_720 }]);
    expect(z.receipts).toEqual({ first: 'R1-000001', last: 'R1-000022' });
    // What came back: A's Banh mi and B's Milk and Bananas.
    expect(z.returns).toEqual({
      count: 2,
      items: 3,
      gross: 450 + 139 + 199,
      discounts: 45 + 100,
      net: 643 - 24,
      tax: 19 + 5,
      total: 405 + 238,
      taxes: [
        { taxClass: 'reduced', ratePct: 5, net: 503 - 24, tax: 24, gross: 405 + 98 },
        { taxClass: 'zero', ratePct: 0, net: 140, tax: 0, gross: 140 },
      ],
      categories: [
        { category: 'bakery', qty: 1, amount: 405 },
        { category: 'dairy', qty: 1, amount: 98 },
        { category: 'produce', qty: 1, amount: 140 },
      ],
      refunds: [
        { method: 'cash', count: 1, amount: 405 },
        { method: 'giftcard', count: 1, amount: 238 },
      ],
      rounding: 0,
      giftcards: { returned: { count: 0, value: 0, price: 0 }, refunded: { count: 1, amount: 238 } },
    });
    expect(z.journal.covers).toEqual({ seq: seqBefore, hash: hashBefore });
    expect(z.journal.lastSeq).toBe(seqBefore + 1);

    // ---- printed on the receipt printer, and the same text in the reply
    expect(closed.report!.printed).toEqual({ ok: true });
    const job = hw.printer.jobs[jobsBefore];
    expect(job.id).toBe('z:R1-1');
    expect(job.text).toBe(closed.report!.text);
    expect(job.text).toContain('Z REPORT No. 1');
    expect(job.text).toMatch(/Difference\s+-\$0\.50/);
    expect(job.text).not.toContain('COPY');
    expect(job.text).toContain('Opened 03/14/2025, ');
    expect(job.text).toMatch(/by Anna/); // the store's operator, by name

    // ---- the journal: one shift.closed, and its fold equals the Z
    const events = journal(t.dir);
    const closes = events.filter((e) => e.type === 'shift.closed');
    expect(closes.map((e) => e.data)).toEqual([{ shiftId: z.shiftId, counted: 11_920, count: { '10': 2, '100': 4, '500': 1, '1000': 3, '2000': 4 }, expected: 11_970, difference: -50, z: 1, covers: { seq: seqBefore, hash: hashBefore } }]);
    expect(closes[0].prev).toBe(hashBefore);
    const inShift = events.filter((e) => e.seq >= z.journal.firstSeq! && e.seq <= z.journal.lastSeq!);
    const sales = inShift.filter((e) => e.type === 'sale.committed').map((e) => (e.data as { sale: { total: number } }).sale.total);
    expect(sales).toHaveLength(20);
    expect(sales.reduce((a, b) => a + b, 0)).toBe(z.sales.total);
    // Sales and returns as the journal holds them add up to the Z's: 107.20 sold, 6.43 refunded.
    const refunds = inShift.filter((e) => e.type === 'return.committed').map((e) => (e.data as { return: { total: number } }).return.total);
    expect(refunds).toEqual([405, 238]);
    expect(sales.reduce((a, b) => a + b, 0) - refunds.reduce((a, b) => a + b, 0)).toBe(z.sales.total - z.returns.total);
    expect(z.sales.total - z.returns.total).toBe(10_720 - 643);
    expect(inShift.filter((e) => e.type === 'drawer.opened' && (e.data as { reason: string }).reason === 'return').map((e) => e.data)).toEqual([{ reason: 'return', ok: true, receiptNo: 'R1-000020' }]);
    expect(shiftSlice(foldEvents(events))).toEqual(shiftSlice(t.store.state));
    expect(inShift.filter((e) => e.type === 'cash.moved').map((e) => e.data)).toEqual([{ shiftId: z.shiftId, direction: 'out', amount: 1500, reason: 'Milk delivery', approvedBy: 'mai' }]);
    expect(inShift.filter((e) => e.type === 'drawer.opened' && (e.data as { reason: string }).reason === 'no-sale').map((e) => [e.operator, e.data])).toEqual([['anna', { reason: 'no-sale', ok: true, approvedBy: 'mai' }]]);

    // ---- closed twice: refused, nothing written; a reprint is the same Z marked COPY
    const seqAfter = t.store.state.meta.seq;
    expect(await code({ cmd: 'shift_close', counted: 11_920 })).toBe('SHIFT_NOT_OPEN');
    expect(await code({ cmd: 'cash_in', amount: 100, reason: 'late' })).toBe('SHIFT_NOT_OPEN');
    expect(t.store.state.meta.seq).toBe(seqAfter);
    const copy = await must(send, { cmd: 'report_z', print: false });
    expect(copy.report!.copy).toBe(true);
    expect({ ...copy.report!.data, copy: false, printedAt: z.printedAt }).toEqual(z);
    expect(copy.report!.text.split('\n').filter((l) => l.includes('*** COPY ***'))).toHaveLength(2);
    // Required mode: no sale starts until the next shift is opened (a gift card's balance may still be checked).
    const refused = await send({ cmd: 'scan', code: '101' });
    expect([refused.error?.code, refused.state.status]).toEqual(['SHIFT_NOT_OPEN', 'idle']);
    expect(await code({ cmd: 'giftcard_sell', amount: 1000 })).toBe('SHIFT_NOT_OPEN');
    expect((await send({ cmd: 'giftcard_check', code: `GC${demoGiftCards().active}` })).state.status).toBe('balance');
    expect(t.store.state.meta.seq).toBe(seqAfter);
  });
});
