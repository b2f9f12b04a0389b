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
import { parseCustomerCsv } from '../domain/loyalty/customer-import.js';
import { EV } from '../domain/loyalty/events.js';
import { planBlock, planRegrade, planUnblock } from '../domain/loyalty/operations.js';
import { customerDetails, customerRow, customerRowJson, pts } from '../domain/loyalty/admin-view.js';
import { pageFields } from '../domain/paging.js';
import { accountById, findCustomers, programList } from '../store/projections/loyalty.js';
import { customerRules, newCustomerEvent } from '../store/customers.js';
import { customerHistory } from '../store/loyalty-history.js';
import { customerJson, foldMismatches, historyLines, historyWarnings, HISTORY_ORDER } from '../domain/loyalty/history-view.js';
import { localDateTime } from '../domain/giftcard/dates.js';
import { PAGE_OPTIONS, pageFooter, pageOrRefuse, pageRequest, printJson, refuseLimit } from './paging.js';
import type { EventDraft } from '../store/types.js';
import { commit, must, programArg, resolveCustomer, usageError, withLoyalty, type LoyaltySession } from './loyalty.js';

const SUBS: Record<string, string> = {
  add: `Usage: till customer add --name NAME --phone PHONE [--email EMAIL] [--tier ID] [--card NUMBER]
Creates a customer with a loyalty card. Without --card a number is generated (EAN-13, check digit,
in the store's loyalty prefix); without --tier the first tier of the ladder is given.`,
  find: `Usage: till customer find QUERY [--page N] [--per-page M] [--json]
Finds customers by card number, the start or the last 4+ digits of a phone number, or the start of
name words ("ngu an" finds "Nguyễn Văn An"), best match first, 20 a page.`,
  show: `Usage: till customer show CUSTOMER [--page N] [--per-page M] [--json]
A customer's card, tier and progress, balances, points expiring within 30 days, and the whole history
read from the journal, newest first, 20 rows a page: every points movement (earned, spent, adjusted,
expired, bonus, refund) with the balance after it, and every change of state (created, edited,
blocked, unblocked, regraded, promoted on a sale), with the operator and the sale or batch reference.
--json prints one JSON document (points as integer units, money as minor units with the currency).
CUSTOMER is a card number, a phone number or a customer id (the same for every subcommand).`,
  edit: `Usage: till customer edit CUSTOMER [--name NAME] [--phone PHONE] [--email EMAIL|""]`,
  block: `Usage: till customer block CUSTOMER --reason TEXT
Blocks the card: it neither earns nor spends points until unblocked. Its balance is kept.`,
  unblock: `Usage: till customer unblock CUSTOMER --reason TEXT`,
  regrade: `Usage: till customer regrade CUSTOMER --tier ID --reason TEXT
Sets the tier by hand. Sales only ever promote from it; 'till loyalty tiers review' may demote.`,
  import: `Usage: till customer import FILE.csv [--program ID] [--dry-run]
Header: name,phone and optionally email,card,tier,points. Empty card: a number is generated.
"points" is an opening balance in the program named by --program. Rows that fail are listed with
their line; a phone already in the store is refused, so importing a file twice adds nobody twice.`,
};

const usage = `Usage: till customer <subcommand> [options] [--data DIR]     (till customer <subcommand> --help)

Subcommands:
  add      create a customer and card
  find     search by card, phone or name
  show     card, tier, balances, expiring points, history
  edit     change name, phone or e-mail
  block    block a card (with a reason)
  unblock  unblock a card (with a reason)
  regrade  change the tier by hand (with a reason)
  import   create customers from a CSV file`;

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
  s.ctx.out(`Created ${c.name}, card ${c.card}${c.tier ? `, tier ${c.tier}` : ''}.`);
  return 0;
}

/** Matches beyond this are not paged: a search that finds more should be narrowed. */
const MAX_MATCHES = 10_000;

async function find(argv: string[], s: LoyaltySession): Promise<number> {
  refuseLimit(argv);
  const { values, positionals } = parse(argv, { ...PAGE_OPTIONS });
  const q = positionals.join(' ');
  if (!q.trim()) usageError('give something to search for: a card number, phone digits or a name');
  const req = pageRequest(values);
  const found = findCustomers(s.slice(), q, s.config.loyalty.phoneCountryCode, MAX_MATCHES);
  const page = pageOrRefuse(found, req);
  const programs = programList(s.slice());
  if (values.json) return printJson(s.ctx, { query: q, ...pageFields(page), customers: page.items.map((a) => customerRowJson(a, programs, s.today)) }), 0;
  if (found.length === 0) return s.ctx.out(`No customer matches "${q}".`), 0;
  page.items.forEach((a) => s.ctx.out(customerRow(a, programs, s.today)));
  s.ctx.out(pageFooter(page, 'customers', found.length === MAX_MATCHES ? `best first; only the first ${MAX_MATCHES} matches, narrow the search` : 'best first'));
  return 0;
}

async function show(argv: string[], s: LoyaltySession): Promise<number> {
  const { values, positionals } = parse(argv, { ...PAGE_OPTIONS });
  const req = pageRequest(values);
  const a = resolveCustomer(s, positionals.join(' '));
  const programs = programList(s.slice());
  const ladder = s.slice().ladder;
  const { rows, unread } = customerHistory(s.store.dir, a);
  const mismatches = foldMismatches(rows, a);
  const page = pageOrRefuse(rows.slice().reverse(), req);
  if (values.json) return printJson(s.ctx, customerJson(a, programs, ladder, s.config.currency, s.today, page, unread, mismatches)), 0;
  for (const line of customerDetails(a, programs, ladder, s.config.currency, s.today)) s.ctx.out(line);
  for (const line of historyLines(page, programs, localDateTime, s.config.currency)) s.ctx.out(line);
  for (const line of historyWarnings(unread, mismatches, programs)) s.ctx.out(line);
  s.ctx.out(`  ${pageFooter(page, 'rows', HISTORY_ORDER)}`);
  return 0;
}

async function edit(argv: string[], s: LoyaltySession): Promise<number> {
  const { values, positionals } = parse(argv, { name: { type: 'string' }, phone: { type: 'string' }, email: { type: 'string' }, operator: { type: 'string' } });
  const a = resolveCustomer(s, positionals.join(' '));
  const changes = must(validateCustomerUpdate(a, { name: values.name as string | undefined, phone: values.phone as string | undefined, email: values.email as string | undefined }, rules(s)));
  if (Object.keys(changes).length === 0) return s.ctx.out('Nothing to change.'), 0;
  await commit(s, [{ type: EV.customerUpdated, data: { customerId: a.id, changes } }]);
  s.ctx.out(`Updated ${Object.keys(changes).join(', ')} of ${a.card}.`);
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
    s.ctx.out(verb === 'regrade' ? `${a.name} (${a.card}): tier ${tierBefore ?? '-'} -> ${after.tier}.` : `Card ${a.card} of ${a.name} is ${after.blocked ? 'blocked' : 'active'}.`);
    return 0;
  };
}

async function importCsv(argv: string[], s: LoyaltySession): Promise<number> {
  const { values, positionals } = parse(argv, { program: { type: 'string' }, 'dry-run': { type: 'boolean' }, operator: { type: 'string' } });
  if (positionals.length !== 1) usageError('give one CSV file');
  let text: string;
  try {
    text = readFileSync(positionals[0], 'utf8');
  } catch (e) {
    throw new TillError('FILE_INVALID', `Cannot read ${positionals[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Nothing was imported.`);
  }
  const program = values.program !== undefined || /^[^\n]*\bpoints\b/i.test(text) ? programArg(s, values.program) : undefined;
  const ids = new Set<string>();
  const res = parseCustomerCsv(text, { rules: rules(s), cardSerial: s.slice().cardSerial, pointDecimals: program?.decimals, newId: () => freshId(s, ids), created: s.ctx.now().toISOString() });
  if (res.fatal) throw new TillError('FILE_INVALID', `${positionals[0]}: ${res.fatal}. Nothing was imported.`);
  for (const r of res.rejected.slice(0, 200)) s.ctx.err(`${positionals[0]}:${r.line}: ${r.reason}`);
  if (res.rejected.length > 200) s.ctx.err(`... and ${res.rejected.length - 200} more`);
  const opening = res.rows.reduce((a, r) => a + (r.points ?? 0), 0);
  const summary = `${res.rows.length} customer(s)${opening ? ` with ${pts(opening, program)} opening points` : ''}, ${res.rejected.length} row(s) reported`;
  if (values['dry-run']) return s.ctx.out(`Dry run: ${summary}. Nothing was changed.`), 0;
  const bar = progressBar(s.ctx.isTTY, 'Importing');
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
  s.ctx.out(`Imported ${summary}.`);
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
    if (!sub || sub === '--help' || sub === '-h') return ctx.out(usage), 0;
    const handler = HANDLERS[sub];
    if (!handler) return usageError(`unknown subcommand "${sub}" of till customer`);
    if (rest.includes('--help') || rest.includes('-h')) return ctx.out(SUBS[sub]), 0;
    const i = rest.findIndex((a) => a === '--operator');
    return withLoyalty(ctx, i >= 0 ? rest[i + 1] : undefined, (s) => handler(rest, s));
  },
};
