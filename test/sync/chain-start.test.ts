/**
 * A register that starts (or restarts after a crash) knows the chain's gift cards at once: its chain
 * link pulls them when it is created, not first after the 2 s pull interval. Until then a card sold
 * on another register reads as unknown, and each try counts towards the gift-card guess limit (the
 * chaos run found cashiers locked out of cards for a cool-down after every register restart).
 */
import { describe, expect, it } from 'vitest';
import { pgAvailable } from '../support/pg-server.js';
import { chainServer, freshDb, issueCard, registerFolder } from './support.js';
import { createChainLink } from '../../src/sync/chain-link.js';
import { Outbox } from '../../src/sync/outbox.js';
import { DEFAULT_CONFIG } from '../../src/domain/config.js';

describe.runIf(pgAvailable())('a register starting on the chain', () => {
  const server = chainServer();

  it('knows a card another register sold as soon as it starts, before the first 2 s pull', async () => {
    const url = await freshDb(server());
    const r1 = await registerFolder('R1', url);
    const code = await issueCard(r1.store, 4000);
    const o1 = new Outbox({ dataDir: r1.dir, url, reg: { register: 'R1', journalId: r1.store.state.meta.storeId, currency: 'USD' }, timeoutMs: 2000 });
    await o1.push();
    await o1.stop();
    const r2 = await registerFolder('R2', url);
    const started = Date.now();
    const link = createChainLink({ config: { ...DEFAULT_CONFIG, register: { id: 'R2' }, chain: { ...DEFAULT_CONFIG.chain, url, timeoutMs: 2000 } }, dataDir: r2.dir, journalId: r2.store.state.meta.storeId });
    try {
      while (!link.card(code) && Date.now() - started < 1900) await new Promise((r) => setTimeout(r, 20));
      // The interval's first pull comes at 2 s: a card seen before then was pulled at start.
      expect(link.card(code)).toMatchObject({ code, balance: 4000 });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await link.stop();
      await r1.store.close();
      await r2.store.close();
    }
  });
});
