/**
 * `till sync pull` and `till sync join` (docs/chain.md, "Head office" and "A register that joins
 * later"): head office's items into this register's journal, and a new register's data folder
 * seeded from the chain. Dispatched from `till sync`; the database client and src/sync are loaded
 * only here, on use.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandContext } from './command.js';
import { parse } from './args.js';
import { TillError } from '../domain/errors.js';
import { DEFAULT_CONFIG, type TillConfig } from '../domain/config.js';
import { readConfig, readConfigFile, configPath, writeConfig } from '../store/config-file.js';
import { initStore, openStore, storeExists } from '../store/open.js';
import { writeHqPullState } from '../store/hq-pull-state.js';
import { formatReceiptNo } from '../domain/sale.js';
import { translate } from '../i18n/index.js';

export async function runSyncHq(argv: string[], ctx: CommandContext): Promise<number> {
  const lang = ctx.language ?? 'en';
  const tr = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    register: { type: 'string' },
    url: { type: 'string' },
    replace: { type: 'boolean' },
    config: { type: 'string' },
  });
  if (values.help) return ctx.out(`${tr('cli.sync.usage')}\n\n${tr('sync.hq.usage')}`), 0;
  const [sub, ...extra] = positionals;
  if (extra.length) throw new TillError('USAGE', tr('cli.usage.syncExtra', { sub, extra: extra.join(' ') }));
  const db = await import('../sync/db.js');

  if (sub === 'pull') {
    if (values.register || values.url || values.replace || values.config) throw new TillError('USAGE', tr('cli.usage.syncPullOnlyJson'));
    if (!storeExists(ctx.dataDir)) throw new TillError('STORE_MISSING', `There is no store in ${ctx.dataDir}. Create one with: till init --data ${ctx.dataDir}`);
    const config = readConfig(ctx.dataDir);
    if (!config.chain.url) throw new TillError('CHAIN_NOT_CONFIGURED', 'This register stands alone: till.config.json has no chain.url (docs/chain.md).');
    const { pullHq } = await import('../sync/hq-pull.js');
    const client = await db.connectChain(config.chain.url, { timeoutMs: config.chain.timeoutMs });
    try {
      const store = await openStore(ctx.dataDir, { register: config.register.id, operator: config.operators[0].id });
      try {
        const r = await pullHq(client, config.chain.url, store, { dataDir: ctx.dataDir, now: ctx.now });
        if (values.json) return ctx.out(JSON.stringify(r)), 0;
        ctx.out(r.events || r.configKeys.length ? tr('sync.pull.done', { version: r.version, items: r.items, events: r.events }) : tr('sync.pull.current', { version: r.version }));
        if (r.configKeys.length) ctx.out(tr('sync.pull.settings', { keys: r.configKeys.join(', ') }));
        if (r.skipped) ctx.out(tr('sync.pull.skipped', { n: r.skipped }));
        return 0;
      } finally {
        await store.close();
      }
    } finally {
      await client.end().catch(() => {});
    }
  }

  // join
  const register = values.register as string | undefined;
  if (!register) throw new TillError('USAGE', tr('sync.join.needsRegister'));
  if (storeExists(ctx.dataDir)) throw new TillError('STORE_EXISTS', tr('sync.join.exists', { dir: ctx.dataDir }));
  const base: TillConfig = values.config ? readConfigFile(resolve(values.config as string)) : existsSync(configPath(ctx.dataDir)) ? readConfig(ctx.dataDir) : DEFAULT_CONFIG;
  const url = (values.url as string | undefined) ?? base.chain.url;
  if (!url) throw new TillError('USAGE', tr('sync.join.needsUrl'));
  const { readSeed } = await import('../sync/hq-join.js');
  const client = await db.connectChain(url, { timeoutMs: base.chain.timeoutMs });
  let seed;
  try {
    seed = await readSeed(client, url, { register, replace: values.replace === true, base, now: ctx.now() });
  } finally {
    await client.end().catch(() => {});
  }
  writeConfig(ctx.dataDir, seed.config);
  const store = await initStore(ctx.dataDir, { currency: seed.config.currency, register, operator: seed.config.operators[0].id, storeId: seed.storeId }, seed.events);
  await store.close();
  // The pull continues from the version the seed was read at.
  writeHqPullState(ctx.dataDir, { chainId: seed.joined.chainId, version: seed.joined.hqVersion, kind: '', key: '', pulledAt: ctx.now().toISOString() });
  const c = seed.counts;
  if (values.json) return ctx.out(JSON.stringify({ ...seed.joined, counts: c })), 0;
  ctx.out(tr('sync.join.done', { register, ledger: seed.joined.ledgerId, version: seed.joined.hqVersion, products: c.products, customers: c.customers, programs: c.programs, cards: c.giftCards, points: c.points }));
  if (seed.joined.replaced) ctx.out(tr('sync.join.replaced', { receipt: formatReceiptNo(register, seed.joined.lastReceipt[register] ?? 0) }));
  if (c.overspent) ctx.out(tr('sync.join.overspent', { n: c.overspent }));
  ctx.out(tr('sync.join.next', { dir: ctx.dataDir }));
  return 0;
}
