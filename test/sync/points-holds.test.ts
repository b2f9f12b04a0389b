/**
 * Points holds in the chain database (schema version 2): two register processes racing on one
 * customer's points cannot together hold more than the ledger's balance; a hold is posted when its
 * sale is replicated, released on void, lowered when a reward is removed, and lapses when it
 * expires. A ledger made at version 1 is upgraded by `till sync setup` (setupSchema).
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { pgAvailable } from '../support/pg-server.js';
import { chainServer, createCustomer, freshDb, movePoints, query, registerFolder } from './support.js';
import { Outbox } from '../../src/sync/outbox.js';
import { connectChain, setupSchema, SCHEMA_VERSION } from '../../src/sync/db.js';
import { SCHEMA_SQL } from '../../src/sync/schema.js';
import { availablePoints, holdPoints, lowerPointsHold, releaseHolds } from '../../src/sync/holds.js';

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

describe.runIf(pgAvailable())('points holds in the chain database', () => {
  const server = chainServer();

  async function customerWith(points: number) {
    const url = await freshDb(server());
    const { dir, store } = await registerFolder('R1', url);
    await createCustomer(store, 'C1');
    await movePoints(store, 'C1', points);
    const outbox = new Outbox({ dataDir: dir, url, reg: { register: 'R1', journalId: store.state.meta.storeId, currency: 'USD' }, timeoutMs: 2000 });
    await outbox.push();
    return { url, dir, store, outbox };
  }

  it('two register processes racing on one customer\'s points are granted exactly what the ledger holds', async () => {
    const { url, store, outbox } = await customerWith(500);
    const start = String(Date.now() + 4000);
    // 2 x 12 holds of 50 points on 500: ten granted in all, whoever wins each turn.
    const [a, b] = await Promise.all([racer([url, 'points:C1:main', 'R1', '12', '50', start]), racer([url, 'points:C1:main', 'R2', '12', '50', start])]);
    expect(a.granted + b.granted).toBe(10);
    expect(a.refused + b.refused).toBe(14);
    expect(await query(url, "SELECT count(*)::int AS n, sum(points)::text AS s FROM points_holds WHERE state = 'pending'")).toEqual([{ n: 10, s: '500' }]);
    await outbox.stop();
    await store.close();
  }, 60_000);

  it('a points hold is posted by its sale, lowered, released on void, and an expired one no longer counts', async () => {
    const { url, store, outbox } = await customerWith(300);
    const c = await connectChain(url, { timeoutMs: 2000 });
    const sale = randomUUID();
    const hold = (saleId: string, points: number, register = 'R1', seconds = 60) => holdPoints(c, { register, saleId, customerId: 'C1', programId: 'main', points, seconds });
    expect(await hold(sale, 200)).toMatchObject({ ok: true, availableAfter: 100 });
    expect(await hold(sale, 250)).toMatchObject({ ok: true, availableAfter: 50 });
    expect(await hold(randomUUID(), 100, 'R2')).toMatchObject({ ok: false, available: 50, error: { code: 'INSUFFICIENT_POINTS' } });
    await lowerPointsHold(c, sale, 'C1', 'main', 150);
    expect(await availablePoints(c, 'C1', 'main')).toBe(150);
    // The sale reaches the ledger: its hold is posted (by the events trigger) and the spend moves the balance.
    await store.commit({
      id: sale,
      events: [{ type: 'sale.committed', data: { sale: { saleId: sale, receiptNo: 'R1-000001', register: 'R1', currency: 'USD', total: 0 } } }, { type: 'points.spent', data: { customerId: 'C1', programId: 'main', points: 150, day: '2026-12-03', reason: 'test' } }],
    });
    await outbox.push();
    expect(await query(url, 'SELECT state, points::int AS points FROM points_holds')).toEqual([{ state: 'posted', points: 150 }]);
    expect(await availablePoints(c, 'C1', 'main')).toBe(150);
    expect(await hold(sale, 150)).toMatchObject({ ok: true, availableAfter: 150 }); // a retry of the saved sale takes nothing more

    const voided = randomUUID();
    expect((await hold(voided, 150)).ok).toBe(true);
    expect(await availablePoints(c, 'C1', 'main')).toBe(0);
    expect(await releaseHolds(c, voided)).toBe(1);
    expect(await availablePoints(c, 'C1', 'main')).toBe(150);

    expect((await hold(randomUUID(), 150, 'R2', 5)).ok).toBe(true);
    expect(await availablePoints(c, 'C1', 'main')).toBe(0);
    await query(url, "UPDATE points_holds SET expires_at = now() - interval '1 second' WHERE state = 'pending'");
    expect(await availablePoints(c, 'C1', 'main')).toBe(150);
    expect(await holdPoints(c, { register: 'R1', saleId: randomUUID(), customerId: 'NOBODY', programId: 'main', points: 1, seconds: 5 })).toMatchObject({ ok: false, error: { code: 'POINTS_UNKNOWN' } });
    await c.end();
    await outbox.stop();
    await store.close();
  });

  it('a ledger made at schema version 1 is upgraded in place and keeps its data', async () => {
    const admin = new pg.Client(server().url);
    await admin.connect();
    const name = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = server().url.replace(/\/till$/, `/${name}`);
    await query(url, SCHEMA_SQL);
    await query(url, "INSERT INTO registers (register_id, journal_id) VALUES ('R1', 'j1')");
    const c = await connectChain(url, { timeoutMs: 2000 });
    expect(await setupSchema(c, url)).toBe('upgraded');
    expect(await setupSchema(c, url)).toBe('current');
    expect(await query(url, 'SELECT max(version)::int AS v FROM till_schema')).toEqual([{ v: SCHEMA_VERSION }]);
    expect(await query(url, 'SELECT register_id FROM registers')).toEqual([{ register_id: 'R1' }]);
    expect(await query(url, "SELECT to_regclass('points_holds')::text AS t")).toEqual([{ t: 'points_holds' }]);
    await c.end();
  });
});
