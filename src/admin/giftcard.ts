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
  CODE_RANDOM_BYTES, CARD_CSV_HEADER, addDays, localDateTime, cardCsvLine, generateCode, isDate, liability, liabilityLines, listRow, LIST_HEADER, localDate,
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

const SUBS: Record<string, string> = {
  create: `Usage: till giftcard create --value AMOUNT --csv FILE [options]
Issues one or many cards and writes their codes to FILE (CSV for a card printer; the only place
full codes are ever written). Refuses to overwrite an existing FILE.
  --value AMOUNT      face value, a decimal in the store currency ("20.00", "50000"); with
                      --pending it may be left out: the value is then entered when the card is sold
  --price AMOUNT      what the customer pays (default: the value); less than the value is a
                      promotion (a 2000 card sold for 500), recorded as promotional value
  --count N           how many cards (default 1, at most 100000)
  --expires DATE      last valid day, YYYY-MM-DD
  --days N            valid N days (from today; for --pending stock, from the day it is sold)
                      default: giftCards.defaultValidityDays of the configuration (0 = never)
  --customer CUSTOMER only this customer may redeem the card: a loyalty card number, phone
                      number or customer id, as for 'till customer show'; an unknown one is
                      refused. A customer whose loyalty card is blocked may still get one (the
                      block stops points, not gift cards); the command says so
  --pending           card stock: no value until sold at the till
  --operator ID       who issues them (default: the first operator of the configuration)`,
  show: `Usage: till giftcard show CODE [--page N] [--per-page M] [--json]
Shows a card (state, balance, face value, price, expiry, customer, who sold it in which sale) and
every movement (issued, activated, loaded, redeemed, refunded, adjusted, blocked, unblocked,
expired) newest first, 20 a page, with the balance after it, the operator and the sale reference.
CODE may carry the prefix, spaces or dashes; it is shown masked. --json prints one JSON document
(money as integer minor units with the currency).`,
  block: `Usage: till giftcard block CODE --reason TEXT [--operator ID]
Blocks a card: it can no longer be sold, loaded or redeemed. Its balance stays on it.`,
  unblock: `Usage: till giftcard unblock CODE --reason TEXT [--operator ID]
Returns a blocked card to the state it had before.`,
  load: `Usage: till giftcard load CODE --amount AMOUNT [--extend [--days N]] [--operator ID]
Tops up an active (or used-up) card by AMOUNT, a decimal in the store currency.
  --extend   also an expired card: it is valid again for giftCards.defaultValidityDays from today
             (or --days N; 0 days in the configuration = never expires); what was left on it when it
             expired is forfeited first, as till giftcard expire records it. On a card still valid it
             moves the expiry to that day when it is later.`,
  adjust: `Usage: till giftcard adjust CODE --amount [+|-]AMOUNT --reason TEXT [--operator ID]
Corrects a balance with a compensating movement (never an edit); never below zero.`,
  expire: `Usage: till giftcard expire [--dry-run] [--operator ID]
Records the expiry of every active or used-up card past its last valid day. Their remaining balance
is forfeited and shown as "expired" in the liability report.`,
  list: `Usage: till giftcard list [--state STATE] [--expiring-before DATE] [--customer CUSTOMER] [--page N] [--per-page M] [--json]
Lists cards (masked codes) in order of issue, 20 a page. STATE: pending, active, blocked, expired, depleted.`,
  liability: `Usage: till giftcard liability [--from DATE] [--to DATE] [--as-of DATE]
Outstanding balance of active cards (what the shop owes), balances on blocked cards and on cards past
expiry, and per day: cards sold (value, price, promotional value), loaded, redeemed, refunded,
adjusted and expired. --as-of DATE (today or later) adds what will expire by then: the balance today
of active cards whose last valid day is before DATE, and what stays outstanding on DATE.`,
};

const usage = `Usage: till giftcard <subcommand> [options] [--data DIR]     (till giftcard <subcommand> --help)

Subcommands:
  create     issue cards (active or --pending stock) and export their codes to a CSV file
  show       a card and its history
  block      block a card, with a reason
  unblock    unblock a card, with a reason
  load       top up a card
  adjust     correct a balance with a reason (compensating movement)
  expire     record the expiry of cards past their last valid day
  list       list cards (filters: --state, --expiring-before, --customer)
  liability  outstanding balance; sold and redeemed per day`;

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
}

function usageError(message: string): never {
  throw new TillError('USAGE', message);
}

function amountOf(text: unknown, cur: string, what: string): Minor {
  const n = typeof text === 'string' ? parseAmount(text, currencyOf(cur)) : null;
  if (n === null) usageError(`${what} must be an amount in ${cur} such as ${currencyOf(cur).exponent ? '"20.00"' : '"50000"'}, got ${JSON.stringify(text ?? '')}`);
  return n;
}

function positiveInt(text: unknown, what: string, max: number): number {
  const n = typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= max)) usageError(`${what} must be a whole number from 1 to ${max}`);
  return n;
}

function codeArg(positionals: string[], s: Session): string {
  if (positionals.length !== 1) usageError('give exactly one card code');
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
  return resolveCustomer({ config: s.config, slice: () => loyaltyOf(s.store.state) }, ref);
}

function must<T>(r: Result<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

/** Commits drafts for one card and prints the result. */
async function commitOne(s: Session, drafts: GiftCardDraft[], operator: string, code: string, verb: string): Promise<number> {
  await s.store.commit({ id: randomUUID(), events: drafts, operator });
  const card = cardOf(s, code);
  s.ctx.out(`${verb} gift card ${maskCode(code)}: ${card.state}, balance ${money(card.balance, card.currency)}.`);
  return 0;
}

function signedAmount(text: unknown, cur: string): Minor {
  const t = typeof text === 'string' ? text.trim() : '';
  const neg = t.startsWith('-');
  const n = amountOf(t.replace(/^[+-]/, ''), cur, '--amount');
  return neg ? -n : n;
}

async function create(argv: string[], s: Session, deps: GiftCardCommandDeps): Promise<number> {
  const { values } = parse(argv, {
    value: { type: 'string' }, price: { type: 'string' }, count: { type: 'string' }, expires: { type: 'string' }, days: { type: 'string' },
    customer: { type: 'string' }, pending: { type: 'boolean' }, csv: { type: 'string' }, operator: { type: 'string' },
  }, false);
  if (values.help) return s.ctx.out(SUBS.create), 0;
  if (!values.csv) usageError('--csv FILE is required: it is where the codes of the new cards are written');
  if (existsSync(values.csv as string)) usageError(`${values.csv} exists; choose a new file for the codes`);
  const pending = Boolean(values.pending);
  if (values.value === undefined && !pending) usageError('--value is required (only --pending stock may be sold at a value entered at the till)');
  const faceValue = values.value === undefined ? 0 : amountOf(values.value, s.currency, '--value');
  const price = values.price === undefined ? undefined : amountOf(values.price, s.currency, '--price');
  const count = values.count === undefined ? 1 : positiveInt(values.count, '--count', MAX_COUNT);
  if (values.expires !== undefined && values.days !== undefined) usageError('give --expires or --days, not both');
  if (values.expires !== undefined && !isDate(values.expires)) usageError('--expires must be a date as YYYY-MM-DD');
  const days = values.days === undefined ? s.config.giftCards.defaultValidityDays : positiveInt(values.days, '--days', 36500);
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
  const bar = progressBar(s.ctx.isTTY, 'Creating');
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
    s.ctx.err(`Created ${done} of ${count} card(s) before a failure${done ? `; their codes are in ${file}` : ''}.`);
    throw e;
  }
  bar.done();
  renameSync(tmp, file);
  const what = pending ? 'pending stock card(s)' : 'active card(s)';
  const value = faceValue ? ` of ${values.value} ${s.currency}` : ' with the value set at sale';
  const only = owner ? `, only for ${owner.name} (card ${owner.card})` : '';
  s.ctx.out(`Created ${count} ${what}${value}${price !== undefined ? `, price ${values.price}` : ''}${only} (batch ${batch}). Codes written to ${file}.`);
  if (owner?.blocked) s.ctx.out(`Note: the loyalty card of ${owner.name} is blocked; that stops points only, the gift card can be redeemed in a sale with ${owner.name} attached.`);
  return 0;
}

/** Writes the CSV to a private temp file and fsyncs it; the caller renames it into place. */
function writeCsv(tmp: string, lines: string[]): void {
  let fd: number;
  try {
    fd = openSync(tmp, 'w', 0o600);
  } catch (e) {
    throw new TillError('EXPORT_FAILED', `Cannot write ${tmp}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. No card was created.`);
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
  if (values.help) return s.ctx.out(SUBS.expire), 0;
  const drafts: GiftCardDraft[] = [];
  for (const card of Object.values(giftCardSlice(s.store.state).cards)) {
    const r = planExpire(card, { today: s.today });
    if (r.ok) drafts.push(...r.value);
  }
  const forfeited = drafts.reduce((a, d) => a + (d.data as { forfeited: number }).forfeited, 0);
  const summary = `${drafts.length} card(s) past expiry, ${money(forfeited, s.currency)} forfeited`;
  if (values['dry-run']) return s.ctx.out(`Dry run: ${summary}. Nothing was changed.`), 0;
  const bar = progressBar(s.ctx.isTTY, 'Expiring');
  const operator = backOfficeOperator(s.config, s.store.state, values.operator as string | undefined);
  const batch = randomUUID();
  for (let i = 0; i < drafts.length; i += CHUNK) {
    await s.store.commit({ id: `${batch}-${i / CHUNK + 1}`, events: drafts.slice(i, i + CHUNK), operator });
    bar.update(Math.min(i + CHUNK, drafts.length), drafts.length);
  }
  bar.done();
  s.ctx.out(`Expired ${summary}.`);
  return 0;
}

const STATES: GiftCardState[] = ['pending', 'active', 'blocked', 'expired', 'depleted'];

function list(argv: string[], s: Session): number {
  refuseLimit(argv);
  const { values } = parse(argv, { state: { type: 'string' }, 'expiring-before': { type: 'string' }, customer: { type: 'string' }, ...PAGE_OPTIONS }, false);
  if (values.help) return s.ctx.out(SUBS.list), 0;
  const state = values.state as GiftCardState | undefined;
  if (state !== undefined && !STATES.includes(state)) usageError(`--state must be one of ${STATES.join(', ')}`);
  const before = values['expiring-before'] as string | undefined;
  if (before !== undefined && !isDate(before)) usageError('--expiring-before must be a date as YYYY-MM-DD');
  const req = pageRequest(values);
  const filter = { state, expiringBefore: before, customerId: values.customer === undefined ? undefined : customerOf(s, values.customer as string).id };
  const cards = Object.values(giftCardSlice(s.store.state).cards).filter((card) => matchesFilter(card, filter, s.today));
  const page = pageOrRefuse(cards, req);
  if (values.json) return printJson(s.ctx, { ...pageFields(page), cards: page.items.map((card) => listRowJson(card, s.today)) }), 0;
  s.ctx.out(LIST_HEADER);
  for (const card of page.items) s.ctx.out(listRow(card, s.today));
  s.ctx.out(pageFooter(page, 'cards', 'in order of issue'));
  return 0;
}

function report(argv: string[], s: Session): number {
  const { values } = parse(argv, { from: { type: 'string' }, to: { type: 'string' }, 'as-of': { type: 'string' } }, false);
  if (values.help) return s.ctx.out(SUBS.liability), 0;
  for (const k of ['from', 'to', 'as-of'] as const) if (values[k] !== undefined && !isDate(values[k])) usageError(`--${k} must be a date as YYYY-MM-DD`);
  const asOf = values['as-of'] as string | undefined;
  // A preview of what lies ahead; a past day would need balances as they were then, which this is not.
  if (asOf !== undefined && asOf < s.today) usageError(`--as-of looks ahead: give today (${s.today}) or a later date`);
  const r = liability(Object.values(giftCardSlice(s.store.state).cards), {
    currency: s.currency, today: s.today, dayOf: (iso) => localDate(new Date(iso)), from: values.from as string | undefined, to: values.to as string | undefined, asOf,
  });
  for (const line of liabilityLines(r)) s.ctx.out(line);
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
  if (values.help) return s.ctx.out(SUBS.show), 0;
  const req = pageRequest(values);
  const card = cardOf(s, codeArg(positionals, s));
  const owner = card.customerId ? accountById(loyaltyOf(s.store.state), card.customerId) : undefined;
  const page = pageOrRefuse(card.history.slice().reverse(), req);
  if (values.json) return printJson(s.ctx, cardJson(card, s.today, owner, page)), 0;
  for (const line of [...showCard(card, s.today, localTime, owner), ...cardHistoryLines(page, card.currency, localTime)]) s.ctx.out(line);
  s.ctx.out(pageFooter(page, 'movements', 'newest first'));
  return 0;
}

async function onCard(sub: string, argv: string[], s: Session): Promise<number> {
  const { values, positionals } = parse(glueNegative(argv), { reason: { type: 'string' }, amount: { type: 'string' }, operator: { type: 'string' }, extend: { type: 'boolean' }, days: { type: 'string' } });
  if (values.help) return s.ctx.out(SUBS[sub]), 0;
  if (sub !== 'load' && (values.extend || values.days !== undefined)) usageError(`--extend and --days belong to till giftcard load, not ${sub}`);
  if (values.days !== undefined && !values.extend) usageError('--days N goes with --extend (the validity of the renewed card)');
  const code = codeArg(positionals, s);
  const card = cardOf(s, code);
  const operator = backOfficeOperator(s.config, s.store.state, values.operator as string | undefined);
  const reason = (values.reason as string | undefined) ?? '';
  switch (sub) {
    case 'block':
      return commitOne(s, must(planBlock(card, { reason })), operator, code, 'Blocked');
    case 'unblock':
      return commitOne(s, must(planUnblock(card, { reason })), operator, code, 'Unblocked');
    case 'load': {
      const amount = amountOf(values.amount, s.currency, '--amount');
      if (!values.extend) {
        const r = planLoad(card, { amount, currency: s.currency, today: s.today });
        if (!r.ok && r.error.code === 'GIFT_CARD_EXPIRED')
          throw new TillError('GIFT_CARD_EXPIRED', `${r.error.message} To top it up with a new expiry: till giftcard load ${maskCode(code)} --amount ${values.amount} --extend`, r.error.params);
        return commitOne(s, must(r), operator, code, 'Loaded');
      }
      const validityDays = values.days === undefined ? s.config.giftCards.defaultValidityDays : positiveInt(values.days, '--days', 36500);
      await commitOne(s, must(planLoad(card, { amount, currency: s.currency, today: s.today, extend: { validityDays } })), operator, code, 'Loaded');
      const after = cardOf(s, code);
      s.ctx.out(after.expiresOn ? `Valid until ${after.expiresOn}.` : 'It never expires.');
      return 0;
    }
    default: {
      const amount = signedAmount(values.amount, s.currency);
      return commitOne(s, must(planAdjust(card, { amount, reason, today: s.today })), operator, code, 'Adjusted');
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
      if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') return ctx.out(usage), sub === undefined ? 2 : 0;
      if (!(sub in SUBS)) usageError(`unknown subcommand "${sub}"; one of ${Object.keys(SUBS).join(', ')}`);
      if (rest.includes('--help') || rest.includes('-h')) return ctx.out(SUBS[sub]), 0;
      const config = readConfig(ctx.dataDir);
      const store = await openStore(ctx.dataDir, { register: config.register.id, operator: config.operators[0].id, now: ctx.now });
      try {
        const s: Session = { ctx, config, store, currency: store.state.meta.currency, today: localDate(ctx.now()) };
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
