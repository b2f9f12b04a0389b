/**
 * 8.6 Headless contract slips, customer and loyalty part, on the machine: a refusal from beside the
 * checkout (customer_create) is shown as the message and changes nothing else; points of zero or
 * less are POINTS_INVALID; claimableNow is the list of what a claim now would put on the sale.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { claimableNow } from '../../machines/checkout.loyalty.js';
import type { LoyaltyDeps } from '../../machines/checkout.types.js';
import { CASHBACK, account } from '../domain/loyalty/fixtures.js';
import { CODE_A, machineWith, makeDeps, scriptedCommit } from './fixtures.js';

function setup(points = 30, blocked = false) {
  const a = account({ id: 'C1', card: '2700000000014', points: { cb: points }, blocked });
  const loyalty: LoyaltyDeps = { prefix: '27', byCard: (c) => (c === a.card ? a : undefined), account: (id) => (id === a.id ? a : undefined), programs: () => [CASHBACK], ladder: () => null };
  const actor = createActor(machineWith(scriptedCommit(['ok']).logic), { input: makeDeps({ loyalty }) });
  actor.start();
  return { send: actor.send.bind(actor), snap: () => actor.getSnapshot() };
}

describe('8.6 a refused customer_create sets the message', () => {
  it('message.refusal shows the refusal and changes nothing else, in any state', () => {
    const t = setup();
    t.send({ type: 'message.refusal', code: 'PHONE_INVALID', text: 'Enter a phone number.', params: {} });
    expect(t.snap().value).toBe('idle');
    expect(t.snap().context.message).toMatchObject({ code: 'PHONE_INVALID', text: 'Enter a phone number.', level: 'error' });
    t.send({ type: 'cart.scan', code: CODE_A });
    const { cart, tenders, saleId } = t.snap().context;
    t.send({ type: 'message.refusal', code: 'CUSTOMER_NAME_REQUIRED', text: 'Enter the name.' });
    expect(t.snap().value).toEqual({ open: 'sale' });
    expect(t.snap().context).toMatchObject({ cart, tenders, saleId, message: { code: 'CUSTOMER_NAME_REQUIRED' } });
  });
});

describe('8.6 points 0 or -3 get POINTS_INVALID', () => {
  it.each([0, -3])('%i', (points) => {
    const t = setup();
    t.send({ type: 'cart.scan', code: CODE_A });
    t.send({ type: 'customer.attach', customerId: 'C1' });
    t.send({ type: 'reward.apply', programId: 'cb', rewardId: 'cash', points });
    expect(t.snap().context.message?.code).toBe('POINTS_INVALID');
    expect(t.snap().context.cart.discounts).toEqual([]);
  });
});

describe('8.6 the rewards a customer can claim now', () => {
  it('none without a customer or with a blocked card; the cashback with its most points and money otherwise', () => {
    const t = setup();
    t.send({ type: 'cart.scan', code: CODE_A }); // 10.00
    expect(claimableNow(t.snap().context)).toEqual([]);
    t.send({ type: 'customer.attach', customerId: 'C1' });
    // 1 point = 1.00: 30 points could pay 30.00, the sale allows 10.00.
    expect(claimableNow(t.snap().context)).toEqual([{ programId: 'cb', rewardId: 'cash', name: 'Cashback', kind: 'cashback', points: 10, value: 1000, step: 1 }]);
    const b = setup(30, true);
    b.send({ type: 'cart.scan', code: CODE_A });
    b.send({ type: 'customer.attach', customerId: 'C1' });
    expect(claimableNow(b.snap().context)).toEqual([]);
  });
});
