/**
 * 8.6 Headless contract slips, gift-card part, on the machine both clients drive: a refusal changes
 * only the message; a balance check takes a code without its prefix and in its printed groups; an
 * amount above what may be paid says how much may; a card this sale already uses up is called that,
 * not depleted; paying with a card from the sale works as scanning it does.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { formatCode, planBlock } from '../../src/domain/giftcard/index.js';
import type { CheckoutDeps } from '../../machines/checkout.types.js';
import { Ledger, TODAY } from '../domain/giftcard/harness.js';
import { CODE_A, catalogOf, machineWith, makeDeps, PRODUCTS, scriptedCommit } from './fixtures.js';

const NOW = new Date(`${TODAY}T12:00:00`);

function setup() {
  const ledger = new Ledger();
  const deps: CheckoutDeps = makeDeps({
    catalog: catalogOf(PRODUCTS),
    now: () => NOW,
    giftcards: {
      lookup: (c) => ledger.card(c),
      newCode: () => ledger.code(),
      prefix: 'GC',
      sellMode: 'generate',
      defaultValidityDays: 365,
      limits: { limitPerMinute: 5, cooldownSeconds: 60 },
      lineName: 'Gift card',
    },
  });
  const actor = createActor(machineWith(scriptedCommit(['ok']).logic), { input: deps });
  actor.start();
  const snap = () => actor.getSnapshot();
  /** What a refusal may not touch: where the register is and everything of the sale. */
  const kept = () => {
    const c = snap().context;
    return { value: snap().value, cart: c.cart, tenders: c.tenders, balance: c.balance, saleId: c.saleId };
  };
  return { ledger, send: actor.send.bind(actor), snap, kept };
}

const blocked = (l: Ledger) => {
  const code = l.issue(1000);
  const r = planBlock(l.card(code), { reason: 'lost' });
  if (!r.ok) throw r.error;
  l.commit(r.value);
  return code;
};

describe('8.6 a refused gift-card scan stays in sale', () => {
  it.each([
    ['blocked', (l: Ledger) => `GC${blocked(l)}`, 'GIFT_CARD_BLOCKED'],
    ['unknown', (l: Ledger) => `GC${l.code()}`, 'GIFT_CARD_UNKNOWN'],
    ['pending stock (generate mode)', (l: Ledger) => `GC${l.issue(0, { pending: true })}`, 'GIFT_CARD_PENDING'],
  ])('a %s card scanned in the sale: message only, still in sale', (_w, code, want) => {
    const t = setup();
    const c = code(t.ledger);
    t.send({ type: 'cart.scan', code: CODE_A });
    const before = t.kept();
    t.send({ type: 'cart.scan', code: c });
    expect(t.snap().context.message?.code).toBe(want);
    expect(t.kept()).toEqual(before);
    expect(t.snap().value).toEqual({ open: 'sale' });
  });

  it('a card that pays still goes to the tender screen', () => {
    const t = setup();
    const card = t.ledger.issue(100);
    t.send({ type: 'cart.scan', code: CODE_A });
    t.send({ type: 'cart.scan', code: `GC${card}` });
    expect(t.snap().value).toEqual({ open: 'tender' });
    expect(t.snap().context.tenders).toMatchObject([{ kind: 'giftcard', amount: 100 }]);
  });
});

describe('8.6 a refused giftcard_check changes only the message', () => {
  it('from idle and from a sale: no balance screen, nothing else changes', () => {
    const t = setup();
    t.send({ type: 'giftcard.check', code: `GC${t.ledger.code()}` });
    expect(t.snap().value).toBe('idle');
    expect(t.snap().context.message?.code).toBe('GIFT_CARD_UNKNOWN');
    t.send({ type: 'cart.scan', code: CODE_A });
    const before = t.kept();
    t.send({ type: 'giftcard.check', code: 'not a card' });
    expect(t.kept()).toEqual(before);
    expect(t.snap().context.message?.code).toBe('GIFT_CARD_UNKNOWN');
  });

  it('on the balance screen the card shown stays shown', () => {
    const t = setup();
    const card = t.ledger.issue(700);
    t.send({ type: 'giftcard.check', code: `GC${card}` });
    expect(t.snap().context.balance).toMatchObject({ balance: 700 });
    const before = t.kept();
    t.send({ type: 'giftcard.check', code: `GC${t.ledger.code()}` });
    t.send({ type: 'cart.scan', code: `GC${t.ledger.code()}` });
    expect(t.kept()).toEqual(before);
    expect(t.snap().context.message?.code).toBe('GIFT_CARD_UNKNOWN');
  });

  it('after a paid sale a refused check leaves the paid screen as it is', async () => {
    const t = setup();
    const card = t.ledger.issue(5000);
    t.send({ type: 'cart.scan', code: CODE_A });
    t.send({ type: 'cart.scan', code: `GC${card}` });
    await new Promise((r) => setTimeout(r, 0));
    expect(t.snap().value).toBe('committed');
    t.send({ type: 'giftcard.check', code: `GC${t.ledger.code()}` });
    expect(t.snap().value).toBe('committed');
    expect(t.snap().context.message?.code).toBe('GIFT_CARD_UNKNOWN');
    t.send({ type: 'giftcard.check', code: `GC${card}` });
    expect(t.snap().value).toBe('balance');
  });
});

describe('8.6 giftcard_check takes the code without prefix and in its printed groups', () => {
  it.each([
    ['without prefix', (c: string) => c],
    ['printed groups', (c: string) => formatCode(c)],
    ['printed groups with prefix, lower case', (c: string) => `gc ${formatCode(c).toLowerCase()}`],
    ['dashes', (c: string) => formatCode(c, '-')],
  ])('%s', (_w, form) => {
    const t = setup();
    const card = t.ledger.issue(1250);
    t.send({ type: 'giftcard.check', code: form(card) });
    expect(t.snap().value).toBe('balance');
    expect(t.snap().context.balance).toMatchObject({ balance: 1250 });
  });
});

describe('8.6 an over-large giftcard_pay amount says how much may be paid', () => {
  it('AMOUNT_TOO_LARGE with the most that can be entered; zero or less stays BAD_AMOUNT', () => {
    const t = setup();
    const card = t.ledger.issue(5000);
    t.send({ type: 'cart.scan', code: CODE_A }); // 10.00
    t.send({ type: 'tender.start' });
    t.send({ type: 'tender.giftcard', code: `GC${card}`, amount: 999_999 });
    expect(t.snap().context.message).toMatchObject({ code: 'AMOUNT_TOO_LARGE', params: { maxMinor: 1000 } });
    expect(t.snap().context.message?.text).toContain('at most 10.00');
    t.send({ type: 'tender.giftcard', code: `GC${card}`, amount: 0 });
    expect(t.snap().context.message?.code).toBe('BAD_AMOUNT');
    expect(t.snap().context.tenders).toEqual([]);
  });
});

describe('8.6 a card this sale already uses up is not called depleted', () => {
  it('GIFT_CARD_RESERVED, saying it is already used in this sale', () => {
    const t = setup();
    const card = t.ledger.issue(300);
    t.send({ type: 'cart.scan', code: CODE_A });
    t.send({ type: 'tender.start' });
    t.send({ type: 'tender.giftcard', code: `GC${card}`, amount: 100 });
    t.send({ type: 'tender.giftcard', code: `GC${card}` });
    t.send({ type: 'tender.giftcard', code: `GC${card}`, amount: 1 });
    expect(t.snap().context.message?.code).toBe('GIFT_CARD_RESERVED');
    expect(t.snap().context.message?.text).toMatch(/already used in this sale/);
    expect(t.snap().context.tenders.map((x) => x.amount)).toEqual([100, 200]);
  });
});

describe('8.6 giftcard_pay works in sale as a scan of the card does', () => {
  it('pays and moves to tender; a refusal stays in sale; an empty sale cannot take it', () => {
    const t = setup();
    const card = t.ledger.issue(500);
    expect(t.snap().can({ type: 'tender.giftcard', code: `GC${card}` })).toBe(false);
    t.send({ type: 'cart.scan', code: CODE_A });
    t.send({ type: 'tender.giftcard', code: `GC${card}`, amount: 999_999 });
    expect(t.snap().value).toEqual({ open: 'sale' });
    expect(t.snap().context.message?.code).toBe('AMOUNT_TOO_LARGE');
    t.send({ type: 'tender.giftcard', code: card, amount: 200 });
    expect(t.snap().value).toEqual({ open: 'tender' });
    expect(t.snap().context.tenders).toMatchObject([{ kind: 'giftcard', amount: 200 }]);
  });
});
