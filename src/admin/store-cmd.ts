/** `till store rebuild|repair`: rebuild the snapshot from the journal, or repair a damaged journal. */
import type { AdminCommand } from './command.js';
import { parse } from './args.js';
import { rebuildSnapshot, repairStore } from '../store/maintenance.js';
import { isStoreError } from '../store/errors.js';

const CANNOT_START = 'The store cannot start: ';

const usage = `Usage: till store rebuild [--data DIR]
       till store repair [--data DIR]

repair  For a damaged journal ('till journal verify' lists the damage). Keeps every intact event:
        the damaged journal and snapshot are moved aside (journal.damaged-<time>/,
        store.json.damaged-<time>; nothing is deleted), a new journal is written from every intact
        event in whole transactions, a store.repaired event records what could not be kept, and
        the snapshot is rebuilt. Prints what it kept and what it could not keep. Close the register
        first. On an intact journal it changes nothing.

rebuild

Rebuilds the snapshot (store.json) by folding the whole journal, without reading the old snapshot.
Use it when start-up or 'till journal verify' reports a damaged snapshot or one that does not match
the journal. The journal is the record of truth and is not changed (except that an incomplete
transaction at its very end, a torn write, is cut, as at start-up). Close the register first.`;

export const storeCommand: AdminCommand = {
  name: 'store',
  summary: 'rebuild the snapshot from the journal, or repair a damaged journal',
  usage,
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {});
    if (values.help) return ctx.out(usage), 0;
    if (positionals.length !== 1 || (positionals[0] !== 'rebuild' && positionals[0] !== 'repair')) {
      ctx.err(usage);
      return 2;
    }
    if (positionals[0] === 'repair') {
      const rep = await repairStore(ctx.dataDir);
      if (rep.clean) {
        ctx.out(`The journal is intact (${rep.kept} events); nothing to repair. Nothing was changed.`);
        return 0;
      }
      const r = await rebuildSnapshot(ctx.dataDir);
      ctx.out(`Repaired: kept ${rep.kept} intact events (the journal now ends at event ${r.seq}, with the repair record).`);
      ctx.out(`Set aside (not deleted): ${rep.setAside.join(', ')}`);
      ctx.out(`Could not keep ${rep.lost.length} line(s) in ${rep.droppedTx.length} transaction(s):`);
      for (const l of rep.lost) ctx.out(`  ${l.file} line ${l.line}${l.seq ? ` (event ${l.seq})` : ''}${l.tx ? ` tx ${l.tx}` : ''}: ${l.reason}`);
      ctx.out('Check those transactions against paper receipts; the set-aside journal keeps their bytes.');
      if (rep.overdrawn.length) {
        ctx.out(`WARNING: without them, ${rep.overdrawn.length} kept transaction(s) take a balance below zero (kept: they happened; also in till.log):`);
        for (const o of rep.overdrawn) ctx.out(`  ${o.code}: ${o.message}`);
      }
      return 0;
    }
    let r: Awaited<ReturnType<typeof rebuildSnapshot>>;
    try {
      r = await rebuildSnapshot(ctx.dataDir);
    } catch (e) {
      // Rebuilding replays the whole journal, so it stops at damage the running register may start past:
      // say what failed (not "cannot start") and keep the advice, which is the repair.
      if (!isStoreError(e) || e.code !== 'STORE_CORRUPT' || !e.message.startsWith(CANNOT_START)) throw e;
      ctx.err(`The snapshot cannot be rebuilt, the journal is damaged: ${e.message.slice(CANNOT_START.length)}`);
      return 1;
    }
    if (r.recovery.tornBytes) ctx.out(`Cut ${r.recovery.tornBytes} bytes of an incomplete transaction at the end of ${r.recovery.tornFile}.`);
    ctx.out(`Rebuilt the snapshot from ${r.events} journal events (last event ${r.seq}).`);
    return 0;
  },
};
