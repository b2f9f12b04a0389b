import { describe, expect, it } from 'vitest';
import { emptyCart, addLine, priceCart, type OrderDiscount } from '../../../src/domain/cart.js';
import { addCash, addNonCash, due } from '../../../src/domain/tender.js';
import {
  checkRedeemable,
  giftCardPayable,
  giftCardTenderExtra,
  planRedemption,
  planRedemptions,
  reservationsFrom,
  saleGiftCards,
  validateSaleGiftCards,
  UNKNOWN_CARD_MESSAGE,
} from '../../../src/domain/giftcard/index.js';
import { Ledger, TODAY } from './harness.js';

const ctx = { currency: 'USD', today: TODAY };
const tax = { mode: 'inclusive' as const, rounding: 'line' as const, classes: { standard: 10, zero: 0 } };

describe('redeeming gift cards (issue scenarios)', () => {
  it('a card of 1000 on a sale of 4000 leaves 3000 to pay and a card balance of 0', () => {
    const l = new Ledger();
    const code = l.issue(1000);
    const r = planRedemption(l.card(code), 4000, ctx);
    expect(r).toEqual({ ok: true, value: { code, amount: 1000, balanceAfter: 0 } });
    if (!r.ok) throw r.error;
    const tenders = addNonCash(4000, [], 'giftcard', r.value.amount, 'T1', giftCardTenderExtra(r.value));
    if (!tenders.ok) throw tenders.error;
    expect(due(4000, tenders.value)).toBe(3000);
    l.commitSale(saleGiftCards([], tenders.value)!);
    expect(l.card(code)).toMatchObject({ balance: 0, state: 'depleted' });
  });

  it('a card of 1500 on a sale of 984 pays it all and leaves 516 on the card', () => {
    const l = new Ledger();
    const code = l.issue(1500);
    const tenders = addNonCash(984, [], 'giftcard', 984, 'T1', giftCardTenderExtra({ code, amount: 984, balanceAfter: 516 }));
    const r = planRedemption(l.card(code), 984, ctx);
    expect(r).toEqual({ ok: true, value: { code, amount: 984, balanceAfter: 516 } });
    expect(tenders.ok && due(984, tenders.value)).toBe(0);
    if (!tenders.ok) throw tenders.error;
    expect(tenders.value[0].reference).toBe(`****${code.slice(-4)}`);
    l.commitSale(saleGiftCards([], tenders.value)!);
    expect(l.card(code)).toMatchObject({ balance: 516, state: 'active' });
  });

  it('two cards of 100 on a sale of 2000 take 200, in scan order', () => {
    const l = new Ledger();
    const a = l.issue(100);
    const b = l.issue(100);
    const plan = planRedemptions(2000, [l.card(a), l.card(b)], ctx);
    expect(plan.takes).toEqual([
      { code: a, amount: 100, balanceAfter: 0 },
      { code: b, amount: 100, balanceAfter: 0 },
    ]);
    expect(plan.remaining).toBe(1800);
  });

  it('each card takes only what is still due; a card not needed is left untouched', () => {
    const l = new Ledger();
    const a = l.issue(700);
    const b = l.issue(500);
    const c = l.issue(900);
    const plan = planRedemptions(1000, [l.card(a), l.card(b), l.card(c)], ctx);
    expect(plan.takes.map((t) => [t.amount, t.balanceAfter])).toEqual([[700, 0], [300, 200]]);
    expect(plan.remaining).toBe(0);
    expect(plan.unused).toEqual([c]);
  });

  it('a card of 50 with a 10% discount on a sale of 100 leaves 40 to pay', () => {
    const l = new Ledger();
    const code = l.issue(50);
    const line = addLine(emptyCart(), { kind: 'product', sku: 'A', name: 'Tea', unitPrice: 100, qty: 1, taxClass: 'standard', category: 'drinks' });
    if (!line.ok) throw line.error;
    const discount: OrderDiscount = { id: 'D1', label: 'Tier 10%', source: 'tier', kind: 'percent', value: 100_000 };
    const priced = priceCart({ ...line.value, discounts: [discount] }, tax);
    expect(priced.total).toBe(90);
    const r = planRedemption(l.card(code), giftCardPayable(priced.total, 0, []), ctx);
    if (!r.ok) throw r.error;
    expect(r.value.amount).toBe(50);
    const tenders = addNonCash(priced.total, [], 'giftcard', r.value.amount, 'T1', giftCardTenderExtra(r.value));
    if (!tenders.ok) throw tenders.error;
    expect(due(priced.total, tenders.value)).toBe(40);
  });

  it('the same card scanned twice on one sale cannot spend its balance twice', () => {
    const l = new Ledger();
    const code = l.issue(300);
    const first = planRedemption(l.card(code), 200, ctx);
    if (!first.ok) throw first.error;
    const t1 = addNonCash(1000, [], 'giftcard', first.value.amount, 'T1', giftCardTenderExtra(first.value));
    if (!t1.ok) throw t1.error;
    const second = planRedemption(l.card(code), 800, ctx, reservationsFrom(t1.value));
    expect(second).toEqual({ ok: true, value: { code, amount: 100, balanceAfter: 0 } });
    if (!second.ok) throw second.error;
    const t2 = addNonCash(1000, t1.value, 'giftcard', second.value.amount, 'T2', giftCardTenderExtra(second.value));
    if (!t2.ok) throw t2.error;
    // 8.6: the card still holds 300; this sale's payments take it all, so it is "already used", not depleted.
    const third = planRedemption(l.card(code), 700, ctx, reservationsFrom(t2.value));
    expect(third).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_RESERVED' } });
    if (!third.ok) expect(third.error.message).toMatch(/already used in this sale/);
    // the same card listed twice in one plan
    const plan = planRedemptions(1000, [l.card(code), l.card(code)], ctx);
    expect(plan.takes).toEqual([{ code, amount: 300, balanceAfter: 0 }]);
    expect(plan.refused.map((x) => x.error.code)).toEqual(['GIFT_CARD_RESERVED']);
  });

  it('the commit-time check refuses tenders that together exceed the balance', () => {
    const l = new Ledger();
    const code = l.issue(300);
    const ext = { sold: [], redeemed: [{ code, amount: 200, tenderId: 'T1' }, { code, amount: 200, tenderId: 'T2' }] };
    expect(validateSaleGiftCards((c) => l.card(c), ext, { ...ctx, total: 1000 })).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_BALANCE' } });
    ext.redeemed[1].amount = 100;
    expect(validateSaleGiftCards((c) => l.card(c), ext, { ...ctx, total: 1000 })).toEqual({ ok: true, value: true });
  });

  it('a cashier may take less than the card could give, never more', () => {
    const l = new Ledger();
    const code = l.issue(500);
    expect(planRedemption(l.card(code), 400, ctx, [], 150)).toEqual({ ok: true, value: { code, amount: 150, balanceAfter: 350 } });
    // 8.6: more than may be paid is not "greater than zero": it says the most that can be entered.
    expect(planRedemption(l.card(code), 400, ctx, [], 450)).toMatchObject({ ok: false, error: { code: 'AMOUNT_TOO_LARGE', message: `Gift card ****${code.slice(-4)} can pay at most 4.00 USD here.`, params: { maxMinor: 400 } } });
    expect(planRedemption(l.card(code), 900, ctx, [], 950)).toMatchObject({ ok: false, error: { code: 'AMOUNT_TOO_LARGE', params: { max: '5.00 USD' } } });
    expect(planRedemption(l.card(code), 400, ctx, [], 0)).toMatchObject({ ok: false, error: { code: 'BAD_AMOUNT' } });
    expect(planRedemption(l.card(code), 400, ctx, [], -5)).toMatchObject({ ok: false, error: { code: 'BAD_AMOUNT' } });
    expect(planRedemption(l.card(code), 900, ctx, [], 600)).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_BALANCE', message: 'Gift card ****' + code.slice(-4) + ' has only 5.00 USD left.' } });
    expect(planRedemption(l.card(code), 0, ctx)).toMatchObject({ ok: false, error: { code: 'ALREADY_PAID' } });
  });

  it('gift cards cannot pay for gift cards sold in the same sale', () => {
    // goods 100 + a gift card sold for 50; 30 paid in cash first
    const cash = addCash(150, [], 30, 1, 'T1');
    if (!cash.ok) throw cash.error;
    expect(giftCardPayable(150, 50, cash.value)).toBe(100);
    expect(giftCardPayable(50, 50, [])).toBe(0);
    const l = new Ledger();
    const code = l.issue(500);
    const sold = [{ code: l.code(), lineId: 'L2', mode: 'generate' as const, faceValue: 50, price: 50 }];
    const ext = { sold, redeemed: [{ code, amount: 120, tenderId: 'T2' }] };
    expect(validateSaleGiftCards((c) => l.card(c), ext, { ...ctx, total: 150 })).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_FOR_GIFT_CARD' } });
    ext.redeemed[0].amount = 100;
    expect(validateSaleGiftCards((c) => l.card(c), ext, { ...ctx, total: 150 })).toEqual({ ok: true, value: true });
  });
});

describe('refusals, with nothing changed', () => {
  it('gives each refusal its code and a cashier message that never shows the whole code', () => {
    const l = new Ledger();
    const active = l.issue(1000);
    const pending = l.issue(0, { pending: true });
    const blocked = l.issue(1000);
    l.commit([{ type: 'giftcard.blocked', data: { code: blocked, reason: 'stolen' } }]);
    const expired = l.issue(1000, { expiresOn: '2026-03-10' });
    const depleted = l.issue(100);
    l.commit([{ type: 'giftcard.redeemed', data: { code: depleted, amount: 100 } }]);
    const euro = l.issue(1000, { currency: 'EUR' });
    const personal = l.issue(1000, { customerId: 'C42' });
    const before = JSON.stringify(l.slice);

    const tomorrow = { ...ctx, today: '2026-03-11' };
    const cases: [string | undefined, typeof ctx & { customerId?: string }, string][] = [
      [l.code(), ctx, 'GIFT_CARD_UNKNOWN'],
      [pending, ctx, 'GIFT_CARD_PENDING'],
      [blocked, ctx, 'GIFT_CARD_BLOCKED'],
      [expired, tomorrow, 'GIFT_CARD_EXPIRED'],
      [depleted, ctx, 'GIFT_CARD_DEPLETED'],
      [euro, ctx, 'GIFT_CARD_CURRENCY'],
      [personal, ctx, 'GIFT_CARD_CUSTOMER'],
      [personal, { ...ctx, customerId: 'C7' }, 'GIFT_CARD_CUSTOMER'],
    ];
    for (const [code, c, want] of cases) {
      const r = checkRedeemable(code ? l.card(code) : undefined, c);
      expect(r.ok, want).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe(want);
      expect(r.error.message).not.toContain(code);
      expect(r.error.message).not.toMatch(/\{\w+\}/);
    }
    expect(checkRedeemable(l.card(expired), ctx).ok).toBe(true);
    expect(checkRedeemable(l.card(personal), { ...ctx, customerId: 'C42' }).ok).toBe(true);
    expect(checkRedeemable(undefined, ctx)).toMatchObject({ ok: false, error: { message: UNKNOWN_CARD_MESSAGE } });
    expect(JSON.stringify(l.slice)).toBe(before);
  });
});
