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

/** Every command. Features add theirs here (one line each). */
export const COMMANDS: AdminCommand[] = [startCommand, demoCommand, headlessCommand, initCommand, importCommand];
COMMANDS.push(giftcardCommand);
COMMANDS.push(journalCommand, storeCommand, backupCommand);
COMMANDS.push(customerCommand, loyaltyCommand);
COMMANDS.push(doctorCommand);
COMMANDS.push(operatorCommand);
COMMANDS.push(shiftCommand, reportCommand);
COMMANDS.push(syncCommand);

export const defaultDataDir = (): string => process.env.TILL_DATA || join(homedir(), '.local', 'share', 'till');

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'till — a keyboard-first point-of-sale register',
    '',
    'Usage: till [--data DIR] <command> [options]      (till <command> --help for details)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    `  --data DIR   data folder (default: $TILL_DATA or ~/.local/share/till; the demo uses ./demo-data, ./demo-data-vi …)`,
    '  --version    print the version',
    '',
    'With no command, `till` opens the register (same as `till start`).',
  ].join('\n');
}

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
  try {
    const { dataDir, rest } = extractDataDir(argv);
    const [first, ...args] = rest;
    if (first === '--help' || first === '-h' || first === 'help') return out(helpText()), 0;
    if (first === '--version' || first === '-v') return out(version()), 0;
    const name = first === undefined || first.startsWith('-') ? 'start' : first;
    const cmdArgs = first === undefined || first.startsWith('-') ? rest : args;
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
      err(`Unknown command "${name}".\n\n${helpText()}`);
      return 2;
    }
    const ctx: CommandContext = {
      dataDir: name === 'demo' ? demoDataDir(dataDir ?? process.env.TILL_DATA, langArgument(cmdArgs)) : resolve(dataDir ?? defaultDataDir()),
      out,
      err,
      isTTY: io.isTTY ?? Boolean(process.stdout.isTTY),
      now: io.now ?? (() => new Date()),
      ...(io.readSecret ? { readSecret: io.readSecret } : {}),
    };
    return await command.run(cmdArgs, ctx);
  } catch (e) {
    if (isClosedPipe(e)) return 0; // the reader went away: nothing to tell anyone
    if (e instanceof TillError) {
      err(e.code === 'USAGE' ? `${e.message} (see --help)` : e.message);
      if (process.env.TILL_DEBUG) err(String(e.stack));
      return e.code === 'USAGE' ? 2 : 1;
    }
    err(`Unexpected error: ${(e as Error)?.message ?? String(e)}`);
    err('Nothing was changed by the failing step. Run with TILL_DEBUG=1 for details and report it.');
    if (process.env.TILL_DEBUG) err(String((e as Error)?.stack));
    return 1;
  }
}
