/**
 * Gift cards over the headless protocol, on a real store: every refusal a cashier can meet at the
 * tender gets its stable code, changes nothing, and the driver keeps going.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { generateCode } from '../../src/domain/giftcard/index.js';
import { findGiftCard } from '../../src/store/projections/giftcards.js';
import type { Store } from '../../src/store/types.js';
import { cleanupStores, realStore, runLines as run } from './real-store.js';

afterEach(cleanupStores);

let n = 0;
const newCode = () => generateCode(Uint8Array.from({ length: 12 }, (_, i) => (i * 53 + ++n * 29) & 0xff));
const issued = (code: string, over: Record<string, unknown> = {}) => ({
  type: 'giftcard.issued',
  data: { code, state: 'active', currency: 'USD', faceValue: 1000, price: 1000, ...over },
});

const C = { active: newCode(), pending: newCode(), blocked: newCode(), expired: newCode(), depleted: newCode(), euro: newCode(), named: newCode() };

const store = (): Promise<Store> =>
  realStore([
    issued(C.active),
    issued(C.pending, { state: 'pending', faceValue: 0, price: null }),
    issued(C.blocked),
    { type: 'giftcard.blocked', data: { code: C.blocked, reason: 'lost' } },
    issued(C.expired, { expiresOn: '2020-01-31' }),
    issued(C.depleted, { faceValue: 300, price: 300 }),
    { type: 'giftcard.redeemed', data: { code: C.depleted, amount: 300 } },
    issued(C.euro, { currency: 'EUR' }),
    issued(C.named, { customerId: 'someone-else' }),
  ]);

describe('gift-card refusals over headless', () => {
  it.each([
    ['pending stock card', () => C.pending, 'GIFT_CARD_PENDING'],
    ['blocked card', () => C.blocked, 'GIFT_CARD_BLOCKED'],
    ['expired card', () => C.expired, 'GIFT_CARD_EXPIRED'],
    ['depleted card', () => C.depleted, 'GIFT_CARD_DEPLETED'],
    ['card in another currency', () => C.euro, 'GIFT_CARD_CURRENCY'],
    ['card reserved for another customer', () => C.named, 'GIFT_CARD_CUSTOMER'],
    ['unknown code', () => newCode(), 'GIFT_CARD_UNKNOWN'],
    // 8.3: one public code for both, so a guesser cannot tell a well-formed code from a mistyped one.
    ['bad check character', () => C.active.slice(0, -1) + (C.active.endsWith('0') ? '1' : '0'), 'GIFT_CARD_UNKNOWN'],
  ])('%s is refused with %s, nothing paid, the sale stays open', async (_what, code, want) => {
    const s = await store();
    const replies = await run(s, [
      { id: 1, cmd: 'scan', code: '703' },
      { id: 2, cmd: 'pay' },
      { id: 3, cmd: 'giftcard_pay', code: `GC${code()}` },
      { id: 4, cmd: 'state' },
    ]);
    expect(replies[2]).toMatchObject({ id: 3, ok: false, error: { code: want } });
    expect(typeof replies[2].error.message).toBe('string');
    expect(replies[3].state).toMatchObject({ status: 'tender', tenders: [], due: 1299 });
    await s.close();
  });

  it('unknown and mistyped codes get the same message for the cashier', async () => {
    const s = await store();
    const replies = await run(s, [
      { cmd: 'scan', code: '703' },
      { cmd: 'pay' },
      { cmd: 'giftcard_pay', code: `GC${newCode()}` },
      { cmd: 'giftcard_pay', code: `GC${C.active.slice(0, -1)}${C.active.endsWith('0') ? '1' : '0'}` },
    ]);
    expect(replies[2].error.message).toBe(replies[3].error.message);
    await s.close();
  });

  it('a good card pays min(balance, due), the rest in cash; the card keeps its remainder after commit', async () => {
    const s = await store();
    const replies = await run(s, [
      { cmd: 'scan', code: '101' },
      { cmd: 'pay' },
      { cmd: 'giftcard_pay', code: `GC${C.active}` },
    ]);
    // Espresso 2.50 paid by a 10.00 card: committed at once, 7.50 left.
    expect(replies[2]).toMatchObject({ ok: true, state: { status: 'committed' } });
    expect(findGiftCard(s.state, C.active)!.balance).toBe(750);
    await s.close();
  });

  it('balance check at idle, and the cool-down after five unknown codes', async () => {
    const s = await store();
    const unknown = Array.from({ length: 5 }, () => ({ cmd: 'giftcard_check', code: `GC${newCode()}` }));
    const replies = await run(s, [
      { cmd: 'giftcard_check', code: `GC${C.active}` },
      { cmd: 'balance_close' },
      ...unknown,
      { cmd: 'giftcard_check', code: `GC${C.active}` },
    ]);
    expect(replies[0]).toMatchObject({ ok: true, state: { status: 'balance', balance: { balance: 1000, state: 'active' } } });
    expect(replies.at(-1)).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_COOLDOWN' } });
    await s.close();
  });
});
