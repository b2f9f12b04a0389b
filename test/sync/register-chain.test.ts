/**
 * The register selling on a chain (docs/chain.md, "At the till"): a gift-card payment is held in the
 * database before the sale is written, so a card another register holds is refused with the chain's
 * balance and the sale stays open; with the database away the offline rules decide ("none" refuses,
 * "limited" caps per card and per register for the offline period); after reconnect the outbox sends
 * everything once and the holds are posted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { waitFor } from 'xstate';
import { pgAvailable, startPgServer, type PgServer } from '../support/pg-server.js';
import { createTestRegister, type TestRegister } from '../support/register-fixture.js';
import { cardBooks, freshDb, newCode, query } from './support.js';
import { createChainLink, type ChainLink } from '../../src/sync/chain-link.js';
import { connectChain } from '../../src/sync/db.js';
import { holdGiftCard, releaseHolds } from '../../src/sync/holds.js';
import { DEFAULT_CONFIG, type TillConfig } from '../../src/domain/config.js';
import type { TillStore } from '../../src/store/till-store.js';

async function chainRegister(url: string, code: string, offline: Partial<TillConfig['chain']['offline']> = {}, register = 'R1', seedCard = true) {
  const chain: TillConfig['chain'] = { ...DEFAULT_CONFIG.chain, url, timeoutMs: 1000, offline: { ...DEFAULT_CONFIG.chain.offline, ...offline } };
  let link: ChainLink | null = null;
  const t: TestRegister = await createTestRegister({
    config: { chain, register: { id: register } },
    seed: seedCard ? [{ type: 'giftcard.issued', data: { code, state: 'active', currency: 'USD', faceValue: 5000, price: 5000 } }] : [],
    chain: (store, config) => (link = createChainLink({ config, dataDir: store.dir, journalId: store.state.meta.storeId })),
  });
  const pay = async () => {
    t.register.actor.send({ type: 'cart.scan', code: '703' }); // 12.99
    t.register.actor.send({ type: 'tender.start' });
    t.register.actor.send({ type: 'cart.scan', code: `GC${code}` });
    await waitFor(t.register.actor, (s) => s.matches('committed') || s.matches({ open: 'commitFailed' }));
    await t.register.settled();
    return t.register.actor.getSnapshot();
  };
  return { t, link: link!, pay, store: t.store as unknown as TillStore };
}

describe.runIf(pgAvailable())('a register on the chain', () => {
  let server: PgServer;
  beforeAll(async () => {
    server = await startPgServer();
  });
  afterAll(() => server?.stop());

  it('holds the card before writing the sale; a card held elsewhere is refused with the chain balance and nothing is written', async () => {
    const url = await freshDb(server);
    const code = newCode();
    const { t, link, pay } = await chainRegister(url, code);
    await link.outbox.push();
    // Another register holds 45.00 of the 50.00 card.
    const c = await connectChain(url, { timeoutMs: 2000 });
    const other = randomUUID();
    expect((await holdGiftCard(c, { register: 'R2', saleId: other, code, amount: 4500, seconds: 60 })).ok).toBe(true);
    const sales = t.store.state.sales.count;
    const s = await pay();
    expect(s.matches({ open: 'commitFailed' })).toBe(true);
    expect(s.context.message).toMatchObject({ code: 'GIFT_CARD_CHAIN_BALANCE' });
    expect(JSON.stringify(s.context.message)).toContain('5.00 USD');
    expect(t.store.state.sales.count).toBe(sales); // nothing written (the shift the sale opened is)
    // The other sale is voided there: the retry is held and written, and the push posts the hold.
    await releaseHolds(c, other);
    t.register.actor.send({ type: 'commit.retry' });
    await waitFor(t.register.actor, (x) => x.matches('committed'));
    await link.outbox.push();
    expect(await query(url, "SELECT register_id, amount::int, state FROM gift_card_holds WHERE state <> 'released'")).toEqual([{ register_id: 'R1', amount: 1299, state: 'posted' }]);
    expect(await cardBooks(url)).toEqual([{ code, balance: 5000 - 1299, overspent: 0, moved: 5000 - 1299 }]);
    await c.end();
    await t.close();
  });

  it('a card sold on one register is spent on the other at once; the database holds one balance', async () => {
    const url = await freshDb(server);
    const code = newCode();
    const one = await chainRegister(url, code, {}, 'R1');
    const two = await chainRegister(url, code, {}, 'R2', false);
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
    await one.t.close();
    await two.t.close();
  });

  it('offline "limited": per-card cap for the offline period, then everything sent once on reconnect', async () => {
    const url = await freshDb(server);
    const code = newCode();
    const { t, link, pay } = await chainRegister(url, code, { giftCards: 'limited', maxPerCard: '20.00' });
    await link.outbox.push();
    await server.halt();
    try {
      const first = await pay(); // 12.99 of the 20.00 cap
      expect(first.matches('committed')).toBe(true);
      t.register.actor.send({ type: 'sale.next' });
      const second = await pay(); // another 12.99 would pass 20.00
      expect(second.matches({ open: 'commitFailed' })).toBe(true);
      expect(second.context.message).toMatchObject({ code: 'GIFT_CARD_OFFLINE_LIMIT' });
      expect(JSON.stringify(second.context.message)).toContain('7.01 USD');
      t.register.actor.send({ type: 'cart.void' });
    } finally {
      await server.start();
    }
    const r = await link.outbox.push();
    expect(r.sales).toBe(1);
    expect(await cardBooks(url)).toEqual([{ code, balance: 5000 - 1299, overspent: 0, moved: 5000 - 1299 }]);
    expect(link.status()).toMatchObject({ online: true, offlineSince: null });
    await t.close();
  });

  it('offline "none": gift cards are refused with a message; other payments go on', async () => {
    const url = await freshDb(server);
    const code = newCode();
    const { t, link, pay } = await chainRegister(url, code, { giftCards: 'none' });
    await link.outbox.push();
    await server.halt();
    try {
      const s = await pay();
      expect(s.matches({ open: 'commitFailed' })).toBe(true);
      expect(s.context.message).toMatchObject({ code: 'GIFT_CARD_OFFLINE' });
    } finally {
      await server.start();
    }
    await t.close();
  });
});
