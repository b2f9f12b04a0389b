/** `till store rebuild`: rebuild the snapshot from the journal. */
import type { AdminCommand } from './command.js';
import { parse } from './args.js';
import { rebuildSnapshot } from '../store/maintenance.js';

const usage = `Usage: till store rebuild [--data DIR]

Rebuilds the snapshot (store.json) by folding the whole journal, without reading the old snapshot.
Use it when start-up or 'till journal verify' reports a damaged snapshot or one that does not match
the journal. The journal is the record of truth and is not changed (except that an incomplete
transaction at its very end, a torn write, is cut, as at start-up). Close the register first.`;

export const storeCommand: AdminCommand = {
  name: 'store',
  summary: 'rebuild the snapshot from the journal',
  usage,
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {});
    if (values.help) return ctx.out(usage), 0;
    if (positionals.length !== 1 || positionals[0] !== 'rebuild') {
      ctx.err(usage);
      return 2;
    }
    const r = await rebuildSnapshot(ctx.dataDir);
    if (r.recovery.tornBytes) ctx.out(`Cut ${r.recovery.tornBytes} bytes of an incomplete transaction at the end of ${r.recovery.tornFile}.`);
    ctx.out(`Rebuilt the snapshot from ${r.events} journal events (last event ${r.seq}).`);
    return 0;
  },
};
