/**
 * `till sync join`: a register that joins the chain later, or replaces a broken one, is created from
 * the chain database (docs/chain.md, "A register that joins later"). One consistent read
 * (REPEATABLE READ) gives head office's items, every gift card and points balance, the customers
 * registers created, and the last receipt of the register id; its journal then starts with one
 * transaction: `store.initialized`, a `chain.joined` event linking it to the shared history (the
 * chain id, the head-office version and the ledger positions it was seeded at, its ledger id), and
 * the events that give it that state (the catalog, customer and program events it knows, a card
 * issued and adjusted to its chain balance, a points adjustment per account).
 *
 * Nothing doubles: the ledger records that transaction's events but moves no balance for them
 * (ledger.ts, CHAIN_JOINED); the balances are the database's already. A replacement that keeps its
 * register id gets a new ledger id (`R2~2`, the register's second journal): the ledger keys events by
 * (ledger id, seq) and the new journal's seqs start at 1 again, so the old journal's events stay as
 * they are (and the old data folder, if it is readable, can still send what it had not), while the
 * new one's outbox starts at its own first event. Receipt numbers continue after the last the chain
 * holds for the register id.
 */
import type { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { TillError } from '../domain/errors.js';
import type { TillConfig } from '../domain/config.js';
import type { GiftCard } from '../domain/giftcard/types.js';
import { EV } from '../domain/loyalty/events.js';
import { localDate } from '../domain/giftcard/dates.js';
import { newProducts } from '../store/projections/catalog.js';
import { initialState } from '../store/fold.js';
import type { EventDraft } from '../store/types.js';
import { chainError, checkSchema } from './db.js';
import { checkHqSchema, readHead } from './hq-schema.js';
import { eventsForItems, mergeConfig, type HqItem, type HqKind } from './hq-items.js';
import { CHAIN_JOINED } from './ledger.js';

export interface JoinedData {
  chainId: string;
  /** The id this journal's events carry in the ledger (the register id, or `R2~2` for a replacement). */
  ledgerId: string;
  register: string;
  replaced: boolean;
  /** Head office's version the catalog, customers, programs and settings are at. */
  hqVersion: number;
  /** The ledger's positions the balances were read at (the last movement of each). */
  seededAt: { giftCardMovement: number; pointsMovement: number; at: string };
  lastReceipt: Record<string, number>;
}

export interface JoinSeed {
  storeId: string;
  config: TillConfig;
  joined: JoinedData;
  /** The events after store.initialized, chain.joined first. */
  events: EventDraft[];
  counts: { products: number; customers: number; programs: number; giftCards: number; points: number; overspent: number };
}

const CUSTOMER_EVENTS = [EV.customerCreated, EV.customerUpdated, EV.cardBlocked, EV.cardUnblocked, EV.customerRegraded];

/** Reads the chain and reserves the ledger id; the caller writes the store. */
export async function readSeed(client: Client, url: string, o: { register: string; replace: boolean; base: TillConfig; now: Date }): Promise<JoinSeed> {
  try {
    await checkSchema(client, url);
    await checkHqSchema(client, url);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    // One join per register id at a time (the ledger id it picks must be its own).
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`till join ${o.register}`]);
    const head = await readHead(client);
    const taken = await client.query<{ id: string }>(
      `SELECT register_id AS id FROM registers WHERE register_id = $1 OR register_id LIKE $2
       UNION SELECT ledger_id FROM hq_journals WHERE register_id = $1`,
      [o.register, `${o.register.replace(/[\\%_]/g, (c) => `\\${c}`)}~%`],
    );
    const ids = new Set(taken.rows.map((r) => r.id));
    if (ids.size && !o.replace)
      throw new TillError(
        'HQ_REGISTER_EXISTS',
        `Register "${o.register}" is already in the chain. To replace it (its old data folder is lost or retired), run till sync join again with --replace; a new register takes a new id. Nothing was created.`,
        { register: o.register },
      );
    let ledgerId = o.register;
    for (let n = 2; ids.has(ledgerId); n++) ledgerId = `${o.register}~${n}`;
    const config0: TillConfig = { ...o.base, register: { id: o.register }, currency: head.currency ?? o.base.currency, chain: { ...o.base.chain, url } };

    const items = await client.query<{ kind: HqKind; key: string; body: unknown }>('SELECT kind, key, body FROM hq_items WHERE body IS NOT NULL ORDER BY kind, key');
    const hq: HqItem[] = items.rows.map((r) => ({ kind: r.kind, key: r.key, body: r.body }));
    const config = mergeConfig(config0, hq).config;
    const state = initialState();
    state.catalog.products = newProducts();
    state.meta.currency = config.currency;
    // Programs and the ladder first (points need their program), then products and customers.
    const order: Record<string, number> = { program: 0, tiers: 1, product: 2, customer: 3, config: 4 };
    const { events } = eventsForItems(state, [...hq].sort((a, b) => order[a.kind] - order[b.kind]));
    const hqCustomers = new Set(hq.filter((i) => i.kind === 'customer').map((i) => i.key));
    // Customers registers created (head office did not): their events as the registers journaled them.
    const local = await client.query<{ type: string; data: { customer?: { id?: string }; customerId?: string } }>(
      // Not the copies registers pulled from each other (customer-pull.ts): each customer once, as made.
      "SELECT type, data FROM events WHERE type = ANY($1) AND tx NOT LIKE 'chain-customers:%' ORDER BY received_at, register_id, seq",
      [CUSTOMER_EVENTS],
    );
    for (const r of local.rows) {
      const id = r.data?.customer?.id ?? r.data?.customerId;
      if (typeof id === 'string' && !hqCustomers.has(id)) events.push({ type: r.type, data: r.data });
    }

    const cards = await client.query<{ code: string; card: Omit<GiftCard, 'balance' | 'history'>; balance: string; state: string }>('SELECT code, card, balance, state FROM gift_cards ORDER BY code');
    let overspent = 0;
    for (const row of cards.rows) {
      const c = row.card;
      const balance = Number(row.balance);
      if (balance < 0) overspent++;
      const have = Math.max(0, balance);
      const issued = { code: row.code, currency: c.currency, price: c.price ?? null, ...(c.expiresOn ? { expiresOn: c.expiresOn } : {}), ...(c.customerId ? { customerId: c.customerId } : {}) };
      if (row.state === 'pending') {
        events.push({ type: 'giftcard.issued', data: { ...issued, state: 'pending', faceValue: c.faceValue, ...(c.validityDays ? { validityDays: c.validityDays } : {}) } });
        continue;
      }
      const face = c.faceValue > 0 ? c.faceValue : have;
      events.push({ type: 'giftcard.issued', data: { ...issued, state: 'active', faceValue: face } });
      if (have !== face) events.push({ type: 'giftcard.adjusted', data: { code: row.code, amount: have - face, reason: 'chain seed: balance across the registers' } });
      if (row.state === 'blocked') events.push({ type: 'giftcard.blocked', data: { code: row.code, reason: c.blockReason ?? 'blocked in the chain' } });
      if (row.state === 'expired') events.push({ type: 'giftcard.expired', data: { code: row.code, forfeited: have } });
    }
    const day = localDate(o.now);
    const points = await client.query<{ customer_id: string; program_id: string; balance: string }>('SELECT customer_id, program_id, balance FROM points_accounts WHERE balance <> 0 ORDER BY customer_id, program_id');
    let pointsCount = 0;
    for (const p of points.rows) {
      const n = Number(p.balance);
      if (n < 0) {
        overspent++;
        continue;
      }
      pointsCount++;
      events.push({ type: EV.pointsAdjusted, data: { customerId: p.customer_id, programId: p.program_id, points: n, day, reason: 'chain seed: balance across the registers' } });
    }
    const receipts = await client.query<{ n: string | null }>(
      `SELECT max((regexp_match(coalesce(data->'sale'->>'receiptNo', data->'return'->>'receiptNo'), '-(\\d+)$'))[1]::bigint)::text AS n
         FROM events WHERE (register_id = $1 OR register_id = ANY($2)) AND type IN ('sale.committed', 'return.committed')`,
      [o.register, [...ids]],
    );
    const pos = await client.query<{ g: string; p: string }>('SELECT (SELECT coalesce(max(id), 0) FROM gift_card_movements)::text AS g, (SELECT coalesce(max(id), 0) FROM points_movements)::text AS p');
    const lastReceipt: Record<string, number> = {};
    if (receipts.rows[0]?.n) lastReceipt[o.register] = Number(receipts.rows[0].n);
    const joined: JoinedData = {
      chainId: head.chainId,
      ledgerId,
      register: o.register,
      replaced: ids.size > 0,
      hqVersion: head.version,
      seededAt: { giftCardMovement: Number(pos.rows[0].g), pointsMovement: Number(pos.rows[0].p), at: o.now.toISOString() },
      lastReceipt,
    };
    const storeId = randomUUID();
    await client.query('INSERT INTO hq_journals (ledger_id, register_id, journal_id, hq_version, seeded) VALUES ($1, $2, $3, $4, $5)', [ledgerId, o.register, storeId, head.version, JSON.stringify(joined)]);
    await client.query('COMMIT');
    const count = (k: HqKind) => hq.filter((i) => i.kind === k).length;
    return {
      storeId,
      config,
      joined,
      events: [{ type: CHAIN_JOINED, data: joined }, ...events],
      counts: { products: count('product'), customers: hqCustomers.size + local.rows.filter((r) => r.type === EV.customerCreated && !hqCustomers.has(String(r.data?.customer?.id))).length, programs: count('program'), giftCards: cards.rows.length, points: pointsCount, overspent },
    };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw chainError(e, url);
  }
}
