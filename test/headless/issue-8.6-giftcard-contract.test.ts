/**
 * 8.6 Headless contract slips, gift-card part, over a real store: each slip as the issue tried it
 * from outside, through JSON Lines. A refused request changes nothing but `state.message`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatCode, generateCode } from '../../src/domain/giftcard/index.js';
import type { Store } from '../../src/store/types.js';
import { cleanupStores, realStore, runLines as run } from './real-store.js';

afterEach(cleanupStores);

let n = 0;
const newCode = () => generateCode(Uint8Array.from({ length: 12 }, (_, i) => (i * 41 + ++n * 13) & 0xff));
const issued = (code: string, over: Record<string, unknown> = {}) => ({
  type: 'giftcard.issued',
  data: { code, state: 'active', currency: 'USD', faceValue: 3750, price: 3750, ...over },
});
const C = { card: newCode(), blocked: newCode() };
const store = (): Promise<Store> =>
  realStore([issued(C.card), issued(C.blocked), { type: 'giftcard.blocked', data: { code: C.blocked, reason: 'lost' } }]);

/** The state without its message: what a refusal may not change. */
const rest = (state: Record<string, unknown>) => {
  const { message: _m, ...others } = state;
  return others;
};

describe('8.6 a refused gift-card scan stays in sale', () => {
  it('a blocked card scanned during a sale: refused, status still sale', async () => {
    const s = await store();
    const r = await run(s, [
      { id: 1, cmd: 'scan', code: '101' },
      { id: 2, cmd: 'scan', code: `GC${C.blocked}` },
    ]);
    expect(r[1]).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_BLOCKED' }, state: { status: 'sale', tenders: [] } });
    expect(rest(r[1].state)).toEqual(rest(r[0].state));
    await s.close();
  });
});

describe('8.6 a refused gift-card scan at idle stays idle', () => {
  it('an unknown and a mistyped card scanned with no sale: only the message changes; a blocked or active card shows its balance', async () => {
    const s = await store();
    const r = await run(s, [
      { id: 1, cmd: 'state' },
      { id: 2, cmd: 'scan', code: `GC${newCode()}` },
      { id: 3, cmd: 'scan', code: `GC${C.card.slice(0, -1)}${C.card.endsWith('A') ? 'B' : 'A'}` },
      { id: 4, cmd: 'scan', code: `GC${C.blocked}` },
      { id: 5, cmd: 'scan', code: `GC${C.card}` },
    ]);
    expect(r[1]).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_UNKNOWN' }, state: { status: 'idle' } });
    expect(r[2]).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_UNKNOWN' }, state: { status: 'idle' } });
    for (const x of r.slice(1, 3)) expect(rest(x.state)).toEqual(rest(r[0].state));
    expect(r[3]).toMatchObject({ ok: true, state: { status: 'balance', balance: { state: 'blocked' } } });
    expect(r[4]).toMatchObject({ ok: true, state: { status: 'balance', balance: { balance: 3750 } } });
    await s.close();
  });
});

describe('8.6 a refused giftcard_check changes only the message', () => {
  it('from idle and from a sale, and on the balance screen the card stays', async () => {
    const s = await store();
    const r = await run(s, [
      { id: 1, cmd: 'giftcard_check', code: `GC${newCode()}` },
      { id: 2, cmd: 'scan', code: '101' },
      { id: 3, cmd: 'giftcard_check', code: 'GC1234' },
      { id: 4, cmd: 'giftcard_check', code: `GC${C.card}` },
      { id: 5, cmd: 'giftcard_check', code: `GC${newCode()}` },
    ]);
    expect(r[0]).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_UNKNOWN' }, state: { status: 'idle' } });
    expect(r[0].state.balance).toBeUndefined();
    expect(r[2]).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_UNKNOWN' } });
    expect(rest(r[2].state)).toEqual(rest(r[1].state));
    expect(r[4]).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_UNKNOWN' }, state: { status: 'balance', balance: { balance: 3750 } } });
    expect(rest(r[4].state)).toEqual(rest(r[3].state));
    await s.close();
  });
});

describe('8.6 giftcard_check takes the code without prefix and the printed grouped form', () => {
  it.each([
    ['without prefix', () => C.card],
    ['printed groups', () => formatCode(C.card)],
    ['printed groups behind the prefix', () => `GC ${formatCode(C.card)}`],
  ])('%s', async (_w, code) => {
    const s = await store();
    const [idle, , , inSale, back] = await run(s, [
      { cmd: 'giftcard_check', code: code() },
      { cmd: 'balance_close' },
      { cmd: 'scan', code: '101' },
      { cmd: 'giftcard_check', code: code() },
      { cmd: 'balance_close' },
    ]);
    expect(idle).toMatchObject({ ok: true, state: { status: 'balance', balance: { balance: 3750, masked: `****${C.card.slice(-4)}` } } });
    expect(inSale).toMatchObject({ ok: true, state: { status: 'balance', balance: { balance: 3750 }, lines: [{ sku: 'SKU-101' }] } });
    expect(back).toMatchObject({ ok: true, state: { status: 'sale' } });
    await s.close();
  });
});

describe('8.6 an over-large giftcard_pay amount says how much may be paid', () => {
  it('AMOUNT_TOO_LARGE "at most", not "greater than zero"', async () => {
    const s = await store();
    const r = await run(s, [
      { cmd: 'scan', code: '101', qty: 20 }, // 50.00
      { cmd: 'pay' },
      { cmd: 'giftcard_pay', code: `GC${C.card}`, amount: 6000 },
      { cmd: 'giftcard_pay', code: `GC${C.card}`, amount: 0 },
    ]);
    expect(r[2]).toMatchObject({ ok: false, error: { code: 'AMOUNT_TOO_LARGE', message: `Gift card ****${C.card.slice(-4)} can pay at most 37.50 USD here.` } });
    expect(r[2].state).toMatchObject({ status: 'tender', tenders: [], due: 5000 });
    expect(r[3]).toMatchObject({ ok: false, error: { code: 'BAD_AMOUNT' } });
    await s.close();
  });
});

describe('8.6 a card fully reserved by earlier tenders of this sale is not called depleted', () => {
  it('GIFT_CARD_RESERVED: already used in this sale', async () => {
    const s = await store();
    const r = await run(s, [
      { cmd: 'scan', code: '101', qty: 20 },
      { cmd: 'pay' },
      { cmd: 'giftcard_pay', code: `GC${C.card}`, amount: 1000 },
      { cmd: 'giftcard_pay', code: `GC${C.card}` },
      { cmd: 'giftcard_pay', code: `GC${C.card}`, amount: 100 },
      { cmd: 'scan', code: `GC${C.card}` },
    ]);
    expect(r[3].state.tenders.map((t: { amount: number }) => t.amount)).toEqual([1000, 2750]);
    for (const x of [r[4], r[5]]) {
      expect(x).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_RESERVED' }, state: { status: 'tender', due: 1250 } });
      expect(x.error.message).toMatch(/already used in this sale/);
    }
    await s.close();
  });
});

describe('8.6 giftcard_pay is taken in sale, as a scan of the same card is', () => {
  it('pays from the sale and moves to tender; refused, it stays in sale', async () => {
    const s = await store();
    const r = await run(s, [
      { cmd: 'scan', code: '101', qty: 20 },
      { cmd: 'giftcard_pay', code: `GC${C.blocked}` },
      { cmd: 'giftcard_pay', code: C.card, amount: 1000 },
    ]);
    expect(r[1]).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_BLOCKED' }, state: { status: 'sale' } });
    expect(r[2]).toMatchObject({ ok: true, state: { status: 'tender', due: 4000, tenders: [{ kind: 'giftcard', amount: 1000 }] } });
    await s.close();
  });
});
