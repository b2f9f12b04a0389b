/**
 * Plausibility questions in the checkout machine (issue 11, "typos cannot cost money"): the event that
 * asks is held, nothing changes and nothing is committed before the answer; yes applies it, no drops it.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { CheckoutDeps } from '../../machines/checkout.types.js';
import { pendingQuestion } from '../../machines/checkout.confirm.js';
import { plausibilityLimits } from '../../src/domain/plausibility.js';
import { DEFAULT_CONFIG } from '../../src/domain/config.js';
import { Ledger, TODAY } from '../domain/giftcard/harness.js';
import { CODE_A, CODE_C, machineWith, makeDeps, scriptedCommit, type EffectLog } from './fixtures.js';

// Alpha (CODE_A) 10.00, Gamma (CODE_C) 2.50. USD defaults: 10x due and above 100.00; qty above 100; total above 10,000.00.
const checks = plausibilityLimits(DEFAULT_CONFIG);

function start(over: Partial<CheckoutDeps> = {}) {
  const commit = scriptedCommit(['ok']);
  const effects: EffectLog = [];
  const actor = createActor(machineWith(commit.logic, effects), { input: makeDeps({ checks, ...over }) });
  actor.start();
  const snap = () => actor.getSnapshot();
  return { actor, send: actor.send.bind(actor), snap, commit, effects };
}

describe('cash far above what is due', () => {
  it('99999 typed with 2.50 due asks; nothing is paid, committed or opened before the answer', () => {
    const t = start();
    t.send({ type: 'cart.scan', code: CODE_C });
    t.send({ type: 'tender.start' });
    t.send({ type: 'tender.cash', amount: 9_999_900 });
    expect(t.snap().value).toEqual({ open: 'tender' });
    expect(t.snap().context.tenders).toEqual([]);
    expect(pendingQuestion(t.snap())).toMatchObject({ code: 'CONFIRM_CASH', params: { amount: '99999.00 USD', due: '2.50 USD' }, where: 'tender' });
    expect(t.commit.inputs).toHaveLength(0);
    expect(t.effects).toEqual([]);
  });

  it('yes takes the cash and commits the sale with its change', () => {
    const t = start();
    t.send({ type: 'cart.scan', code: CODE_C });
    t.send({ type: 'tender.start' });
    t.send({ type: 'tender.cash', amount: 9_999_900 });
    t.send({ type: 'confirm.accept' });
    expect(t.snap().context.confirm).toBeNull();
    expect(t.commit.inputs).toHaveLength(1);
    expect(t.commit.inputs[0].tenders).toMatchObject([{ kind: 'cash', given: 9_999_900, change: 9_999_650 }]);
  });

  it('no drops it and says so; the sale waits for the amount again', () => {
    const t = start();
    t.send({ type: 'cart.scan', code: CODE_C });
    t.send({ type: 'tender.start' });
    t.send({ type: 'tender.cash', amount: 9_999_900 });
    t.send({ type: 'confirm.reject' });
    expect(t.snap().value).toEqual({ open: 'tender' });
    expect(t.snap().context).toMatchObject({ confirm: null, tenders: [], message: { code: 'CONFIRM_REJECTED', level: 'info' } });
    t.send({ type: 'tender.cash', amount: 500 });
    expect(t.commit.inputs).toHaveLength(1);
  });

  it('one note for a small sale, or cash within ten times what is due, is taken at once', () => {
    const t = start();
    t.send({ type: 'cart.scan', code: CODE_C });
    t.send({ type: 'tender.start' });
    t.send({ type: 'tender.cash', amount: 10_000 });
    expect(t.snap().context.confirm).toBeNull();
    expect(t.commit.inputs).toHaveLength(1);
  });

  it('a refused amount is refused, not asked about', () => {
    const t = start();
    t.send({ type: 'cart.scan', code: CODE_C });
    t.send({ type: 'tender.start' });
    t.send({ type: 'tender.cash', amount: 2 ** 53 });
    expect(t.snap().context.confirm).toBeNull();
    // Past the safe integers cash is not plausible at all (issue 8.11): refused as ABSURD_AMOUNT, never summed.
    expect(t.snap().context.message?.code).toBe('ABSURD_AMOUNT');
  });
});

describe('large quantities', () => {
  it('9999 x Gamma from idle asks, opens no sale; yes adds it and opens the sale', () => {
    const t = start();
    t.send({ type: 'cart.scan', code: CODE_C, qty: 9999 });
    expect(t.snap().value).toBe('idle');
    expect(t.snap().context.saleId).toBeNull();
    expect(pendingQuestion(t.snap())).toMatchObject({ code: 'CONFIRM_QTY', params: { qty: 9999, name: 'Gamma' } });
    t.send({ type: 'confirm.accept' });
    expect(t.snap().value).toEqual({ open: 'sale' });
    expect(t.snap().context.cart.lines.map((l) => [l.sku, l.qty])).toEqual([['C', 9999]]);
  });

  it('setting a line to 500 asks; no leaves the line as it was', () => {
    const t = start();
    t.send({ type: 'cart.scan', code: CODE_A });
    t.send({ type: 'cart.qty', lineId: 'L1', qty: 500 });
    expect(t.snap().context.confirm?.code).toBe('CONFIRM_QTY');
    t.send({ type: 'confirm.reject' });
    expect(t.snap().context.cart.lines[0].qty).toBe(1);
    t.send({ type: 'cart.qty', lineId: 'L1', qty: 100 });
    expect(t.snap().context.cart.lines[0].qty).toBe(100);
  });

  it('10000 is refused as a quantity (BAD_QUANTITY), not asked about', () => {
    const t = start();
    t.send({ type: 'cart.scan', code: CODE_C, qty: 10_000 });
    expect(t.snap().context.confirm).toBeNull();
    expect(t.snap().context.message).toMatchObject({ code: 'BAD_QUANTITY', params: { max: 9999 } });
  });
});

describe('a large sale total', () => {
  it('is asked about before the payment screen; once said yes to, not again unless it grows', () => {
    const t = start();
    // 11 x 100 Alpha at 10.00: each quantity within the limit, the total 11,000.00 above it.
    for (let i = 0; i < 11; i++) t.send({ type: 'cart.scan', code: CODE_A, qty: 100 });
    expect(t.snap().context.confirm).toBeNull();
    expect(t.snap().context.priced.total).toBe(1_100_000);
    t.send({ type: 'tender.start' });
    expect(t.snap().value).toEqual({ open: 'sale' });
    expect(t.snap().context.confirm).toMatchObject({ code: 'CONFIRM_TOTAL', params: { total: '11000.00 USD', limit: '10000.00 USD' } });
    t.send({ type: 'confirm.accept' });
    expect(t.snap().value).toEqual({ open: 'tender' });
    t.send({ type: 'tender.cancel' });
    t.send({ type: 'tender.start' });
    expect(t.snap().value).toEqual({ open: 'tender' });
    t.send({ type: 'tender.cancel' });
    t.send({ type: 'cart.scan', code: CODE_C });
    t.send({ type: 'tender.start' });
    expect(t.snap().context.confirm?.code).toBe('CONFIRM_TOTAL');
  });

  it('a gift card scanned to pay a large sale asks first; nothing is taken off the card before yes', () => {
    const ledger = new Ledger();
    const card = ledger.issue(5000);
    const t = start({
      now: () => new Date(`${TODAY}T12:00:00`),
      giftcards: { lookup: (c) => ledger.card(c), newCode: () => ledger.code(), prefix: 'GC', sellMode: 'generate', defaultValidityDays: 365, limits: { limitPerMinute: 5, cooldownSeconds: 60 }, lineName: 'Gift card' },
    });
    t.send({ type: 'cart.scan', code: CODE_A, qty: 100 });
    t.send({ type: 'cart.qty', lineId: 'L1', qty: 101, confirmed: true }); // 1,010.00
    t.send({ type: 'cart.scan', code: CODE_A, qty: 100 }); // merged: 201 x 10.00
    for (let i = 0; i < 8; i++) t.send({ type: 'cart.scan', code: CODE_A, qty: 100 });
    expect(t.snap().context.priced.total).toBe(1_001_000);
    t.send({ type: 'cart.scan', code: `GC${card}` });
    expect(t.snap().value).toEqual({ open: 'sale' });
    expect(t.snap().context.tenders).toEqual([]);
    expect(t.snap().context.confirm?.code).toBe('CONFIRM_TOTAL');
    t.send({ type: 'confirm.accept' });
    expect(t.snap().value).toEqual({ open: 'tender' });
    expect(t.snap().context.tenders).toMatchObject([{ kind: 'giftcard', amount: 5000 }]);
  });
});

describe('the answer', () => {
  it('a yes where nothing was asked, or where the question no longer applies, does nothing', () => {
    const t = start();
    t.send({ type: 'confirm.accept' });
    expect(t.snap().value).toBe('idle');
    t.send({ type: 'cart.scan', code: CODE_C });
    t.send({ type: 'cart.qty', lineId: 'L1', qty: 500 });
    // The sale moves on without answering: the question is stale on the payment screen.
    t.send({ type: 'tender.start' });
    expect(pendingQuestion(t.snap())).toBeNull();
    t.send({ type: 'confirm.accept' });
    expect(t.snap().context.cart.lines[0].qty).toBe(1);
  });

  it('without limits (deps.checks absent) nothing is ever asked', () => {
    const t = start({ checks: undefined });
    t.send({ type: 'cart.scan', code: CODE_C, qty: 9999 });
    t.send({ type: 'tender.start' });
    t.send({ type: 'tender.cash', amount: 99_999_999 });
    expect(t.commit.inputs).toHaveLength(1);
  });
});
