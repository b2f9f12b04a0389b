/**
 * English texts of the back-office command line (issue 13): `till --help`, each command's one-line
 * summary, and the frame every command's output shares (unknown command, unexpected error). Spread
 * into the English catalog (en.ts); vi-cli.ts, zh-cli.ts and ru-cli.ts hold the same keys.
 * The commands' own --help pages and output lines are still English (docs/languages.md says which).
 */
export const enCli = {
  'cli.help.title': 'till — a keyboard-first point-of-sale register',
  'cli.help.usage': 'Usage: till [--data DIR] [--lang LANG] <command> [options]      (till <command> --help for details)',
  'cli.help.commands': 'Commands:',
  'cli.help.global': 'Global options:',
  'cli.help.data': '--data DIR   data folder (default: $TILL_DATA or ~/.local/share/till; the demo uses ./demo-data, ./demo-data-vi …)',
  'cli.help.lang': '--lang LANG  language of this output: {languages} (default: $TILL_LANG, else the store’s language)',
  'cli.help.version': '--version    print the version',
  'cli.help.start': 'With no command, `till` opens the register (same as `till start`).',
  'cli.unknownCommand': 'Unknown command "{name}".',
  'cli.seeHelp': '{message} (see --help)',
  'cli.unexpected': 'Unexpected error: {message}',
  'cli.unexpectedNothing': 'Nothing was changed by the failing step. Run with TILL_DEBUG=1 for details and report it.',
  'cli.badLang': '--lang is one of {languages}, got "{value}"',
  'cli.summary.start': 'open the register (terminal UI)',
  'cli.summary.demo': 'open the register on a demo store with simulated hardware',
  'cli.summary.headless': 'drive the register with JSON Lines on stdin/stdout',
  'cli.summary.init': 'create a new store in the data folder',
  'cli.summary.import': 'load or update the product catalog from a CSV file',
  'cli.summary.giftcard': 'gift cards: create, show, block, load, adjust, expire, list, liability',
  'cli.summary.journal': 'verify the journal and snapshot, or show the last events',
  'cli.summary.store': 'rebuild the snapshot from the journal, or repair a damaged journal',
  'cli.summary.backup': 'write a consistent copy of the store to a folder',
  'cli.summary.customer': 'loyalty customers and cards: add, find, show, edit, block, unblock, regrade, import',
  'cli.summary.loyalty': 'loyalty programs, rewards and tiers; points corrections, bulk accrual, expiry',
  'cli.summary.doctor': 'check the kiosk: scanner, printer, drawer, GPIO, permissions (ok / problem / what to do)',
  'cli.summary.operator': 'cashiers and managers who sign in: add, list, pin, language, disable, enable',
  'cli.summary.shift': 'open or close the register’s shift from the back office (prints the Z)',
  'cli.summary.report': 'X and Z shift reports, and sales over a range of days (--csv, --json)',
  'cli.summary.sync': 'this register and the chain database: setup, status, push',
};
