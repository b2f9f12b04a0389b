/**
 * English texts of `till loyalty`: its --help pages and what every subcommand prints or refuses.
 * and the words of the program, rule, reward and tier-ladder lines (`cli.loyalty.view.*`, read by
 * src/domain/loyalty/admin-view.ts). Spread into en.ts; vi-, zh-, ru-cli-loyalty.ts hold the same
 * keys. A program file's problems are the domain's reasons worded by en-program-problems.ts.
 */
export const enCliLoyalty = {
  'cli.loyalty.usage': `Usage: till loyalty <subcommand> [options] [--data DIR]     (till loyalty <subcommand> --help)

Subcommands:
  program   set programs, rules, rewards and tiers from a JSON file; list; export
  adjust    add or remove points on a card, with a reason
  accrue    bulk bonus to customers matching filters (idempotent batch)
  expire    record the expiry of points past their date
  tiers     review tiers (promotion, and demotion if configured)`,
  'cli.loyalty.help.program': `Usage: till loyalty program set FILE.json [--dry-run]
       till loyalty program list [--json]
       till loyalty program export [FILE.json]
"set" creates or replaces the programs in the file (by id) and, if the file has "tiers", the tier
ladder; programs not in the file stay as they are (stop one with "active": false). "export" writes
the current programs and tiers in the same format, to edit and set again. "list --json" prints them
as the journal holds them: money in minor units, points in units, rates in ppm. See docs/loyalty.md.`,
  'cli.loyalty.help.adjust': `Usage: till loyalty adjust CARD --points [+|-]N --reason TEXT [--program ID] [--additional] [--operator ID]
Adds or removes points by hand; the reason stays in the card's history. Never below zero.
--additional: additional (promotional) points — a campaign credit, or a removal of additional points.`,
  'cli.loyalty.help.accrue': `Usage: till loyalty accrue --points N --reason TEXT [filters] [--program ID] [--batch ID] [--dry-run]
                           [--additional [--expires-days N]]
Credits N points to every customer matching the filters (blocked cards never). --additional credits
them as additional (promotional) points: spent before main points, expiring after --expires-days N
or the program's "additionalExpiryDays" (else its "expiryDays"), shown apart on receipts and in history.
  --spend-min AMOUNT  --spend-max AMOUNT   lifetime spend in this range (inclusive)
  --tier ID                                 customers in this tier
  --last-purchase-before DATE  --last-purchase-after DATE
--dry-run shows how many customers and a sample. A batch is credited once: the same request on the
same day (or the same --batch ID) credits nobody twice, and a run cut short resumes where it stopped.`,
  'cli.loyalty.help.expire': `Usage: till loyalty expire [--dry-run]
       till loyalty expire --dry-run --as-of DATE [--sample N]
Records the expiry of points past their date (programs with "expiryDays"). Oldest points go first.
--as-of DATE previews what can no longer be spent on DATE (lots expiring on or before it), with the
first N customers (default 10) by date: for planning a reminder or a campaign. Nothing is recorded.`,
  'cli.loyalty.help.tiers': `Usage: till loyalty tiers review [--dry-run]
Moves customers to the tier they qualify for today: up always, down only when the ladder has
"demotion": true. Run it on the schedule the shop wants (e.g. monthly from cron).`,
  'cli.loyalty.unknownSub': 'unknown subcommand "{sub}" of till loyalty',
  // program
  'cli.loyalty.program.none': 'No loyalty program yet. Create one with: till loyalty program set FILE.json',
  'cli.loyalty.program.exists': '{file} exists; choose a new file',
  'cli.loyalty.program.wrote': 'Wrote {n} program(s) to {file}.',
  'cli.loyalty.program.wroteTiers': 'Wrote {n} program(s) and the tiers to {file}.',
  'cli.loyalty.program.expected': 'expected: till loyalty program set FILE.json | list | export [FILE]',
  'cli.loyalty.program.cannotRead': 'Cannot read {file}: {error}. Nothing was changed.',
  'cli.loyalty.program.problem': '{file}: {key}: {message} [{code}]',
  'cli.loyalty.program.problemAt': '{file}, line {line}, column {column}: {key}: {message} [{code}]',
  'cli.loyalty.program.problems': '{file} has {n} problem(s). Nothing was changed.',
  'cli.loyalty.program.rewardMissing': 'warning: reward {program}/{reward}: product {sku} is not in the catalog yet',
  'cli.loyalty.program.dryRun': 'Dry run: nothing was changed.',
  'cli.loyalty.program.stray': 'warning: {n} customer(s) hold a tier the ladder no longer has; run: till loyalty tiers review',
  'cli.loyalty.program.saved': 'Saved {n} program(s).',
  'cli.loyalty.program.savedTiers': 'Saved {n} program(s) and the tiers.',
  'cli.loyalty.program.savedNoTiers': 'Saved {n} program(s); tiers removed.',
  // adjust
  'cli.loyalty.adjust.pointsNumber': '--points must be a number of points such as +10 or -2{fraction}',
  'cli.loyalty.adjust.added': 'Added {points} points to {name} ({card}): balance {balance}{extra}.',
  'cli.loyalty.adjust.addedAdditional': 'Added {points} additional points to {name} ({card}): balance {balance}{extra}.',
  'cli.loyalty.adjust.removed': 'Removed {points} points from {name} ({card}): balance {balance}{extra}.',
  'cli.loyalty.adjust.removedAdditional': 'Removed {points} additional points from {name} ({card}): balance {balance}{extra}.',
  'cli.loyalty.adjust.extra': ' ({points} additional)',
  // accrue
  'cli.loyalty.accrue.pointsPositive': '--points must be a number of points greater than 0',
  'cli.loyalty.accrue.reasonRequired': '--reason is required: it is kept in every card’s history',
  'cli.loyalty.accrue.amount': '{what} must be an amount in {cur}, got {got}',
  'cli.loyalty.date': '{what} must be a date as YYYY-MM-DD',
  'cli.loyalty.accrue.noTier': 'There is no tier "{tier}".',
  'cli.loyalty.accrue.expiresWithout': '--expires-days goes with --additional (additional points have their own expiry)',
  'cli.loyalty.accrue.expiresDays': '--expires-days must be a whole number of days from 1 to 36500',
  'cli.loyalty.accrue.what': '{points} points ({program}) to {n} customer(s), batch {batch}',
  'cli.loyalty.accrue.whatUntil': '{points} additional points ({program}) to {n} customer(s), batch {batch}, expiring {date}',
  'cli.loyalty.accrue.whatForever': '{points} additional points ({program}) to {n} customer(s), batch {batch}, not expiring',
  'cli.loyalty.accrue.dryRun': 'Dry run: would credit {what}.',
  'cli.loyalty.accrue.dryRunAlready': 'Dry run: would credit {what}; {done} already credited by this batch.',
  'cli.loyalty.accrue.alreadyDone': 'Nothing to do: batch {batch} already credited {n} customer(s).',
  'cli.loyalty.accrue.noMatch': 'No customer matches the filters.',
  'cli.loyalty.accrue.crediting': 'Crediting',
  'cli.loyalty.accrue.credited': 'Credited {what}.',
  // expire
  'cli.loyalty.expire.none': 'No points expire on {date}.',
  'cli.loyalty.expire.dryRun': 'Dry run: {n} balance(s) would lose {summary}.',
  'cli.loyalty.expire.expired': 'Expired {summary} on {n} balance(s).',
  'cli.loyalty.expire.part': '{points} points of {program}',
  'cli.loyalty.expire.asOfDry': '--as-of previews what will expire by a date: add --dry-run (points are expired on their day by till loyalty expire)',
  'cli.loyalty.expire.asOfAhead': '--as-of looks ahead: give today ({today}) or a later date',
  'cli.loyalty.expire.sample': '--sample must be a whole number of customers to list',
  'cli.loyalty.expire.previewNone': 'Dry run: no points expire by {date}.',
  'cli.loyalty.expire.preview': 'Dry run: by {date}, {n} balance(s) would lose {summary}.',
  'cli.loyalty.expire.previewToday': 'Dry run: by {date}, {n} balance(s) would lose {summary} ({today} of them already past their date today).',
  'cli.loyalty.expire.previewRow': '  {who}  |  {points} points of {program} from {date}',
  'cli.loyalty.expire.previewMore': '  … and {n} more (--sample N lists more)',
  'cli.loyalty.expire.previewEnd': 'Points spent before then go oldest first and will not expire. Nothing was changed.',
  // tiers
  'cli.loyalty.tiers.expected': 'expected: till loyalty tiers review [--dry-run]',
  'cli.loyalty.tiers.counts': '{up} promotion(s), {down} demotion(s)',
  'cli.loyalty.tiers.none': '{text}.',
  'cli.loyalty.tiers.dryRun': 'Dry run: {text}.',
  'cli.loyalty.tiers.recorded': 'Recorded {text}.',
  // the program and tier-ladder lines of program list/set (src/domain/loyalty/admin-view.ts)
  'cli.loyalty.view.active': "active",
  'cli.loyalty.view.stopped': "stopped",
  'cli.loyalty.view.dates': " {start} to {end}",
  'cli.loyalty.view.program': "{id}: {name} [{state}]{dates}; points to {decimals} decimals, rounded down to {step}{expiry}{additional}",
  'cli.loyalty.view.expiry': "; expire after {days} days",
  'cli.loyalty.view.additionalExpiry': "; additional points expire after {days} days",
  'cli.loyalty.view.perAmount': "{points} per {amount}",
  'cli.loyalty.view.perUnit': "{points} per unit",
  'cli.loyalty.view.perOrder': "{points} per order",
  'cli.loyalty.view.onSku': " on sku {sku}",
  'cli.loyalty.view.onCategory': " on category {category}",
  'cli.loyalty.view.cumulative': " (adds to base)",
  'cli.loyalty.view.replaces': " (replaces base)",
  'cli.loyalty.view.minQty': "min qty {n}",
  'cli.loyalty.view.minAmount': "min {amount}",
  'cli.loyalty.view.minAmountExcl': "min {amount} excl. tax",
  'cli.loyalty.view.rule': "  rule {id}: {parts}{on}{min}{additional}",
  'cli.loyalty.view.ruleAdditional': " (additional points)",
  'cli.loyalty.view.reward': "  reward {text}",
  'cli.loyalty.view.cost': "{points} pt",
  'cli.loyalty.view.costNeeds': "{points} pt, needs {min}",
  'cli.loyalty.view.cashback': "{id}: {name} — {amount} per {points} points, in steps of {step}{max}",
  'cli.loyalty.view.cashbackMax': ", at most {percent}% of a sale",
  'cli.loyalty.view.fixed': "{id}: {name} — {amount} off for {cost}",
  'cli.loyalty.view.percent': "{id}: {name} — {percent}% off{target}{max} for {cost}",
  'cli.loyalty.view.percentMax': " (max {amount})",
  'cli.loyalty.view.free': "{id}: {name} — free {sku} for {cost}",
  'cli.loyalty.view.tiersBySpend': "tiers by spend{period}{demotion}:",
  'cli.loyalty.view.tiersByPoints': "tiers by points earned in {program}{period}{demotion}:",
  'cli.loyalty.view.period': " over the last {n} month(s)",
  'cli.loyalty.view.lifetime': " (lifetime)",
  'cli.loyalty.view.demotion': ", demotion on review",
  'cli.loyalty.view.tier': "  {id}: {name} from {threshold}{perks}",
  'cli.loyalty.view.thresholdPoints': "{points} points",
  'cli.loyalty.view.discount': "{percent}% off",
  'cli.loyalty.view.multiplier': "x{n} points",
  'cli.loyalty.view.tierCashback': "{percent}% back in {program} points",
  'cli.loyalty.view.price': "    price {what}: {price}",
  'cli.loyalty.view.priceSku': "sku {sku}",
  'cli.loyalty.view.priceCategory': "category {category}",
  'cli.loyalty.view.priceOff': "{percent}% off",
  'cli.loyalty.view.minPart': "; {min}",
  'cli.loyalty.view.list': ", ",
  // the refusals of the customer and program lookups (shared with till customer and till giftcard)
  'cli.loyalty.nameCustomer': "name the customer by card number, phone number or customer id",
  'cli.error.CUSTOMER_AMBIGUOUS': "{n} customers have the phone {ref}; name one by card number.",
  'cli.error.CUSTOMER_UNKNOWN': "No customer with the card, phone or id \"{ref}\". Try: till customer find {ref}",
  'cli.loyalty.noProgram': "There is no program \"{id}\" (programs: {programs}).",
  'cli.loyalty.none': "none",
  'cli.loyalty.noPrograms': "The store has no loyalty program yet: till loyalty program set FILE.json",
  'cli.loyalty.severalPrograms': "the store runs several programs: name one with --program ({programs})",
};
