/** `till backup DIR`: a consistent, verified copy of the store that `till init --from-backup DIR` restores. */
import type { AdminCommand } from './command.js';
import { parse } from './args.js';
import { backupStore } from '../store/maintenance.js';
import { translate } from '../i18n/index.js';

const usage = `Usage: till backup DIR [--data DIR]

Writes a consistent copy of the store (snapshot, every journal segment, till.config.json) into DIR,
which must be new or empty, with a manifest of sizes and sha256 sums. Every file is flushed to disk
and the copy is verified before the manifest is written. Safe while the register runs: a sale being
committed at that moment is either wholly in the copy or not at all.
Restore with: till init --from-backup DIR --data NEW_DATA_DIR`;

export const backupCommand: AdminCommand = {
  name: 'backup',
  summary: 'write a consistent copy of the store to a folder',
  usage,
  async run(argv, ctx) {
    const { values, positionals } = parse(argv, {});
    const lang = ctx.language ?? 'en';
    if (values.help) return ctx.out(translate(lang, 'cli.backup.usage')), 0;
    if (positionals.length !== 1) {
      ctx.err(translate(lang, 'cli.backup.usage'));
      return 2;
    }
    const m = await backupStore(ctx.dataDir, positionals[0], { now: ctx.now });
    const bytes = m.files.reduce((a, f) => a + f.bytes, 0);
    ctx.out(translate(lang, 'cli.backup.done', { events: m.seq, files: m.files.length, bytes, dir: positionals[0] }));
    ctx.out(translate(lang, 'cli.backup.restoreWith', { dir: positionals[0] }));
    return 0;
  },
};
