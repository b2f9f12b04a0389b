/** Issue 8.2 over headless on a real store: points that expired 15 days ago are neither shown nor spent. */
import { afterEach, describe, expect, it } from 'vitest';
import { accountById, loyaltyOf } from '../../src/store/projections/loyalty.js';
import type { Customer, LoyaltyProgram } from '../../src/domain/loyalty/types.js';
import { addDays } from '../../src/domain/loyalty/expiry.js';
import { localDate } from '../../src/domain/giftcard/dates.js';
import { cleanupStores, realStore, runLines } from './real-store.js';

afterEach(cleanupStores);

const PROGRAM: LoyaltyProgram = {
  id: 'cb', name: 'Cashback', active: true, decimals: 0, step: 1, expiryDays: 30,
  rules: [{ id: 'base', perAmount: { points: 1, per: 100 } }],
  rewards: [
    { id: 'spend', name: 'Pay with points', kind: 'cashback', cost: 1, value: { amount: 1, points: 1 } },
    { id: 'free', name: 'Free espresso', kind: 'fixed', cost: 100, amount: 250 },
  ],
};
const LAN: Customer = { id: 'c1', name: 'Lan', phone: '+84901234567', tier: null, card: '2700000000014', blocked: false, created: '2026-01-01T00:00:00Z' };

describe('issue 8.2 expired points (headless, real store)', () => {
  it('a 100-point reward on points that expired 15 days earlier is refused; valid points still pay', async () => {
    const today = localDate(new Date());
    const store = await realStore([
      { type: 'loyalty.program.upserted', data: { program: PROGRAM } },
      { type: 'customer.created', data: { customer: LAN } },
      // 100 points earned 45 days ago expired 15 days ago; 30 earned 5 days ago are valid. No expiry journaled.
      { type: 'points.adjusted', data: { customerId: 'c1', programId: 'cb', points: 100, day: addDays(today, -45), reason: 'old' } },
      { type: 'points.adjusted', data: { customerId: 'c1', programId: 'cb', points: 30, day: addDays(today, -5), reason: 'new' } },
    ]);
    expect(accountById(loyaltyOf(store.state), 'c1')!.points.cb).toBe(130); // the fold, before any expiry entry

    const r = await runLines(store, [
      { cmd: 'scan', code: LAN.card },
      { cmd: 'scan', code: '101' },
      { cmd: 'reward_apply', program: 'cb', reward: 'free' },
      { cmd: 'reward_apply', program: 'cb', reward: 'spend', points: 31 },
      { cmd: 'reward_apply', program: 'cb', reward: 'spend', points: 30 },
      { cmd: 'pay' },
      { cmd: 'exact' },
    ]);
    expect(r[0].state.customer.points.cb).toBe(30);
    expect(r[2]).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS' } });
    expect(r[3]).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS' } });
    expect(r[4].ok).toBe(true);
    expect(r[6].state.status).toBe('committed');

    // The 30 valid points were spent; the 100 expired ones are still in the fold until their expiry
    // entry is journaled, and as of today the customer has nothing left.
    // The sale earned 2 points on the 2.20 paid (1 per 1.00, rounded down).
    const a = accountById(loyaltyOf(store.state), 'c1')!;
    expect(a.points.cb).toBe(102);
    const again = await runLines(store, [{ cmd: 'scan', code: LAN.card }]);
    expect(again[0].state.customer.points.cb).toBe(2);
    await store.close();
  });
});
