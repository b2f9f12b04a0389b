/**
 * English texts of `till sync setup|status|push` and the chain's refusals as the back office tells
 * them (`cli.error.<CODE>`, read by refusalText in src/admin/refusal.ts before the till's `error.<CODE>`).
 * Spread into en.ts; vi-, zh- and ru-cli-sync.ts hold the same keys. The till's own chain messages
 * (gift cards offline, the status line) live with the screen's catalog, not here.
 */
export const enCliSync = {
  'cli.sync.usage': 'Usage: till sync setup [--data DIR]\n       till sync status [--json] [--data DIR]\n       till sync push [--json] [--data DIR]\n\nsetup   Creates the shared ledger\'s tables in the database of chain.url (once per chain; safe to\n        repeat: an up-to-date database is left as it is).\nstatus  online, or "offline since HH:MM, N sales to send", and the last event the database acknowledged.\npush    Sends every journal event the database does not have yet, now, in order (a resend changes\n        nothing), and prints the overspend alerts the database recorded for them.\nThe database is chain.url in till.config.json, e.g. postgres://till@db:5432/till (the password in\nPGPASSWORD or ~/.pgpass). Runs beside an open register: it takes no lock.',
  'cli.sync.needsSub': 'till sync needs one of setup, status, push, pull, join',
  'cli.sync.needsSubGot': 'till sync needs one of setup, status, push, pull, join, got "{got}"',
  'cli.sync.created': 'Created the till ledger in {where}.',
  'cli.sync.upgraded': 'Upgraded the till ledger in {where} to schema version {version}.',
  'cli.sync.current': 'The till ledger in {where} is up to date.',
  'cli.sync.sent': 'Sent {inserted} event(s) ({sales} sale(s)) to {where}; {duplicates} were there already. Acknowledged up to event {acked}.',
  'cli.sync.alertCard': 'ALERT {kind}: gift card ****{last4} overspent by {amount} while offline; balance now {balance}. A manager must settle it.',
  'cli.sync.alertPoints': 'ALERT {kind}: points of {customer} overspent by {amount} while offline; balance now {balance}. A manager must settle it.',
  'cli.sync.online': 'online: everything sent to {where} (acknowledged up to event {acked}).',
  'cli.sync.offlineSince': 'offline since {time}, {sales} sale(s) to send ({transactions} transaction(s) after event {acked}).',
  'cli.sync.offline': 'offline, {sales} sale(s) to send ({transactions} transaction(s) after event {acked}).',
  'cli.sync.alertsHead': '{count} overspend alert(s) for this register (offline redemptions beyond the balance; a manager settles each with the customer):',
  'cli.sync.alertLineCard': '  {at}  gift card ****{last4} overspent by {amount}, balance then {balance}; {told}',
  'cli.sync.alertLinePoints': '  {at}  points of {customer} overspent by {amount}, balance then {balance}; {told}',
  'cli.sync.alertTold': 'shown on this register',
  'cli.sync.alertUntold': 'shown on this register at its next push',
  'cli.sync.alertMovedBy': 'found when register {register} sent a sale it had held',
  'cli.error.CHAIN_NOT_CONFIGURED': 'This register stands alone: till.config.json has no chain.url. Set chain.url to postgres://USER@HOST:5432/DB to share gift cards and points (docs/chain.md).',
  'cli.error.CHAIN_UNREACHABLE': 'The chain database at {where} cannot be reached ({detail}). The register keeps selling and sends its sales when it is back.',
  'cli.error.CHAIN_AUTH': 'The chain database at {where} refused this register\'s login ({detail}). Check the user in chain.url and the password in PGPASSWORD or ~/.pgpass (docs/chain.md).',
  'cli.error.CHAIN_NO_DATABASE': 'The database {where} does not exist. Create it (createdb) and run: till sync setup',
  'cli.error.CHAIN_TLS': 'TLS to the chain database at {where} failed: {detail}. Check sslmode and the server\'s certificate (docs/chain.md).',
  'cli.error.CHAIN_ERROR': 'The chain database at {where} answered with an error: {detail}.',
  'cli.error.CHAIN_SCHEMA_MISSING': 'The database {where} holds no till ledger yet. Create it once with: till sync setup',
  'cli.error.CHAIN_SCHEMA_OLD': 'The ledger in {where} is at schema version {have}; this register needs {need}. Upgrade it with: till sync setup',
  'cli.error.CHAIN_SCHEMA_NEW': 'The ledger in {where} is at schema version {have}, newer than this register knows ({need}). Update till on this register.',
  'cli.error.SYNC_REGISTER_TAKEN': 'Register id "{register}" is already in the chain with another journal. Give this register its own id (register.id in till.config.json); a replaced register joins with a new id (docs/chain.md).',
  'cli.error.SYNC_CHAIN_MISMATCH': 'The journal of register "{register}" does not continue what the chain holds for it (the chain has event {acked}; this journal\'s event {next} does not follow it). Was the data folder replaced? Nothing was sent (docs/chain.md, "A register that joins later").',
};
