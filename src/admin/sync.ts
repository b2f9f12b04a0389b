/**
 * `till sync setup|status|push`: this register and the chain's PostgreSQL (docs/chain.md). Read-only
 * on the data folder and lock-free (the journal is read as `till report` reads it), so it runs beside
 * an open register. The database client is loaded only here and in src/sync, and only when
 * `chain.url` is set.
 */
import type { AdminCommand, CommandContext } from './command.js';
import { parse } from './args.js';
import { TillError } from '../domain/errors.js';
import type { TillConfig } from '../domain/config.js';
import { readConfig } from '../store/config-file.js';
import { storeExists } from '../store/open.js';
import { readSyncState } from '../store/sync-state.js';
import { toDecimalString, currency as currencyOf } from '../domain/money.js';
import { translate } from '../i18n/index.js';
import { localDateTime, localTime } from '../domain/giftcard/dates.js';
import { refusalText } from './refusal.js';

const usage = translate('en', 'cli.sync.usage');

/** The store's configuration with its chain.url, or the refusal: no store here, or no chain configured. */
export function chainConfig(ctx: CommandContext): TillConfig {
  if (!storeExists(ctx.dataDir)) throw new TillError('STORE_MISSING', `There is no store in ${ctx.dataDir}. Create one with: till init --data ${ctx.dataDir}`, { dir: ctx.dataDir });
  const config = readConfig(ctx.dataDir);
  if (!config.chain.url)
    throw new TillError('CHAIN_NOT_CONFIGURED', `This register stands alone: till.config.json has no chain.url. Set "chain": {"url": "postgres://USER@HOST:5432/DB"} to share gift cards and points (docs/chain.md).`);
  return config;
}

export const syncCommand: AdminCommand = {
  name: 'sync',
  summary: 'this register and the chain database: setup, status, push, pull, join',
  usage,
  async run(argv, ctx) {
    const first = argv.find((a) => !a.startsWith('-'));
    if (first === 'pull' || first === 'join') return (await import('./sync-hq.js')).runSyncHq(argv, ctx);
    const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
    const lang = ctx.language ?? 'en';
    const tr = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
    if (values.help) return ctx.out(`${tr('cli.sync.usage')}\n\n${tr('sync.hq.usage')}`), 0;
    const [sub, ...extra] = positionals;
    if (!sub || !['setup', 'status', 'push'].includes(sub) || extra.length) throw new TillError('USAGE', sub ? tr('cli.sync.needsSubGot', { got: [sub, ...extra].join(' ') }) : tr('cli.sync.needsSub'));
    const config = chainConfig(ctx);
    const url = config.chain.url;
    const db = await import('../sync/db.js');
    const { Outbox, pendingAfter } = await import('../sync/outbox.js');

    if (sub === 'setup') {
      const client = await db.connectChain(url, { timeoutMs: config.chain.timeoutMs });
      try {
        const did = await db.setupSchema(client, url);
        ctx.out(tr(`cli.sync.${did}`, { where: db.describeUrl(url), version: db.SCHEMA_VERSION }));
      } finally {
        await client.end().catch(() => {});
      }
      return 0;
    }

    const { ledgerIdentity } = await import('../sync/identity.js');
    const reg = { ...ledgerIdentity(ctx.dataDir, config.register.id), currency: config.currency };
    const outbox = new Outbox({ dataDir: ctx.dataDir, url, reg, timeoutMs: config.chain.timeoutMs, now: ctx.now });
    const money = (m: number) => toDecimalString(m, currencyOf(config.currency));
    try {
      if (sub === 'push') {
        const r = await outbox.push();
        if (values.json) ctx.out(JSON.stringify({ online: true, ...r }));
        else {
          ctx.out(tr('cli.sync.sent', { inserted: r.inserted, sales: r.sales, where: db.describeUrl(url), duplicates: r.duplicates, acked: r.acked }));
          for (const a of r.alerts) {
            const card = a.kind === 'giftcard.overspent';
            const amounts = { kind: a.kind, amount: card ? money(a.shortfall) : a.shortfall, balance: card ? money(a.balanceAfter) : a.balanceAfter };
            ctx.out(card ? tr('cli.sync.alertCard', { ...amounts, last4: a.subject.slice(-4) }) : tr('cli.sync.alertPoints', { ...amounts, customer: a.subject }));
          }
        }
        return 0;
      }
      // status: ask the database; when it does not answer, say so and count from the last acknowledgement.
      let online = true;
      let acked: number;
      let problem: TillError | null = null;
      try {
        acked = await outbox.probe();
      } catch (e) {
        problem = e as TillError;
        online = false;
        acked = readSyncState(ctx.dataDir).acked;
      }
      const pending = await pendingAfter(ctx.dataDir, acked);
      const state = readSyncState(ctx.dataDir);
      if (values.json) {
        const alerts = online ? await alertsOf(url, config.chain.timeoutMs, reg.register) : null;
        ctx.out(JSON.stringify({ online, alerts, offlineSince: online ? null : state.offlineSince, acked, pendingTransactions: pending.transactions, pendingSales: pending.sales, error: problem ? { code: problem.code, message: problem.message } : null }));
        return online ? 0 : 1;
      }
      if (online) {
        ctx.out(tr('cli.sync.online', { where: db.describeUrl(url), acked }));
        await printAlerts(url, config.chain.timeoutMs, reg.register, money, tr, ctx.out);
      }
      else {
        const counts = { sales: pending.sales, transactions: pending.transactions, acked };
        ctx.out(state.offlineSince ? tr('cli.sync.offlineSince', { ...counts, time: localTime(new Date(state.offlineSince)) }) : tr('cli.sync.offline', counts));
        ctx.out(refusalText(problem!, lang));
      }
      return online ? 0 : 1;
    } finally {
      await outbox.stop();
    }
  },
};

/** This register's overspend alerts (newest 10 and the count), or null when the database cannot be read now. */
async function alertsOf(url: string, timeoutMs: number, register: string) {
  const db = await import('../sync/db.js');
  const { listAlerts } = await import('../sync/ledger.js');
  try {
    const c = await db.connectChain(url, { timeoutMs });
    try {
      return await listAlerts(c, { register, limit: 10 });
    } finally {
      await c.end().catch(() => {});
    }
  } catch {
    return null;
  }
}

/** `till sync status`: the overspends this register's manager must settle, never only in a log. */
async function printAlerts(url: string, timeoutMs: number, register: string, money: (m: number) => string, tr: (k: string, p?: Record<string, string | number>) => string, out: (line: string) => void): Promise<void> {
  const got = await alertsOf(url, timeoutMs, register);
  if (!got || got.total === 0) return;
  out(tr('cli.sync.alertsHead', { count: got.total }));
  for (const a of got.alerts) {
    const card = a.kind === 'giftcard.overspent';
    const told = [a.seenAt ? tr('cli.sync.alertTold') : tr('cli.sync.alertUntold'), ...(a.movedBy ? [tr('cli.sync.alertMovedBy', { register: a.movedBy })] : [])].join('; ');
    const p = { at: localDateTime(a.at), amount: card ? money(a.shortfall) : a.shortfall, balance: card ? money(a.balanceAfter) : a.balanceAfter, told };
    out(card ? tr('cli.sync.alertLineCard', { ...p, last4: a.subject.slice(-4) }) : tr('cli.sync.alertLinePoints', { ...p, customer: a.subject }));
  }
}
