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
import { customerDetails, customerRow, pts } from '../domain/loyalty/admin-view.js';
import { accountById, findCustomers, programList } from '../store/projections/loyalty.js';
import { customerRules, newCustomerEvent } from '../store/customers.js';
import { customerHistory } from '../store/loyalty-history.js';
import type { EventDraft } from '../store/types.js';
import { commit, must, programArg, resolveCustomer, usageError, withLoyalty, type LoyaltySession } from './loyalty.js';

const SUBS: Record<string, string> = {
  add: `Usage: till customer add --name NAME --phone PHONE [--email EMAIL] [--tier ID] [--card NUMBER]
Creates a customer with a loyalty card. Without --card a number is generated (EAN-13, check digit,
in the store's loyalty prefix); without --tier the first tier of the ladder is given.`,
  find: `Usage: till customer find QUERY [--limit N]
Finds customers by card number, the start or the last 4+ digits of a phone number, or the start of
name words ("ngu an" finds "Nguyễn Văn An").`,
  show: `Usage: till customer show CUSTOMER
A customer's card, tier and progress, balances, points expiring within 30 days and recent movements.
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

async function find(argv: string[], s: LoyaltySession): Promise<number> {
  const { values, positionals } = parse(argv, { limit: { type: 'string' } });
  const q = positionals.join(' ');
  if (!q.trim()) usageError('give something to search for: a card number, phone digits or a name');
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) usageError('--limit must be a whole number from 1 to 1000');
  const found = findCustomers(s.slice(), q, s.config.loyalty.phoneCountryCode, limit);
  const programs = programList(s.slice());
  found.forEach((a) => s.ctx.out(customerRow(a, programs, s.today)));
  if (found.length === 0) s.ctx.out(`No customer matches "${q}".`);
  return 0;
}

async function show(argv: string[], s: LoyaltySession): Promise<number> {
  const { positionals } = parse(argv, {});
  const a = resolveCustomer(s, positionals.join(' '));
  customerDetails(a, programList(s.slice()), s.slice().ladder, s.config.currency, s.today, customerHistory(s.store.dir, a)).forEach((l) => s.ctx.out(l));
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
