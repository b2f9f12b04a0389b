/** `till journal verify|tail`: check the journal's integrity, or show its last events. */
import type { AdminCommand, CommandContext } from './command.js';
import { parse } from './args.js';
import { readTail, verifyStore, type VerifyReport } from '../store/maintenance.js';
import { translate } from '../i18n/index.js';

type Tr = (key: string, params?: Record<string, string | number>) => string;

const usage = translate('en', 'cli.journal.usage');

function printVerify(v: VerifyReport, ctx: CommandContext, tr: Tr): void {
  ctx.out(tr('cli.journal.summary', { segments: v.segments, events: v.events, transactions: v.transactions, last: v.lastSeq }));
  ctx.out(v.snapshot.status === 'missing' ? tr('cli.journal.snapshotMissing') : tr(`cli.journal.snapshot.${v.snapshot.status}`, { seq: v.snapshot.seq }));
  if (v.tail) ctx.out(tr('cli.journal.tail', { bytes: v.tail.bytes, file: v.tail.file, line: v.tail.line }));
  // The finding itself is the store's diagnostic (English): a support engineer's detail, quoted.
  for (const p of v.problems) ctx.err(p.line ? tr('cli.journal.problemAt', { file: p.file, line: p.line, message: p.message }) : tr('cli.journal.problem', { file: p.file, message: p.message }));
  ctx.out(!v.ok ? tr('cli.journal.problems', { n: v.problems.length }) : v.snapshot.status === 'ok' ? tr('cli.journal.okCompared') : tr('cli.journal.okUncompared'));
}

export const journalCommand: AdminCommand = {
  name: 'journal',
  summary: 'verify the journal and snapshot, or show the last events',
  usage,
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' }, n: { type: 'string', short: 'n' } });
    const tr: Tr = (key, params) => translate(ctx.language ?? 'en', key, params);
    if (values.help) return ctx.out(tr('cli.journal.usage')), 0;
    const [sub] = positionals;
    if (sub === 'verify' && positionals.length === 1) {
      const v = await verifyStore(ctx.dataDir);
      if (values.json) {
        const { state: _state, ...rest } = v;
        ctx.out(JSON.stringify(rest));
      } else printVerify(v, ctx, tr);
      return v.ok ? 0 : 1;
    }
    if (sub === 'tail' && positionals.length === 1) {
      const n = values.n === undefined ? 20 : Number(values.n);
      if (!Number.isInteger(n) || n < 1) {
        ctx.err(tr('cli.journal.badN'));
        return 2;
      }
      for (const ev of await readTail(ctx.dataDir, n)) {
        if (values.json) ctx.out(JSON.stringify(ev));
        else ctx.out(`${String(ev.seq).padStart(8)}  ${ev.at}  ${ev.type.padEnd(20)}  tx ${ev.tx}  ${ev.register}/${ev.operator || '-'}${ev.txCount && ev.txCount > 1 ? `  (${ev.txIndex}/${ev.txCount})` : ''}`);
      }
      return 0;
    }
    ctx.err(tr('cli.journal.usage'));
    return 2;
  },
};
