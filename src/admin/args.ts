/** Small helpers shared by the admin commands: option parsing that reports mistakes plainly. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TillError } from '../domain/errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses argv for a command; an unknown or malformed option becomes a USAGE error naming it. */
export function parse<O extends Options>(argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals, strict: true });
  } catch (e) {
    throw new TillError('USAGE', (e as Error).message.replace(/\. To specify a positional.*$/s, '.'));
  }
}

export const wantsHelp = (argv: string[]): boolean => argv.includes('--help') || argv.includes('-h');
