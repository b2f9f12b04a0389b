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
import { problemText, readProgramText, writeProgramFile } from '../domain/loyalty/program-file.js';
import { customerRow, ladderLines, programLines, pts } from '../domain/loyalty/admin-view.js';
import { decimalToUnits, parseSignedUnits } from '../domain/loyalty/units.js';
import type { LoyaltyAccount, LoyaltyProgram } from '../domain/loyalty/types.js';
import { readConfig } from '../store/config-file.js';
import { openStore } from '../store/open.js';
import { accountById, accountByCard, customerIndex, loyaltyOf, programList, type LoyaltySlice } from '../store/projections/loyalty.js';
import type { EventDraft, Store } from '../store/types.js';
import { translate, translator, type Translate } from '../i18n/index.js';

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

/**
 * What resolving a customer needs: the configuration (card prefix, phone country), the loyalty slice
 * and, for the refusals' words, the command's context (its output language; English without it).
 */
export type CustomerLookup = Pick<LoyaltySession, 'config' | 'slice'> & { ctx?: Pick<CommandContext, 'language'> };

/**
 * A customer named by card number, customer id or phone number (exactly one match). The one resolver
 * of the back office: `till customer`, `till loyalty` and `till giftcard --customer` all name a
 * customer through it, so what one command accepts every other accepts too.
 */
export function resolveCustomer(s: CustomerLookup, ref: string | undefined): LoyaltyAccount {
  const t = translator(s.ctx?.language ?? 'en');
  if (!ref) return usageError(t('cli.loyalty.nameCustomer'));
  const slice = s.slice();
  const cc = s.config.loyalty.phoneCountryCode;
  const digits = ref.replace(/\s/g, '');
  const byCard = isLoyaltyCard(digits, s.config.codes.loyaltyPrefix) ? accountByCard(slice, digits, cc) : undefined;
  const found = byCard ?? accountById(slice, ref);
  if (found) return found;
  const phones = customerIndex(slice, cc).byPhone(ref);
  if (phones.length === 1) return accountById(slice, phones[0])!;
  if (phones.length > 1) throw new TillError('CUSTOMER_AMBIGUOUS', t('cli.error.CUSTOMER_AMBIGUOUS', { n: phones.length, ref }), { n: phones.length, ref });
  throw new TillError('CUSTOMER_UNKNOWN', t('cli.error.CUSTOMER_UNKNOWN', { ref }), { ref });
}

/** The program named by --program, or the only program of the store. */
export function programArg(s: LoyaltySession, id: unknown): LoyaltyProgram {
  const all = programList(s.slice());
  const t = tr(s);
  if (typeof id === 'string') {
    const p = all.find((x) => x.id === id);
    if (!p) throw new TillError('PROGRAM_UNKNOWN', t('cli.loyalty.noProgram', { id, programs: all.map((x) => x.id).join(', ') || t('cli.loyalty.none') }));
    return p;
  }
  const active = all.filter((p) => p.active);
  if (active.length === 1) return active[0];
  if (all.length === 0) throw new TillError('PROGRAM_UNKNOWN', t('cli.loyalty.noPrograms'));
  return usageError(t('cli.loyalty.severalPrograms', { programs: all.map((x) => x.id).join(', ') }));
}

export async function commit(s: LoyaltySession, events: EventDraft[], id: string = randomUUID()): Promise<boolean> {
  if (events.length === 0) return false;
  const r = await s.store.commit({ id, events, operator: s.operator });
  return !r.duplicate;
}

const amount = (text: unknown, cur: string, what: string, t: Translate): Minor =>
  (typeof text === 'string' ? parseAmount(text, currency(cur)) : null) ?? usageError(t('cli.loyalty.accrue.amount', { what, cur, got: JSON.stringify(text ?? '') }));

const day = (text: unknown, what: string, t: Translate): string => (isDate(text) ? text : usageError(t('cli.loyalty.date', { what })));

/** The output's language of a session (the command's context) and its translator. */
const lang = (s: LoyaltySession): string => s.ctx.language ?? 'en';
const tr = (s: LoyaltySession): Translate => translator(lang(s));

/** The --help pages (`cli.loyalty.usage`, `cli.loyalty.help.<sub>`); `usage` is the English one for `till --help`. */
const usage = translate('en', 'cli.loyalty.usage');

async function program(argv: string[], s: LoyaltySession): Promise<number> {
  const [verb, ...rest] = argv;
  const { values, positionals } = parse(rest, { 'dry-run': { type: 'boolean' }, operator: { type: 'string' }, json: { type: 'boolean' } });
  const cur = s.config.currency;
  const slice = s.slice();
  const t = tr(s);
  if (verb === 'list') {
    const all = programList(slice);
    // The programs and ladder as the journal holds them (loyalty.program.upserted, loyalty.tiers.set):
    // money in minor units of `currency`, points in units of each program's `decimals`, rates in ppm.
    if (values.json) return printJson(s.ctx, { currency: cur, programs: all, tiers: slice.ladder }), 0;
    if (all.length === 0) s.ctx.out(t('cli.loyalty.program.none'));
    for (const p of all) programLines(p, cur, t).forEach((l) => s.ctx.out(l));
    if (slice.ladder) ladderLines(slice.ladder, all, cur, t).forEach((l) => s.ctx.out(l));
    return 0;
  }
  if (verb === 'export') {
    const text = `${JSON.stringify(writeProgramFile(programList(slice), slice.ladder, currency(cur)), null, 2)}\n`;
    if (!positionals[0]) return s.ctx.out(text.trimEnd()), 0;
    if (existsSync(positionals[0])) usageError(t('cli.loyalty.program.exists', { file: positionals[0] }));
    writeFileSync(positionals[0], text, { mode: 0o600 });
    s.ctx.out(t(slice.ladder ? 'cli.loyalty.program.wroteTiers' : 'cli.loyalty.program.wrote', { n: programList(slice).length, file: positionals[0] }));
    return 0;
  }
  if (verb !== 'set' || positionals.length !== 1) return usageError(t('cli.loyalty.program.expected'));
  const file = positionals[0];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TillError('FILE_INVALID', t('cli.loyalty.program.cannotRead', { file, error: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
  }
  // The tiers' price lists name products and categories: they must be in the catalog.
  let cats: string[] | undefined;
  const catalog = {
    hasSku: (sku: string) => !!s.store.catalog.bySku(sku),
    categories: () => (cats ??= [...new Set(Object.values(s.store.state.catalog.products).map((p) => p.category))].sort()),
  };
  const r = readProgramText(text, currency(cur), programList(slice), catalog);
  if (!r.ok) {
    r.problems.forEach((p) => s.ctx.err(t(p.line ? 'cli.loyalty.program.problemAt' : 'cli.loyalty.program.problem', { file, line: p.line, column: p.column, key: p.key, message: problemText(p, lang(s)), code: p.code })));
    throw new TillError('FILE_INVALID', t('cli.loyalty.program.problems', { file, n: r.problems.length }));
  }
  for (const p of r.file.programs) for (const w of p.rewards) if (w.kind === 'free-product' && !s.store.catalog.bySku(w.sku)) s.ctx.err(t('cli.loyalty.program.rewardMissing', { program: p.id, reward: w.id, sku: w.sku }));
  const events: EventDraft[] = r.file.programs.map((program) => ({ type: EV.programUpserted, data: { program } }));
  if (r.file.ladder !== undefined) events.push({ type: EV.tiersSet, data: { ladder: r.file.ladder } });
  r.file.programs.forEach((p) => programLines(p, cur, t).forEach((l) => s.ctx.out(l)));
  if (r.file.ladder) ladderLines(r.file.ladder, [...programList(slice), ...r.file.programs], cur, t).forEach((l) => s.ctx.out(l));
  if (values['dry-run']) return s.ctx.out(t('cli.loyalty.program.dryRun')), 0;
  await commit(s, events);
  const tiers = new Set((s.slice().ladder?.tiers ?? []).map((t) => t.id));
  const stray = Object.values(s.slice().customers).filter((a) => a.tier !== null && !tiers.has(a.tier)).length;
  if (stray) s.ctx.err(t('cli.loyalty.program.stray', { n: stray }));
  s.ctx.out(t(r.file.ladder !== undefined ? (r.file.ladder ? 'cli.loyalty.program.savedTiers' : 'cli.loyalty.program.savedNoTiers') : 'cli.loyalty.program.saved', { n: r.file.programs.length }));
  return 0;
}

/** `--points -3` reads as an option to parseArgs: glue a signed number to its option. */
export const glueSigned = (argv: string[], opt: string): string[] =>
  argv.flatMap((a, i) => (a === opt && /^-\d/.test(argv[i + 1] ?? '') ? [`${opt}=${argv[i + 1]}`] : i > 0 && argv[i - 1] === opt && /^-\d/.test(a) ? [] : [a]));

async function adjust(argv: string[], s: LoyaltySession): Promise<number> {
  const { values, positionals } = parse(glueSigned(argv, '--points'), { points: { type: 'string' }, reason: { type: 'string' }, program: { type: 'string' }, operator: { type: 'string' }, additional: { type: 'boolean' } });
  const a = resolveCustomer(s, positionals[0]);
  const p = programArg(s, values.program);
  const t = tr(s);
  const units = parseSignedUnits(String(values.points ?? ''), p.decimals) ?? usageError(t('cli.loyalty.adjust.pointsNumber', { fraction: p.decimals ? '.5' : '' }));
  const additional = values.additional === true;
  const ev = must(planAdjustment(accountAsOf(a, s.today), p, units, String(values.reason ?? ''), s.today, { additional }));
  await commit(s, [ev]);
  const now = accountAsOf(accountById(s.slice(), a.id)!, s.today);
  const extra = extraOf(now, p.id);
  const key = `cli.loyalty.adjust.${units > 0 ? 'added' : 'removed'}${additional ? 'Additional' : ''}`;
  s.ctx.out(t(key, { points: pts(Math.abs(units), p), name: a.name, card: a.card, balance: pts(now.points[p.id] ?? 0, p), extra: extra ? t('cli.loyalty.adjust.extra', { points: pts(extra, p) }) : '' }));
  return 0;
}

async function accrue(argv: string[], s: LoyaltySession): Promise<number> {
  const { values } = parse(argv, {
    points: { type: 'string' }, reason: { type: 'string' }, program: { type: 'string' }, batch: { type: 'string' }, 'dry-run': { type: 'boolean' },
    'spend-min': { type: 'string' }, 'spend-max': { type: 'string' }, tier: { type: 'string' }, 'last-purchase-before': { type: 'string' }, 'last-purchase-after': { type: 'string' },
    sample: { type: 'string' }, operator: { type: 'string' }, additional: { type: 'boolean' }, 'expires-days': { type: 'string' },
  }, false);
  const p = programArg(s, values.program);
  const t = tr(s);
  const points = decimalToUnits(values.points, p.decimals);
  if (!points) usageError(t('cli.loyalty.accrue.pointsPositive'));
  const reason = String(values.reason ?? '').trim() || usageError(t('cli.loyalty.accrue.reasonRequired'));
  const cur = s.config.currency;
  const filter: AccrualFilter = {};
  if (values['spend-min'] !== undefined) filter.spendMin = amount(values['spend-min'], cur, '--spend-min', t);
  if (values['spend-max'] !== undefined) filter.spendMax = amount(values['spend-max'], cur, '--spend-max', t);
  if (values.tier !== undefined) filter.tier = values.tier as string;
  if (values['last-purchase-before'] !== undefined) filter.lastPurchaseBefore = day(values['last-purchase-before'], '--last-purchase-before', t);
  if (values['last-purchase-after'] !== undefined) filter.lastPurchaseAfter = day(values['last-purchase-after'], '--last-purchase-after', t);
  if (filter.tier !== undefined && !s.slice().ladder?.tiers.some((t) => t.id === filter.tier)) throw new TillError('TIER_UNKNOWN', t('cli.loyalty.accrue.noTier', { tier: filter.tier }));
  const additional = values.additional === true;
  if (values['expires-days'] !== undefined && !additional) usageError(t('cli.loyalty.accrue.expiresWithout'));
  const expiryDays = values['expires-days'] === undefined ? undefined : Number(values['expires-days']);
  if (expiryDays !== undefined && !(Number.isInteger(expiryDays) && expiryDays >= 1 && expiryDays <= 36500)) usageError(t('cli.loyalty.accrue.expiresDays'));
  const extra = additional ? { additional: true as const, ...(expiryDays ? { expiryDays } : {}) } : {};
  const batchId = (values.batch as string | undefined) ?? accrualBatchId({ programId: p.id, points: points!, reason, day: s.today, filter, ...extra });
  const plan = planAccrual(Object.values(s.slice().customers), filter, batchId);
  const lasts = additional ? (expiryDays ?? p.additionalExpiryDays ?? p.expiryDays) : undefined;
  const whatKey = additional ? (lasts ? 'cli.loyalty.accrue.whatUntil' : 'cli.loyalty.accrue.whatForever') : 'cli.loyalty.accrue.what';
  const what = t(whatKey, { points: pts(points!, p), program: p.id, n: plan.customerIds.length, batch: batchId, date: lasts ? addDays(s.today, lasts) : undefined });
  if (values['dry-run']) {
    s.ctx.out(plan.alreadyCredited ? t('cli.loyalty.accrue.dryRunAlready', { what, done: plan.alreadyCredited }) : t('cli.loyalty.accrue.dryRun', { what }));
    const n = Number(values.sample ?? 5);
    for (const id of plan.customerIds.slice(0, Number.isInteger(n) && n >= 0 ? n : 5)) s.ctx.out(`  ${customerRow(accountById(s.slice(), id)!, [p], s.today, t)}`);
    return 0;
  }
  if (plan.customerIds.length === 0) {
    s.ctx.out(plan.alreadyCredited ? t('cli.loyalty.accrue.alreadyDone', { batch: batchId, n: plan.alreadyCredited }) : t('cli.loyalty.accrue.noMatch'));
    return 0;
  }
  const first = (s.slice().batches[batchId]?.parts ?? 0) + 1;
  const parts = accrualParts(plan, { programId: p.id, points: points!, reason, day: s.today, ...extra }, 1000, first);
  const bar = progressBar(s.ctx.isTTY, t('cli.loyalty.accrue.crediting'));
  let done = 0;
  for (const part of parts) {
    await commit(s, [{ type: EV.accrued, data: part }], `${batchId}#${part.part}`);
    done += part.customerIds.length;
    bar.update(done, plan.customerIds.length);
  }
  bar.done();
  s.ctx.out(t('cli.loyalty.accrue.credited', { what }));
  return 0;
}

async function expire(argv: string[], s: LoyaltySession): Promise<number> {
  const { values } = parse(argv, { 'dry-run': { type: 'boolean' }, 'as-of': { type: 'string' }, sample: { type: 'string' }, operator: { type: 'string' } }, false);
  const all = programList(s.slice());
  if (values['as-of'] !== undefined) return previewAsOf(s, all, values['as-of'] as string, Boolean(values['dry-run']), values.sample);
  const due = computeExpiry(Object.values(s.slice().customers), all, s.today);
  const t = tr(s);
  const summary = expirySummary(due, all, t);
  if (due.length === 0) return s.ctx.out(t('cli.loyalty.expire.none', { date: s.today })), 0;
  if (values['dry-run']) return s.ctx.out(t('cli.loyalty.expire.dryRun', { n: due.length, summary })), 0;
  for (let i = 0; i < due.length; i += 1000) await commit(s, due.slice(i, i + 1000).map((data) => ({ type: EV.pointsExpired, data })));
  s.ctx.out(t('cli.loyalty.expire.expired', { summary, n: due.length }));
  return 0;
}

const expirySummary = (due: readonly { programId: string; points: number }[], all: readonly LoyaltyProgram[], t: Translate): string => {
  const total = new Map<string, number>();
  for (const e of due) total.set(e.programId, (total.get(e.programId) ?? 0) + e.points);
  return [...total].map(([pid, u]) => t('cli.loyalty.expire.part', { points: pts(u, all.find((p) => p.id === pid)), program: pid })).join(', ');
};

/**
 * `expire --dry-run --as-of DATE`: what can no longer be spent on DATE, from the lots as they stand.
 * A preview only: an expiry is journaled on its day, never ahead of it (the customer may still spend
 * the points), so --as-of without --dry-run is refused.
 */
function previewAsOf(s: LoyaltySession, all: readonly LoyaltyProgram[], asOf: string, dryRun: boolean, sample: unknown): number {
  const t = tr(s);
  if (!isDate(asOf)) usageError(t('cli.loyalty.date', { what: '--as-of' }));
  if (!dryRun) usageError(t('cli.loyalty.expire.asOfDry'));
  if (asOf < s.today) usageError(t('cli.loyalty.expire.asOfAhead', { today: s.today }));
  const n = sample === undefined ? 10 : Number(sample);
  if (!Number.isInteger(n) || n < 0) usageError(t('cli.loyalty.expire.sample'));
  const pre = previewExpiry(Object.values(s.slice().customers), all, s.today, asOf);
  if (pre.rows.length === 0) return s.ctx.out(t('cli.loyalty.expire.previewNone', { date: asOf })), 0;
  const now = pre.rows.reduce((a, r) => a + (r.dueToday > 0 ? 1 : 0), 0);
  s.ctx.out(t(now ? 'cli.loyalty.expire.previewToday' : 'cli.loyalty.expire.preview', { date: asOf, n: pre.rows.length, summary: expirySummary(pre.rows, all, t), today: now }));
  for (const r of pre.rows.slice(0, n)) {
    const a = accountById(s.slice(), r.customerId);
    const p = all.find((x) => x.id === r.programId);
    s.ctx.out(t('cli.loyalty.expire.previewRow', { who: a ? `${a.card}  |  ${a.name}` : r.customerId, points: pts(r.points, p), program: r.programId, date: r.first }));
  }
  if (pre.rows.length > n) s.ctx.out(t('cli.loyalty.expire.previewMore', { n: pre.rows.length - n }));
  s.ctx.out(t('cli.loyalty.expire.previewEnd'));
  return 0;
}

async function tiers(argv: string[], s: LoyaltySession): Promise<number> {
  const [verb, ...rest] = argv;
  const t = tr(s);
  if (verb !== 'review') return usageError(t('cli.loyalty.tiers.expected'));
  const { values } = parse(rest, { 'dry-run': { type: 'boolean' }, operator: { type: 'string' } }, false);
  const changes = reviewTiers(Object.values(s.slice().customers), s.slice().ladder, s.today);
  const up = changes.filter((c) => c.reason.endsWith('promoted')).length;
  const text = t('cli.loyalty.tiers.counts', { up, down: changes.length - up });
  if (values['dry-run'] || changes.length === 0) return s.ctx.out(t(changes.length ? 'cli.loyalty.tiers.dryRun' : 'cli.loyalty.tiers.none', { text })), 0;
  for (let i = 0; i < changes.length; i += 1000) await commit(s, changes.slice(i, i + 1000).map((data) => ({ type: EV.customerRegraded, data })));
  s.ctx.out(t('cli.loyalty.tiers.recorded', { text }));
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
    const t = translator(ctx.language ?? 'en');
    if (!sub || sub === '--help' || sub === '-h') return ctx.out(t('cli.loyalty.usage')), 0;
    const handler = HANDLERS[sub];
    if (!handler) return usageError(t('cli.loyalty.unknownSub', { sub }));
    if (rest.includes('--help') || rest.includes('-h')) return ctx.out(t(`cli.loyalty.help.${sub}`)), 0;
    return withLoyalty(ctx, operatorOf(rest), (s) => handler(rest, s));
  },
};
