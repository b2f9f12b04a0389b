/**
 * The register selling on a chain (docs/chain.md, "At the till"): a gift-card payment or a points
 * reward is held in the database when it is added, so a card or points another register holds are
 * refused there with the chain's balance and the sale stays as it was (nothing written); removing
 * the payment or reward, voiding or parking the sale releases the hold; a database that does not
 * answer within chain.timeoutMs hands the tender to the offline rules ("none" refuses, "limited" caps
 * per card / per register / per customer's points for the offline period); after reconnect the
 * outbox sends everything once and the holds are posted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { waitFor } from 'xstate';
import { pgAvailable, startPgServer, type PgServer } from '../support/pg-server.js';
import { createTestRegister, type TestRegister } from '../support/register-fixture.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { cardBooks, freshDb, newCode, query } from './support.js';
import { createChainLink, type ChainLink } from '../../src/sync/chain-link.js';
import { connectChain } from '../../src/sync/db.js';
import { holdGiftCard, holdPoints, releaseHolds } from '../../src/sync/holds.js';
import { DEFAULT_CONFIG, type TillConfig } from '../../src/domain/config.js';
import { demoMemberCards } from '../../src/admin/demo-store.js';
import type { TillStore } from '../../src/store/till-store.js';

type Snap = ReturnType<TestRegister['register']['actor']['getSnapshot']>;
const busy = (s: Snap) => s.matches({ open: 'holding' }) || s.matches('committing') || s.matches('parking') || s.matches('recalling');

async function chainRegister(url: string, code: string, offline: Partial<TillConfig['chain']['offline']> = {}, o: { register?: string; seedCard?: boolean; demo?: boolean; chain?: Partial<TillConfig['chain']> } = {}) {
  const chain: TillConfig['chain'] = { ...DEFAULT_CONFIG.chain, url, timeoutMs: 1000, ...o.chain, offline: { ...DEFAULT_CONFIG.chain.offline, ...offline } };
  let link: ChainLink | null = null;
  const t: TestRegister = await createTestRegister({
    config: { chain, register: { id: o.register ?? 'R1' } },
    demo: o.demo,
    seed: o.seedCard === false ? [] : [{ type: 'giftcard.issued', data: { code, state: 'active', currency: 'USD', faceValue: 5000, price: 5000 } }],
    chain: (store, config) => (link = createChainLink({ config, dataDir: store.dir, journalId: store.state.meta.storeId, pointDecimals: () => 0 })),
  });
  const actor = t.register.actor;
  /** Sends an event and waits for the register to settle (a hold answered, a commit written). */
  const send = async (ev: Parameters<typeof actor.send>[0]): Promise<Snap> => {
    actor.send(ev);
    const s = await waitFor(actor, (x) => !busy(x));
    await t.register.settled();
    await link!.holdsIdle();
    return s;
  };
  const pay = async () => {
    await send({ type: 'cart.scan', code: '703' }); // 12.99
    await send({ type: 'tender.start' });
    return send({ type: 'cart.scan', code: `GC${code}` });
  };
  return { t, link: link!, pay, send, store: t.store as unknown as TillStore };
}

describe.runIf(pgAvailable())('a register on the chain', () => {
  let server: PgServer;
  beforeAll(async () => {
    server = await startPgServer();
  });
  afterAll(() => server?.stop());

  const pending = (url: string) => query(url, "SELECT register_id, amount::int, state FROM gift_card_holds WHERE state = 'pending' ORDER BY register_id");

  it('holds the card when it is added: a card held elsewhere is refused at the tender with the chain balance, nothing written, nothing shown', async () => {
    const url = await freshDb(server);
    const code = newCode();
    const { t, link, pay, send } = await chainRegister(url, code);
    await link.outbox.push();
    // Another register holds 45.00 of the 50.00 card.
    const c = await connectChain(url, { timeoutMs: 2000 });
    const other = randomUUID();
    expect((await holdGiftCard(c, { register: 'R2', saleId: other, code, amount: 4500, seconds: 60 })).ok).toBe(true);
    const sales = t.store.state.sales.count;
    const s = await pay();
    expect(s.matches({ open: 'tender' })).toBe(true);
    expect(s.context.tenders).toEqual([]);
    expect(s.context.message).toMatchObject({ code: 'GIFT_CARD_CHAIN_BALANCE', params: { available: '5.00 USD' } });
    expect(t.store.state.sales.count).toBe(sales);
    expect(await pending(url)).toEqual([{ register_id: 'R2', amount: 4500, state: 'pending' }]);
    // The other sale is voided there: the card is held and the sale written; the push posts the hold.
    await releaseHolds(c, other);
    const paid = await send({ type: 'cart.scan', code: `GC${code}` });
    expect(paid.matches('committed')).toBe(true);
    await link.outbox.push();
    expect(await query(url, "SELECT register_id, amount::int, state FROM gift_card_holds WHERE state <> 'released'")).toEqual([{ register_id: 'R1', amount: 1299, state: 'posted' }]);
    expect(await cardBooks(url)).toEqual([{ code, balance: 5000 - 1299, overspent: 0, moved: 5000 - 1299 }]);
    await c.end();
    await t.close();
  });

  it('a partial card payment is held while the sale is open; removing it or voiding the sale releases the hold', async () => {
    const url = await freshDb(server);
    const code = newCode();
    const { t, link, send } = await chainRegister(url, code);
    await link.outbox.push();
    await send({ type: 'cart.scan', code: '703' });
    await send({ type: 'tender.start' });
    let s = await send({ type: 'tender.giftcard', code: `GC${code}`, amount: 500 });
    expect(s.context.tenders).toMatchObject([{ kind: 'giftcard', amount: 500 }]);
    expect(await pending(url)).toEqual([{ register_id: 'R1', amount: 500, state: 'pending' }]);
    // A second payment from the same card: the sale's hold on it is its total.
    s = await send({ type: 'tender.giftcard', code: `GC${code}`, amount: 300 });
    expect(await pending(url)).toEqual([{ register_id: 'R1', amount: 800, state: 'pending' }]);
    s = await send({ type: 'tender.remove', tenderId: s.context.tenders[1].id });
    expect(await pending(url)).toEqual([{ register_id: 'R1', amount: 500, state: 'pending' }]);
    s = await send({ type: 'tender.remove', tenderId: s.context.tenders[0].id });
    expect(await pending(url)).toEqual([]);
    await send({ type: 'tender.giftcard', code: `GC${code}`, amount: 700 });
    expect(await pending(url)).toEqual([{ register_id: 'R1', amount: 700, state: 'pending' }]);
    s = await send({ type: 'cart.void' });
    expect(s.matches('idle')).toBe(true);
    expect(await pending(url)).toEqual([]);
    expect(await query(url, "SELECT count(*)::int AS n FROM gift_card_holds WHERE state = 'released'")).toEqual([{ n: 1 }]);
    expect(await cardBooks(url)).toEqual([{ code, balance: 5000, overspent: 0, moved: 5000 }]);
    await t.close();
  });

  it('points: a reward is held against the chain\'s balance of the customer when it is claimed; refused with the chain balance; released on remove, on park; posted by the commit', async () => {
    const url = await freshDb(server);
    const { t, link, send } = await chainRegister(url, newCode(), {}, { demo: true });
    await link.outbox.push();
    const dmitri = t.register.customers.search('Dmitri')[0]; // 480 points
    const points = () => query(url, "SELECT register_id, points::int, state FROM points_holds WHERE state = 'pending' ORDER BY register_id");
    const c = await connectChain(url, { timeoutMs: 2000 });
    const other = randomUUID();
    expect((await holdPoints(c, { register: 'R2', saleId: other, customerId: dmitri.id, programId: 'coffee-club', points: 450, seconds: 60 })).ok).toBe(true);
    await send({ type: 'cart.scan', code: demoMemberCards()[1] });
    await send({ type: 'cart.scan', code: '101' });
    let s = await send({ type: 'reward.apply', programId: 'coffee-club', rewardId: 'free-espresso' }); // 50 points
    expect(s.matches({ open: 'sale' })).toBe(true);
    expect(s.context.message).toMatchObject({ code: 'POINTS_CHAIN_BALANCE', params: { available: '30' } });
    expect(s.context.cart.lines.some((l) => l.kind === 'reward')).toBe(false);
    await releaseHolds(c, other);
    s = await send({ type: 'reward.apply', programId: 'coffee-club', rewardId: 'free-espresso' });
    expect(s.context.message).toBeNull();
    expect(await points()).toEqual([{ register_id: 'R1', points: 50, state: 'pending' }]);
    const reward = s.context.cart.lines.find((l) => l.kind === 'reward')!;
    s = await send({ type: 'reward.remove', id: reward.id });
    expect(await points()).toEqual([]);
    // Parked, the sale holds no points: its rewards are released with it.
    await send({ type: 'reward.apply', programId: 'coffee-club', rewardId: 'free-espresso' });
    expect(await points()).toEqual([{ register_id: 'R1', points: 50, state: 'pending' }]);
    s = await send({ type: 'sale.park' });
    expect(s.matches('idle')).toBe(true);
    await link.holdsIdle();
    expect(await points()).toEqual([]);
    // A sale paid with the reward: held, written, and posted by the push with the points movement.
    await send({ type: 'cart.scan', code: demoMemberCards()[1] });
    await send({ type: 'cart.scan', code: '101' });
    await send({ type: 'reward.apply', programId: 'coffee-club', rewardId: 'free-espresso' });
    await send({ type: 'cart.scan', code: '703' });
    await send({ type: 'tender.start' });
    s = await send({ type: 'tender.exact' });
    expect(s.matches('committed')).toBe(true);
    await link.outbox.push();
    expect(await query(url, "SELECT state, points::int FROM points_holds WHERE state <> 'released'")).toEqual([{ state: 'posted', points: 50 }]);
    expect(await query(url, "SELECT delta::int FROM points_movements WHERE customer_id = $1 AND kind = 'spend'", [dmitri.id])).toEqual([{ delta: -50 }]);
    await c.end();
    await t.close();
  });

  it('a database that does not answer in chain.timeoutMs: the tender goes on by the offline rules within the timeout', async () => {
    const url = await freshDb(server);
    const code = newCode();
    const proxy = await startTcpProxy(Number(new URL(url).port));
    const u = new URL(url);
    u.port = String(proxy.port);
    const { t, link, send } = await chainRegister(u.toString(), code, {}, { chain: { timeoutMs: 400 } });
    try {
      await link.outbox.push();
      await send({ type: 'cart.scan', code: '703' });
      await send({ type: 'tender.start' });
      proxy.delayMs = 5000; // every answer comes 5 s late
      const t0 = performance.now();
      const s = await send({ type: 'tender.giftcard', code: `GC${code}`, amount: 500 });
      const took = performance.now() - t0;
      expect(s.context.tenders).toMatchObject([{ kind: 'giftcard', amount: 500 }]); // "limited": within the card's last known balance
      expect(took).toBeLessThan(2500);
      expect(link.status()).toMatchObject({ online: false, problem: { code: 'CHAIN_UNREACHABLE' } });
      proxy.delayMs = 0;
      await send({ type: 'cart.void' });
    } finally {
      await t.close();
      await proxy.close();
    }
  });

  it('a card sold on one register is spent on the other at once; the database holds one balance, which both offer', async () => {
    const url = await freshDb(server);
    const code = newCode();
    const one = await chainRegister(url, code, {}, { register: 'R1' });
    const two = await chainRegister(url, code, {}, { register: 'R2', seedCard: false });
    await one.link.outbox.push();
    expect(two.t.store.state.giftcards).toMatchObject({ cards: {} }); // R2's journal never saw the card
    await two.link.pullCards();
    const s = await two.pay();
    expect(s.matches('committed')).toBe(true);
    await two.link.outbox.push();
    expect(await cardBooks(url)).toEqual([{ code, balance: 5000 - 1299, overspent: 0, moved: 5000 - 1299 }]);
    expect(await query(url, 'SELECT register_id, kind, amount::int FROM gift_card_movements ORDER BY id')).toEqual([
      { register_id: 'R1', kind: 'issued', amount: 5000 },
      { register_id: 'R2', kind: 'redeemed', amount: -1299 },
    ]);
    await two.link.pullCards();
    expect(two.link.card(code)?.balance).toBe(5000 - 1299);
    // R1's journal still says 50.00; it offers the chain's lower balance once it has pulled it.
    expect(one.t.store.state.giftcards).toMatchObject({ cards: { [code]: { balance: 5000 } } });
    await one.link.pullCards();
    expect((await one.send({ type: 'giftcard.check', code: `GC${code}` })).context.balance).toMatchObject({ balance: 5000 - 1299 });
    await one.t.close();
    await two.t.close();
  });

  it('offline "limited": per-card cap for the offline period, refused at the tender; then everything sent once on reconnect', async () => {
    const url = await freshDb(server);
    const code = newCode();
    const { t, link, pay, send } = await chainRegister(url, code, { giftCards: 'limited', maxPerCard: '20.00' });
    await link.outbox.push();
    await server.halt();
    try {
      const first = await pay(); // 12.99 of the 20.00 cap
      expect(first.matches('committed')).toBe(true);
      await send({ type: 'sale.next' });
      const second = await pay(); // another 12.99 would pass 20.00
      expect(second.matches({ open: 'tender' })).toBe(true);
      expect(second.context.message).toMatchObject({ code: 'GIFT_CARD_OFFLINE_LIMIT', params: { max: '7.01 USD' } });
      await send({ type: 'cart.void' });
    } finally {
      await server.start();
    }
    const r = await link.outbox.push();
    expect(r.sales).toBe(1);
    expect(await cardBooks(url)).toEqual([{ code, balance: 5000 - 1299, overspent: 0, moved: 5000 - 1299 }]);
    expect(link.status()).toMatchObject({ online: true, offlineSince: null });
    await t.close();
  });

  it('offline "none": gift cards are refused at the tender with a message; other payments go on', async () => {
    const url = await freshDb(server);
    const code = newCode();
    const { t, link, pay, send } = await chainRegister(url, code, { giftCards: 'none' });
    await link.outbox.push();
    await server.halt();
    try {
      const s = await pay();
      expect(s.matches({ open: 'tender' })).toBe(true);
      expect(s.context.message).toMatchObject({ code: 'GIFT_CARD_OFFLINE' });
      expect((await send({ type: 'tender.exact' })).matches('committed')).toBe(true);
    } finally {
      await server.start();
    }
    await t.close();
  });

  it('offline points: "limited" with maxPoints caps what a customer spends in the offline period; "none" refuses points', async () => {
    const url = await freshDb(server);
    const limited = await chainRegister(url, newCode(), { points: 'limited', maxPoints: '60' }, { demo: true });
    await limited.link.outbox.push();
    const none = await chainRegister(await freshDb(server), newCode(), { points: 'none' }, { demo: true, register: 'R9' });
    await none.link.outbox.push();
    await server.halt();
    try {
      const sale = async (r: typeof limited) => {
        await r.send({ type: 'cart.scan', code: demoMemberCards()[1] });
        await r.send({ type: 'cart.scan', code: '101' });
        return r.send({ type: 'reward.apply', programId: 'coffee-club', rewardId: 'free-espresso' }); // 50 points
      };
      let s = await sale(limited);
      expect(s.context.message).toBeNull();
      await limited.send({ type: 'cart.scan', code: '703' });
      await limited.send({ type: 'tender.start' });
      expect((await limited.send({ type: 'tender.exact' })).matches('committed')).toBe(true);
      await limited.send({ type: 'sale.next' });
      s = await sale(limited); // 50 more would pass 60 in this offline period
      expect(s.context.message).toMatchObject({ code: 'POINTS_OFFLINE_LIMIT', params: { max: '10', limit: '60' } });
      s = await sale(none);
      expect(s.context.message).toMatchObject({ code: 'POINTS_OFFLINE' });
    } finally {
      await server.start();
    }
    await limited.t.close();
    await none.t.close();
  });
});
