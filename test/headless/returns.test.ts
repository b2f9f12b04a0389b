/**
 * Returns through headless on a real store (demo catalog, program, gift cards; Anna the cashier and
 * Mai the manager): a receipt opened by number or by its scanned barcode, lines chosen, the refund
 * approved with the manager's PIN and journaled with the approver, the return receipt, the drawer;
 * and every refusal with its code, nothing written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { must, openTill, type Send } from '../register/shift-day.js';
import type { TestRegister } from '../support/register-fixture.js';
import { demoGiftCards } from '../../src/admin/demo-store.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
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

async function till(config = {}) {
  const o = await openTill(config);
  t = o.t;
  await must(o.send, { cmd: 'sign_in', operator: 'anna', pin: '1234' });
  return o;
}

/** Sells: scans, then pays with each payment command; returns the receipt number. */
async function sale(send: Send, scans: (string | [string, number])[], pay: Record<string, unknown>[]): Promise<string> {
  for (const s of scans) await must(send, typeof s === 'string' ? { cmd: 'scan', code: s } : { cmd: 'scan', code: s[0], qty: s[1] });
  await must(send, { cmd: 'pay' });
  let r;
  for (const p of pay) r = await must(send, p);
  expect(r!.state.status).toBe('committed');
  const no = r!.state.lastSale!.receiptNo;
  await must(send, { cmd: 'next' });
  return no;
}

const code = async (send: Send, o: Record<string, unknown>) => (await send(o)).error?.code ?? 'ok';

describe('returns through headless', () => {
  it('opens a receipt by its scanned barcode, takes a line back with the manager’s PIN, prints, opens the drawer', async () => {
    const { send } = await till();
    const hw = t!.hardware as MockHardware;
    // 3 x Espresso 2.50 + Croissant 2.80, cash 20.00.
    const no = await sale(send, [['101', 3], '201'], [{ cmd: 'cash', amount: 2000 }]);
    const opened = await must(send, { cmd: 'return_open', receipt: `R${no}` });
    expect(opened.state.status).toBe('return');
    expect(opened.state.return).toMatchObject({ status: 'open', receipt: no, refund: 'original' });
    expect(opened.state.return!.lines!.map((l) => [l.line, l.sold, l.returned, l.returnable, l.qty])).toEqual([['L1', 3, 0, 3, 0], ['L2', 1, 0, 1, 0]]);
    // The checkout waits while the return is open.
    expect(await code(send, { cmd: 'scan', code: '101' })).toBe('RETURN_OPEN');
    expect(await code(send, { cmd: 'return_line', line: 'L1', qty: 4 })).toBe('RETURN_TOO_MANY');
    expect(await code(send, { cmd: 'return_line', line: 'L9', qty: 1 })).toBe('RETURN_LINE_UNKNOWN');
    expect(await code(send, { cmd: 'return_commit' })).toBe('RETURN_NOTHING');
    const picked = await must(send, { cmd: 'return_line', line: 'L1', qty: 2 });
    expect(picked.state.return!.preview).toMatchObject({ total: 500, refunds: [{ kind: 'cash', paid: 'cash', amount: 500 }], cash: { due: 500, given: 500, rounding: 0 } });
    // A refund needs the manager: without the PIN, with a wrong one, then with Mai's.
    const before = journal(t!.dir).length;
    expect(await code(send, { cmd: 'return_commit' })).toBe('APPROVAL_REQUIRED');
    expect(await code(send, { cmd: 'return_commit', manager_pin: '1234' })).toBe('PIN_WRONG');
    expect(journal(t!.dir).filter((e) => e.type === 'return.committed')).toHaveLength(0);
    expect(journal(t!.dir).length).toBe(before + 1); // only the wrong PIN's operator.pin.failed
    const done = await must(send, { cmd: 'return_commit', manager_pin: '9999' });
    expect(done.state.return).toMatchObject({ status: 'done', last: { total: 500, saleReceipt: no, receiptNo: 'R1-000002' } });
    expect(done.state.status).toBe('idle');
    expect(done.receipt!.text).toContain('RETURN');
    expect(done.receipt!.text).toContain(`Goods back from receipt ${no}`);
    expect(done.receipt!.text).toContain('Approved by: Mai');
    await t!.register.settled();
    const ev = journal(t!.dir);
    const ret = ev.filter((e) => e.type === 'return.committed');
    expect(ret).toHaveLength(1);
    expect(ret[0].data).toMatchObject({ return: { approvedBy: 'mai', operator: { id: 'anna' }, sale: { receiptNo: no }, lines: [{ lineId: 'L1', qty: 2 }] } });
    expect(ev.filter((e) => e.type === 'drawer.opened').map((e) => e.data)).toContainEqual({ reason: 'return', ok: true, receiptNo: 'R1-000002' });
    expect(hw.printer.jobs.map((j) => j.id)).toContain('receipt:R1-000002');
    // The next sale continues the one receipt sequence.
    expect(await sale(send, ['101'], [{ cmd: 'exact' }])).toBe('R1-000003');

    // Again, typed as a number: what is left comes back; then the receipt is fully returned.
    await must(send, { cmd: 'return_open', receipt: no });
    const all = await must(send, { cmd: 'return_all' });
    expect(all.state.return!.lines!.map((l) => [l.line, l.returned, l.qty])).toEqual([['L1', 2, 1], ['L2', 0, 1]]);
    await must(send, { cmd: 'return_commit', manager_pin: '9999' });
    expect(await code(send, { cmd: 'return_open', receipt: no })).toBe('ALREADY_RETURNED');
  });

  it('refuses what it cannot take back, writing nothing', async () => {
    const { send } = await till();
    const no = await sale(send, ['101'], [{ cmd: 'exact' }]);
    const n = journal(t!.dir).length;
    expect(await code(send, { cmd: 'return_open', receipt: 'R9-000001' })).toBe('RECEIPT_UNKNOWN');
    expect(await code(send, { cmd: 'return_open', receipt: 'RR1-000099' })).toBe('RECEIPT_UNKNOWN');
    expect(await code(send, { cmd: 'return_open', receipt: 'nonsense' })).toBe('RECEIPT_UNKNOWN');
    expect(await code(send, { cmd: 'return_line', line: 'L1', qty: 1 })).toBe('INVALID_IN_STATE');
    expect(await code(send, { cmd: 'return_open', receipt: 7 })).toBe('BAD_REQUEST');
    expect(await code(send, { cmd: 'return_refund', refund: 'cheque' })).toBe('BAD_REQUEST');
    // A sale open: the return waits.
    await must(send, { cmd: 'scan', code: '102' });
    expect(await code(send, { cmd: 'return_open', receipt: no })).toBe('SALE_OPEN');
    await must(send, { cmd: 'remove', line: 'L1' });
    // Cancelled: nothing written.
    await must(send, { cmd: 'return_open', receipt: no });
    await must(send, { cmd: 'return_line', line: 'L1', qty: 1 });
    const cancelled = await must(send, { cmd: 'return_cancel' });
    expect(cancelled.state.status).toBe('idle');
    expect(cancelled.state.return).toBeUndefined();
    expect(journal(t!.dir).length).toBe(n);
    // A return's own receipt is not returned.
    await must(send, { cmd: 'return_open', receipt: no });
    await must(send, { cmd: 'return_all' });
    const done = await must(send, { cmd: 'return_commit', manager_pin: '9999' });
    expect(await code(send, { cmd: 'return_open', receipt: done.state.return!.last!.receiptNo })).toBe('RECEIPT_IS_RETURN');
  });

  it('a gift-card payment goes back onto the card; a blocked card only in cash, by the manager', async () => {
    const { send } = await till();
    const gc = demoGiftCards().active;
    const start = findGiftCard(t!.store.state, gc)!.balance;
    // Americano 3.00 paid by the gift card.
    const no = await sale(send, ['104'], [{ cmd: 'giftcard_pay', code: `GC${gc}` }]);
    expect(findGiftCard(t!.store.state, gc)!.balance).toBe(start - 300);
    await must(send, { cmd: 'return_open', receipt: no });
    const p = await must(send, { cmd: 'return_all' });
    expect(p.state.return!.preview).toMatchObject({ total: 300, refunds: [{ kind: 'giftcard', amount: 300 }], giftcards: [{ amount: 300, balanceAfter: start }] });
    await must(send, { cmd: 'return_commit', manager_pin: '9999' });
    expect(findGiftCard(t!.store.state, gc)!.balance).toBe(start);

    // Cash in the drawer for the manager's choice below (the shift opened itself with no float).
    await sale(send, ['102'], [{ cmd: 'exact' }]);
    const no2 = await sale(send, ['104'], [{ cmd: 'giftcard_pay', code: `GC${gc}` }]);
    await t!.store.commit({ id: 'block-1', events: [{ type: 'giftcard.blocked', data: { code: gc, reason: 'reported lost' } }] });
    await must(send, { cmd: 'return_open', receipt: no2 });
    const blocked = await must(send, { cmd: 'return_all' });
    expect(blocked.state.return!.problem).toMatchObject({ code: 'REFUND_CARD_BLOCKED' });
    expect(await code(send, { cmd: 'return_commit', manager_pin: '9999' })).toBe('REFUND_CARD_BLOCKED');
    const cash = await must(send, { cmd: 'return_commit', manager_pin: '9999', refund: 'cash' });
    expect(cash.state.return!.last).toMatchObject({ refunds: [{ kind: 'cash', paid: 'giftcard', amount: 300 }], cash: { given: 300 } });
  });

  it('refuses a cash refund bigger than the drawer holds by the shift', async () => {
    const { send } = await till({ shift: { mode: 'required' } });
    await must(send, { cmd: 'shift_open', float: 0 });
    // Paid by card, refunded in cash: the drawer holds nothing.
    const no = await sale(send, ['104'], [{ cmd: 'card', reference: 'A1' }]);
    await must(send, { cmd: 'return_open', receipt: no });
    await must(send, { cmd: 'return_all' });
    const n = journal(t!.dir).length;
    const r = await send({ cmd: 'return_commit', manager_pin: '9999', refund: 'cash' });
    expect(r.error).toMatchObject({ code: 'REFUND_EXCEEDS_DRAWER' });
    expect(r.error!.message).toContain('$0.00');
    expect(journal(t!.dir).filter((e) => e.type === 'return.committed')).toHaveLength(0);
    expect(journal(t!.dir).length).toBe(n);
    // The way it came (the card) needs no cash.
    const ok = await must(send, { cmd: 'return_commit', manager_pin: '9999', refund: 'original' });
    expect(ok.state.return!.last).toMatchObject({ refunds: [{ kind: 'card', reference: 'A1', amount: 300 }], cash: { given: 0 } });
    expect(ok.state.shift).toMatchObject({ expectedCash: 0 });
  });
});
