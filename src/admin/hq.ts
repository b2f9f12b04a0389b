/**
 * `till hq publish|report|status`: head office on the chain (docs/chain.md, "Head office"). Head
 * office is a till data folder like any other, edited with the usual commands (till import, till
 * customer, till loyalty); publish sends what it holds, report reads every register's Z from the
 * chain database. Read-only on the data folder and lock-free (the store is read as `till report`
 * reads it). The database client and src/sync are loaded only on use.
 */
import type { AdminCommand, CommandContext } from './command.js';
import { parse } from './args.js';
import { TillError } from '../domain/errors.js';
import { isDate, localDate, localDateTime } from '../domain/giftcard/dates.js';
import { currency as currencyOf, toDecimalString } from '../domain/money.js';
import { methodsOf, sumZ, zCsv, zLine, type ZLine } from '../domain/shift/z-sum.js';
import { readStoreState } from '../store/read-state.js';
import { translate } from '../i18n/index.js';
import { chainConfig } from './sync.js';

const usageError = (message: string): never => {
  throw new TillError('USAGE', message);
};

export const hqCommand: AdminCommand = {
  name: 'hq',
  summary: 'head office on the chain: publish the catalog, customers, programs and settings; Z reports across registers',
  usage: translate('en', 'hq.usage'),
  async run(argv, ctx) {
    const lang = ctx.language ?? 'en';
    const tr = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
    const { values, positionals } = parse(argv, {
      'take-over': { type: 'boolean' },
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
      day: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      register: { type: 'string' },
    });
    if (values.help) return ctx.out(tr('hq.usage')), 0;
    const [sub, ...extra] = positionals;
    if (!sub || !['publish', 'report', 'status'].includes(sub) || extra.length) usageError(sub ? tr('hq.needsSubGot', { got: [sub, ...extra].join(' ') }) : tr('hq.needsSub'));
    if (values.csv && values.json) usageError(tr('hq.csvOrJson'));
    const config = chainConfig(ctx);
    const url = config.chain.url;
    const db = await import('../sync/db.js');
    const where = db.describeUrl(url);
    const client = await db.connectChain(url, { timeoutMs: config.chain.timeoutMs, application: 'till hq' });
    try {
      if (sub === 'publish') {
        const state = await readStoreState(ctx.dataDir);
        const { itemsOfStore } = await import('../sync/hq-items.js');
        const { publishItems } = await import('../sync/hq-publish.js');
        const r = await publishItems(client, url, itemsOfStore(state, config), { storeId: state.meta.storeId, currency: state.meta.currency || config.currency, takeOver: values['take-over'] === true });
        if (values.json) return ctx.out(JSON.stringify(r)), 0;
        const n = (k: string) => r.changed[k] ?? 0;
        const removed = Object.values(r.removed).reduce((a, b) => a + b, 0);
        if (Object.keys(r.changed).length + removed === 0) ctx.out(tr('hq.unchanged', { version: r.version }));
        else ctx.out(tr('hq.published', { version: r.version, where, products: n('product'), customers: n('customer'), programs: n('program'), tiers: n('tiers'), settings: n('config'), removed }));
        return 0;
      }
      if (sub === 'status') return await status(client, url, where, values.json === true, ctx, tr);
      // report
      const today = localDate(ctx.now());
      if (values.day !== undefined && (values.from !== undefined || values.to !== undefined)) usageError(tr('hq.dayOrRange'));
      const from = (values.day ?? values.from ?? (values.to === undefined ? today : undefined)) as string | undefined;
      const to = (values.day ?? values.to ?? (values.from === undefined ? today : undefined)) as string | undefined;
      if (!from || !to) usageError(tr('hq.rangeTogether'));
      if (!isDate(from) || !isDate(to)) usageError(tr('hq.dates'));
      if (from! > to!) usageError(tr('hq.fromAfterTo'));
      const { chainZReports } = await import('../sync/hq-report.js');
      const regs = await chainZReports(client, url, { from: from!, to: to!, currency: config.currency, printedAt: ctx.now().toISOString(), register: values.register as string | undefined });
      // A replacement register's Zs carry its ledger id (R2~2): its Z counter started again.
      const lines: ZLine[] = regs.flatMap((r) => r.zs.map((z) => ({ ...zLine(z), register: r.ledgerId })));
      const { listAlerts } = await import('../sync/ledger.js');
      const alerts = await listAlerts(client, { register: values.register as string | undefined, limit: 50 });
      if (values.json) return ctx.out(JSON.stringify({ from, to, currency: config.currency, registers: regs, lines, total: sumZ(lines), alerts }, null, 2)), 0;
      if (values.csv) {
        for (const l of zCsv(lines, config.currency)) ctx.out(l);
        return 0;
      }
      const cur = currencyOf(config.currency);
      const dec = (m: number) => toDecimalString(m, cur);
      ctx.out(tr('hq.report.title', { from: from!, to: to!, currency: config.currency, where }));
      if (!lines.length) {
        ctx.out(tr('hq.report.none'));
      } else {
        ctx.out(tr('hq.report.head'));
        const row = (name: string, l: ZLine) =>
          `${name.padEnd(8)}  ${String(l.z ?? '').padStart(4)}  ${(l.closedAt ? localDateTime(l.closedAt) : '').padEnd(16)}  ${String(l.sales).padStart(5)}  ${dec(l.total).padStart(9)}  ${dec(l.tax).padStart(9)}  ${String(l.returns).padStart(7)}  ${dec(l.cashDifference).padStart(10)}`;
        for (const l of lines) ctx.out(row(l.register ?? '', l));
        const total = sumZ(lines);
        ctx.out(row(tr('hq.report.total'), total));
        ctx.out(tr('hq.report.payments', { list: methodsOf(lines).map((m) => `${m} ${dec(total.payments[m] ?? 0)}`).join(', ') }));
      }
      const quiet = regs.filter((r) => r.zs.length === 0).map((r) => r.ledgerId);
      if (lines.length && quiet.length) ctx.out(tr('hq.report.noZ', { registers: [...new Set(quiet)].join(', ') }));
      for (const r of regs) ctx.out(tr('hq.report.received', { register: r.ledgerId, seq: r.receivedSeq, at: r.lastPushAt ? localDateTime(r.lastPushAt) : tr('hq.status.never.sent') }));
      // Every overspend of the chain, with the register whose manager must settle it (never only a log line).
      for (const a of alerts.alerts) {
        if (!alerts.alerts.indexOf(a)) ctx.out(tr('hq.report.alertsHead', { count: alerts.total }));
        const card = a.kind === 'giftcard.overspent';
        const p = { register: a.register, at: localDateTime(a.at), amount: card ? dec(a.shortfall) : a.shortfall, balance: card ? dec(a.balanceAfter) : a.balanceAfter, told: a.seenAt ? tr('hq.report.alertTold') : tr('hq.report.alertUntold') };
        ctx.out(card ? tr('hq.report.alertCard', { ...p, last4: a.subject.slice(-4) }) : tr('hq.report.alertPoints', { ...p, customer: a.subject }));
      }
      return 0;
    } finally {
      await client.end().catch(() => {});
    }
  },
};

async function status(client: import('pg').Client, url: string, where: string, json: boolean, ctx: CommandContext, tr: (k: string, p?: Record<string, string | number>) => string): Promise<number> {
  const { checkHqSchema, readHead } = await import('../sync/hq-schema.js');
  const { chainError, checkSchema } = await import('../sync/db.js');
  try {
    await checkSchema(client, url);
    await checkHqSchema(client, url);
    const head = await readHead(client);
    const regs = await client.query<{ ledger_id: string; register_id: string; last_seq: string; last_push_at: Date | null }>(
      `SELECT r.register_id AS ledger_id, coalesce(j.register_id, r.register_id) AS register_id, r.last_seq, r.last_push_at
         FROM registers r LEFT JOIN hq_journals j ON j.ledger_id = r.register_id ORDER BY 2, 1`,
    );
    const rows = regs.rows.map((r) => ({ ledgerId: r.ledger_id, register: r.register_id, seq: Number(r.last_seq), lastPushAt: r.last_push_at ? new Date(r.last_push_at).toISOString() : null }));
    if (json) return ctx.out(JSON.stringify({ ...head, registers: rows })), 0;
    ctx.out(head.version ? tr('hq.status.head', { chain: head.chainId, where, version: head.version, master: head.masterStore ?? '', currency: head.currency ?? '' }) : tr('hq.status.never', { chain: head.chainId, where }));
    for (const r of rows) ctx.out(tr('hq.status.register', { ledger: r.ledgerId, register: r.register, seq: r.seq, at: r.lastPushAt ? localDateTime(r.lastPushAt) : tr('hq.status.never.sent') }));
    return 0;
  } catch (e) {
    throw chainError(e, url);
  }
}
