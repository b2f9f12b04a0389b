/**
 * A register pulling head office's items (docs/chain.md, "Head office"): `till sync pull`, and every
 * few seconds in the background of a running register (startHqPuller). Items are read in pages in
 * (version, kind, key) order after the position the register noted; each page becomes one journal
 * transaction of the events it means to this register (hq-items.ts) plus a `chain.pulled` event
 * naming the chain and the position, under a transaction id made of that position. So:
 *
 * - a pull twice changes nothing (the items are compared with the register's state: nothing to write);
 * - a pull killed mid-way resumes: pages committed are in the journal, the position file may lag by
 *   one page, and that page, read again, writes nothing (or is the same transaction id: a duplicate);
 * - shared configuration keys are written to till.config.json after the page's commit (the journal's
 *   `chain.pulled` event records them); a running register uses them from its next start.
 */
import type { Client } from 'pg';
import { TillError } from '../domain/errors.js';
import { validateConfig } from '../domain/config.js';
import { readConfig, writeConfig } from '../store/config-file.js';
import { crash, hit } from '../store/failpoints.js';
import { readHqPullState, writeHqPullState, type HqPullState } from '../store/hq-pull-state.js';
import type { CommitRequest, CommitResult, StoreState } from '../store/types.js';
import { chainError, connectChain } from './db.js';
import { checkHqSchema, readHead } from './hq-schema.js';
import { eventsForItems, mergeConfig, type HqItem, type HqKind } from './hq-items.js';

export const CHAIN_PULLED = 'chain.pulled';

export interface PullTarget {
  state: StoreState;
  commit(req: CommitRequest): Promise<CommitResult>;
}

export interface PullResult {
  chainId: string;
  /** The chain's version the register is at now. */
  version: number;
  items: number;
  /** Journal events written (0 when the register already had everything). */
  events: number;
  configKeys: string[];
  skipped: number;
}

export interface PullOptions {
  dataDir: string;
  page?: number;
  now?: () => Date;
}

export async function pullHq(client: Client, url: string, store: PullTarget, o: PullOptions): Promise<PullResult> {
  const now = o.now ?? (() => new Date());
  try {
    await checkHqSchema(client, url);
    const head = await readHead(client);
    const currency = store.state.meta.currency;
    if (head.currency && currency && head.currency !== currency)
      throw new TillError('HQ_CURRENCY', `The chain keeps its books in ${head.currency}; this register is in ${currency}. Nothing was pulled.`, { chain: head.currency, store: currency });
    let pos: HqPullState = readHqPullState(o.dataDir);
    if (pos.chainId !== head.chainId) pos = { chainId: head.chainId, version: 0, kind: '', key: '', pulledAt: null };
    const out: PullResult = { chainId: head.chainId, version: pos.version, items: 0, events: 0, configKeys: [], skipped: 0 };
    let skippedConfig = 0;
    for (;;) {
      const r = await client.query<{ kind: HqKind; key: string; body: unknown; gone: boolean; version: string }>(
        `SELECT kind, key, body, body IS NULL AS gone, version FROM hq_items
          WHERE (version, kind, key) > ($1, $2, $3) AND version <= $4 ORDER BY version, kind, key LIMIT $5`,
        [pos.version, pos.kind, pos.key, head.version, o.page ?? 1000],
      );
      if (r.rows.length === 0) break;
      const items: HqItem[] = r.rows.map((row) => ({ kind: row.kind, key: row.key, body: row.gone ? null : row.body }));
      const last = r.rows[r.rows.length - 1];
      const next: HqPullState = { chainId: head.chainId, version: Number(last.version), kind: last.kind, key: last.key, pulledAt: now().toISOString() };
      const { events, skipped } = eventsForItems(store.state, items);
      const config = readConfig(o.dataDir);
      const merged = mergeConfig(config, items);
      // Settings this version of till cannot take (a newer head office) are left out, never written:
      // a register must always start on its file.
      const valid = validateConfig(merged.config);
      const keys = valid.ok ? Object.keys(merged.changed) : [];
      if (!valid.ok) skippedConfig += Object.keys(merged.changed).length;
      if (events.length || keys.length) {
        const at = { chainId: head.chainId, version: next.version, kind: next.kind, key: next.key };
        const res = await store.commit({ id: `hq-pull:${head.chainId}:${next.version}:${next.kind}:${next.key}`, events: [...events, { type: CHAIN_PULLED, data: { ...at, config: valid.ok ? merged.changed : {} } }] });
        if (!res.duplicate) out.events += events.length;
        if (keys.length) writeConfig(o.dataDir, merged.config);
        if (hit('hq-pulled')) crash();
      }
      out.items += items.length;
      out.skipped += skipped;
      out.configKeys.push(...keys);
      out.version = next.version;
      pos = next;
      writeHqPullState(o.dataDir, pos);
    }
    // Every item up to the head's version is applied (a version whose items a later one rewrote has none left).
    out.version = head.version;
    out.skipped += skippedConfig;
    if (pos.version < head.version) writeHqPullState(o.dataDir, { ...pos, version: head.version, kind: '', key: '' });
    return out;
  } catch (e) {
    throw chainError(e, url);
  }
}

/**
 * The running register's puller: every `everyMs` it asks the chain's version (one row) and pulls
 * when it moved. Failures are quiet (the outbox reports the database away); one pull at a time.
 */
export function startHqPuller(o: { url: string; timeoutMs: number; store: PullTarget; dataDir: string; everyMs?: number; log?: (line: string) => void }): { pullNow(): Promise<PullResult | null>; stop(): Promise<void> } {
  let client: Client | null = null;
  let running: Promise<PullResult | null> | null = null;
  let stopped = false;
  let lastCode = '';
  const drop = () => {
    const c = client;
    client = null;
    void c?.end().catch(() => {});
  };
  const pullNow = (): Promise<PullResult | null> => {
    if (running) return running;
    running = (async () => {
      try {
        if (!client) {
          client = await connectChain(o.url, { timeoutMs: o.timeoutMs, statementMs: 30_000, application: 'till hq pull' });
          await checkHqSchema(client, o.url);
        }
        const head = await readHead(client);
        const pos = readHqPullState(o.dataDir);
        if (pos.chainId === head.chainId && pos.version >= head.version) return null;
        if (stopped) return null;
        const r = await pullHq(client, o.url, o.store, { dataDir: o.dataDir });
        if (r.events || r.configKeys.length) o.log?.(`chain: pulled head office's version ${r.version} (${r.events} journal event(s)${r.configKeys.length ? `; settings ${r.configKeys.join(', ')} apply from the next start` : ''})`);
        lastCode = '';
        return r;
      } catch (e) {
        drop();
        const err = chainError(e, o.url);
        if (err.code !== lastCode && err.code !== 'CHAIN_UNREACHABLE') o.log?.(`chain ${err.code}: ${err.message}`);
        lastCode = err.code;
        return null;
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void pullNow(), o.everyMs ?? 2000);
  timer.unref();
  return {
    pullNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => null);
      drop();
    },
  };
}
