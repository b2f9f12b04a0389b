/**
 * Gift-card holds in the chain database: two register processes racing on one card cannot together
 * hold more than it has; a hold is posted by its sale's replication, released on void, and lapses
 * when it expires.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pgAvailable } from '../support/pg-server.js';
import { chainServer, freshDb, issueCard, query, registerFolder, spendSale } from './support.js';
import { Outbox } from '../../src/sync/outbox.js';
import { connectChain } from '../../src/sync/db.js';
import { availableOnCard, holdGiftCard, releaseHolds } from '../../src/sync/holds.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

function racer(args: string[]): Promise<{ granted: number; refused: number }> {
  return new Promise((res, rej) => {
    const c = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/sync/hold-racer.ts'), ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (b) => (out += b));
    c.stderr.on('data', (b) => (err += b));
    c.once('exit', (code) => (code === 0 ? res(JSON.parse(out)) : rej(new Error(`racer exited ${code}: ${err}`))));
  });
}

describe.runIf(pgAvailable())('gift-card holds in the chain database', () => {
  const server = chainServer();

  it('two register processes racing on one card are granted exactly what it holds, never more', async () => {
    const url = await freshDb(server());
    const { dir, store } = await registerFolder('R1', url);
    const code = await issueCard(store, 1000);
    await new Outbox({ dataDir: dir, url, reg: { register: 'R1', journalId: store.state.meta.storeId, currency: 'USD' }, timeoutMs: 2000 }).push();
    await store.close();
    // Both start at the same instant (after their start-up) and ask 15 times for 100 each: 30 x 100 on a 1000 card.
    const start = String(Date.now() + 4000);
    const [a, b] = await Promise.all([racer([url, code, 'R1', '15', '100', start]), racer([url, code, 'R2', '15', '100', start])]);
    expect(a.granted + b.granted).toBe(10);
    expect(a.refused + b.refused).toBe(20);
    const held = await query<{ n: number; s: string }>(url, "SELECT count(*)::int AS n, sum(amount)::text AS s FROM gift_card_holds WHERE state = 'pending'");
    expect(held).toEqual([{ n: 10, s: '1000' }]);
  }, 60_000);

  it('a hold is posted by its sale, released on void, and an expired one no longer counts', async () => {
    const url = await freshDb(server());
    const { dir, store } = await registerFolder('R1', url);
    const code = await issueCard(store, 5000);
    const outbox = new Outbox({ dataDir: dir, url, reg: { register: 'R1', journalId: store.state.meta.storeId, currency: 'USD' }, timeoutMs: 2000 });
    await outbox.push();
    const c = await connectChain(url, { timeoutMs: 2000 });
    const sale = randomUUID();
    expect(await holdGiftCard(c, { register: 'R1', saleId: sale, code, amount: 3000, seconds: 60 })).toMatchObject({ ok: true, availableAfter: 2000 });
    // The same sale asking again replaces its hold instead of adding one.
    expect(await holdGiftCard(c, { register: 'R1', saleId: sale, code, amount: 3500, seconds: 60 })).toMatchObject({ ok: true, availableAfter: 1500 });
    const refused = await holdGiftCard(c, { register: 'R2', saleId: randomUUID(), code, amount: 2000, seconds: 60 });
    expect(refused).toMatchObject({ ok: false, available: 1500, error: { code: 'INSUFFICIENT_BALANCE' } });
    expect(refused.ok ? '' : refused.error.message).not.toContain(code); // masked
    await spendSale(store, 'R1', [[code, 3500]], sale);
    await outbox.push();
    expect(await query(url, 'SELECT state FROM gift_card_holds')).toEqual([{ state: 'posted' }]);
    expect(await availableOnCard(c, code)).toBe(1500);
    // A retry of that sale (saved already) holds nothing more and leaves the posted hold posted.
    expect(await holdGiftCard(c, { register: 'R1', saleId: sale, code, amount: 3500, seconds: 60 })).toMatchObject({ ok: true, availableAfter: 1500 });
    expect(await query(url, 'SELECT state FROM gift_card_holds')).toEqual([{ state: 'posted' }]);

    const voided = randomUUID();
    expect((await holdGiftCard(c, { register: 'R1', saleId: voided, code, amount: 1500, seconds: 60 })).ok).toBe(true);
    expect(await availableOnCard(c, code)).toBe(0);
    expect(await releaseHolds(c, voided)).toBe(1);
    expect(await availableOnCard(c, code)).toBe(1500);

    expect((await holdGiftCard(c, { register: 'R2', saleId: randomUUID(), code, amount: 1500, seconds: 5 })).ok).toBe(true);
    expect(await availableOnCard(c, code)).toBe(0);
    await query(url, "UPDATE gift_card_holds SET expires_at = now() - interval '1 second' WHERE state = 'pending'");
    expect(await availableOnCard(c, code)).toBe(1500);
    expect(await holdGiftCard(c, { register: 'R1', saleId: randomUUID(), code: 'GCNOSUCHCARD', amount: 1, seconds: 5 })).toMatchObject({ ok: false, error: { code: 'GIFT_CARD_UNKNOWN' } });
    await c.end();
    await outbox.stop();
    await store.close();
  });
});
