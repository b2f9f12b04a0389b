/**
 * 8.6 Headless contract slips, customer and loyalty part, on the demo store: a refused
 * customer_create sets the message like every refusal; points 0 or -3 are POINTS_INVALID, not
 * POINTS_STEP; the state lists the rewards the attached customer can claim now.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoExtras, demoMemberCards } from '../../src/admin/demo-store.js';
import { localDate } from '../../src/domain/giftcard/index.js';
import { cleanupStores, realStore, runLines as run } from './real-store.js';

afterEach(cleanupStores);

const [, DMITRI] = demoMemberCards(); // Gold (10% off), 480 points in "coffee-club"
const demo = () => realStore(demoExtras(localDate(new Date())));

describe('8.6 a refused customer_create sets the message', () => {
  it.each([
    [{ name: '', phone: '0901234567' }, 'CUSTOMER_NAME_REQUIRED'],
    [{ name: 'An', phone: '12' }, 'PHONE_INVALID'],
  ])('%j: error and state.message agree; nothing else changes', async (fields, want) => {
    const s = await demo();
    const r = await run(s, [{ cmd: 'scan', code: '101' }, { cmd: 'customer_create', ...fields }]);
    expect(r[1]).toMatchObject({ ok: false, error: { code: want }, state: { message: { code: want, level: 'error' } } });
    expect(r[1].state.message.text).toBe(r[1].error.message);
    const { message: _m, ...rest } = r[1].state;
    expect(rest).toEqual(r[0].state);
    await s.close();
  });
});

describe('8.6 points 0 or -3 get POINTS_INVALID', () => {
  it.each([0, -3])('%i points', async (points) => {
    const s = await demo();
    const r = await run(s, [
      { cmd: 'scan', code: '101', qty: 4 },
      { cmd: 'scan', code: DMITRI },
      { cmd: 'reward_apply', program: 'coffee-club', reward: 'cashback', points },
    ]);
    expect(r[2]).toMatchObject({ ok: false, error: { code: 'POINTS_INVALID', message: 'Enter a number of points greater than zero.' } });
    expect(r[2].state.discounts).toEqual(r[1].state.discounts);
    await s.close();
  });
});

describe('8.6 headless lists the rewards a customer can claim now', () => {
  it('state.rewards: what reward_apply would put on the sale now, with points and money from the domain', async () => {
    const s = await demo();
    const r = await run(s, [
      { cmd: 'scan', code: '101', qty: 4 }, // 4 espressos, 10.00; Gold: 9.00
      { cmd: 'state' },
      { cmd: 'scan', code: DMITRI },
      { cmd: 'scan', code: '201' }, // a croissant: now "10% off bakery" applies too
      { cmd: 'reward_apply', program: 'coffee-club', reward: 'free-espresso' },
      { cmd: 'customer_detach' },
    ]);
    expect(r[1].state.rewards).toBeUndefined();
    // Cashback: at most half of 9.00 = 4.50 = 45 points; the bakery reward needs a bakery line.
    expect(r[2].state.rewards).toEqual([
      { program: 'coffee-club', reward: 'cashback', name: 'Pay with points', kind: 'cashback', points: 45, value: 450, step: 1 },
      { program: 'coffee-club', reward: 'free-espresso', name: 'Free espresso', kind: 'free-product', points: 50, value: 250 },
    ]);
    expect(r[3].state.rewards.map((x: { reward: string }) => x.reward)).toEqual(['cashback', 'free-espresso', 'bakery-10']);
    // Each listed reward is one reward_apply takes.
    expect(r[4]).toMatchObject({ ok: true });
    expect(r[4].state.rewards.find((x: { reward: string }) => x.reward === 'free-espresso')).toMatchObject({ points: 50 });
    expect(r[5].state.rewards).toBeUndefined();
    await s.close();
  });
});
