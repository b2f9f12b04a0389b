/** `till init`: creates a store in the data folder from a configuration file (or a backup). */
import { existsSync } from 'node:fs';
import type { AdminCommand } from './command.js';
import { parse } from './args.js';
import { DEFAULT_CONFIG, type TillConfig } from '../domain/config.js';
import { configPath, readConfigFile, writeConfig } from '../store/config-file.js';
import { initStore, storeExists } from '../store/open.js';
import { TillError } from '../domain/errors.js';
import { currencyCodeProblem } from '../domain/currency-code.js';
import type { EventDraft } from '../store/types.js';
import { translate } from '../i18n/index.js';

const usage = `Usage: till init [--config FILE] [--data DIR]
       till init --from-backup BACKUP_DIR [--data DIR]

Creates a new, empty store in the data folder.
  --config FILE        configuration to use (validated, then copied to DIR/till.config.json).
                       Without it the default configuration is written; edit it before selling.
  --from-backup DIR    restore a backup made by 'till backup' instead.
Refuses to touch a data folder that already holds a store.`;

/** Creates the config file and the store; shared by `till init` and the demo. */
export async function createStore(dataDir: string, config: TillConfig, seed: EventDraft[] = []): Promise<void> {
  writeConfig(dataDir, config);
  const store = await initStore(dataDir, { currency: config.currency, register: config.register.id, operator: config.operators[0].id }, seed);
  await store.close();
}

/** The configuration of a store to create: checked like any configuration, and refused with "Nothing was created". */
function readNew(path: string): TillConfig {
  try {
    return readConfigFile(path);
  } catch (e) {
    if (e instanceof TillError) throw new TillError(e.code, `${e.message}\nNothing was created.`, e.params);
    throw e;
  }
}

export const initCommand: AdminCommand = {
  name: 'init',
  summary: 'create a new store in the data folder',
  usage,
  async run(argv, ctx) {
    const { values } = parse(argv, { config: { type: 'string' }, 'from-backup': { type: 'string' } }, false);
    const lang = ctx.language ?? 'en';
    if (values.help) return ctx.out(translate(lang, 'cli.init.usage')), 0;
    if (storeExists(ctx.dataDir)) {
      ctx.err(translate(lang, 'cli.init.exists', { dir: ctx.dataDir }));
      return 1;
    }
    if (values['from-backup']) {
      const { restoreBackup } = await import('../store/maintenance.js');
      await restoreBackup(values['from-backup'] as string, ctx.dataDir);
      ctx.out(translate(lang, 'cli.init.restored', { backup: String(values['from-backup']), dir: ctx.dataDir }));
      return 0;
    }
    const config = values.config ? readNew(values.config as string) : DEFAULT_CONFIG;
    // A withdrawn code is readable in a store that already keeps its books in it, never chosen anew.
    const withdrawn = currencyCodeProblem(config.currency, { newStore: true });
    if (withdrawn) throw new TillError('CONFIG_INVALID', `${values.config as string} has 1 problem(s):\n  currency: ${withdrawn}\nNothing was created.`);
    if (!values.config && existsSync(configPath(ctx.dataDir))) {
      ctx.err(translate(lang, 'cli.init.configExists', { path: configPath(ctx.dataDir) }));
      return 1;
    }
    await createStore(ctx.dataDir, config);
    ctx.out(translate(lang, 'cli.init.created', { dir: ctx.dataDir, currency: config.currency, register: config.register.id }));
    if (!values.config) ctx.out(translate(lang, 'cli.init.next', { path: configPath(ctx.dataDir) }));
    return 0;
  },
};
