/**
 * `till hq publish`: head office's store (a till data folder the head office edits with the usual
 * commands: till import, till customer, till loyalty) sent to the chain database as one new version
 * (docs/chain.md, "Head office"). One PostgreSQL transaction: lock `hq_head`, compare every item's
 * digest with the database's, write the changed ones and mark the ones gone from the store removed,
 * all with the new version; nothing changed = no new version. The lock is held to the commit, so
 * versions are visible in the order they were given (hq-schema.ts).
 *
 * One store publishes: the first publish makes its store the chain's master; another store is
 * refused (HQ_NOT_MASTER) unless it takes over on purpose (`--take-over`), so a register's data
 * folder can never by mistake replace head office's catalog with its own.
 */
import type { Client } from 'pg';
import { TillError } from '../domain/errors.js';
import { chainError } from './db.js';
import { checkHqSchema, readHead } from './hq-schema.js';
import { digestOf, type HqItem } from './hq-items.js';

export interface PublishResult {
  /** The chain's version after the publish (unchanged when nothing changed). */
  version: number;
  changed: Record<string, number>;
  removed: Record<string, number>;
}

const CHUNK = 1000;

export async function publishItems(
  client: Client,
  url: string,
  items: Iterable<HqItem>,
  opts: { storeId: string; currency: string; takeOver?: boolean },
): Promise<PublishResult> {
  try {
    await checkHqSchema(client, url);
    await client.query('BEGIN');
    const head = await readHead(client, true);
    if (head.currency && head.currency !== opts.currency)
      throw new TillError('HQ_CURRENCY', `The chain keeps its books in ${head.currency}; this store is in ${opts.currency}. Nothing was published.`, { chain: head.currency, store: opts.currency });
    if (head.masterStore && head.masterStore !== opts.storeId && !opts.takeOver)
      throw new TillError(
        'HQ_NOT_MASTER',
        `Another store publishes head office's data to this chain (store ${head.masterStore}). Publish from that data folder, or add --take-over to make this store head office. Nothing was published.`,
        { master: head.masterStore },
      );
    const have = new Map<string, string>();
    const rows = await client.query<{ kind: string; key: string; digest: string; gone: boolean }>('SELECT kind, key, digest, body IS NULL AS gone FROM hq_items');
    for (const r of rows.rows) have.set(`${r.kind}\u0000${r.key}`, r.gone ? '' : r.digest);
    const version = head.version + 1;
    const changed: Record<string, number> = {};
    const removed: Record<string, number> = {};
    let batch: { kind: string; key: string; body: string | null; digest: string }[] = [];
    const flush = async () => {
      if (!batch.length) return;
      await client.query(
        `INSERT INTO hq_items (kind, key, body, digest, version)
         SELECT k, y, b::jsonb, d, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(k, y, b, d)
         ON CONFLICT (kind, key) DO UPDATE SET body = EXCLUDED.body, digest = EXCLUDED.digest, version = EXCLUDED.version, updated_at = now()`,
        [batch.map((b) => b.kind), batch.map((b) => b.key), batch.map((b) => b.body), batch.map((b) => b.digest), version],
      );
      batch = [];
    };
    const seen = new Set<string>();
    for (const it of items) {
      const id = `${it.kind}\u0000${it.key}`;
      seen.add(id);
      const digest = digestOf(it.body);
      if (have.get(id) === digest) continue;
      changed[it.kind] = (changed[it.kind] ?? 0) + 1;
      batch.push({ kind: it.kind, key: it.key, body: JSON.stringify(it.body), digest });
      if (batch.length >= CHUNK) await flush();
    }
    for (const [id, digest] of have) {
      if (seen.has(id) || digest === '') continue;
      const [kind, key] = id.split('\u0000');
      removed[kind] = (removed[kind] ?? 0) + 1;
      batch.push({ kind, key, body: null, digest: '' });
      if (batch.length >= CHUNK) await flush();
    }
    await flush();
    const nChanged = Object.values(changed).reduce((a, b) => a + b, 0);
    const nRemoved = Object.values(removed).reduce((a, b) => a + b, 0);
    if (nChanged + nRemoved === 0) {
      await client.query('ROLLBACK');
      return { version: head.version, changed, removed };
    }
    await client.query('UPDATE hq_head SET version = $1, currency = $2, master_store = $3', [version, opts.currency, opts.storeId]);
    await client.query('INSERT INTO hq_publishes (version, store_id, changed, removed) VALUES ($1, $2, $3, $4)', [version, opts.storeId, nChanged, nRemoved]);
    await client.query('COMMIT');
    return { version, changed, removed };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw chainError(e, url);
  }
}
