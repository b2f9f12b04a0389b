/**
 * `till operator`: who may sign in at the till. Operators live in the journal (operator.* events),
 * so every register of the store knows them and nothing is ever deleted: a leaver is disabled. The
 * PIN is read from the terminal (asked twice, not echoed) or the first line of stdin, never from the
 * command line, and only its salted scrypt hash is stored.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AdminCommand, CommandContext } from './command.js';
import { parse } from './args.js';
import { TillError, type Result } from '../domain/errors.js';
import { checkPin, hashPin } from '../domain/operators/pin.js';
import { checkNewOperator, existing, operatorLanguage, planAddOperator, planSetDisabled, planSetLanguage, planSetPin } from '../domain/operators/operations.js';
import { LANGUAGE_NAMES, type Language } from '../i18n/languages.js';
import { readConfig } from '../store/config-file.js';
import { openStore } from '../store/open.js';
import { operatorsOf } from '../store/projections/operators.js';
import type { Store } from '../store/types.js';
import { readPin } from './pin-input.js';

const SUBS: Record<string, string> = {
  add: `Usage: till operator add --id CODE --name NAME --role cashier|manager [--card BADGE] [--lang en|vi|zh|ru]
Adds an operator. CODE is what they type at sign-in (1-16 letters or digits); --card a badge barcode
that can be scanned instead; --lang the language the till's screen speaks to them (default: the
shop's "language"; receipts always print in the shop's). The PIN (4-8 digits) is asked for twice on the terminal, or read from
the first line of stdin: printf '1234\\n' | till operator add --id anna --name Anna --role cashier`,
  list: `Usage: till operator list [--json]
Every operator: code, name, role, badge (masked), screen language, enabled or disabled.`,
  language: `Usage: till operator language CODE en|vi|zh|ru|shop
The language of the till's screen while this operator is signed in ("shop": the shop's "language").`,
  pin: `Usage: till operator pin CODE
Sets a new PIN for the operator (asked for twice, or the first line of stdin).`,
  disable: `Usage: till operator disable CODE
The operator can no longer sign in or approve. Their past events keep their name. The last enabled
manager cannot be disabled.`,
  enable: `Usage: till operator enable CODE`,
};

const usage = `Usage: till operator <subcommand> [options] [--data DIR]     (till operator <subcommand> --help)

Subcommands:
  add      add a cashier or manager with a PIN
  list     list operators [--json]
  pin      set an operator's PIN
  language set the screen language of an operator (en, vi, zh, ru, shop)
  disable  stop an operator signing in (kept in the history)
  enable   let a disabled operator sign in again`;

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw r.error;
  return r.value;
};

async function withStore(ctx: CommandContext, fn: (store: Store) => Promise<number>): Promise<number> {
  const config = readConfig(ctx.dataDir);
  const store = await openStore(ctx.dataDir, { register: config.register.id, operator: 'back-office' });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function pinOf(ctx: CommandContext): Promise<string> {
  const pin = await (ctx.readSecret ?? (() => readPin()))();
  return must(checkPin(pin));
}

const maskBadge = (card: string | null): string => (card ? `…${card.slice(-4)}` : '');

async function add(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parse(argv, { id: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, card: { type: 'string' }, lang: { type: 'string' } }, false);
  return withStore(ctx, async (store) => {
    const input = { id: String(values.id ?? ''), name: String(values.name ?? ''), role: String(values.role ?? ''), card: values.card as string | undefined, language: values.lang as string | undefined };
    // Refuse a bad code or name before asking for a PIN (the PIN is checked again with the hash).
    must(checkNewOperator(operatorsOf(store.state), input));
    const pin = await pinOf(ctx);
    const ev = must(planAddOperator(operatorsOf(store.state), input, hashPin(pin, randomBytes(16)), ctx.now().toISOString()));
    await store.commit({ id: randomUUID(), events: [ev] });
    const o = ev.data.operator;
    ctx.out(`Added ${o.role} ${o.name} (code ${o.id}${o.card ? `, badge ${maskBadge(o.card)}` : ''}${o.language ? `, screen in ${LANGUAGE_NAMES[o.language as Language]}` : ''}).`);
    return 0;
  });
}

async function list(argv: string[], ctx: CommandContext): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } }, false);
  return withStore(ctx, async (store) => {
    const all = Object.values(operatorsOf(store.state).byId).sort((a, b) => a.id.localeCompare(b.id));
    if (values.json) {
      ctx.out(JSON.stringify({ operators: all.map((o) => ({ id: o.id, name: o.name, role: o.role, badge: o.card ? maskBadge(o.card) : null, language: operatorLanguage(o), disabled: o.disabled, created: o.created })) }));
      return 0;
    }
    if (all.length === 0) {
      ctx.out('No operators yet: the register runs without sign-in. Add a manager first: till operator add --id ID --name NAME --role manager');
      return 0;
    }
    const w = Math.max(4, ...all.map((o) => o.id.length));
    const n = Math.max(4, ...all.map((o) => o.name.length));
    ctx.out(`${'CODE'.padEnd(w)}  ${'NAME'.padEnd(n)}  ROLE     BADGE  LANG  STATE`);
    for (const o of all) ctx.out(`${o.id.padEnd(w)}  ${o.name.padEnd(n)}  ${o.role.padEnd(7)}  ${maskBadge(o.card).padEnd(5)}  ${(operatorLanguage(o) ?? 'shop').padEnd(4)}  ${o.disabled ? 'disabled' : 'enabled'}`);
    return 0;
  });
}

async function pin(argv: string[], ctx: CommandContext): Promise<number> {
  const { positionals } = parse(argv, {});
  const id = positionals[0] ?? '';
  return withStore(ctx, async (store) => {
    const who = must(existing(operatorsOf(store.state), id));
    const ev = must(planSetPin(operatorsOf(store.state), who.id, hashPin(await pinOf(ctx), randomBytes(16))));
    await store.commit({ id: randomUUID(), events: [ev] });
    ctx.out(`New PIN set for ${operatorsOf(store.state).byId[ev.data.id].name}.`);
    return 0;
  });
}

const setDisabled = (disabled: boolean) => async (argv: string[], ctx: CommandContext): Promise<number> => {
  const { positionals } = parse(argv, {});
  return withStore(ctx, async (store) => {
    const ev = must(planSetDisabled(operatorsOf(store.state), positionals[0] ?? '', disabled));
    await store.commit({ id: randomUUID(), events: [ev] });
    const o = operatorsOf(store.state).byId[ev.data.id];
    ctx.out(`${o.name} (${o.id}) is ${disabled ? 'disabled: they can no longer sign in or approve' : 'enabled again'}.`);
    return 0;
  });
};

async function language(argv: string[], ctx: CommandContext): Promise<number> {
  const { positionals } = parse(argv, {});
  if (positionals.length !== 2) throw new TillError('USAGE', SUBS.language);
  return withStore(ctx, async (store) => {
    const ev = must(planSetLanguage(operatorsOf(store.state), positionals[0], positionals[1]));
    await store.commit({ id: randomUUID(), events: [ev] });
    const o = operatorsOf(store.state).byId[ev.data.id];
    const lang = ev.data.language as Language | null;
    ctx.out(`${o.name} (${o.id}): the screen speaks ${lang ? LANGUAGE_NAMES[lang] : "the shop's language"} while they are signed in.`);
    return 0;
  });
}

const HANDLERS: Record<string, (argv: string[], ctx: CommandContext) => Promise<number>> = { add, list, pin, language, disable: setDisabled(true), enable: setDisabled(false) };

export const operatorCommand: AdminCommand = {
  name: 'operator',
  summary: 'cashiers and managers who sign in: add, list, pin, language, disable, enable',
  usage,
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    if (!sub || sub === '--help' || sub === '-h') return ctx.out(usage), 0;
    const handler = HANDLERS[sub];
    if (!handler) throw new TillError('USAGE', `unknown subcommand "${sub}" of till operator`);
    if (rest.includes('--help') || rest.includes('-h')) return ctx.out(SUBS[sub]), 0;
    return handler(rest, ctx);
  },
};
