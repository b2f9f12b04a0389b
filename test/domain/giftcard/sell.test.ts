import { describe, expect, it } from 'vitest';
import { addLine, emptyCart, priceCart, type OrderDiscount } from '../../../src/domain/cart.js';
import { addNonCash } from '../../../src/domain/tender.js';
import {
  codesInSale,
  giftCardCartLine,
  giftCardTenderExtra,
  planSellCard,
  saleGiftCards,
  soldCardsTotal,
  validateSaleGiftCards,
} from '../../../src/domain/giftcard/index.js';
import { Ledger, TODAY } from './harness.js';

const base = { currency: 'USD', today: TODAY, defaultValidityDays: 365, inSale: [] as string[] };
const tax = { mode: 'inclusive' as const, rounding: 'line' as const, classes: { standard: 10, zero: 0 } };
const errCode = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? undefined : r.error?.code);

describe('selling a card', () => {
  it('generate: a new code, value entered, default validity from config', () => {
    const l = new Ledger();
    const code = l.code();
    expect(planSellCard(undefined, { ...base, mode: 'generate', code, amount: 1500 })).toEqual({
      ok: true,
      value: { code, mode: 'generate', faceValue: 1500, price: 1500, expiresOn: '2027-03-10' },
    });
    expect(planSellCard(undefined, { ...base, defaultValidityDays: 0, mode: 'generate', code, amount: 1500 })).toEqual({
      ok: true,
      value: { code, mode: 'generate', faceValue: 1500, price: 1500 },
    });
    expect(errCode(planSellCard(undefined, { ...base, mode: 'generate', code, amount: 0 }))).toBe('BAD_AMOUNT');
    expect(errCode(planSellCard(undefined, { ...base, mode: 'generate', code }))).toBe('BAD_AMOUNT');
    const taken = l.issue(10);
    expect(errCode(planSellCard(l.card(taken), { ...base, mode: 'generate', code: taken, amount: 5 }))).toBe('GIFT_CARD_EXISTS');
  });

  it('scan-set-amount: activates pending stock with the value entered, validity of the stock', () => {
    const l = new Ledger();
    const code = l.issue(0, { pending: true, validityDays: 30 });
    expect(planSellCard(l.card(code), { ...base, mode: 'scan-set-amount', code, amount: 2500 })).toEqual({
      ok: true,
      value: { code, mode: 'scan-set-amount', faceValue: 2500, price: 2500, expiresOn: '2026-04-09' },
    });
  });

  it('scan-preset: sells at the preset price, the difference is promotional value', () => {
    const l = new Ledger();
    const code = l.issue(2000, { pending: true, price: 500, expiresOn: '2026-12-31' });
    const plan = planSellCard(l.card(code), { ...base, mode: 'scan-preset', code });
    expect(plan).toEqual({ ok: true, value: { code, mode: 'scan-preset', faceValue: 2000, price: 500, expiresOn: '2026-12-31' } });
    const noPreset = l.issue(0, { pending: true });
    expect(errCode(planSellCard(l.card(noPreset), { ...base, mode: 'scan-preset', code: noPreset }))).toBe('GIFT_CARD_NO_PRESET');
  });

  it('refuses to sell unknown, active, blocked, foreign or already-listed cards', () => {
    const l = new Ledger();
    const active = l.issue(100);
    const stock = l.issue(0, { pending: true });
    const blocked = l.issue(0, { pending: true });
    l.commit([{ type: 'giftcard.blocked', data: { code: blocked, reason: 'lost box' } }]);
    const euro = l.issue(0, { pending: true, currency: 'EUR' });
    const m = { ...base, mode: 'scan-set-amount' as const, amount: 100 };
    expect(errCode(planSellCard(undefined, { ...m, code: l.code() }))).toBe('GIFT_CARD_UNKNOWN');
    expect(errCode(planSellCard(l.card(active), { ...m, code: active }))).toBe('GIFT_CARD_ACTIVE');
    expect(errCode(planSellCard(l.card(blocked), { ...m, code: blocked }))).toBe('GIFT_CARD_BLOCKED');
    expect(errCode(planSellCard(l.card(euro), { ...m, code: euro }))).toBe('GIFT_CARD_CURRENCY');
    expect(errCode(planSellCard(l.card(stock), { ...m, code: stock, inSale: [stock] }))).toBe('GIFT_CARD_IN_SALE');
  });

  it('a card line takes no order discount; the sale extension carries sold and redeemed cards', () => {
    const l = new Ledger();
    const paying = l.issue(3000);
    const stock = l.issue(2000, { pending: true, price: 500 });
    const plan = planSellCard(l.card(stock), { ...base, mode: 'scan-preset', code: stock });
    if (!plan.ok) throw plan.error;
    let cart = addLine(emptyCart(), { kind: 'product', sku: 'A', name: 'Tea', unitPrice: 1000, qty: 1, taxClass: 'standard', category: 'drinks' });
    if (!cart.ok) throw cart.error;
    cart = addLine(cart.value, giftCardCartLine(plan.value, { name: 'Gift card', taxClass: 'zero' }));
    if (!cart.ok) throw cart.error;
    const discount: OrderDiscount = { id: 'D', label: '10%', source: 'manual', kind: 'percent', value: 100_000 };
    const priced = priceCart({ ...cart.value, discounts: [discount] }, tax);
    expect(priced.total).toBe(900 + 500);
    expect(cart.value.lines[1].name).toBe(`Gift card ****${stock.slice(-4)}`);
    expect(soldCardsTotal(cart.value.lines)).toBe(500);
    const tenders = addNonCash(priced.total, [], 'giftcard', 900, 'T1', giftCardTenderExtra({ code: paying, amount: 900, balanceAfter: 2100 }));
    if (!tenders.ok) throw tenders.error;
    expect(codesInSale(cart.value.lines, tenders.value)).toEqual([stock, paying]);
    const ext = saleGiftCards(cart.value.lines, tenders.value)!;
    expect(ext).toEqual({
      sold: [{ code: stock, lineId: 'L2', mode: 'scan-preset', faceValue: 2000, price: 500, expiresOn: '2027-03-10' }],
      redeemed: [{ code: paying, amount: 900, tenderId: 'T1' }],
    });
    expect(validateSaleGiftCards((c) => l.card(c), ext, { currency: 'USD', today: TODAY, total: priced.total })).toEqual({ ok: true, value: true });
    l.commitSale(ext);
    expect(l.card(stock)).toMatchObject({ state: 'active', balance: 2000, price: 500 });
    expect(l.card(paying)).toMatchObject({ state: 'active', balance: 2100 });
    // committing the same sale's cards again must be refused before commit
    expect(errCode(validateSaleGiftCards((c) => l.card(c), ext, { currency: 'USD', today: TODAY, total: priced.total }))).toBe('GIFT_CARD_ACTIVE');
    expect(saleGiftCards(cart.value.lines.slice(0, 1), [])).toBeUndefined();
  });

  it('the commit check refuses a card sold twice or paid with itself', () => {
    const l = new Ledger();
    const stock = l.issue(0, { pending: true });
    const s = { code: stock, lineId: 'L1', mode: 'scan-set-amount' as const, faceValue: 100, price: 100 };
    const c = { currency: 'USD', today: TODAY, total: 200 };
    expect(errCode(validateSaleGiftCards((x) => l.card(x), { sold: [s, { ...s, lineId: 'L2' }], redeemed: [] }, c))).toBe('GIFT_CARD_IN_SALE');
    expect(errCode(validateSaleGiftCards((x) => l.card(x), { sold: [s], redeemed: [{ code: stock, amount: 50, tenderId: 'T' }] }, c))).toBe('GIFT_CARD_PENDING');
    expect(errCode(validateSaleGiftCards((x) => l.card(x), { sold: [{ ...s, mode: 'generate' }], redeemed: [] }, c))).toBe('GIFT_CARD_EXISTS');
  });
});
