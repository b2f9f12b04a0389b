/** `till journal verify|tail`: check the journal's integrity, or show its last events. */
import type { AdminCommand, CommandContext } from './command.js';
import { parse } from './args.js';
import { readTail, verifyStore, type VerifyReport } from '../store/maintenance.js';

const usage = `Usage: till journal verify [--json] [--data DIR]
       till journal tail [-n N] [--json] [--data DIR]

verify  Checks every journal line (its hash, the hash chain, the sequence, whole transactions,
        no missing segment) and that every slice of the snapshot (catalog, sales, gift cards,
        loyalty...) equals the fold of the journal up to the event the snapshot reflects.
        Read-only; safe while the register runs. Exit code 0 = all good, 1 = problems found.
        A damaged snapshot is repaired with 'till store rebuild'; a damaged journal is restored
        from a backup with 'till init --from-backup DIR' into an empty folder.
tail    Prints the last N events (default 20): sequence, time, type, transaction, register, operator.
  --json  machine-readable output`;

function printVerify(v: VerifyReport, ctx: CommandContext): void {
  ctx.out(`Journal: ${v.segments} segment(s), ${v.events} events in ${v.transactions} transactions, last event ${v.lastSeq}.`);
  ctx.out(`Snapshot: ${v.snapshot.status === 'missing' ? 'none (start-up replays the journal)' : `event ${v.snapshot.seq}, ${v.snapshot.status === 'other-version' ? 'built by another set of projections (start-up brings it up to date)' : v.snapshot.status === 'unchecked' ? 'not compared (the journal check stopped at the damage before it)' : v.snapshot.status}`}.`);
  if (v.tail) ctx.out(`Tail: ${v.tail.bytes} bytes of an incomplete transaction at ${v.tail.file} line ${v.tail.line} (a commit in progress, or a torn write that start-up cuts).`);
  for (const p of v.problems) ctx.err(`PROBLEM ${p.file}${p.line ? ` line ${p.line}` : ''}: ${p.message}`);
  const compared = v.snapshot.status === 'ok';
  ctx.out(
    !v.ok
      ? `${v.problems.length} problem(s) found.`
      : compared
        ? 'OK: the journal chain is intact and the snapshot equals the fold of the journal.'
        : 'OK: the journal chain is intact. The snapshot was not compared (see above); run `till store rebuild` to write one from the journal and verify again.',
  );
}

export const journalCommand: AdminCommand = {
  name: 'journal',
  summary: 'verify the journal and snapshot, or show the last events',
  usage,
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' }, n: { type: 'string', short: 'n' } });
    if (values.help) return ctx.out(usage), 0;
    const [sub] = positionals;
    if (sub === 'verify' && positionals.length === 1) {
      const v = await verifyStore(ctx.dataDir);
      if (values.json) {
        const { state: _state, ...rest } = v;
        ctx.out(JSON.stringify(rest));
      } else printVerify(v, ctx);
      return v.ok ? 0 : 1;
    }
    if (sub === 'tail' && positionals.length === 1) {
      const n = values.n === undefined ? 20 : Number(values.n);
      if (!Number.isInteger(n) || n < 1) {
        ctx.err('-n must be a whole number of events, 1 or more (see --help)');
        return 2;
      }
      for (const ev of await readTail(ctx.dataDir, n)) {
        if (values.json) ctx.out(JSON.stringify(ev));
        else ctx.out(`${String(ev.seq).padStart(8)}  ${ev.at}  ${ev.type.padEnd(20)}  tx ${ev.tx}  ${ev.register}/${ev.operator || '-'}${ev.txCount && ev.txCount > 1 ? `  (${ev.txIndex}/${ev.txCount})` : ''}`);
      }
      return 0;
    }
    ctx.err(usage);
    return 2;
  },
};
