/**
 * English texts of `till journal verify|tail` and `till store rebuild|repair`. Spread into en.ts;
 * vi-, zh- and ru-cli-journal.ts hold the same keys. The store's own findings (what a damaged line
 * is, why a snapshot differs) stay the store's English diagnostics, quoted after a translated label.
 */
export const enCliJournal = {
  'cli.journal.usage': 'Usage: till journal verify [--json] [--data DIR]\n       till journal tail [-n N] [--json] [--data DIR]\n\nverify  Checks every journal line (its hash, the hash chain, the sequence, whole transactions,\n        no missing segment) and that every slice of the snapshot (catalog, sales, gift cards,\n        loyalty...) equals the fold of the journal up to the event the snapshot reflects.\n        Read-only; safe while the register runs. Exit code 0 = all good, 1 = problems found.\n        A damaged snapshot is repaired with \'till store rebuild\'; a damaged journal is restored\n        from a backup with \'till init --from-backup DIR\' into an empty folder.\ntail    Prints the last N events (default 20): sequence, time, type, transaction, register, operator.\n  --json  machine-readable output',
  'cli.journal.summary': 'Journal: {segments} segment(s), {events} events in {transactions} transactions, last event {last}.',
  'cli.journal.snapshotMissing': 'Snapshot: none (start-up replays the journal).',
  'cli.journal.snapshot.ok': 'Snapshot: event {seq}, ok.',
  'cli.journal.snapshot.other-version': 'Snapshot: event {seq}, built by another set of projections (start-up brings it up to date).',
  'cli.journal.snapshot.unchecked': 'Snapshot: event {seq}, not compared (the journal check stopped at the damage before it).',
  'cli.journal.snapshot.unreadable': 'Snapshot: event {seq}, unreadable.',
  'cli.journal.snapshot.unproven': 'Snapshot: event {seq}, unproven.',
  'cli.journal.snapshot.mismatch': 'Snapshot: event {seq}, mismatch.',
  'cli.journal.snapshot.ahead': 'Snapshot: event {seq}, ahead.',
  'cli.journal.tail': 'Tail: {bytes} bytes of an incomplete transaction at {file} line {line} (a commit in progress, or a torn write that start-up cuts).',
  'cli.journal.problem': 'PROBLEM {file}: {message}',
  'cli.journal.problemAt': 'PROBLEM {file} line {line}: {message}',
  'cli.journal.problems': '{n} problem(s) found.',
  'cli.journal.okCompared': 'OK: the journal chain is intact and the snapshot equals the fold of the journal.',
  'cli.journal.okUncompared': 'OK: the journal chain is intact. The snapshot was not compared (see above); run `till store rebuild` to write one from the journal and verify again.',
  'cli.journal.badN': '-n must be a whole number of events, 1 or more (see --help)',
  'cli.store.usage': 'Usage: till store rebuild [--data DIR]\n       till store repair [--data DIR]\n\nrepair  For a damaged journal (\'till journal verify\' lists the damage). Keeps every intact event:\n        the damaged journal and snapshot are moved aside (journal.damaged-<time>/,\n        store.json.damaged-<time>; nothing is deleted), a new journal is written from every intact\n        event in whole transactions, a store.repaired event records what could not be kept, and\n        the snapshot is rebuilt. Prints what it kept and what it could not keep. Close the register\n        first. On an intact journal it changes nothing.\n\nrebuild\n\nRebuilds the snapshot (store.json) by folding the whole journal, without reading the old snapshot.\nUse it when start-up or \'till journal verify\' reports a damaged snapshot or one that does not match\nthe journal. The journal is the record of truth and is not changed (except that an incomplete\ntransaction at its very end, a torn write, is cut, as at start-up). Close the register first.',
  'cli.store.intact': 'The journal is intact ({kept} events); nothing to repair. Nothing was changed.',
  'cli.store.repaired': 'Repaired: kept {kept} intact events (the journal now ends at event {seq}, with the repair record).',
  'cli.store.setAside': 'Set aside (not deleted): {files}',
  'cli.store.couldNotKeep': 'Could not keep {lines} line(s) in {txs} transaction(s):',
  'cli.store.lostLine': '{file} line {line}',
  'cli.store.lostEvent': ' (event {seq})',
  'cli.store.lostTx': ' tx {tx}',
  'cli.store.checkReceipts': 'Check those transactions against paper receipts; the set-aside journal keeps their bytes.',
  'cli.store.overdrawn': 'WARNING: without them, {n} kept transaction(s) take a balance below zero (kept: they happened; also in till.log):',
  'cli.store.cannotRebuild': 'The snapshot cannot be rebuilt, the journal is damaged: {detail}',
  'cli.store.cut': 'Cut {bytes} bytes of an incomplete transaction at the end of {file}.',
  'cli.store.rebuilt': 'Rebuilt the snapshot from {events} journal events (last event {seq}).',
  'cli.store.incompleteTx': 'intact, but its transaction is incomplete (another part of it is damaged or missing)',
};
