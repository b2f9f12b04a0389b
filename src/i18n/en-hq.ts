/**
 * English texts of head office on the chain (docs/chain.md, "Head office"): `till hq publish|report|status`
 * and `till sync pull|join`. Spread into the English catalog (en.ts); vi-hq.ts, zh-hq.ts and ru-hq.ts
 * hold the same keys (a catalog test checks it).
 */
export const enHq = {
  'cli.summary.hq': 'head office on the chain: publish the catalog, customers, programs and settings; Z reports across registers',
  'hq.usage': `Usage: till hq publish [--take-over] [--json] [--data HQ_DIR]
       till hq report [--day DATE | --from DATE --to DATE] [--register R] [--csv | --json] [--data DIR]
       till hq status [--json] [--data DIR]

publish  Sends head office's store (a till data folder edited with till import, till customer and
         till loyalty) to the chain database as one new version: products with their barcodes and
         categories, customers (identity and tier), loyalty programs, the tier ladder and the shared
         settings. Registers pull it (till sync pull; a running register every few seconds). The
         first store to publish becomes head office; another is refused unless --take-over.
report   Z reports of every register from the chain database, closed on DATE (default today) or from
         DATE to DATE (local days, inclusive): one line per Z and the total. --csv for a spreadsheet.
status   The chain's version, who publishes, and each register's journal in the ledger.
The database is chain.url of the data folder's till.config.json.`,
  'sync.hq.usage': `Usage: till sync pull [--json] [--data DIR]
       till sync join --register ID [--url URL] [--replace] [--config FILE] [--json] [--data DIR]

pull   Brings head office's catalog, customers, programs and shared settings into this register's
       journal (as the catalog, customer and program events it knows); a pull twice changes nothing,
       a pull cut short resumes. A running register pulls by itself every few seconds.
join   Creates a register in an empty data folder from the chain database: head office's items, every
       gift-card and points balance, and a first journal event linking it to the shared history.
       --replace: the register id is in the chain already (its register was replaced): the new one
       continues its receipt numbers and sends its own journal under a new ledger id.
       --config FILE: this register's own settings (hardware, printer, language) to start from.`,
  'hq.published': 'Published version {version} to {where}: {products} product(s), {customers} customer(s), {programs} program(s), {tiers} tier ladder, {settings} setting(s) changed; {removed} removed.',
  'hq.unchanged': 'Nothing changed since version {version}: nothing was published.',
  'hq.report.title': 'Z reports {from} – {to} ({currency}) from {where}',
  'hq.report.head': 'register     Z  closed            sales      total        tax  returns   cash diff',
  'hq.report.total': 'TOTAL',
  'hq.report.payments': 'Payments: {list}',
  'hq.report.none': 'No Z report was closed on these days.',
  'hq.report.noZ': 'No Z on these days: {registers}',
  'hq.report.received': 'Register {register}: the database holds its journal up to event {seq} (last sent {at}).',
  'hq.report.alertsHead': 'Overspend alerts ({count}): offline redemptions beyond the balance, each to settle with the customer:',
  'hq.report.alertCard': '  {register}  {at}  gift card ****{last4} overspent by {amount} (balance then {balance}); {told}',
  'hq.report.alertPoints': '  {register}  {at}  points of {customer} overspent by {amount} (balance then {balance}); {told}',
  'hq.report.alertTold': 'shown at the register',
  'hq.report.alertUntold': 'not shown at the register yet (it shows it at its next push)',
  'hq.status.head': 'Chain {chain} at {where}: head office version {version}, published by store {master} ({currency}).',
  'hq.status.never': 'Chain {chain} at {where}: head office has not published yet.',
  'hq.status.register': '  {ledger}  register {register}  event {seq}  last sent {at}',
  'hq.status.never.sent': 'never',
  'sync.pull.done': 'Pulled head office\u2019s version {version}: {items} item(s) read, {events} journal event(s) written.',
  'sync.pull.current': 'Up to date with head office\u2019s version {version}: nothing to write.',
  'sync.pull.settings': 'Settings {keys} written to till.config.json (a running register uses them from its next start).',
  'sync.pull.skipped': '{n} item(s) could not be read and were left out.',
  'sync.join.done': 'Joined the chain as register {register} (ledger id {ledger}), seeded at head office\u2019s version {version}: {products} product(s), {customers} customer(s), {programs} program(s), {cards} gift card(s), {points} points balance(s).',
  'sync.join.replaced': 'It replaces the register that had this id: receipts continue after {receipt}; the old journal stays in the ledger as it is.',
  'sync.join.overspent': '{n} balance(s) below zero in the chain were seeded at 0: settle them first (the alerts are in the database).',
  'sync.join.next': 'Start it with: till start --data {dir}',
  'sync.join.needsUrl': 'till sync join needs the chain database: --url postgres://USER@HOST:5432/DB (or chain.url in --config FILE).',
  'sync.join.needsRegister': 'till sync join needs --register ID: the register id this till will have.',
  'sync.join.exists': 'There is a store in {dir} already: join creates a new one. Choose an empty data folder.',
  "error.HQ_CURRENCY": "The chain keeps its books in {chain}; this store is in {store}. Nothing was changed.",
  "error.HQ_NOT_MASTER": "Another store publishes head office’s data to this chain (store {master}). Publish from that data folder, or add --take-over to make this store head office. Nothing was published.",
  "error.HQ_REGISTER_EXISTS": "Register \"{register}\" is already in the chain. To replace it (its old data folder is lost or retired), run till sync join again with --replace; a new register takes a new id. Nothing was created.",
  "hq.needsSub": "till hq needs one of publish, report, status",
  "hq.needsSubGot": "till hq needs one of publish, report, status, got \"{got}\"",
  "hq.csvOrJson": "give --csv or --json, not both",
  "hq.dayOrRange": "give --day or --from/--to, not both",
  "hq.rangeTogether": "--from and --to go together",
  "hq.dates": "dates are YYYY-MM-DD",
  "hq.fromAfterTo": "--from must not be after --to",
} as const;
