/**
 * Head office's tables in the chain database (docs/chain.md, "Head office"): what the head office
 * edits and every register pulls — products (with their barcodes and category), customers (identity
 * and tier; their points balances are the ledger's folds), loyalty programs, the tier ladder, and the
 * shared configuration keys.
 *
 * - `hq_items` holds the current body of each item by (kind, key), `null` once removed, with the
 *   `version` of the publish that last changed it and a digest of its body (what a publish compares).
 * - `hq_head` is one row: the chain's identity (`chain_id`), its currency, the store that publishes
 *   (`master_store`), and the last `version`. A publish takes this row's lock first and keeps it to
 *   its commit, so versions are handed out in commit order: a register that has read everything up to
 *   version v can never later find an item committed with a version at or below v.
 * - `hq_journals` maps each register journal to its ledger id: a register that joined later, or a
 *   replacement that kept its register id under a new ledger id (`R2~2`), with the position it was
 *   seeded at.
 *
 * Idempotent SQL (IF NOT EXISTS), run by every `till sync setup`, so it adds itself to a ledger
 * created before it without a schema version of its own.
 */
import type { Client } from 'pg';
import { TillError } from '../domain/errors.js';
import { describeUrl } from './db.js';

export const HQ_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS hq_head (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  chain_id uuid NOT NULL DEFAULT gen_random_uuid(),
  currency text,
  master_store text,
  version bigint NOT NULL DEFAULT 0 CHECK (version >= 0)
);
INSERT INTO hq_head (one) VALUES (true) ON CONFLICT DO NOTHING;

CREATE TABLE IF NOT EXISTS hq_items (
  kind text NOT NULL CHECK (kind IN ('product', 'customer', 'program', 'tiers', 'config')),
  key text NOT NULL,
  body jsonb,
  digest text NOT NULL,
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, key)
);
CREATE INDEX IF NOT EXISTS hq_items_version ON hq_items (version, kind, key);

CREATE TABLE IF NOT EXISTS hq_publishes (
  version bigint PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  store_id text NOT NULL,
  changed int NOT NULL,
  removed int NOT NULL
);

CREATE TABLE IF NOT EXISTS hq_journals (
  ledger_id text PRIMARY KEY,
  register_id text NOT NULL,
  journal_id text NOT NULL UNIQUE,
  hq_version bigint NOT NULL,
  seeded jsonb NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now()
);
`;

/** Creates head office's tables when they are missing (one transaction with the caller's). */
export async function setupHqSchema(client: Client): Promise<void> {
  await client.query(HQ_SCHEMA_SQL);
}

/** Refuses a ledger whose head-office tables were never created (set up before they existed). */
export async function checkHqSchema(client: Client, url: string): Promise<void> {
  const r = await client.query<{ t: string | null }>("SELECT to_regclass('hq_items')::text AS t");
  if (!r.rows[0]?.t) {
    const where = describeUrl(url);
    throw new TillError('CHAIN_SCHEMA_OLD', `The ledger in ${where} has no head-office tables yet. Add them with: till sync setup`, { where, have: 1, need: 1 });
  }
}

export interface HqHead {
  chainId: string;
  currency: string | null;
  masterStore: string | null;
  version: number;
}

export async function readHead(client: Client, lock = false): Promise<HqHead> {
  const r = await client.query<{ chain_id: string; currency: string | null; master_store: string | null; version: string }>(
    `SELECT chain_id::text, currency, master_store, version FROM hq_head${lock ? ' FOR UPDATE' : ''}`,
  );
  const h = r.rows[0];
  return { chainId: h.chain_id, currency: h.currency, masterStore: h.master_store, version: Number(h.version) };
}
