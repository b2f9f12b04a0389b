/**
 * `till customer`: loyalty customers and their cards. Card numbers are generated from the store's
 * sequence (EAN-13 with the configured in-store prefix) unless one is given; the default tier is the
 * ladder's first. Changes are journaled; a blocked card keeps its points but neither earns nor spends.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { AdminCommand } from './command.js';
import { parse } from './args.js';
import { progressBar } from './progress.js';
import { TillError } from '../domain/errors.js';
import { newCustomerId, validateCustomerUpdate, type CustomerRules } from '../domain/loyalty/customer.js';
import { parseCustomerCsv, type CustomerImportFinding } from '../domain/loyalty/customer-import.js';
import { EV } from '../domain/loyalty/events.js';
import { planBlock, planRegrade, planUnblock } from '../domain/loyalty/operations.js';
import { customerDetails, customerRow, customerRowJson, pts } from '../domain/loyalty/admin-view.js';
import { pageFields } from '../domain/paging.js';
import { accountById, findCustomers, programList } from '../store/projections/loyalty.js';
import { customerRules, newCustomerEvent } from '../store/customers.js';
import { customerHistory } from '../store/loyalty-history.js';
import { customerJson, foldMismatches, historyLines, historyWarnings } from '../domain/loyalty/history-view.js';
import { localDateTime } from '../domain/giftcard/dates.js';
import { PAGE_OPTIONS, pageFooter, pageOrRefuse, pageRequest, printJson, refuseLimit } from './paging.js';
import type { EventDraft } from '../store/types.js';
import { commit, must, programArg, resolveCustomer, usageError, withLoyalty, type LoyaltySession } from './loyalty.js';
import { hasMessage, translate, translator } from '../i18n/index.js';

/** The output's language of a session (the command's context). */
const lang = (s: LoyaltySession): string => s.ctx.language ?? 'en';
const tr = (s: LoyaltySession) => translator(lang(s));

/** The --help pages in the output's language (`cli.customer.usage`, `cli.customer.help.<sub>`). */
const usage = translate('en', 'cli.customer.usage');

/**
 * An import finding in the output's language: `cli.customer.<kind>.<CODE>` (else, for a fatal one, the
 * product import's `cli.import.fatal.<CODE>`) with the finding's values; English is the domain's text.
 */
function findingText(f: CustomerImportFinding | undefined, english: string, kind: 'reason' | 'fatal', language: string): string {
  if (language === 'en' || !f) return english;
  const key = [`cli.customer.${kind}.${f.code}`, ...(kind === 'fatal' ? [`cli.import.fatal.${f.code}`] : [])].find((k) => hasMessage(k, language));
  return key ? translate(language, key, f.params) : english;
}

/** A customer id not yet in the store. */
function freshId(s: LoyaltySession, taken: Set<string> = new Set()): string {
  let id: string;
  do id = newCustomerId(randomBytes(7));
  while (taken.has(id) || accountById(s.slice(), id));
  taken.add(id);
  return id;
}

const rules = (s: LoyaltySession): CustomerRules => customerRules(s.slice(), s.config);

async function add(argv: string[], s: LoyaltySession): Promise<number> {
  const { values } = parse(argv, { name: { type: 'string' }, phone: { type: 'string' }, email: { type: 'string' }, tier: { type: 'string' }, card: { type: 'string' }, operator: { type: 'string' } }, false);
  const input = { name: String(values.name ?? ''), phone: String(values.phone ?? ''), email: values.email as string | undefined, tier: values.tier as string | undefined, card: values.card as string | undefined };
  const ev = must(newCustomerEvent(s.slice(), s.config, input, freshId(s), s.ctx.now().toISOString()));
  const c = ev.data.customer;
  await commit(s, [ev]);
  s.ctx.out(c.tier ? tr(s)('cli.customer.createdTier', { name: c.name, card: c.card, tier: c.tier }) : tr(s)('cli.customer.created', { name: c.name, card: c.card }));
  return 0;
}

/** Matches beyond this are not paged: a search that finds more should be narrowed. */
const MAX_MATCHES = 10_000;

async function find(argv: string[], s: LoyaltySession): Promise<number> {
  const t = tr(s);
  refuseLimit(argv, lang(s));
  const { values, positionals } = parse(argv, { ...PAGE_OPTIONS });
  const q = positionals.join(' ');
  if (!q.trim()) usageError(t('cli.customer.findWhat'));
  const req = pageRequest(values, lang(s));
  const found = findCustomers(s.slice(), q, s.config.loyalty.phoneCountryCode, MAX_MATCHES);
  const page = pageOrRefuse(found, req, lang(s));
  const programs = programList(s.slice());
  if (values.json) return printJson(s.ctx, { query: q, ...pageFields(page), customers: page.items.map((a) => customerRowJson(a, programs, s.today)) }), 0;
  if (found.length === 0) return s.ctx.out(t('cli.customer.noMatch', { query: q })), 0;
  page.items.forEach((a) => s.ctx.out(customerRow(a, programs, s.today, t)));
  s.ctx.out(pageFooter(page, 'customers', found.length === MAX_MATCHES ? t('cli.page.order.bestCapped', { n: MAX_MATCHES }) : t('cli.page.order.best'), lang(s)));
  return 0;
}

async function show(argv: string[], s: LoyaltySession): Promise<number> {
  const { values, positionals } = parse(argv, { ...PAGE_OPTIONS });
  const t = tr(s);
  const req = pageRequest(values, lang(s));
  const a = resolveCustomer(s, positionals.join(' '));
  const programs = programList(s.slice());
  const ladder = s.slice().ladder;
  const { rows, unread } = customerHistory(s.store.dir, a);
  const mismatches = foldMismatches(rows, a);
  const page = pageOrRefuse(rows.slice().reverse(), req, lang(s));
  if (values.json) return printJson(s.ctx, customerJson(a, programs, ladder, s.config.currency, s.today, page, unread, mismatches)), 0;
  for (const line of customerDetails(a, programs, ladder, s.config.currency, s.today, t)) s.ctx.out(line);
  for (const line of historyLines(page, programs, localDateTime, s.config.currency, t)) s.ctx.out(line);
  for (const line of historyWarnings(unread, mismatches, programs, t)) s.ctx.out(line);
  s.ctx.out(`  ${pageFooter(page, 'rows', t('cli.page.order.newest'), lang(s))}`);
  return 0;
}

async function edit(argv: string[], s: LoyaltySession): Promise<number> {
  const { values, positionals } = parse(argv, { name: { type: 'string' }, phone: { type: 'string' }, email: { type: 'string' }, operator: { type: 'string' } });
  const a = resolveCustomer(s, positionals.join(' '));
  const changes = must(validateCustomerUpdate(a, { name: values.name as string | undefined, phone: values.phone as string | undefined, email: values.email as string | undefined }, rules(s)));
  const t = tr(s);
  if (Object.keys(changes).length === 0) return s.ctx.out(t('cli.customer.nothingToChange')), 0;
  await commit(s, [{ type: EV.customerUpdated, data: { customerId: a.id, changes } }]);
  s.ctx.out(t('cli.customer.updated', { fields: Object.keys(changes).map((f) => t(`cli.customer.field.${f}`)).join(', '), card: a.card }));
  return 0;
}

function cardOp(verb: 'block' | 'unblock' | 'regrade') {
  return async (argv: string[], s: LoyaltySession): Promise<number> => {
    const { values, positionals } = parse(argv, { reason: { type: 'string' }, tier: { type: 'string' }, operator: { type: 'string' } });
    const a = resolveCustomer(s, positionals.join(' '));
    const reason = String(values.reason ?? '');
    // The account object is the projection's own: it changes in place on commit.
    const tierBefore = a.tier;
    const ev: EventDraft =
      verb === 'block' ? must(planBlock(a, reason)) : verb === 'unblock' ? must(planUnblock(a, reason)) : must(planRegrade(a, s.slice().ladder, String(values.tier ?? ''), reason));
    await commit(s, [ev]);
    const after = accountById(s.slice(), a.id)!;
    const t = tr(s);
    s.ctx.out(verb === 'regrade' ? t('cli.customer.regraded', { name: a.name, card: a.card, before: tierBefore ?? '-', after: String(after.tier) }) : t(after.blocked ? 'cli.customer.nowBlocked' : 'cli.customer.nowActive', { card: a.card, name: a.name }));
    return 0;
  };
}

async function importCsv(argv: string[], s: LoyaltySession): Promise<number> {
  const { values, positionals } = parse(argv, { program: { type: 'string' }, 'dry-run': { type: 'boolean' }, operator: { type: 'string' } });
  const t = tr(s);
  if (positionals.length !== 1) usageError(t('cli.customer.oneFile'));
  let text: string;
  try {
    text = readFileSync(positionals[0], 'utf8');
  } catch (e) {
    throw new TillError('FILE_INVALID', t('cli.customer.cannotRead', { file: positionals[0], error: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
  }
  const program = values.program !== undefined || /^[^\n]*\bpoints\b/i.test(text) ? programArg(s, values.program) : undefined;
  const ids = new Set<string>();
  const res = parseCustomerCsv(text, { rules: rules(s), cardSerial: s.slice().cardSerial, pointDecimals: program?.decimals, newId: () => freshId(s, ids), created: s.ctx.now().toISOString() });
  if (res.fatal) throw new TillError('FILE_INVALID', t('cli.customer.fileInvalid', { file: positionals[0], error: findingText(res.fatalCode, res.fatal, 'fatal', lang(s)) }));
  for (const r of res.rejected.slice(0, 200)) s.ctx.err(`${positionals[0]}:${r.line}: ${findingText(r, r.reason, 'reason', lang(s))}`);
  if (res.rejected.length > 200) s.ctx.err(t('cli.import.more', { n: res.rejected.length - 200 }));
  const opening = res.rows.reduce((a, r) => a + (r.points ?? 0), 0);
  const counts = { n: res.rows.length, rejected: res.rejected.length };
  const summary = opening ? t('cli.customer.importSummaryPoints', { ...counts, points: pts(opening, program) }) : t('cli.customer.importSummary', counts);
  if (values['dry-run']) return s.ctx.out(t('cli.customer.dryRun', { summary })), 0;
  const bar = progressBar(s.ctx.isTTY, t('cli.customer.importing'));
  for (let i = 0; i < res.rows.length; i += 1000) {
    const events: EventDraft[] = [];
    for (const r of res.rows.slice(i, i + 1000)) {
      events.push({ type: EV.customerCreated, data: { customer: r.customer, ...(r.cardSerial ? { cardSerial: r.cardSerial } : {}) } });
      if (r.points && program) events.push({ type: EV.pointsAdjusted, data: { customerId: r.customer.id, programId: program.id, points: r.points, day: s.today, reason: 'opening balance (import)' } });
    }
    await commit(s, events);
    bar.update(Math.min(i + 1000, res.rows.length), res.rows.length);
  }
  bar.done();
  s.ctx.out(t('cli.customer.imported', { summary }));
  return res.rows.length === 0 && res.rejected.length ? 1 : 0;
}

const HANDLERS: Record<string, (argv: string[], s: LoyaltySession) => Promise<number>> = {
  add, find, show, edit, block: cardOp('block'), unblock: cardOp('unblock'), regrade: cardOp('regrade'), import: importCsv,
};

export const customerCommand: AdminCommand = {
  name: 'customer',
  summary: 'loyalty customers and cards: add, find, show, edit, block, unblock, regrade, import',
  usage,
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    const t = translator(ctx.language ?? 'en');
    if (!sub || sub === '--help' || sub === '-h') return ctx.out(t('cli.customer.usage')), 0;
    const handler = HANDLERS[sub];
    if (!handler) return usageError(t('cli.customer.unknownSub', { sub }));
    if (rest.includes('--help') || rest.includes('-h')) return ctx.out(t(`cli.customer.help.${sub}`)), 0;
    const i = rest.findIndex((a) => a === '--operator');
    return withLoyalty(ctx, i >= 0 ? rest[i + 1] : undefined, (s) => handler(rest, s));
  },
};
