/** `till store rebuild|repair`: rebuild the snapshot from the journal, or repair a damaged journal. */
import type { AdminCommand } from './command.js';
import { parse } from './args.js';
import { INCOMPLETE_TX, rebuildSnapshot, repairStore } from '../store/maintenance.js';
import { isStoreError } from '../store/errors.js';
import { translate } from '../i18n/index.js';

const CANNOT_START = 'The store cannot start: ';

const usage = translate('en', 'cli.store.usage');

export const storeCommand: AdminCommand = {
  name: 'store',
  summary: 'rebuild the snapshot from the journal, or repair a damaged journal',
  usage,
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {});
    const tr = (key: string, params?: Record<string, string | number>) => translate(ctx.language ?? 'en', key, params);
    if (values.help) return ctx.out(tr('cli.store.usage')), 0;
    if (positionals.length !== 1 || (positionals[0] !== 'rebuild' && positionals[0] !== 'repair')) {
      ctx.err(tr('cli.store.usage'));
      return 2;
    }
    if (positionals[0] === 'repair') {
      const rep = await repairStore(ctx.dataDir);
      if (rep.clean) {
        ctx.out(tr('cli.store.intact', { kept: rep.kept }));
        return 0;
      }
      const r = await rebuildSnapshot(ctx.dataDir);
      ctx.out(tr('cli.store.repaired', { kept: rep.kept, seq: r.seq }));
      ctx.out(tr('cli.store.setAside', { files: rep.setAside.join(', ') }));
      ctx.out(tr('cli.store.couldNotKeep', { lines: rep.lost.length, txs: rep.droppedTx.length }));
      for (const l of rep.lost) ctx.out(`  ${tr('cli.store.lostLine', { file: l.file, line: l.line })}${l.seq ? tr('cli.store.lostEvent', { seq: l.seq }) : ''}${l.tx ? tr('cli.store.lostTx', { tx: l.tx }) : ''}: ${l.reason === INCOMPLETE_TX ? tr('cli.store.incompleteTx') : l.reason}`);
      ctx.out(tr('cli.store.checkReceipts'));
      if (rep.overdrawn.length) {
        ctx.out(tr('cli.store.overdrawn', { n: rep.overdrawn.length }));
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
      ctx.err(tr('cli.store.cannotRebuild', { detail: e.message.slice(CANNOT_START.length) }));
      return 1;
    }
    if (r.recovery.tornBytes) ctx.out(tr('cli.store.cut', { bytes: r.recovery.tornBytes, file: String(r.recovery.tornFile) }));
    ctx.out(tr('cli.store.rebuilt', { events: r.events, seq: r.seq }));
    return 0;
  },
};
