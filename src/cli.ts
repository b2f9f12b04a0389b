/**
 * The `till` command: composition root. Reads the global options, picks the command, and turns
 * every failure into a plain message and an exit code (a stack trace only with TILL_DEBUG=1).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type { AdminCommand, CommandContext } from './admin/command.js';
import { TillError } from './domain/errors.js';
import { initCommand } from './admin/init.js';
import { importCommand } from './admin/import.js';
import { demoCommand, demoDataDir, headlessCommand, langArgument, startCommand } from './admin/run.js';
import { giftcardCommand } from './admin/giftcard.js';
import { journalCommand } from './admin/journal.js';
import { storeCommand } from './admin/store-cmd.js';
import { backupCommand } from './admin/backup.js';
import { customerCommand } from './admin/customer.js';
import { loyaltyCommand } from './admin/loyalty.js';
import { doctorCommand } from './admin/doctor.js';
import { operatorCommand } from './admin/operator.js';
import { reportCommand } from './admin/report.js';
import { shiftCommand } from './admin/shift.js';
import { guardOutput, isClosedPipe } from './admin/closed-pipe.js';
import { syncCommand } from './admin/sync.js';
import { hqCommand } from './admin/hq.js';
import { cliLanguage, extractLang, OWN_LANG } from './admin/cli-language.js';
import { hasMessage, translate } from './i18n/index.js';
import { refusalText } from './admin/refusal.js';
import { LANGUAGES } from './i18n/languages.js';

/** Every command. Features add theirs here (one line each). */
export const COMMANDS: AdminCommand[] = [startCommand, demoCommand, headlessCommand, initCommand, importCommand];
COMMANDS.push(giftcardCommand);
COMMANDS.push(journalCommand, storeCommand, backupCommand);
COMMANDS.push(customerCommand, loyaltyCommand);
COMMANDS.push(doctorCommand);
COMMANDS.push(operatorCommand);
COMMANDS.push(shiftCommand, reportCommand);
COMMANDS.push(syncCommand);
COMMANDS.push(hqCommand);

export const defaultDataDir = (): string => process.env.TILL_DATA || join(homedir(), '.local', 'share', 'till');

/** A command's one-line summary in `lang` (the catalog's `cli.summary.<name>`, else its own English one). */
export function commandSummary(c: AdminCommand, lang: string): string {
  const key = `cli.summary.${c.name}`;
  return hasMessage(key, lang) ? translate(lang, key) : c.summary;
}

function helpText(lang = 'en'): string {
  const tr = (key: string, params?: Record<string, string>) => translate(lang, key, params);
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    tr('cli.help.title'),
    '',
    tr('cli.help.usage'),
    '',
    tr('cli.help.commands'),
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${commandSummary(c, lang)}`),
    '',
    tr('cli.help.global'),
    `  ${tr('cli.help.data')}`,
    `  ${tr('cli.help.lang', { languages: LANGUAGES.join(', ') })}`,
    `  ${tr('cli.help.version')}`,
    '',
    tr('cli.help.start'),
  ].join('\n');
}

export { refusalText };

function version(): string {
  try {
    return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

/** Takes `--data DIR` / `--data=DIR` out of argv wherever it stands. */
function extractDataDir(argv: string[]): { dataDir?: string; rest: string[] } {
  const rest: string[] = [];
  let dataDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data') {
      if (i + 1 >= argv.length) throw new TillError('USAGE', '--data needs a folder');
      dataDir = argv[++i];
    } else if (a.startsWith('--data=')) dataDir = a.slice(7);
    else rest.push(a);
  }
  return { dataDir, rest };
}

export async function main(argv: string[], io: Partial<CommandContext> = {}): Promise<number> {
  // A closed reader (`| head -3`) ends the output quietly; the command still finishes (and closes the store).
  const stdout = io.out ? undefined : guardOutput(process.stdout);
  const stderr = io.err ? undefined : guardOutput(process.stderr);
  const out = io.out ?? ((l: string) => stdout!.write(`${l}\n`));
  const err = io.err ?? ((l: string) => stderr!.write(`${l}\n`));
  let lang = 'en';
  try {
    const { dataDir, rest: afterData } = extractDataDir(argv);
    // A --lang before the command is the output's language; start and demo take theirs after it (the
    // screen's language for the run), and it speaks for their messages too.
    const { lang: langFlag, rest } = extractLang(afterData);
    const [first, ...args] = rest;
    const peek = first;
    const name = first === undefined || first.startsWith('-') ? 'start' : first;
    const cmdArgs = first === undefined || first.startsWith('-') ? rest : args;
    const folder = name === 'demo' ? demoDataDir(dataDir ?? process.env.TILL_DATA, langArgument(cmdArgs)) : resolve(dataDir ?? defaultDataDir());
    const ownLang = OWN_LANG.has(name) ? langArgument(cmdArgs) : undefined;
    lang = cliLanguage({ flag: langFlag, env: (LANGUAGES as readonly string[]).includes(ownLang ?? '') ? ownLang : process.env.TILL_LANG, dataDir: folder });
    if (peek === '--help' || peek === '-h' || peek === 'help') return out(helpText(lang)), 0;
    if (peek === '--version' || peek === '-v') return out(version()), 0;
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
      err(`${translate(lang, 'cli.unknownCommand', { name })}\n\n${helpText(lang)}`);
      return 2;
    }
    const ctx: CommandContext = {
      dataDir: folder,
      out,
      err,
      isTTY: io.isTTY ?? Boolean(process.stdout.isTTY),
      now: io.now ?? (() => new Date()),
      language: lang,
      ...(io.readSecret ? { readSecret: io.readSecret } : {}),
    };
    return await command.run(cmdArgs, ctx);
  } catch (e) {
    if (isClosedPipe(e)) return 0; // the reader went away: nothing to tell anyone
    if (e instanceof TillError) {
      err(e.code === 'USAGE' ? translate(lang, 'cli.seeHelp', { message: e.message }) : refusalText(e, lang));
      if (process.env.TILL_DEBUG) err(String(e.stack));
      return e.code === 'USAGE' ? 2 : 1;
    }
    err(translate(lang, 'cli.unexpected', { message: (e as Error)?.message ?? String(e) }));
    err(translate(lang, 'cli.unexpectedNothing'));
    if (process.env.TILL_DEBUG) err(String((e as Error)?.stack));
    return 1;
  }
}
