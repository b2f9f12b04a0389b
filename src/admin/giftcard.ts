/**
 * `till giftcard`: the back office for gift cards. Every change is validated by the domain against the
 * card as the store holds it and committed as journal events; a correction is a compensating event,
 * never an edit. Full codes are written only to the CSV export of `create` (that file is for the card
 * printer); everything printed here names a card by its last four characters.
 */
import { randomBytes as cryptoRandomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { backOfficeOperator } from './operator-arg.js';
import type { AdminCommand, CommandContext } from './command.js';
import { parse } from './args.js';
import { progressBar } from './progress.js';
import { TillError, type Result } from '../domain/errors.js';
import { currency as currencyOf, parseAmount, type Minor } from '../domain/money.js';
import type { TillConfig } from '../domain/config.js';
import {
  CODE_RANDOM_BYTES, CARD_CSV_HEADER, addDays, localDateTime, cardCsvLine, generateCode, isDate, liability, liabilityLines, listRow, listHeader, localDate, stateText,
  matchesFilter, maskCode, money, parseCode, cardHistoryLines, cardJson, listRowJson, planAdjust, planBlock, planExpire, planIssue, planLoad, planUnblock, showCard, type GiftCard, type GiftCardDraft, type GiftCardState, type IssuedData,
} from '../domain/giftcard/index.js';
import { readConfig } from '../store/config-file.js';
import { openStore } from '../store/open.js';
import { findGiftCard, giftCardSlice } from '../store/projections/giftcards.js';
import { accountById, loyaltyOf } from '../store/projections/loyalty.js';
import type { LoyaltyAccount } from '../domain/loyalty/types.js';
import { resolveCustomer } from './loyalty.js';
import { PAGE_OPTIONS, pageFooter, pageOrRefuse, pageRequest, printJson, refuseLimit } from './paging.js';
import { pageFields } from '../domain/paging.js';
import type { Store } from '../store/types.js';
import { translate, translator, type Translate } from '../i18n/index.js';

const SUB_NAMES = ['create', 'show', 'block', 'unblock', 'load', 'adjust', 'expire', 'list', 'liability'] as const;
/** Each subcommand's --help page in the output's language (`cli.giftcard.help.<sub>`). */
const subHelp = (sub: string, lang: string): string => translate(lang, `cli.giftcard.help.${sub}`);
const usage = translate('en', 'cli.giftcard.usage');

export interface GiftCardCommandDeps {
  randomBytes: (n: number) => Uint8Array;
}

const MAX_COUNT = 100_000;
const CHUNK = 1000;

interface Session {
  ctx: CommandContext;
  config: TillConfig;
  store: Store;
  currency: string;
  today: string;
  /** The output's language. */
  t: Translate;
  lang: string;
}

function usageError(message: string): never {
  throw new TillError('USAGE', message);
}

function amountOf(text: unknown, cur: string, what: string, t: Translate): Minor {
  const n = typeof text === 'string' ? parseAmount(text, currencyOf(cur)) : null;
  if (n === null) usageError(t('cli.giftcard.amountBad', { what, currency: cur, example: currencyOf(cur).exponent ? '"20.00"' : '"50000"', got: JSON.stringify(text ?? '') }));
  return n;
}

function positiveInt(text: unknown, what: string, max: number, t: Translate): number {
  const n = typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= max)) usageError(t('cli.giftcard.wholeNumber', { what, max: String(max) }));
  return n;
}

function codeArg(positionals: string[], s: Session): string {
  if (positionals.length !== 1) usageError(s.t('cli.giftcard.oneCode'));
  const r = parseCode(positionals[0], s.config.codes.giftCardPrefix);
  if (!r.ok) throw r.error;
  return r.value;
}

function cardOf(s: Session, code: string): GiftCard {
  const card = findGiftCard(s.store.state, code);
  if (!card) throw new TillError('GIFT_CARD_UNKNOWN', `No gift card ${maskCode(code)} in this store.`);
  return card;
}

/**
 * The customer a card is reserved for, named as everywhere else in the back office (card number, phone
 * or id: the one resolver of `till customer`). The card stores the customer's id, which is what the
 * till compares with the customer attached to the sale.
 */
function customerOf(s: Session, ref: string): LoyaltyAccount {
  return resolveCustomer({ config: s.config, slice: () => loyaltyOf(s.store.state), ctx: s.ctx }, ref);
}

function must<T>(r: Result<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

/** Commits drafts for one card and prints the result. */
async function commitOne(s: Session, drafts: GiftCardDraft[], operator: string, code: string, verb: 'block' | 'unblock' | 'load' | 'adjust'): Promise<number> {
  await s.store.commit({ id: randomUUID(), events: drafts, operator });
  const card = cardOf(s, code);
  s.ctx.out(s.t(`cli.giftcard.done.${verb}`, { code: maskCode(code), state: stateText(card.state, s.t), balance: money(card.balance, card.currency) }));
  return 0;
}

function signedAmount(text: unknown, cur: string, tr: Translate): Minor {
  const t = typeof text === 'string' ? text.trim() : '';
  const neg = t.startsWith('-');
  const n = amountOf(t.replace(/^[+-]/, ''), cur, '--amount', tr);
  return neg ? -n : n;
}

async function create(argv: string[], s: Session, deps: GiftCardCommandDeps): Promise<number> {
  const { values } = parse(argv, {
    value: { type: 'string' }, price: { type: 'string' }, count: { type: 'string' }, expires: { type: 'string' }, days: { type: 'string' },
    customer: { type: 'string' }, pending: { type: 'boolean' }, csv: { type: 'string' }, operator: { type: 'string' },
  }, false);
  const t = s.t;
  if (values.help) return s.ctx.out(subHelp('create', s.lang)), 0;
  if (!values.csv) usageError(t('cli.giftcard.csvRequired'));
  if (existsSync(values.csv as string)) usageError(t('cli.giftcard.csvExists', { file: String(values.csv) }));
  const pending = Boolean(values.pending);
  if (values.value === undefined && !pending) usageError(t('cli.giftcard.valueRequired'));
  const faceValue = values.value === undefined ? 0 : amountOf(values.value, s.currency, '--value', t);
  const price = values.price === undefined ? undefined : amountOf(values.price, s.currency, '--price', t);
  const count = values.count === undefined ? 1 : positiveInt(values.count, '--count', MAX_COUNT, t);
  if (values.expires !== undefined && values.days !== undefined) usageError(t('cli.giftcard.expiresOrDays'));
  if (values.expires !== undefined && !isDate(values.expires)) usageError(t('cli.giftcard.dateBad', { what: '--expires' }));
  const days = values.days === undefined ? s.config.giftCards.defaultValidityDays : positiveInt(values.days, '--days', 36500, t);
  let expiresOn = values.expires as string | undefined;
  let validityDays: number | undefined;
  if (!expiresOn && days > 0) pending ? (validityDays = days) : (expiresOn = addDays(s.today, days));
  const owner = values.customer === undefined ? undefined : customerOf(s, values.customer as string);
  const operator = backOfficeOperator(s.config, s.store.state, values.operator as string | undefined);
  const batch = randomUUID();
  const cards: GiftCardDraft[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < count; i++) {
    let code = generateCode(deps.randomBytes(CODE_RANDOM_BYTES));
    while (taken.has(code) || findGiftCard(s.store.state, code)) code = generateCode(deps.randomBytes(CODE_RANDOM_BYTES));
    taken.add(code);
    const req = { code, currency: s.currency, faceValue, price, pending, expiresOn, validityDays, customerId: owner?.id, batch, today: s.today };
    cards.push(...must(planIssue(undefined, req)));
  }
  const file = values.csv as string;
  const tmp = `${file}.tmp-${process.pid}`;
  const rows = (upTo: number) => [CARD_CSV_HEADER.join(','), ...cards.slice(0, upTo).map((d) => cardCsvLine(d.data as IssuedData, s.config.codes.giftCardPrefix))];
  writeCsv(tmp, rows(cards.length));
  const bar = progressBar(s.ctx.isTTY, t('cli.giftcard.progress.create'));
  let done = 0;
  try {
    for (; done < cards.length; done += CHUNK) {
      await s.store.commit({ id: `${batch}-${done / CHUNK + 1}`, events: cards.slice(done, done + CHUNK), operator });
      bar.update(Math.min(done + CHUNK, cards.length), cards.length);
    }
  } catch (e) {
    bar.done();
    if (done === 0) rmSync(tmp, { force: true });
    else writeCsv(tmp, rows(done)), renameSync(tmp, file);
    s.ctx.err(done ? t('cli.giftcard.createFailedCodes', { done, count, file }) : t('cli.giftcard.createFailed', { done, count }));
    throw e;
  }
  bar.done();
  renameSync(tmp, file);
  const value = faceValue ? t('cli.giftcard.created.value', { value: String(values.value), currency: s.currency }) : t('cli.giftcard.created.valueAtSale');
  const only = owner ? t('cli.giftcard.created.only', { name: owner.name, card: owner.card }) : '';
  const priced = price !== undefined ? t('cli.giftcard.created.price', { price: String(values.price) }) : '';
  s.ctx.out(t(pending ? 'cli.giftcard.createdPending' : 'cli.giftcard.createdActive', { count, value, price: priced, only, batch, file }));
  if (owner?.blocked) s.ctx.out(t('cli.giftcard.ownerBlocked', { name: owner.name }));
  return 0;
}

/** Writes the CSV to a private temp file and fsyncs it; the caller renames it into place. */
function writeCsv(tmp: string, lines: string[]): void {
  let fd: number;
  try {
    fd = openSync(tmp, 'w', 0o600);
  } catch (e) {
    const params = { file: tmp, error: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
    // English here; the CLI says it in the output's language from the same catalog key (refusalText).
    throw new TillError('EXPORT_FAILED', translate('en', 'cli.error.EXPORT_FAILED', params), params);
  }
  try {
    writeSync(fd, `${lines.join('\n')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function expire(argv: string[], s: Session): Promise<number> {
  const { values } = parse(argv, { 'dry-run': { type: 'boolean' }, operator: { type: 'string' } }, false);
  if (values.help) return s.ctx.out(subHelp('expire', s.lang)), 0;
  const drafts: GiftCardDraft[] = [];
  for (const card of Object.values(giftCardSlice(s.store.state).cards)) {
    const r = planExpire(card, { today: s.today });
    if (r.ok) drafts.push(...r.value);
  }
  const forfeited = drafts.reduce((a, d) => a + (d.data as { forfeited: number }).forfeited, 0);
  const summary = s.t('cli.giftcard.expireSummary', { n: drafts.length, amount: money(forfeited, s.currency) });
  if (values['dry-run']) return s.ctx.out(s.t('cli.giftcard.dryRun', { summary })), 0;
  const bar = progressBar(s.ctx.isTTY, s.t('cli.giftcard.progress.expire'));
  const operator = backOfficeOperator(s.config, s.store.state, values.operator as string | undefined);
  const batch = randomUUID();
  for (let i = 0; i < drafts.length; i += CHUNK) {
    await s.store.commit({ id: `${batch}-${i / CHUNK + 1}`, events: drafts.slice(i, i + CHUNK), operator });
    bar.update(Math.min(i + CHUNK, drafts.length), drafts.length);
  }
  bar.done();
  s.ctx.out(s.t('cli.giftcard.expired', { summary }));
  return 0;
}

const STATES: GiftCardState[] = ['pending', 'active', 'blocked', 'expired', 'depleted'];

function list(argv: string[], s: Session): number {
  refuseLimit(argv, s.lang);
  const { values } = parse(argv, { state: { type: 'string' }, 'expiring-before': { type: 'string' }, customer: { type: 'string' }, ...PAGE_OPTIONS }, false);
  if (values.help) return s.ctx.out(subHelp('list', s.lang)), 0;
  const state = values.state as GiftCardState | undefined;
  if (state !== undefined && !STATES.includes(state)) usageError(s.t('cli.giftcard.stateBad', { states: STATES.join(', ') }));
  const before = values['expiring-before'] as string | undefined;
  if (before !== undefined && !isDate(before)) usageError(s.t('cli.giftcard.dateBad', { what: '--expiring-before' }));
  const req = pageRequest(values, s.lang);
  const filter = { state, expiringBefore: before, customerId: values.customer === undefined ? undefined : customerOf(s, values.customer as string).id };
  const cards = Object.values(giftCardSlice(s.store.state).cards).filter((card) => matchesFilter(card, filter, s.today));
  const page = pageOrRefuse(cards, req, s.lang);
  if (values.json) return printJson(s.ctx, { ...pageFields(page), cards: page.items.map((card) => listRowJson(card, s.today)) }), 0;
  s.ctx.out(listHeader(s.t));
  for (const card of page.items) s.ctx.out(listRow(card, s.today, s.t));
  s.ctx.out(pageFooter(page, 'cards', s.t('cli.page.order.issue'), s.lang));
  return 0;
}

function report(argv: string[], s: Session): number {
  const { values } = parse(argv, { from: { type: 'string' }, to: { type: 'string' }, 'as-of': { type: 'string' } }, false);
  if (values.help) return s.ctx.out(subHelp('liability', s.lang)), 0;
  for (const k of ['from', 'to', 'as-of'] as const) if (values[k] !== undefined && !isDate(values[k])) usageError(s.t('cli.giftcard.dateBad', { what: `--${k}` }));
  const asOf = values['as-of'] as string | undefined;
  // A preview of what lies ahead; a past day would need balances as they were then, which this is not.
  if (asOf !== undefined && asOf < s.today) usageError(s.t('cli.giftcard.asOfPast', { today: s.today }));
  const r = liability(Object.values(giftCardSlice(s.store.state).cards), {
    currency: s.currency, today: s.today, dayOf: (iso) => localDate(new Date(iso)), from: values.from as string | undefined, to: values.to as string | undefined, asOf,
  });
  for (const line of liabilityLines(r, s.t)) s.ctx.out(line);
  return 0;
}

const localTime = localDateTime;

/** `--amount -5.00` reads as an option to parseArgs; glue a negative amount to its option. */
function glueNegative(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--amount' && /^-\d/.test(argv[i + 1] ?? '')) out.push(`--amount=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

/** `show`: the card, then its history newest first, a page at a time (or one JSON document). */
function show(argv: string[], s: Session): number {
  const { values, positionals } = parse(argv, { ...PAGE_OPTIONS });
  if (values.help) return s.ctx.out(subHelp('show', s.lang)), 0;
  const req = pageRequest(values, s.lang);
  const card = cardOf(s, codeArg(positionals, s));
  const owner = card.customerId ? accountById(loyaltyOf(s.store.state), card.customerId) : undefined;
  const page = pageOrRefuse(card.history.slice().reverse(), req, s.lang);
  if (values.json) return printJson(s.ctx, cardJson(card, s.today, owner, page)), 0;
  for (const line of [...showCard(card, s.today, localTime, owner, s.t), ...cardHistoryLines(page, card.currency, localTime, s.t)]) s.ctx.out(line);
  s.ctx.out(pageFooter(page, 'movements', s.t('cli.page.order.newest'), s.lang));
  return 0;
}

async function onCard(sub: string, argv: string[], s: Session): Promise<number> {
  const { values, positionals } = parse(glueNegative(argv), { reason: { type: 'string' }, amount: { type: 'string' }, operator: { type: 'string' }, extend: { type: 'boolean' }, days: { type: 'string' } });
  if (values.help) return s.ctx.out(subHelp(sub, s.lang)), 0;
  if (sub !== 'load' && (values.extend || values.days !== undefined)) usageError(s.t('cli.giftcard.extendOnlyLoad', { sub }));
  if (values.days !== undefined && !values.extend) usageError(s.t('cli.giftcard.daysNeedsExtend'));
  const code = codeArg(positionals, s);
  const card = cardOf(s, code);
  const operator = backOfficeOperator(s.config, s.store.state, values.operator as string | undefined);
  const reason = (values.reason as string | undefined) ?? '';
  switch (sub) {
    case 'block':
      return commitOne(s, must(planBlock(card, { reason })), operator, code, 'block');
    case 'unblock':
      return commitOne(s, must(planUnblock(card, { reason })), operator, code, 'unblock');
    case 'load': {
      const amount = amountOf(values.amount, s.currency, '--amount', s.t);
      if (!values.extend) {
        const r = planLoad(card, { amount, currency: s.currency, today: s.today });
        if (!r.ok && r.error.code === 'GIFT_CARD_EXPIRED')
          throw new TillError('GIFT_CARD_EXPIRED', `${r.error.message} To top it up with a new expiry: till giftcard load ${maskCode(code)} --amount ${values.amount} --extend`, { ...r.error.params, command: `till giftcard load ${maskCode(code)} --amount ${values.amount} --extend` });
        return commitOne(s, must(r), operator, code, 'load');
      }
      const validityDays = values.days === undefined ? s.config.giftCards.defaultValidityDays : positiveInt(values.days, '--days', 36500, s.t);
      await commitOne(s, must(planLoad(card, { amount, currency: s.currency, today: s.today, extend: { validityDays } })), operator, code, 'load');
      const after = cardOf(s, code);
      s.ctx.out(after.expiresOn ? s.t('cli.giftcard.validUntil', { date: after.expiresOn }) : s.t('cli.giftcard.neverExpires'));
      return 0;
    }
    default: {
      const amount = signedAmount(values.amount, s.currency, s.t);
      return commitOne(s, must(planAdjust(card, { amount, reason, today: s.today })), operator, code, 'adjust');
    }
  }
}

export function createGiftCardCommand(deps: GiftCardCommandDeps = { randomBytes: cryptoRandomBytes }): AdminCommand {
  return {
    name: 'giftcard',
    summary: 'gift cards: create, show, block, load, adjust, expire, list, liability',
    usage,
    async run(argv, ctx) {
      const [sub, ...rest] = argv;
      const lang = ctx.language ?? 'en';
      const t = translator(lang);
      if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') return ctx.out(t('cli.giftcard.usage')), sub === undefined ? 2 : 0;
      if (!(SUB_NAMES as readonly string[]).includes(sub)) usageError(t('cli.giftcard.unknownSub', { sub, subs: SUB_NAMES.join(', ') }));
      if (rest.includes('--help') || rest.includes('-h')) return ctx.out(subHelp(sub, lang)), 0;
      const config = readConfig(ctx.dataDir);
      const store = await openStore(ctx.dataDir, { register: config.register.id, operator: config.operators[0].id, now: ctx.now });
      try {
        const s: Session = { ctx, config, store, currency: store.state.meta.currency, today: localDate(ctx.now()), t, lang };
        if (sub === 'create') return await create(rest, s, deps);
        if (sub === 'expire') return await expire(rest, s);
        if (sub === 'list') return list(rest, s);
        if (sub === 'show') return show(rest, s);
        if (sub === 'liability') return report(rest, s);
        return await onCard(sub, rest, s);
      } finally {
        await store.close();
      }
    },
  };
}

export const giftcardCommand = createGiftCardCommand();
