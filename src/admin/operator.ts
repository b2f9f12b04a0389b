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
import { translate } from '../i18n/index.js';
import { textWidth as cols } from '../domain/receipt-text.js';

/** Each subcommand's --help page, in the output's language (`cli.operator.help.<sub>`). */
const subHelp = (sub: string, lang: string): string => translate(lang, `cli.operator.help.${sub}`);
const usageIn = (lang: string): string => translate(lang, 'cli.operator.usage');
const usage = usageIn('en');

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
    const tr = (key: string, params?: Record<string, string>) => translate(ctx.language ?? 'en', key, params);
    const extra = `${o.card ? tr('cli.operator.addedBadge', { badge: maskBadge(o.card) }) : ''}${o.language ? tr('cli.operator.addedLanguage', { language: LANGUAGE_NAMES[o.language as Language] }) : ''}`;
    ctx.out(tr('cli.operator.added', { role: tr(`cli.operator.role.${o.role}`), name: o.name, id: o.id, extra }));
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
    const tr = (key: string) => translate(ctx.language ?? 'en', key);
    if (all.length === 0) {
      ctx.out(tr('cli.operator.none'));
      return 0;
    }
    // Columns in terminal columns: a heading or a name in CJK takes two per character.
    const heads = ['code', 'name', 'role', 'badge', 'lang', 'state'].map((h) => tr(`cli.operator.col.${h}`));
    const rows = all.map((o) => [o.id, o.name, tr(`cli.operator.role.${o.role}`), maskBadge(o.card), operatorLanguage(o) ?? 'shop', tr(o.disabled ? 'cli.operator.disabledState' : 'cli.operator.enabledState')]);
    const widths = heads.map((h, i) => Math.max(cols(h), ...rows.map((r) => cols(r[i]))));
    const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i] - cols(c)))).join('  ');
    ctx.out(line(heads));
    for (const r of rows) ctx.out(line(r));
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
    ctx.out(translate(ctx.language ?? 'en', 'cli.operator.pinSet', { name: operatorsOf(store.state).byId[ev.data.id].name }));
    return 0;
  });
}

const setDisabled = (disabled: boolean) => async (argv: string[], ctx: CommandContext): Promise<number> => {
  const { positionals } = parse(argv, {});
  return withStore(ctx, async (store) => {
    const ev = must(planSetDisabled(operatorsOf(store.state), positionals[0] ?? '', disabled));
    await store.commit({ id: randomUUID(), events: [ev] });
    const o = operatorsOf(store.state).byId[ev.data.id];
    ctx.out(translate(ctx.language ?? 'en', disabled ? 'cli.operator.disabled' : 'cli.operator.enabled', { name: o.name, id: o.id }));
    return 0;
  });
};

async function language(argv: string[], ctx: CommandContext): Promise<number> {
  const { positionals } = parse(argv, {});
  if (positionals.length !== 2) throw new TillError('USAGE', subHelp('language', ctx.language ?? 'en'));
  return withStore(ctx, async (store) => {
    const ev = must(planSetLanguage(operatorsOf(store.state), positionals[0], positionals[1]));
    await store.commit({ id: randomUUID(), events: [ev] });
    const o = operatorsOf(store.state).byId[ev.data.id];
    const lang = ev.data.language as Language | null;
    const tr = (key: string, params?: Record<string, string>) => translate(ctx.language ?? 'en', key, params);
    ctx.out(tr('cli.operator.languageSet', { name: o.name, id: o.id, language: lang ? LANGUAGE_NAMES[lang] : tr('cli.operator.shopLanguage') }));
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
    const lang = ctx.language ?? 'en';
    if (!sub || sub === '--help' || sub === '-h') return ctx.out(usageIn(lang)), 0;
    const handler = HANDLERS[sub];
    if (!handler) throw new TillError('USAGE', translate(lang, 'cli.operator.unknownSub', { sub }));
    if (rest.includes('--help') || rest.includes('-h')) return ctx.out(subHelp(sub, lang)), 0;
    return handler(rest, ctx);
  },
};
