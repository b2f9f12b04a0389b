/**
 * `till loyalty`: programs, rules, rewards and tiers (store data, journaled), points corrections,
 * bulk accrual, expiry and the tier review. Every change is checked by src/domain/loyalty against the
 * store's state and committed as events; nothing is edited or deleted.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { backOfficeOperator } from './operator-arg.js';
import type { AdminCommand, CommandContext } from './command.js';
import { parse } from './args.js';
import { progressBar } from './progress.js';
import { printJson } from './paging.js';
import { TillError, type Result } from '../domain/errors.js';
import { currency, parseAmount, type Minor } from '../domain/money.js';
import type { TillConfig } from '../domain/config.js';
import { isDate, localDate } from '../domain/giftcard/dates.js';
import { isLoyaltyCard } from '../domain/loyalty/card.js';
import { EV } from '../domain/loyalty/events.js';
import { accrualBatchId, accrualParts, planAccrual, type AccrualFilter } from '../domain/loyalty/accrue.js';
import { accountAsOf, addDays, computeExpiry, extraOf } from '../domain/loyalty/expiry.js';
import { previewExpiry } from '../domain/loyalty/expiry-preview.js';
import { reviewTiers } from '../domain/loyalty/tiers.js';
import { planAdjustment } from '../domain/loyalty/operations.js';
import { readProgramText, writeProgramFile } from '../domain/loyalty/program-file.js';
import { customerRow, ladderLines, programLines, pts } from '../domain/loyalty/admin-view.js';
import { decimalToUnits, parseSignedUnits } from '../domain/loyalty/units.js';
import type { LoyaltyAccount, LoyaltyProgram } from '../domain/loyalty/types.js';
import { readConfig } from '../store/config-file.js';
import { openStore } from '../store/open.js';
import { accountById, accountByCard, customerIndex, loyaltyOf, programList, type LoyaltySlice } from '../store/projections/loyalty.js';
import type { EventDraft, Store } from '../store/types.js';

export interface LoyaltySession {
  ctx: CommandContext;
  config: TillConfig;
  store: Store;
  today: string;
  operator: string;
  /** Read after every commit: the projection changes in place. */
  slice(): LoyaltySlice;
}

export const usageError = (message: string): never => {
  throw new TillError('USAGE', message);
};

export function must<T>(r: Result<T>): T {
  if (!r.ok) throw r.error;
  return r.value;
}

export async function withLoyalty(ctx: CommandContext, operator: string | undefined, fn: (s: LoyaltySession) => Promise<number>): Promise<number> {
  const config = readConfig(ctx.dataDir);
  const store = await openStore(ctx.dataDir, { register: config.register.id, operator: config.operators[0].id, now: ctx.now });
  try {
    const op = backOfficeOperator(config, store.state, operator);
    return await fn({ ctx, config, store, today: localDate(ctx.now()), operator: op, slice: () => loyaltyOf(store.state) });
  } finally {
    await store.close();
  }
}

/** What resolving a customer needs: the configuration (card prefix, phone country) and the loyalty slice. */
export type CustomerLookup = Pick<LoyaltySession, 'config' | 'slice'>;

/**
 * A customer named by card number, customer id or phone number (exactly one match). The one resolver
 * of the back office: `till customer`, `till loyalty` and `till giftcard --customer` all name a
 * customer through it, so what one command accepts every other accepts too.
 */
export function resolveCustomer(s: CustomerLookup, ref: string | undefined): LoyaltyAccount {
  if (!ref) return usageError('name the customer by card number, phone number or customer id');
  const slice = s.slice();
  const cc = s.config.loyalty.phoneCountryCode;
  const digits = ref.replace(/\s/g, '');
  const byCard = isLoyaltyCard(digits, s.config.codes.loyaltyPrefix) ? accountByCard(slice, digits, cc) : undefined;
  const found = byCard ?? accountById(slice, ref);
  if (found) return found;
  const phones = customerIndex(slice, cc).byPhone(ref);
  if (phones.length === 1) return accountById(slice, phones[0])!;
  if (phones.length > 1) throw new TillError('CUSTOMER_AMBIGUOUS', `${phones.length} customers have the phone ${ref}; name one by card number.`);
  throw new TillError('CUSTOMER_UNKNOWN', `No customer with the card, phone or id "${ref}". Try: till customer find ${ref}`);
}

/** The program named by --program, or the only program of the store. */
export function programArg(s: LoyaltySession, id: unknown): LoyaltyProgram {
  const all = programList(s.slice());
  if (typeof id === 'string') {
    const p = all.find((x) => x.id === id);
    if (!p) throw new TillError('PROGRAM_UNKNOWN', `There is no program "${id}" (programs: ${all.map((x) => x.id).join(', ') || 'none'}).`);
    return p;
  }
  const active = all.filter((p) => p.active);
  if (active.length === 1) return active[0];
  if (all.length === 0) throw new TillError('PROGRAM_UNKNOWN', 'The store has no loyalty program yet: till loyalty program set FILE.json');
  return usageError(`the store runs several programs: name one with --program (${all.map((x) => x.id).join(', ')})`);
}

export async function commit(s: LoyaltySession, events: EventDraft[], id: string = randomUUID()): Promise<boolean> {
  if (events.length === 0) return false;
  const r = await s.store.commit({ id, events, operator: s.operator });
  return !r.duplicate;
}

const amount = (text: unknown, cur: string, what: string): Minor =>
  (typeof text === 'string' ? parseAmount(text, currency(cur)) : null) ?? usageError(`${what} must be an amount in ${cur}, got ${JSON.stringify(text ?? '')}`);

const day = (text: unknown, what: string): string => (isDate(text) ? text : usageError(`${what} must be a date as YYYY-MM-DD`));

const SUBS: Record<string, string> = {
  program: `Usage: till loyalty program set FILE.json [--dry-run]
       till loyalty program list [--json]
       till loyalty program export [FILE.json]
"set" creates or replaces the programs in the file (by id) and, if the file has "tiers", the tier
ladder; programs not in the file stay as they are (stop one with "active": false). "export" writes
the current programs and tiers in the same format, to edit and set again. "list --json" prints them
as the journal holds them: money in minor units, points in units, rates in ppm. See docs/loyalty.md.`,
  adjust: `Usage: till loyalty adjust CARD --points [+|-]N --reason TEXT [--program ID] [--additional] [--operator ID]
Adds or removes points by hand; the reason stays in the card's history. Never below zero.
--additional: additional (promotional) points — a campaign credit, or a removal of additional points.`,
  accrue: `Usage: till loyalty accrue --points N --reason TEXT [filters] [--program ID] [--batch ID] [--dry-run]
                           [--additional [--expires-days N]]
Credits N points to every customer matching the filters (blocked cards never). --additional credits
them as additional (promotional) points: spent before main points, expiring after --expires-days N
or the program's "additionalExpiryDays" (else its "expiryDays"), shown apart on receipts and in history.
  --spend-min AMOUNT  --spend-max AMOUNT   lifetime spend in this range (inclusive)
  --tier ID                                 customers in this tier
  --last-purchase-before DATE  --last-purchase-after DATE
--dry-run shows how many customers and a sample. A batch is credited once: the same request on the
same day (or the same --batch ID) credits nobody twice, and a run cut short resumes where it stopped.`,
  expire: `Usage: till loyalty expire [--dry-run]
       till loyalty expire --dry-run --as-of DATE [--sample N]
Records the expiry of points past their date (programs with "expiryDays"). Oldest points go first.
--as-of DATE previews what can no longer be spent on DATE (lots expiring on or before it), with the
first N customers (default 10) by date: for planning a reminder or a campaign. Nothing is recorded.`,
  tiers: `Usage: till loyalty tiers review [--dry-run]
Moves customers to the tier they qualify for today: up always, down only when the ladder has
"demotion": true. Run it on the schedule the shop wants (e.g. monthly from cron).`,
};

const usage = `Usage: till loyalty <subcommand> [options] [--data DIR]     (till loyalty <subcommand> --help)

Subcommands:
  program   set programs, rules, rewards and tiers from a JSON file; list; export
  adjust    add or remove points on a card, with a reason
  accrue    bulk bonus to customers matching filters (idempotent batch)
  expire    record the expiry of points past their date
  tiers     review tiers (promotion, and demotion if configured)`;

async function program(argv: string[], s: LoyaltySession): Promise<number> {
  const [verb, ...rest] = argv;
  const { values, positionals } = parse(rest, { 'dry-run': { type: 'boolean' }, operator: { type: 'string' }, json: { type: 'boolean' } });
  const cur = s.config.currency;
  const slice = s.slice();
  if (verb === 'list') {
    const all = programList(slice);
    // The programs and ladder as the journal holds them (loyalty.program.upserted, loyalty.tiers.set):
    // money in minor units of `currency`, points in units of each program's `decimals`, rates in ppm.
    if (values.json) return printJson(s.ctx, { currency: cur, programs: all, tiers: slice.ladder }), 0;
    if (all.length === 0) s.ctx.out('No loyalty program yet. Create one with: till loyalty program set FILE.json');
    for (const p of all) programLines(p, cur).forEach((l) => s.ctx.out(l));
    if (slice.ladder) ladderLines(slice.ladder, all, cur).forEach((l) => s.ctx.out(l));
    return 0;
  }
  if (verb === 'export') {
    const text = `${JSON.stringify(writeProgramFile(programList(slice), slice.ladder, currency(cur)), null, 2)}\n`;
    if (!positionals[0]) return s.ctx.out(text.trimEnd()), 0;
    if (existsSync(positionals[0])) usageError(`${positionals[0]} exists; choose a new file`);
    writeFileSync(positionals[0], text, { mode: 0o600 });
    s.ctx.out(`Wrote ${programList(slice).length} program(s)${slice.ladder ? ' and the tiers' : ''} to ${positionals[0]}.`);
    return 0;
  }
  if (verb !== 'set' || positionals.length !== 1) return usageError('expected: till loyalty program set FILE.json | list | export [FILE]');
  const file = positionals[0];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TillError('FILE_INVALID', `Cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Nothing was changed.`);
  }
  // The tiers' price lists name products and categories: they must be in the catalog.
  let cats: string[] | undefined;
  const catalog = {
    hasSku: (sku: string) => !!s.store.catalog.bySku(sku),
    categories: () => (cats ??= [...new Set(Object.values(s.store.state.catalog.products).map((p) => p.category))].sort()),
  };
  const r = readProgramText(text, currency(cur), programList(slice), catalog);
  if (!r.ok) {
    r.problems.forEach((p) => s.ctx.err(`${file}${p.line ? `, line ${p.line}, column ${p.column}` : ''}: ${p.key}: ${p.message} [${p.code}]`));
    throw new TillError('FILE_INVALID', `${file} has ${r.problems.length} problem(s). Nothing was changed.`);
  }
  for (const p of r.file.programs) for (const w of p.rewards) if (w.kind === 'free-product' && !s.store.catalog.bySku(w.sku)) s.ctx.err(`warning: reward ${p.id}/${w.id}: product ${w.sku} is not in the catalog yet`);
  const events: EventDraft[] = r.file.programs.map((program) => ({ type: EV.programUpserted, data: { program } }));
  if (r.file.ladder !== undefined) events.push({ type: EV.tiersSet, data: { ladder: r.file.ladder } });
  r.file.programs.forEach((p) => programLines(p, cur).forEach((l) => s.ctx.out(l)));
  if (r.file.ladder) ladderLines(r.file.ladder, [...programList(slice), ...r.file.programs], cur).forEach((l) => s.ctx.out(l));
  if (values['dry-run']) return s.ctx.out('Dry run: nothing was changed.'), 0;
  await commit(s, events);
  const tiers = new Set((s.slice().ladder?.tiers ?? []).map((t) => t.id));
  const stray = Object.values(s.slice().customers).filter((a) => a.tier !== null && !tiers.has(a.tier)).length;
  if (stray) s.ctx.err(`warning: ${stray} customer(s) hold a tier the ladder no longer has; run: till loyalty tiers review`);
  s.ctx.out(`Saved ${r.file.programs.length} program(s)${r.file.ladder !== undefined ? (r.file.ladder ? ' and the tiers' : '; tiers removed') : ''}.`);
  return 0;
}

/** `--points -3` reads as an option to parseArgs: glue a signed number to its option. */
export const glueSigned = (argv: string[], opt: string): string[] =>
  argv.flatMap((a, i) => (a === opt && /^-\d/.test(argv[i + 1] ?? '') ? [`${opt}=${argv[i + 1]}`] : i > 0 && argv[i - 1] === opt && /^-\d/.test(a) ? [] : [a]));

async function adjust(argv: string[], s: LoyaltySession): Promise<number> {
  const { values, positionals } = parse(glueSigned(argv, '--points'), { points: { type: 'string' }, reason: { type: 'string' }, program: { type: 'string' }, operator: { type: 'string' }, additional: { type: 'boolean' } });
  const a = resolveCustomer(s, positionals[0]);
  const p = programArg(s, values.program);
  const units = parseSignedUnits(String(values.points ?? ''), p.decimals) ?? usageError(`--points must be a number of points such as +10 or -2${p.decimals ? '.5' : ''}`);
  const additional = values.additional === true;
  const ev = must(planAdjustment(accountAsOf(a, s.today), p, units, String(values.reason ?? ''), s.today, { additional }));
  await commit(s, [ev]);
  const now = accountAsOf(accountById(s.slice(), a.id)!, s.today);
  const extra = extraOf(now, p.id);
  s.ctx.out(`${units > 0 ? 'Added' : 'Removed'} ${pts(Math.abs(units), p)} ${additional ? 'additional ' : ''}points ${units > 0 ? 'to' : 'from'} ${a.name} (${a.card}): balance ${pts(now.points[p.id] ?? 0, p)}${extra ? ` (${pts(extra, p)} additional)` : ''}.`);
  return 0;
}

async function accrue(argv: string[], s: LoyaltySession): Promise<number> {
  const { values } = parse(argv, {
    points: { type: 'string' }, reason: { type: 'string' }, program: { type: 'string' }, batch: { type: 'string' }, 'dry-run': { type: 'boolean' },
    'spend-min': { type: 'string' }, 'spend-max': { type: 'string' }, tier: { type: 'string' }, 'last-purchase-before': { type: 'string' }, 'last-purchase-after': { type: 'string' },
    sample: { type: 'string' }, operator: { type: 'string' }, additional: { type: 'boolean' }, 'expires-days': { type: 'string' },
  }, false);
  const p = programArg(s, values.program);
  const points = decimalToUnits(values.points, p.decimals);
  if (!points) usageError('--points must be a number of points greater than 0');
  const reason = String(values.reason ?? '').trim() || usageError('--reason is required: it is kept in every card’s history');
  const cur = s.config.currency;
  const filter: AccrualFilter = {};
  if (values['spend-min'] !== undefined) filter.spendMin = amount(values['spend-min'], cur, '--spend-min');
  if (values['spend-max'] !== undefined) filter.spendMax = amount(values['spend-max'], cur, '--spend-max');
  if (values.tier !== undefined) filter.tier = values.tier as string;
  if (values['last-purchase-before'] !== undefined) filter.lastPurchaseBefore = day(values['last-purchase-before'], '--last-purchase-before');
  if (values['last-purchase-after'] !== undefined) filter.lastPurchaseAfter = day(values['last-purchase-after'], '--last-purchase-after');
  if (filter.tier !== undefined && !s.slice().ladder?.tiers.some((t) => t.id === filter.tier)) throw new TillError('TIER_UNKNOWN', `There is no tier "${filter.tier}".`);
  const additional = values.additional === true;
  if (values['expires-days'] !== undefined && !additional) usageError('--expires-days goes with --additional (additional points have their own expiry)');
  const expiryDays = values['expires-days'] === undefined ? undefined : Number(values['expires-days']);
  if (expiryDays !== undefined && !(Number.isInteger(expiryDays) && expiryDays >= 1 && expiryDays <= 36500)) usageError('--expires-days must be a whole number of days from 1 to 36500');
  const extra = additional ? { additional: true as const, ...(expiryDays ? { expiryDays } : {}) } : {};
  const batchId = (values.batch as string | undefined) ?? accrualBatchId({ programId: p.id, points: points!, reason, day: s.today, filter, ...extra });
  const plan = planAccrual(Object.values(s.slice().customers), filter, batchId);
  const lasts = additional ? (expiryDays ?? p.additionalExpiryDays ?? p.expiryDays) : undefined;
  const what = `${pts(points!, p)} ${additional ? 'additional ' : ''}points (${p.id}) to ${plan.customerIds.length} customer(s), batch ${batchId}${additional ? (lasts ? `, expiring ${addDays(s.today, lasts)}` : ', not expiring') : ''}`;
  if (values['dry-run']) {
    s.ctx.out(`Dry run: would credit ${what}${plan.alreadyCredited ? `; ${plan.alreadyCredited} already credited by this batch` : ''}.`);
    const n = Number(values.sample ?? 5);
    for (const id of plan.customerIds.slice(0, Number.isInteger(n) && n >= 0 ? n : 5)) s.ctx.out(`  ${customerRow(accountById(s.slice(), id)!, [p], s.today)}`);
    return 0;
  }
  if (plan.customerIds.length === 0) {
    s.ctx.out(plan.alreadyCredited ? `Nothing to do: batch ${batchId} already credited ${plan.alreadyCredited} customer(s).` : 'No customer matches the filters.');
    return 0;
  }
  const first = (s.slice().batches[batchId]?.parts ?? 0) + 1;
  const parts = accrualParts(plan, { programId: p.id, points: points!, reason, day: s.today, ...extra }, 1000, first);
  const bar = progressBar(s.ctx.isTTY, 'Crediting');
  let done = 0;
  for (const part of parts) {
    await commit(s, [{ type: EV.accrued, data: part }], `${batchId}#${part.part}`);
    done += part.customerIds.length;
    bar.update(done, plan.customerIds.length);
  }
  bar.done();
  s.ctx.out(`Credited ${what}.`);
  return 0;
}

async function expire(argv: string[], s: LoyaltySession): Promise<number> {
  const { values } = parse(argv, { 'dry-run': { type: 'boolean' }, 'as-of': { type: 'string' }, sample: { type: 'string' }, operator: { type: 'string' } }, false);
  const all = programList(s.slice());
  if (values['as-of'] !== undefined) return previewAsOf(s, all, values['as-of'] as string, Boolean(values['dry-run']), values.sample);
  const due = computeExpiry(Object.values(s.slice().customers), all, s.today);
  const summary = expirySummary(due, all);
  if (due.length === 0) return s.ctx.out(`No points expire on ${s.today}.`), 0;
  if (values['dry-run']) return s.ctx.out(`Dry run: ${due.length} balance(s) would lose ${summary}.`), 0;
  for (let i = 0; i < due.length; i += 1000) await commit(s, due.slice(i, i + 1000).map((data) => ({ type: EV.pointsExpired, data })));
  s.ctx.out(`Expired ${summary} on ${due.length} balance(s).`);
  return 0;
}

const expirySummary = (due: readonly { programId: string; points: number }[], all: readonly LoyaltyProgram[]): string => {
  const total = new Map<string, number>();
  for (const e of due) total.set(e.programId, (total.get(e.programId) ?? 0) + e.points);
  return [...total].map(([pid, u]) => `${pts(u, all.find((p) => p.id === pid))} points of ${pid}`).join(', ');
};

/**
 * `expire --dry-run --as-of DATE`: what can no longer be spent on DATE, from the lots as they stand.
 * A preview only: an expiry is journaled on its day, never ahead of it (the customer may still spend
 * the points), so --as-of without --dry-run is refused.
 */
function previewAsOf(s: LoyaltySession, all: readonly LoyaltyProgram[], asOf: string, dryRun: boolean, sample: unknown): number {
  if (!isDate(asOf)) usageError('--as-of must be a date as YYYY-MM-DD');
  if (!dryRun) usageError('--as-of previews what will expire by a date: add --dry-run (points are expired on their day by till loyalty expire)');
  if (asOf < s.today) usageError(`--as-of looks ahead: give today (${s.today}) or a later date`);
  const n = sample === undefined ? 10 : Number(sample);
  if (!Number.isInteger(n) || n < 0) usageError('--sample must be a whole number of customers to list');
  const pre = previewExpiry(Object.values(s.slice().customers), all, s.today, asOf);
  if (pre.rows.length === 0) return s.ctx.out(`Dry run: no points expire by ${asOf}.`), 0;
  const now = pre.rows.reduce((a, r) => a + (r.dueToday > 0 ? 1 : 0), 0);
  s.ctx.out(`Dry run: by ${asOf}, ${pre.rows.length} balance(s) would lose ${expirySummary(pre.rows, all)}${now ? ` (${now} of them already past their date today)` : ''}.`);
  for (const r of pre.rows.slice(0, n)) {
    const a = accountById(s.slice(), r.customerId);
    const p = all.find((x) => x.id === r.programId);
    s.ctx.out(`  ${a ? `${a.card}  |  ${a.name}` : r.customerId}  |  ${pts(r.points, p)} points of ${r.programId} from ${r.first}`);
  }
  if (pre.rows.length > n) s.ctx.out(`  … and ${pre.rows.length - n} more (--sample N lists more)`);
  s.ctx.out('Points spent before then go oldest first and will not expire. Nothing was changed.');
  return 0;
}

async function tiers(argv: string[], s: LoyaltySession): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb !== 'review') return usageError('expected: till loyalty tiers review [--dry-run]');
  const { values } = parse(rest, { 'dry-run': { type: 'boolean' }, operator: { type: 'string' } }, false);
  const changes = reviewTiers(Object.values(s.slice().customers), s.slice().ladder, s.today);
  const up = changes.filter((c) => c.reason.endsWith('promoted')).length;
  const text = `${up} promotion(s), ${changes.length - up} demotion(s)`;
  if (values['dry-run'] || changes.length === 0) return s.ctx.out(`${changes.length ? 'Dry run: ' : ''}${text}.`), 0;
  for (let i = 0; i < changes.length; i += 1000) await commit(s, changes.slice(i, i + 1000).map((data) => ({ type: EV.customerRegraded, data })));
  s.ctx.out(`Recorded ${text}.`);
  return 0;
}

const HANDLERS: Record<string, (argv: string[], s: LoyaltySession) => Promise<number>> = { program, adjust, accrue, expire, tiers };

const operatorOf = (argv: string[]): string | undefined => {
  const i = argv.findIndex((a) => a === '--operator' || a.startsWith('--operator='));
  return i < 0 ? undefined : argv[i].includes('=') ? argv[i].slice(11) : argv[i + 1];
};

export const loyaltyCommand: AdminCommand = {
  name: 'loyalty',
  summary: 'loyalty programs, rewards and tiers; points corrections, bulk accrual, expiry',
  usage,
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    if (!sub || sub === '--help' || sub === '-h') return ctx.out(usage), 0;
    const handler = HANDLERS[sub];
    if (!handler) return usageError(`unknown subcommand "${sub}" of till loyalty`);
    if (rest.includes('--help') || rest.includes('-h')) return ctx.out(SUBS[sub]), 0;
    return withLoyalty(ctx, operatorOf(rest), (s) => handler(rest, s));
  },
};
