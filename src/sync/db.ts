/**
 * Connecting to the chain's PostgreSQL. The client (`pg`) is imported here and only here, on first
 * use: a register without `chain.url` never loads it (test/e2e/no-ink.e2e.test.ts checks that).
 * Every failure becomes a TillError with a code and a message a manager can act on; none escapes as
 * a driver error or a stack trace.
 */
import type { Client } from 'pg';
import { TillError } from '../domain/errors.js';
import { SCHEMA_SQL, SCHEMA_UPGRADES, SCHEMA_VERSION } from './schema.js';
import { setupHqSchema } from './hq-schema.js';

export { SCHEMA_VERSION };

export type ChainErrorCode =
  | 'CHAIN_UNREACHABLE'
  | 'CHAIN_AUTH'
  | 'CHAIN_NO_DATABASE'
  | 'CHAIN_TLS'
  | 'CHAIN_SCHEMA_MISSING'
  | 'CHAIN_SCHEMA_OLD'
  | 'CHAIN_SCHEMA_NEW'
  | 'CHAIN_ERROR';

/** Where a message names the database: host, port and name, never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || 5432}${u.pathname || '/'}`;
  } catch {
    return 'the configured database';
  }
}

/** Turns a driver or network error into the chain's own error (already-TillErrors pass through). */
export function chainError(e: unknown, url: string): TillError {
  if (e instanceof TillError) return e;
  const err = e as { code?: string; message?: string };
  const where = describeUrl(url);
  const code = err?.code ?? '';
  const msg = err?.message ?? String(e);
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ENOENT', '57P01', '57P02', '57P03', '57014'].includes(code) || /timeout|terminated|ended unexpectedly|not queryable|connection error/i.test(msg))
    return new TillError('CHAIN_UNREACHABLE', `The chain database at ${where} cannot be reached (${code || msg}). The register keeps selling and sends its sales when it is back.`, { where, detail: code || msg });
  if (code === '28P01' || code === '28000' || /password|SASL/i.test(msg))
    return new TillError('CHAIN_AUTH', `The chain database at ${where} refused this register's login (${code || msg}). Check the user in chain.url and the password in PGPASSWORD or ~/.pgpass (docs/chain.md).`, { where, detail: code || msg });
  if (code === '3D000') return new TillError('CHAIN_NO_DATABASE', `The database ${where} does not exist. Create it (createdb) and run: till sync setup`, { where });
  if (/certificate|SSL|TLS/i.test(msg) || code.startsWith('ERR_TLS') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN')
    return new TillError('CHAIN_TLS', `TLS to the chain database at ${where} failed: ${msg}. Check sslmode and the server's certificate (docs/chain.md).`, { where, detail: msg });
  return new TillError('CHAIN_ERROR', `The chain database at ${where} answered with an error: ${msg}${code ? ` (${code})` : ''}.`, { where, detail: `${msg}${code ? ` (${code})` : ''}` });
}

export interface ConnectOptions {
  /** Connect timeout, ms. */
  timeoutMs: number;
  /** Statement timeout, ms (0 = none). */
  statementMs?: number;
  application?: string;
}

/** Opens one connection; throws a chain TillError. Loads `pg` on first call. */
export async function connectChain(url: string, opts: ConnectOptions): Promise<Client> {
  let client: Client | undefined;
  try {
    const { default: pg } = await import('pg');
    client = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: opts.timeoutMs,
      application_name: opts.application ?? 'till',
      keepAlive: true,
      ...(opts.statementMs ? { statement_timeout: opts.statementMs, query_timeout: opts.statementMs + 1000 } : {}),
    });
    // A connection lost while idle reports here; the next query fails and is mapped by its caller.
    client.on('error', () => {});
    await client.connect();
    return client;
  } catch (e) {
    await client?.end().catch(() => {});
    throw chainError(e, url);
  }
}

/** The schema version the database holds (0 = no till schema yet). */
export async function schemaVersion(client: Client): Promise<number> {
  const t = await client.query<{ t: string | null }>("SELECT to_regclass('till_schema')::text AS t");
  if (!t.rows[0]?.t) return 0;
  const v = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM till_schema');
  return v.rows[0]?.v ?? 0;
}

/** Refuses a database whose schema this register cannot work with. */
export async function checkSchema(client: Client, url: string): Promise<void> {
  const v = await schemaVersion(client).catch((e) => {
    throw chainError(e, url);
  });
  const where = describeUrl(url);
  if (v === 0) throw new TillError('CHAIN_SCHEMA_MISSING', `The database ${where} holds no till ledger yet. Create it once with: till sync setup`, { where });
  if (v < SCHEMA_VERSION) throw new TillError('CHAIN_SCHEMA_OLD', `The ledger in ${where} is at schema version ${v}; this register needs ${SCHEMA_VERSION}. Upgrade it with: till sync setup`, { where, have: v, need: SCHEMA_VERSION });
  if (v > SCHEMA_VERSION) throw new TillError('CHAIN_SCHEMA_NEW', `The ledger in ${where} is at schema version ${v}, newer than this register knows (${SCHEMA_VERSION}). Update till on this register.`, { where, have: v, need: SCHEMA_VERSION });
}

/**
 * Creates the ledger's tables in an empty database, or upgrades an older ledger step by step (one
 * transaction either way); returns what it did.
 */
export async function setupSchema(client: Client, url: string): Promise<'created' | 'upgraded' | 'current'> {
  try {
    await client.query('BEGIN');
    // One setup at a time: a second `till sync setup` waits here, then finds the schema made.
    await client.query('SELECT pg_advisory_xact_lock(1947736215)');
    const v = await schemaVersion(client);
    if (v === SCHEMA_VERSION) {
      // Head office's tables (hq-schema.ts) add themselves to a ledger made before them.
      const hq = await client.query<{ t: string | null }>("SELECT to_regclass('hq_items')::text AS t");
      await setupHqSchema(client);
      await client.query('COMMIT');
      return hq.rows[0]?.t ? 'current' : 'created';
    }
    if (v > SCHEMA_VERSION) {
      await client.query('ROLLBACK');
      await checkSchema(client, url);
    }
    if (v === 0) await client.query(SCHEMA_SQL);
    for (const step of SCHEMA_UPGRADES) if (step.version > Math.max(v, 1)) await client.query(`${step.sql}\nINSERT INTO till_schema (version) VALUES (${step.version});`);
    await setupHqSchema(client);
    await client.query('COMMIT');
    return v === 0 ? 'created' : 'upgraded';
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw chainError(e, url);
  }
}
