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
import { readEventsBySeq } from '../store/journal-read.js';
import { readSyncState } from '../store/sync-state.js';
import { STORE_INITIALIZED, type StoreInitialized } from '../store/fold.js';
import { toDecimalString, currency as currencyOf } from '../domain/money.js';

const usage = `Usage: till sync setup [--data DIR]
       till sync status [--json] [--data DIR]
       till sync push [--json] [--data DIR]

setup   Creates the shared ledger's tables in the database of chain.url (once per chain; safe to
        repeat: an up-to-date database is left as it is).
status  online, or "offline since HH:MM, N sales to send", and the last event the database acknowledged.
push    Sends every journal event the database does not have yet, now, in order (a resend changes
        nothing), and prints the overspend alerts the database recorded for them.
The database is configured in till.config.json: "chain": {"url": "postgres://till@db:5432/till"}
(the password in PGPASSWORD or ~/.pgpass). Runs beside an open register: it takes no lock.`;

function chainConfig(ctx: CommandContext): TillConfig {
  if (!storeExists(ctx.dataDir)) throw new TillError('STORE_MISSING', `There is no store in ${ctx.dataDir}. Create one with: till init --data ${ctx.dataDir}`);
  const config = readConfig(ctx.dataDir);
  if (!config.chain.url)
    throw new TillError('CHAIN_NOT_CONFIGURED', `This register stands alone: till.config.json has no chain.url. Set "chain": {"url": "postgres://USER@HOST:5432/DB"} to share gift cards and points (docs/chain.md).`);
  return config;
}

/** The journal's identity: the store id its first event (`store.initialized`) carries. */
function journalId(dataDir: string): string {
  const first = readEventsBySeq(dataDir, [1]).get(1);
  const id = first?.type === STORE_INITIALIZED ? (first.data as StoreInitialized).storeId : undefined;
  if (!id) throw new TillError('STORE_CORRUPT', `The journal in ${dataDir} does not start with store.initialized; run: till journal verify --data ${dataDir}`);
  return id;
}

const hhmm = (iso: string): string => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

export const syncCommand: AdminCommand = {
  name: 'sync',
  summary: 'this register and the chain database: setup, status, push',
  usage,
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
    if (values.help) return ctx.out(usage), 0;
    const [sub, ...extra] = positionals;
    if (!sub || !['setup', 'status', 'push'].includes(sub) || extra.length) throw new TillError('USAGE', `till sync needs one of setup, status, push${sub ? `, got "${[sub, ...extra].join(' ')}"` : ''}`);
    const config = chainConfig(ctx);
    const url = config.chain.url;
    const db = await import('../sync/db.js');
    const { Outbox, pendingAfter } = await import('../sync/outbox.js');

    if (sub === 'setup') {
      const client = await db.connectChain(url, { timeoutMs: config.chain.timeoutMs });
      try {
        const did = await db.setupSchema(client, url);
        ctx.out(did === 'created' ? `Created the till ledger in ${db.describeUrl(url)}.` : did === 'upgraded' ? `Upgraded the till ledger in ${db.describeUrl(url)} to schema version ${db.SCHEMA_VERSION}.` : `The till ledger in ${db.describeUrl(url)} is up to date.`);
      } finally {
        await client.end().catch(() => {});
      }
      return 0;
    }

    const reg = { register: config.register.id, journalId: journalId(ctx.dataDir), currency: config.currency };
    const outbox = new Outbox({ dataDir: ctx.dataDir, url, reg, timeoutMs: config.chain.timeoutMs, now: ctx.now });
    const money = (m: number) => toDecimalString(m, currencyOf(config.currency));
    try {
      if (sub === 'push') {
        const r = await outbox.push();
        if (values.json) ctx.out(JSON.stringify({ online: true, ...r }));
        else {
          ctx.out(`Sent ${r.inserted} event(s) (${r.sales} sale(s)) to ${db.describeUrl(url)}; ${r.duplicates} were there already. Acknowledged up to event ${r.acked}.`);
          for (const a of r.alerts)
            ctx.out(`ALERT ${a.kind}: ${a.kind === 'giftcard.overspent' ? `gift card ****${a.subject.slice(-4)}` : `points of ${a.subject}`} overspent by ${a.kind === 'giftcard.overspent' ? money(a.shortfall) : a.shortfall} while offline; balance now ${a.kind === 'giftcard.overspent' ? money(a.balanceAfter) : a.balanceAfter}. A manager must settle it.`);
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
        ctx.out(JSON.stringify({ online, offlineSince: online ? null : state.offlineSince, acked, pendingTransactions: pending.transactions, pendingSales: pending.sales, error: problem ? { code: problem.code, message: problem.message } : null }));
        return online ? 0 : 1;
      }
      if (online) ctx.out(`online: everything sent to ${db.describeUrl(url)} (acknowledged up to event ${acked}).`);
      else {
        const since = state.offlineSince ? `offline since ${hhmm(state.offlineSince)}` : 'offline';
        ctx.out(`${since}, ${pending.sales} sale(s) to send (${pending.transactions} transaction(s) after event ${acked}).`);
        ctx.out(problem!.message);
      }
      return online ? 0 : 1;
    } finally {
      await outbox.stop();
    }
  },
};
