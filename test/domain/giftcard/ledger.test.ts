import { describe, expect, it } from 'vitest';
import {
  applyGiftCardEvent,
  effectiveState,
  emptySlice,
  historyTotals,
  issuedEntry,
  soldEntry,
  planAdjust,
  planBlock,
  planExpire,
  planIssue,
  planLoad,
  planRefund,
  planRedeem,
  planUnblock,
} from '../../../src/domain/giftcard/index.js';
import { Ledger, TODAY } from './harness.js';

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: Error }): T => {
  if (!r.ok) throw r.error;
  return r.value;
};
const errCode = (r: { ok: boolean; error?: { code: string } }): string | undefined => (r.ok ? undefined : r.error?.code);

describe('card ledger', () => {
  it('issues an active card: balance is the face value, history says so with the operator', () => {
    const l = new Ledger();
    const code = l.issue(5000, { price: 4000, expiresOn: '2026-12-31', customerId: 'C1' });
    expect(l.card(code)).toMatchObject({ state: 'active', balance: 5000, faceValue: 5000, price: 4000, currency: 'USD', expiresOn: '2026-12-31', customerId: 'C1', register: 'R1' });
    expect(soldEntry(l.card(code)!)).toMatchObject({ kind: 'issued', op: 'admin' });
    expect(l.card(code)!.history).toEqual([{ seq: 1, at: expect.any(String), kind: 'issued', amount: 5000, balance: 5000, op: 'admin' }]);
  });

  it('refuses to issue twice, a zero active card, a price above face value, a past expiry', () => {
    const l = new Ledger();
    const code = l.issue(100);
    const base = { code, currency: 'USD', faceValue: 100, pending: false, today: TODAY };
    expect(errCode(planIssue(l.card(code), base))).toBe('GIFT_CARD_EXISTS');
    const fresh = l.code();
    expect(errCode(planIssue(undefined, { ...base, code: fresh, faceValue: 0 }))).toBe('BAD_AMOUNT');
    expect(errCode(planIssue(undefined, { ...base, code: fresh, price: 101 }))).toBe('BAD_AMOUNT');
    expect(errCode(planIssue(undefined, { ...base, code: fresh, faceValue: 1.5 }))).toBe('BAD_AMOUNT');
    expect(errCode(planIssue(undefined, { ...base, code: fresh, expiresOn: '2026-03-09' }))).toBe('BAD_DATE');
    expect(errCode(planIssue(undefined, { ...base, code: fresh, expiresOn: '2026-02-30' }))).toBe('BAD_DATE');
    expect(planIssue(undefined, { ...base, code: fresh, faceValue: 0, pending: true }).ok).toBe(true);
  });

  it('pending stock has no value until a sale activates it', () => {
    const l = new Ledger();
    const code = l.issue(2000, { pending: true, price: 500, validityDays: 30 });
    expect(l.card(code)).toMatchObject({ state: 'pending', balance: 0, faceValue: 2000, price: 500, validityDays: 30 });
    expect(errCode(planLoad(l.card(code), { amount: 10, currency: 'USD', today: TODAY }))).toBe('GIFT_CARD_PENDING');
    expect(errCode(planAdjust(l.card(code), { amount: 10, reason: 'x', today: TODAY }))).toBe('GIFT_CARD_PENDING');
    l.commitSale({ sold: [{ code, lineId: 'L1', mode: 'scan-preset', faceValue: 2000, price: 500, expiresOn: '2026-04-09' }], redeemed: [] }, 'USD', 'R1-000007');
    expect(l.card(code)).toMatchObject({ state: 'active', balance: 2000, price: 500, receiptNo: 'R1-000007', saleId: 'sale-R1-000007', register: 'R1', expiresOn: '2026-04-09' });
    expect(soldEntry(l.card(code)!)).toMatchObject({ kind: 'activated', op: 'op1', ref: 'R1-000007' });
    expect(issuedEntry(l.card(code)!)).toMatchObject({ kind: 'issued', op: 'admin' });
    expect(l.card(code)!.history.map((h) => [h.kind, h.amount, h.balance, h.ref ?? null])).toEqual([
      ['issued', 0, 0, null],
      ['activated', 2000, 2000, 'R1-000007'],
    ]);
  });

  it('a generated card sold in a sale is created active', () => {
    const l = new Ledger();
    const code = l.code();
    l.commitSale({ sold: [{ code, lineId: 'L1', mode: 'generate', faceValue: 1500, price: 1500 }], redeemed: [] });
    expect(l.card(code)).toMatchObject({ state: 'active', balance: 1500, price: 1500, receiptNo: 'R1-000001' });
  });

  it('loads, adjusts with a reason, never below zero', () => {
    const l = new Ledger();
    const code = l.issue(1000);
    l.commit(ok(planLoad(l.card(code), { amount: 500, currency: 'USD', today: TODAY })));
    expect(l.card(code)!.balance).toBe(1500);
    expect(errCode(planLoad(l.card(code), { amount: 0, currency: 'USD', today: TODAY }))).toBe('BAD_AMOUNT');
    expect(errCode(planLoad(l.card(code), { amount: 5, currency: 'EUR', today: TODAY }))).toBe('GIFT_CARD_CURRENCY');
    expect(errCode(planAdjust(l.card(code), { amount: -1501, reason: 'typo', today: TODAY }))).toBe('INSUFFICIENT_BALANCE');
    expect(errCode(planAdjust(l.card(code), { amount: -100, reason: '  ', today: TODAY }))).toBe('REASON_REQUIRED');
    expect(errCode(planAdjust(l.card(code), { amount: 0, reason: 'x', today: TODAY }))).toBe('BAD_AMOUNT');
    l.commit(ok(planAdjust(l.card(code), { amount: -1500, reason: 'loaded twice by mistake', today: TODAY })));
    expect(l.card(code)).toMatchObject({ balance: 0, state: 'depleted' });
    expect(l.card(code)!.history.at(-1)).toMatchObject({ kind: 'adjusted', amount: -1500, balance: 0, reason: 'loaded twice by mistake' });
    l.commit(ok(planLoad(l.card(code), { amount: 200, currency: 'USD', today: TODAY })));
    expect(l.card(code)).toMatchObject({ balance: 200, state: 'active' });
  });

  it('blocks and unblocks back to the state it had', () => {
    const l = new Ledger();
    const code = l.issue(1000);
    const stock = l.issue(0, { pending: true });
    expect(errCode(planUnblock(l.card(code), { reason: 'x' }))).toBe('GIFT_CARD_NOT_BLOCKED');
    expect(errCode(planBlock(l.card(code), { reason: '' }))).toBe('REASON_REQUIRED');
    l.commit(ok(planBlock(l.card(code), { reason: 'reported stolen' })));
    l.commit(ok(planBlock(l.card(stock), { reason: 'box lost' })));
    expect(l.card(code)).toMatchObject({ state: 'blocked', blockReason: 'reported stolen', balance: 1000 });
    expect(errCode(planBlock(l.card(code), { reason: 'again' }))).toBe('GIFT_CARD_BLOCKED');
    expect(errCode(planLoad(l.card(code), { amount: 1, currency: 'USD', today: TODAY }))).toBe('GIFT_CARD_BLOCKED');
    l.commit(ok(planUnblock(l.card(code), { reason: 'found' })));
    l.commit(ok(planUnblock(l.card(stock), { reason: 'found' })));
    expect(l.card(code)).toMatchObject({ state: 'active', balance: 1000 });
    expect(l.card(code)!.blockReason).toBeUndefined();
    expect(l.card(stock)!.state).toBe('pending');
  });

  it('expires past its last day: forfeited balance is recorded, not lost', () => {
    const l = new Ledger();
    const code = l.issue(800, { expiresOn: '2026-03-10' });
    expect(effectiveState(l.card(code)!, '2026-03-10')).toBe('active');
    expect(effectiveState(l.card(code)!, '2026-03-11')).toBe('expired');
    expect(errCode(planExpire(l.card(code), { today: '2026-03-10' }))).toBe('GIFT_CARD_NOT_EXPIRED');
    l.commit(ok(planExpire(l.card(code), { today: '2026-03-11' })));
    expect(l.card(code)).toMatchObject({ state: 'expired', balance: 0 });
    expect(historyTotals(l.card(code)!).expired).toBe(-800);
    expect(errCode(planExpire(l.card(code), { today: '2026-03-11' }))).toBe('GIFT_CARD_EXPIRED');
    expect(errCode(planAdjust(l.card(code), { amount: 5, reason: 'x', today: '2026-03-11' }))).toBe('GIFT_CARD_EXPIRED');
  });

  it('refunds at most what was redeemed and not yet refunded', () => {
    const l = new Ledger();
    const code = l.issue(1000);
    const c = { currency: 'USD', today: TODAY };
    expect(errCode(planRefund(l.card(code), { amount: 1, ...c }))).toBe('GIFT_CARD_REFUND_EXCEEDS');
    l.commit(ok(planRedeem(l.card(code), 600, c)));
    l.commit(ok(planRefund(l.card(code), { amount: 400, ...c, receiptNo: 'R1-000009' })));
    expect(errCode(planRefund(l.card(code), { amount: 201, ...c }))).toBe('GIFT_CARD_REFUND_EXCEEDS');
    l.commit(ok(planRefund(l.card(code), { amount: 200, ...c })));
    expect(l.card(code)!.balance).toBe(1000);
    expect(l.card(code)!.history.map((h) => h.kind)).toEqual(['issued', 'redeemed', 'refunded', 'refunded']);
    expect(errCode(planRefund(l.card(code), { amount: 1, ...c, currency: 'EUR' }))).toBe('GIFT_CARD_CURRENCY');
  });

  it('ignores malformed events and events for unknown cards instead of throwing', () => {
    const s = emptySlice();
    const o = { seq: 1, at: '2026-03-10T00:00:00Z', operator: 'op', register: 'R1', tx: 't' };
    for (const [t, d] of [
      ['giftcard.issued', null],
      ['giftcard.issued', { code: 'X' }],
      ['giftcard.redeemed', { code: 'NOPE', amount: 5 }],
      ['giftcard.loaded', { code: 42 }],
      ['sale.committed', { code: 'X' }],
    ] as [string, unknown][])
      expect(() => applyGiftCardEvent(s, t, d, o)).not.toThrow();
    expect(s.cards).toEqual({});
  });
});

describe('closed cards stay closed behind a block', () => {
  it('refuses a refund or an adjustment on a blocked card that had expired', () => {
    const l = new Ledger();
    const code = l.issue(300, { expiresOn: '2026-03-20' });
    l.commit(ok(planExpire(l.card(code), { today: '2026-03-21' })));
    l.commit(ok(planBlock(l.card(code), { reason: 'fraud check' })));
    const c = { currency: 'USD', today: TODAY };
    expect(errCode(planRefund(l.card(code), { amount: 1, ...c }))).toBe('GIFT_CARD_EXPIRED');
    expect(errCode(planAdjust(l.card(code), { amount: 1, reason: 'x', today: TODAY }))).toBe('GIFT_CARD_EXPIRED');
    l.commit(ok(planUnblock(l.card(code), { reason: 'cleared' })));
    expect(l.card(code)).toMatchObject({ state: 'expired', balance: 0 });
  });
});
