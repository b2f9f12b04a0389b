/**
 * Issue 14, topping up an existing card (the Odoo gift-card page: "scan an existing card and set its
 * price" gives value to an existing or expired card so it can be used again). Its numbers: a 1000 card
 * of which 200 was spent keeps 800; a 1500 card paid an order of 984 and keeps 516; a card used up.
 */
import { describe, expect, it } from 'vitest';
import {
  liability, planExpire, planLoad, planRedeem, planTopUp, saleGiftCards, topUpCartLine, validateSaleGiftCards, type GiftCard,
} from '../../../src/domain/giftcard/index.js';
import { Ledger, TODAY } from '../giftcard/harness.js';

const LATER = '2027-04-01';
const req = (amount: number, today = TODAY, inSale: string[] = []) => ({ amount, currency: 'USD', today, validityDays: 365, inSale });

function spend(l: Ledger, code: string, amount: number) {
  const r = planRedeem(l.card(code), amount, { currency: 'USD', today: TODAY });
  if (!r.ok) throw r.error;
  l.commit(r.value);
}

function topUpSale(l: Ledger, code: string, amount: number, today = TODAY) {
  const plan = planTopUp(l.card(code), code, req(amount, today));
  if (!plan.ok) throw plan.error;
  l.commitSale({ sold: [], redeemed: [], loaded: [{ ...plan.value, lineId: 'L1' }] }, 'USD', 'R1-000007');
  return plan.value;
}

describe('top-up at the till', () => {
  it('the 1000 card with 800 left takes 200 more: balance 1000, expiry kept', () => {
    const l = new Ledger();
    const c = l.issue(100000, { expiresOn: '2027-03-10' });
    spend(l, c, 20000);
    const plan = topUpSale(l, c, 20000);
    expect(plan).toEqual({ code: c, amount: 20000, balanceAfter: 100000 });
    expect(l.card(c)).toMatchObject({ state: 'active', balance: 100000, expiresOn: '2027-03-10' });
    expect(l.card(c)!.history.map((h) => [h.kind, h.amount, h.balance, h.ref ?? ''])).toEqual([
      ['issued', 100000, 100000, ''], ['redeemed', -20000, 80000, ''], ['loaded', 20000, 100000, 'R1-000007'],
    ]);
  });

  it('a used-up card (the page’s card with no balance left) is usable again', () => {
    const l = new Ledger();
    const c = l.issue(100000, { expiresOn: '2027-03-10' });
    spend(l, c, 100000);
    expect(l.card(c)!.state).toBe('depleted');
    topUpSale(l, c, 50000);
    expect(l.card(c)).toMatchObject({ state: 'active', balance: 50000 });
  });

  it('the expired 1500 card with 516 left: 516 forfeited as an expiry would, 1500 loaded, valid 365 days more', () => {
    const l = new Ledger();
    const c = l.issue(150000, { expiresOn: '2026-12-31' });
    spend(l, c, 98400);
    // Not yet recorded by `till giftcard expire`: the top-up records the forfeit itself.
    const plan = topUpSale(l, c, 150000, LATER);
    expect(plan).toEqual({ code: c, amount: 150000, renew: { day: LATER, expiresOn: '2028-03-31' }, balanceAfter: 150000 });
    expect(l.card(c)).toMatchObject({ state: 'active', balance: 150000, expiresOn: '2028-03-31' });
    expect(l.card(c)!.history.slice(-2).map((h) => [h.kind, h.amount, h.balance])).toEqual([['expired', -51600, 0], ['loaded', 150000, 150000]]);
    // The same books when the expiry batch ran first.
    const m = new Ledger();
    const d = m.issue(150000, { expiresOn: '2026-12-31' });
    spend(m, d, 98400);
    const ex = planExpire(m.card(d), { today: LATER });
    if (!ex.ok) throw ex.error;
    m.commit(ex.value);
    expect(topUpSale(m, d, 150000, LATER)).toEqual(plan);
    const books = (x: Ledger) => liability(Object.values(x.slice.cards), { currency: 'USD', today: LATER, dayOf: (i) => i.slice(0, 10) });
    expect({ ...books(m), days: books(m).days.map((r) => ({ ...r, day: '' })) }).toEqual({ ...books(l), days: books(l).days.map((r) => ({ ...r, day: '' })) });
    expect(books(l)).toMatchObject({ outstanding: 150000, pastExpiry: 0 });
  });

  it('refuses pending stock, blocked cards, other currencies, a card twice, no amount, and more than a card may hold', () => {
    const l = new Ledger();
    const stock = l.issue(0, { pending: true });
    const blocked = l.issue(1000);
    l.commit([{ type: 'giftcard.blocked', data: { code: blocked, reason: 'lost' } }]);
    const eur = l.issue(1000, { currency: 'EUR' });
    const ok = l.issue(1000);
    const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
    expect(code(planTopUp(l.card(stock), stock, req(500)))).toBe('GIFT_CARD_PENDING');
    expect(code(planTopUp(l.card(blocked), blocked, req(500)))).toBe('GIFT_CARD_BLOCKED');
    expect(code(planTopUp(l.card(eur), eur, req(500)))).toBe('GIFT_CARD_CURRENCY');
    expect(code(planTopUp(l.card(ok), ok, req(500, TODAY, [ok])))).toBe('GIFT_CARD_IN_SALE');
    expect(code(planTopUp(l.card(ok), ok, req(0)))).toBe('BAD_AMOUNT');
    expect(code(planTopUp(undefined, ok, req(500)))).toBe('GIFT_CARD_UNKNOWN');
    const big = planTopUp(l.card(ok), ok, { ...req(99500), maxValue: 100000 });
    expect(big.ok ? null : big.error.message).toBe('A gift card can hold at most 1000.00 USD. Check the value.');
    expect(planTopUp(l.card(ok), ok, { ...req(99000), maxValue: 100000 }).ok).toBe(true);
  });

  it('a top-up line goes into the sale as `loaded`, gift cards may not pay for it, and the commit re-checks the card', () => {
    const l = new Ledger();
    const c = l.issue(100000);
    const other = l.issue(5000);
    const plan = planTopUp(l.card(c), c, req(20000));
    if (!plan.ok) throw plan.error;
    const line = { ...topUpCartLine(plan.value, { name: 'Gift card top-up', taxClass: 'none' }), id: 'L1' };
    expect(line).toMatchObject({ kind: 'giftcard', name: expect.stringMatching(/^Gift card top-up \*{4}\w{4}$/), unitPrice: 20000, noDiscount: true });
    const ext = saleGiftCards([line], [])!;
    expect(ext).toEqual({ sold: [], redeemed: [], loaded: [{ code: c, lineId: 'L1', amount: 20000, balanceAfter: 100000 + 20000 }] });
    const lookup = (code: string) => l.card(code);
    const ctx = { currency: 'USD', today: TODAY, total: 20000 };
    expect(validateSaleGiftCards(lookup, ext, ctx).ok).toBe(true);
    const paidByCard = { ...ext, redeemed: [{ code: other, amount: 5000, tenderId: 'T1' }] };
    expect(validateSaleGiftCards(lookup, paidByCard, ctx)).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_FOR_GIFT_CARD' } });
    l.commit([{ type: 'giftcard.blocked', data: { code: c, reason: 'stolen' } }]);
    expect(validateSaleGiftCards(lookup, ext, ctx)).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_BLOCKED' } });
  });
});

describe('till giftcard load --extend', () => {
  it('an expired card is refused without --extend and renewed with it; a valid card is never shortened', () => {
    const l = new Ledger();
    const c = l.issue(150000, { expiresOn: '2026-12-31' });
    spend(l, c, 98400);
    const without = planLoad(l.card(c), { amount: 10000, currency: 'USD', today: LATER });
    expect(without.ok ? null : without.error.code).toBe('GIFT_CARD_EXPIRED');
    const r = planLoad(l.card(c), { amount: 10000, currency: 'USD', today: LATER, extend: { validityDays: 90 } });
    if (!r.ok) throw r.error;
    expect(r.value).toEqual([{ type: 'giftcard.loaded', data: { code: c, amount: 10000, renew: { day: LATER, expiresOn: '2027-06-30' } } }]);
    l.commit(r.value);
    expect(l.card(c)).toMatchObject({ state: 'active', balance: 10000, expiresOn: '2027-06-30' });
    // Still valid to 2027-06-30: 30 more days from 2027-04-01 would shorten it, so it keeps its day; 365 moves it.
    const short = planLoad(l.card(c), { amount: 100, currency: 'USD', today: LATER, extend: { validityDays: 30 } });
    expect(short.ok && short.value[0].data).toEqual({ code: c, amount: 100 });
    const long = planLoad(l.card(c), { amount: 100, currency: 'USD', today: LATER, extend: { validityDays: 365 } });
    expect(long.ok && long.value[0].data).toEqual({ code: c, amount: 100, renew: { day: LATER, expiresOn: '2028-03-31' } });
    // 0 days = never expires: an expired card renewed that way loses its expiry.
    const m = new Ledger();
    const d = m.issue(1000, { expiresOn: '2026-12-31' });
    const never = planLoad(m.card(d), { amount: 100, currency: 'USD', today: LATER, extend: { validityDays: 0 } });
    if (!never.ok) throw never.error;
    m.commit(never.value);
    const card = m.card(d) as GiftCard;
    expect([card.state, card.balance, card.expiresOn]).toEqual(['active', 100, undefined]);
  });
});
