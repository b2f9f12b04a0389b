/** Loyalty over the headless protocol on a real store: create, search, attach, earn, spend. */
import { afterEach, describe, expect, it } from 'vitest';
import { accountById, loyaltyOf } from '../../src/store/projections/loyalty.js';
import type { LoyaltyProgram } from '../../src/domain/loyalty/types.js';
import { cleanupStores, realStore, runLines } from './real-store.js';

afterEach(cleanupStores);

const PROGRAM: LoyaltyProgram = {
  id: 'cb', name: 'Cashback', active: true, decimals: 0, step: 1,
  rules: [{ id: 'base', perAmount: { points: 1, per: 100 } }],
  rewards: [{ id: 'spend', name: 'Pay with points', kind: 'cashback', cost: 1, value: { amount: 10, points: 1 } }],
};

describe('customers and points over headless', () => {
  it('creates a customer (refusals first), finds them, attaches them, and the sale earns points', async () => {
    const store = await realStore([{ type: 'loyalty.program.upserted', data: { program: PROGRAM } }]);
    const r = await runLines(store, [
      { id: 1, cmd: 'customer_create', name: '', phone: '0901234567' },
      { id: 2, cmd: 'customer_create', name: 'Nguyen Van An', phone: '12' },
      { id: 3, cmd: 'customer_create', name: 'Nguyen Van An', phone: '0901 234 567' },
      { id: 4, cmd: 'customer_search', query: '234567' },
      { id: 5, cmd: 'customer_search', query: 'nguyen an' },
      { id: 6, cmd: 'customer_search', limit: 0, query: 'x' },
    ]);
    expect(r[0]).toMatchObject({ ok: false, error: { code: 'CUSTOMER_NAME_REQUIRED' } });
    expect(r[1]).toMatchObject({ ok: false, error: { code: 'PHONE_INVALID' } });
    expect(r[2].ok).toBe(true);
    const created = r[2].customers[0];
    expect(created.card).toMatch(/^27\d{11}$/);
    expect(r[3].customers).toEqual([{ ...created, card: `*********${created.card.slice(-4)}` }]);
    expect(r[4].customers.map((c: { id: string }) => c.id)).toEqual([created.id]);
    expect(r[5]).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const sale = await runLines(store, [
      { cmd: 'customer_attach', customer: created.id },
      { cmd: 'scan', code: '703' },
      { cmd: 'pay' },
      { cmd: 'exact' },
    ]);
    expect(sale[0].state).toMatchObject({ status: 'sale' });
    expect(sale[3].state.status).toBe('committed');
    expect(accountById(loyaltyOf(store.state), created.id)!.points.cb).toBe(12);

    const spend = await runLines(store, [
      { cmd: 'scan', code: created.card },
      { cmd: 'scan', code: '101' },
      { cmd: 'reward_apply', program: 'cb', reward: 'spend', points: 20 },
      { cmd: 'reward_apply', program: 'cb', reward: 'spend', points: 5 },
      { cmd: 'state' },
    ]);
    expect(spend[2]).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_POINTS' } });
    expect(spend[3].ok).toBe(true);
    expect(spend[4].state.total).toBe(250 - 50);
    await store.close();
  });
});
