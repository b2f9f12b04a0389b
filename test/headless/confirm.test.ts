/**
 * Plausibility questions over the headless protocol (issue 11): the same codes as the UI. The command
 * that asks is answered ok:false with the question's code and is not applied; `confirm_accept`
 * applies it, `confirm_reject` or any other command drops it. Nothing is journaled before the answer.
 */
import { describe, expect, it } from 'vitest';
import { session } from './support.js';

// Demo catalog: 101 Espresso 2.50. Demo store currency USD: largest note 100.00.
const sale = [
  { id: 1, cmd: 'scan', code: '101' },
  { id: 2, cmd: 'pay' },
];
const commits = (h: Awaited<ReturnType<typeof session>>['h']) => h.store.events.filter((e) => e.type === 'sale.committed').length;

describe('questions over headless', () => {
  it('cash 99999.00 for 2.50 due: CONFIRM_CASH, nothing saved; confirm_accept commits it', async () => {
    const { h, replies } = await session([...sale, { id: 3, cmd: 'cash', amount: 9_999_900 }, { id: 4, cmd: 'state' }, { id: 5, cmd: 'confirm_accept' }]);
    expect(replies[2]).toMatchObject({ ok: false, error: { code: 'CONFIRM_CASH', message: 'Cash received 99999.00 USD with 2.50 USD due: is that right?' } });
    expect(replies[2].state).toMatchObject({ status: 'tender', tenders: [], due: 250, confirm: { code: 'CONFIRM_CASH', params: { amountMinor: 9_999_900, dueMinor: 250 } } });
    expect(replies[3].state.confirm.code).toBe('CONFIRM_CASH');
    expect(replies[4]).toMatchObject({ ok: true, state: { status: 'committed', change: 9_999_650 } });
    expect(replies[4].state.confirm).toBeUndefined();
    expect(commits(h)).toBe(1);
  });

  it('confirm_reject drops it: still on the payment screen, nothing saved', async () => {
    const { h, replies } = await session([...sale, { id: 3, cmd: 'cash', amount: 9_999_900 }, { id: 4, cmd: 'confirm_reject' }, { id: 5, cmd: 'confirm_accept' }]);
    expect(replies[3]).toMatchObject({ ok: true, state: { status: 'tender', tenders: [], message: { code: 'CONFIRM_REJECTED', level: 'info' } } });
    expect(replies[4]).toMatchObject({ ok: false, error: { code: 'NO_QUESTION' } });
    expect(commits(h)).toBe(0);
  });

  it('any other command answers no first, then runs', async () => {
    const { h, replies } = await session([...sale, { id: 3, cmd: 'cash', amount: 9_999_900 }, { id: 4, cmd: 'cash', amount: 500 }]);
    expect(replies[3]).toMatchObject({ ok: true, state: { status: 'committed', change: 250 } });
    expect(h.store.events.find((e) => e.type === 'sale.committed')!.data).toMatchObject({ sale: { tenders: [{ kind: 'cash', given: 500 }] } });
  });

  it('a quantity above 100 is CONFIRM_QTY; 10000 is BAD_QUANTITY; a total above 10,000.00 is CONFIRM_TOTAL', async () => {
    const { replies } = await session([
      { id: 1, cmd: 'scan', code: '101', qty: 9999 },
      { id: 2, cmd: 'confirm_accept' },
      { id: 3, cmd: 'scan', code: '101', qty: 10_000 },
      { id: 4, cmd: 'pay' },
      { id: 5, cmd: 'confirm_accept' },
    ]);
    expect(replies[0]).toMatchObject({ ok: false, error: { code: 'CONFIRM_QTY', message: 'Quantity 9999 of Espresso: is that right?' }, state: { status: 'idle', lines: [] } });
    expect(replies[1]).toMatchObject({ ok: true, state: { status: 'sale', total: 2_499_750 } });
    expect(replies[2]).toMatchObject({ ok: false, error: { code: 'BAD_QUANTITY', message: 'Quantity must be 1 to 9999.' } });
    expect(replies[3]).toMatchObject({ ok: false, error: { code: 'CONFIRM_TOTAL' }, state: { status: 'sale' } });
    expect(replies[4]).toMatchObject({ ok: true, state: { status: 'tender' } });
  });

  it('a gift card above giftCards.maxValue is refused, not asked (default 10 x 100.00)', async () => {
    const { replies } = await session(
      [
        { id: 1, cmd: 'giftcard_sell', amount: 100_001 },
        { id: 2, cmd: 'giftcard_sell', amount: 100_000 },
      ],
    );
    expect(replies[0]).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_VALUE_TOO_LARGE', message: 'A gift card can hold at most 1000.00 USD. Check the value.' }, state: { status: 'idle' } });
    expect(replies[0].state.confirm).toBeUndefined();
    expect(replies[1]).toMatchObject({ ok: true, state: { status: 'sale', total: 100_000 } });
  });

  it('the limits come from the configuration: a lower gift-card maximum and no cash question', async () => {
    const { demoConfig } = await import('../../src/admin/demo-store.js');
    const c = demoConfig();
    const { replies } = await session([...sale, { id: 3, cmd: 'cash', amount: 9_999_900 }, { id: 4, cmd: 'giftcard_sell', amount: 5001 }], {
      config: { plausibility: { ...c.plausibility, cashTimesDue: 0 }, giftCards: { ...c.giftCards, maxValue: '50' } },
    });
    expect(replies[2]).toMatchObject({ ok: true, state: { status: 'committed' } });
    expect(replies[3]).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_VALUE_TOO_LARGE', message: 'A gift card can hold at most 50.00 USD. Check the value.' } });
  });
});
