/**
 * Chain test fixtures: a fresh database per test on the file's throwaway server, and register data
 * folders whose journals hold gift cards, redemptions and points, committed through the real store.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { initStore } from '../../src/store/open.js';
import type { TillStore } from '../../src/store/till-store.js';
import { writeConfig } from '../../src/store/config-file.js';
import { DEFAULT_CONFIG, type TillConfig } from '../../src/domain/config.js';
import { generateCode } from '../../src/domain/giftcard/code.js';
import { setupSchema } from '../../src/sync/db.js';
import { startPgServer, type PgServer } from '../support/pg-server.js';
import { streamTransactions } from '../../src/store/journal-stream.js';

const dirs: string[] = [];
export const cleanupDirs = () => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));

/**
 * The file's throwaway server: call once inside a describe; it starts in that describe's beforeAll and
 * stops (and the register folders made by registerFolder are removed) in its afterAll. Returns a getter
 * because the server exists only once beforeAll has run; calling it earlier is a test bug and throws.
 */
export function chainServer(): () => PgServer {
  let server: PgServer | undefined;
  beforeAll(async () => {
    server = await startPgServer();
  });
  afterAll(async () => {
    await server?.stop();
    cleanupDirs();
  });
  return () => {
    if (!server) throw new Error('chainServer(): the server starts in beforeAll; it is not running yet');
    return server;
  };
}

/** A new database with the till schema on `server`; its URL. */
export async function freshDb(server: PgServer): Promise<string> {
  const name = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client(server.url);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = server.url.replace(/\/till$/, `/${name}`);
  const c = new pg.Client(url);
  await c.connect();
  await setupSchema(c, url);
  await c.end();
  return url;
}

export async function query<R = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<R[]> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return (await c.query<R>(sql, values)).rows;
  } finally {
    await c.end();
  }
}

/** A register's data folder: configuration (with chain.url) and an initialised store, open. */
export async function registerFolder(id: string, url: string, chain: Partial<TillConfig['chain']> = {}): Promise<{ dir: string; store: TillStore }> {
  const dir = mkdtempSync(join(tmpdir(), `till-chain-${id}-`));
  dirs.push(dir);
  const config: TillConfig = { ...DEFAULT_CONFIG, register: { id }, chain: { ...DEFAULT_CONFIG.chain, url, ...chain } };
  writeConfig(dir, config);
  const store = await initStore(dir, { currency: 'USD', register: id, storeId: `store-${id}-${randomUUID()}` }, [], { idleCheckpointMs: 0 });
  return { dir, store };
}

export const newCode = () => generateCode(randomBytes(12));

export async function issueCard(store: TillStore, amount: number, code = newCode()): Promise<string> {
  await store.commit({ id: randomUUID(), events: [{ type: 'giftcard.issued', data: { code, state: 'active', currency: 'USD', faceValue: amount, price: amount } }] });
  return code;
}

let receipt = 0;
/** A committed sale paid (partly) by gift cards: `redeemed` per code. */
export async function spendSale(store: TillStore, register: string, redeemed: [string, number][], saleId = randomUUID()): Promise<string> {
  const total = redeemed.reduce((s, [, a]) => s + a, 0);
  await store.commit({
    id: saleId,
    events: [
      {
        type: 'sale.committed',
        data: {
          sale: {
            saleId,
            receiptNo: `${register}-${String(++receipt).padStart(6, '0')}`,
            register,
            currency: 'USD',
            total,
            extensions: { giftcards: { sold: [], redeemed: redeemed.map(([code, amount], i) => ({ code, amount, tenderId: `t${i}` })) } },
          },
        },
      },
    ],
  });
  return saleId;
}

export async function createCustomer(store: TillStore, id: string): Promise<void> {
  const customer = { id, name: `Customer ${id}`, phone: '', tier: null, card: '', blocked: false, created: '2026-12-03T10:00:00.000Z' };
  await store.commit({ id: randomUUID(), events: [{ type: 'customer.created', data: { customer } }] });
}

export async function movePoints(store: TillStore, customerId: string, points: number): Promise<void> {
  await store.commit({
    id: randomUUID(),
    events: [{ type: points > 0 ? 'points.earned' : 'points.spent', data: { customerId, programId: 'main', points: Math.abs(points), day: '2026-12-03', reason: 'test' } }],
  });
}

/** Each card's balance in the ledger and the sum of its movements. */
export async function cardBooks(url: string): Promise<{ code: string; balance: number; overspent: number; moved: number }[]> {
  return (
    await query<{ code: string; balance: string; overspent: string; moved: string }>(
      url,
      'SELECT c.code, c.balance, c.overspent, coalesce((SELECT sum(amount) FROM gift_card_movements m WHERE m.code = c.code), 0) AS moved FROM gift_cards c ORDER BY code',
    )
  ).map((r) => ({ code: r.code, balance: Number(r.balance), overspent: Number(r.overspent), moved: Number(r.moved) }));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` every 200 ms until it gives a value, or fails naming `what` after `ms`. */
export async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** Every event of a register's journal, in order. */
export async function journal(dir: string) {
  const out = [];
  for await (const tx of streamTransactions(dir)) out.push(...tx);
  return out;
}
