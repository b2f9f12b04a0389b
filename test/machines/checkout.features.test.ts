/**
 * Gift cards and loyalty through the real checkout machine: the issue's scenarios with exact amounts,
 * and what a commit hands the store. Card data comes from the real gift-card fold (test Ledger).
 */
import { describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import type { Product } from '../../src/domain/catalog.js';
import { saleGiftCards } from '../../src/domain/giftcard/index.js';
import type { LoyaltyAccount, TierLadder } from '../../src/domain/loyalty/types.js';
import type { CheckoutDeps, GiftCardDeps, LoyaltyDeps } from '../../machines/checkout.types.js';
import { Ledger, TODAY } from '../domain/giftcard/harness.js';
import { CASHBACK } from '../domain/loyalty/fixtures.js';
import { PRODUCTS, catalogOf, machineWith, makeDeps, scriptedCommit, type EffectLog } from './fixtures.js';

const EXTRA: Product[] = [
  { sku: 'P984', barcodes: ['984'], name: 'Tea set', price: 984, category: 'x', taxClass: 'standard' },
  { sku: 'P100', barcodes: ['100'], name: 'Mug', price: 100, category: 'x', taxClass: 'standard' },
  { sku: 'P250', barcodes: ['250'], name: 'Beans 250', price: 25000, category: 'coffee', taxClass: 'standard' },
];
const NOW = new Date(`${TODAY}T12:00:00`);

function setup(opts: { ledger?: Ledger; sellMode?: GiftCardDeps['sellMode']; loyalty?: LoyaltyDeps } = {}) {
  const ledger = opts.ledger ?? new Ledger();
  let generated = 0;
  const deps: CheckoutDeps = makeDeps({
    catalog: catalogOf([...PRODUCTS, ...EXTRA]),
    now: () => NOW,
    giftcards: {
      lookup: (c) => ledger.card(c),
      newCode: () => (generated++, ledger.code()),
      prefix: 'GC',
      sellMode: opts.sellMode ?? 'generate',
      defaultValidityDays: 365,
      limits: { limitPerMinute: 5, cooldownSeconds: 60 },
      lineName: 'Gift card',
    },
    loyalty: opts.loyalty,
  });
  const commit = scriptedCommit(['ok']);
  const effects: EffectLog = [];
  const actor = createActor(machineWith(commit.logic, effects), { input: deps });
  actor.start();
  const snap = () => actor.getSnapshot();
  /** Folds the committed sale's gift cards into the ledger, as the store's projection does. */
  const fold = () => {
    const input = commit.inputs[commit.inputs.length - 1];
    const ext = saleGiftCards(input.cart.lines, input.tenders);
    if (ext) ledger.commitSale(ext);
  };
  return { ledger, actor, send: actor.send.bind(actor), snap, commit, fold };
}

const due = (s: ReturnType<ReturnType<typeof setup>['snap']>) => s.context.priced.total - s.context.tenders.reduce((a, t) => a + t.amount, 0);

describe('gift cards as a tender (exact amounts from the issue)', () => {
  it('a card of 1000 on a sale of 4000 leaves 3000 to pay and the card at 0', () => {
    const t = setup();
    const card = t.ledger.issue(1000);
    t.send({ type: 'cart.scan', code: '4006381333931', qty: 4 });
    t.send({ type: 'tender.start' });
    t.send({ type: 'cart.scan', code: `GC${card}` });
    expect(t.snap().context.message).toBeNull();
    expect(due(t.snap())).toBe(3000);
    expect(t.snap().context.tenders[0]).toMatchObject({ kind: 'giftcard', amount: 1000, reference: `****${card.slice(-4)}` });
    t.send({ type: 'tender.cash', amount: 3000 });
    expect(t.snap().value).toBe('committing');
  });

  it('scanning a card during the sale goes straight to payment', async () => {
    const t = setup();
    const card = t.ledger.issue(1500);
    t.send({ type: 'cart.scan', code: '984' });
    t.send({ type: 'cart.scan', code: `GC${card}` });
    // 1500 on 984: the card pays all; the sale commits and 516 stays on the card.
    await waitFor(t.actor, (s) => s.matches('committed'));
    t.fold();
    expect(t.ledger.card(card)!.balance).toBe(516);
  });

  it('two cards of 100 on a sale of 2000 take 200', () => {
    const t = setup();
    const a = t.ledger.issue(100);
    const b = t.ledger.issue(100);
    t.send({ type: 'cart.scan', code: '4006381333931', qty: 2 });
    t.send({ type: 'tender.start' });
    t.send({ type: 'cart.scan', code: `GC${a}` });
    t.send({ type: 'cart.scan', code: `GC${b}` });
    expect(t.snap().context.tenders.map((x) => x.amount)).toEqual([100, 100]);
    expect(due(t.snap())).toBe(1800);
  });

  it('the same card scanned twice cannot spend its balance twice', () => {
    const t = setup();
    const a = t.ledger.issue(300);
    t.send({ type: 'cart.scan', code: '4006381333931' });
    t.send({ type: 'tender.start' });
    t.send({ type: 'cart.scan', code: `GC${a}` });
    t.send({ type: 'cart.scan', code: `GC${a}` });
    expect(t.snap().context.tenders.map((x) => x.amount)).toEqual([300]);
    // 8.6: not "depleted" (it holds 300): already used in this sale.
    expect(t.snap().context.message?.code).toBe('GIFT_CARD_RESERVED');
  });

  it('refuses unknown and mistyped codes alike, then cools down after five misses', () => {
    const t = setup();
    const good = t.ledger.issue(100);
    const typo = good.slice(0, 5) + (good[5] === 'A' ? 'B' : 'A') + good.slice(6);
    t.send({ type: 'cart.scan', code: '4006381333931' });
    t.send({ type: 'tender.start' });
    t.send({ type: 'cart.scan', code: `GC${typo}` });
    const bad = t.snap().context.message!;
    t.send({ type: 'cart.scan', code: `GC${t.ledger.code()}` });
    expect(t.snap().context.message!.text).toBe(bad.text);
    for (let i = 0; i < 3; i++) t.send({ type: 'cart.scan', code: `GC${t.ledger.code()}` });
    t.send({ type: 'cart.scan', code: `GC${good}` });
    expect(t.snap().context.message?.code).toBe('GIFT_CARD_COOLDOWN');
    expect(t.snap().context.tenders).toEqual([]);
  });

  it('a gift card cannot pay for a gift card', () => {
    const t = setup();
    const card = t.ledger.issue(5000);
    t.send({ type: 'giftcard.sell', amount: 2000 });
    t.send({ type: 'tender.start' });
    t.send({ type: 'cart.scan', code: `GC${card}` });
    expect(t.snap().context.message?.code).toBe('GIFT_CARD_FOR_GIFT_CARD');
    expect(t.snap().context.tenders).toEqual([]);
  });
});

describe('selling gift cards (three modes)', () => {
  it('generate: a new card line of the value typed, untaxed and without discount; active only after commit', async () => {
    const t = setup();
    t.send({ type: 'giftcard.sell', amount: 2500 });
    const line = t.snap().context.cart.lines[0];
    expect(line).toMatchObject({ kind: 'giftcard', unitPrice: 2500, taxClass: 'none', noDiscount: true });
    expect(t.snap().context.priced.tax).toBe(0);
    const code = (line.meta!.giftcard as { code: string }).code;
    expect(t.ledger.card(code)).toBeUndefined();
    t.send({ type: 'tender.start' });
    t.send({ type: 'tender.exact' });
    await waitFor(t.actor, (s) => s.matches('committed'));
    t.fold();
    expect(t.ledger.card(code)).toMatchObject({ state: 'active', balance: 2500 });
  });

  it('scan-set-amount: a pending stock card asks for its value', () => {
    const t = setup({ sellMode: 'scan-set-amount' });
    const stock = t.ledger.issue(0, { pending: true });
    t.send({ type: 'cart.scan', code: `GC${stock}` });
    expect(t.snap().value).toEqual({ open: 'cardAmount' });
    t.send({ type: 'giftcard.amount', amount: 0 });
    expect(t.snap().context.message?.code).toBe('BAD_AMOUNT');
    t.send({ type: 'giftcard.amount', amount: 3000 });
    expect(t.snap().value).toEqual({ open: 'sale' });
    expect(t.snap().context.cart.lines[0]).toMatchObject({ kind: 'giftcard', unitPrice: 3000 });
  });

  it('scan-preset: a 2000 card sold for 500 records both, the difference as promotional value', () => {
    const t = setup({ sellMode: 'scan-preset' });
    const stock = t.ledger.issue(2000, { pending: true, price: 500 });
    t.send({ type: 'cart.scan', code: `GC${stock}` });
    const line = t.snap().context.cart.lines[0];
    expect(line.unitPrice).toBe(500);
    expect(line.meta!.giftcard).toMatchObject({ faceValue: 2000, price: 500, mode: 'scan-preset' });
  });

  it('a voided sale leaves the stock card pending', () => {
    const t = setup({ sellMode: 'scan-preset' });
    const stock = t.ledger.issue(2000, { pending: true, price: 500 });
    t.send({ type: 'cart.scan', code: `GC${stock}` });
    t.send({ type: 'cart.void' });
    expect(t.snap().value).toBe('idle');
    expect(t.ledger.card(stock)!.state).toBe('pending');
  });
});

describe('balance screen', () => {
  it('a card scanned at idle shows balance, state and expiry; closing returns to idle', () => {
    const t = setup();
    const card = t.ledger.issue(1234, { expiresOn: '2027-01-31' });
    t.send({ type: 'cart.scan', code: `GC ${card.slice(0, 4)} ${card.slice(4)}` });
    expect(t.snap().value).toBe('balance');
    expect(t.snap().context.balance).toMatchObject({ balance: 1234, state: 'active', expiresOn: '2027-01-31', masked: `****${card.slice(-4)}` });
    t.send({ type: 'balance.close' });
    expect(t.snap().value).toBe('idle');
  });

  it('from an open sale the check keeps the sale; a product scan on the balance screen goes on selling', () => {
    const t = setup();
    const card = t.ledger.issue(50);
    t.send({ type: 'cart.scan', code: '101' });
    t.send({ type: 'giftcard.check', code: `GC${card}` });
    expect(t.snap().value).toBe('balance');
    t.send({ type: 'cart.scan', code: '101' });
    expect(t.snap().value).toEqual({ open: 'sale' });
    expect(t.snap().context.cart.lines[0].qty).toBe(2);
  });
});

// ---------------------------------------------------------------- loyalty
const LADDER: TierLadder = {
  basis: 'spend',
  demotion: false,
  tiers: [
    { id: 'std', name: 'Standard', threshold: 0 },
    { id: 'silver', name: 'Silver', threshold: 50_000, discountPpm: 100_000 },
  ],
};
function account(over: Partial<LoyaltyAccount> = {}): LoyaltyAccount {
  return {
    id: 'c1', name: 'Lan Nguyen', phone: '0901234567', tier: 'std', card: '2700000000014', blocked: false, created: '2026-01-01T00:00:00Z',
    points: { cb: 10 }, lots: {}, spend: 0, earned: { cb: 10 }, months: '', purchases: 0, seqs: '', ...over,
  };
}
const loyaltyDeps = (a: LoyaltyAccount): LoyaltyDeps => ({
  prefix: '27',
  byCard: (c) => (c === a.card ? a : undefined),
  account: (id) => (id === a.id ? a : undefined),
  programs: () => [CASHBACK],
  ladder: () => LADDER,
});

describe('loyalty at the till', () => {
  it('1% cashback on a 250.00 sale previews 2 points (2.5 rounded down); spending 2 points takes 2.00 off', () => {
    const t = setup({ loyalty: loyaltyDeps(account()) });
    t.send({ type: 'cart.scan', code: '2700000000014' });
    expect(t.snap().value).toEqual({ open: 'sale' });
    t.send({ type: 'cart.scan', code: '250' });
    expect(t.snap().context.loyalty?.programs[0]).toMatchObject({ earned: 2, balanceBefore: 10 });
    t.send({ type: 'reward.apply', programId: 'cb', rewardId: 'cash', points: 2 });
    expect(t.snap().context.priced.total).toBe(25000 - 200);
    expect(t.snap().context.loyalty?.programs[0]).toMatchObject({ spent: 2 });
  });

  it('a silver customer gets the tier discount before a gift card pays: card 50 on a 100 sale leaves 40', () => {
    const t = setup({ loyalty: loyaltyDeps(account({ tier: 'silver' })) });
    const card = t.ledger.issue(50);
    t.send({ type: 'customer.attach', customerId: 'c1' });
    t.send({ type: 'cart.scan', code: '100' });
    expect(t.snap().context.priced.total).toBe(90);
    t.send({ type: 'tender.start' });
    t.send({ type: 'cart.scan', code: `GC${card}` });
    expect(due(t.snap())).toBe(40);
  });

  it('a blocked card attaches with a warning, earns nothing and cannot spend', () => {
    const t = setup({ loyalty: loyaltyDeps(account({ blocked: true })) });
    t.send({ type: 'cart.scan', code: '2700000000014' });
    expect(t.snap().context.message?.code).toBe('LOYALTY_CARD_BLOCKED_ATTACHED');
    t.send({ type: 'cart.scan', code: '250' });
    expect(t.snap().context.loyalty).toBeNull();
    t.send({ type: 'reward.apply', programId: 'cb', rewardId: 'cash', points: 2 });
    expect(t.snap().context.message?.code).toBe('LOYALTY_CARD_BLOCKED');
  });

  it('an unknown loyalty card is refused; detaching gives the points back', () => {
    const t = setup({ loyalty: loyaltyDeps(account()) });
    t.send({ type: 'cart.scan', code: '2700000000021' });
    expect(t.snap().context.message?.code).toBe('LOYALTY_CARD_UNKNOWN');
    t.send({ type: 'cart.scan', code: '2700000000014' });
    t.send({ type: 'cart.scan', code: '250' });
    t.send({ type: 'reward.apply', programId: 'cb', rewardId: 'cash', points: 5 });
    expect(t.snap().context.priced.total).toBe(24500);
    t.send({ type: 'customer.detach' });
    expect(t.snap().context.priced.total).toBe(25000);
    expect(t.snap().context.customer).toBeNull();
  });
});
