/**
 * English of the store's notices to the manager (src/store/notices.ts, StoreNotice.text): shown on the
 * register's message line in the screen's language. The technical detail in the slots ({why},
 * {detail}: a file, a line, the differences found) stays as the store wrote it, for the log and support.
 */
export const enNotices = {
  'notice.STORE_TORN_TAIL': 'Power cut while saving: an unconfirmed transaction ({bytes} bytes) was cut from the end of {file}. It was never confirmed to the cashier; every confirmed sale is kept.',
  'notice.SNAPSHOT_REBUILT': 'store.json was not used: {why}. The balances were rebuilt from the journal and store.json was rewritten.',
  'notice.SNAPSHOT_DISCARDED': "store.json was not used: it disagrees with the journal ({why}). The gift-card and points balances are the journal's; the file was set aside as {aside}.",
  'notice.LOCK_TAKEN_OVER': 'A stale lock was taken over ({detail}).',
  'notice.STORE_DAMAGED': 'Journal damaged in older history ({where}: {detail}). Sales continue; gift-card and points payments are refused until it is repaired. Manager: close the register, run `till store repair --data {dir}` (it keeps every intact event and sets the damaged part aside).',
  'notice.CHAIN_OVERSPEND_CARD': 'Gift card {card} was overspent by {shortfall} while offline (balance now {balance}). Manager: settle it with the customer; the chain database keeps the record.',
  'notice.CHAIN_OVERSPEND_POINTS': 'Points {subject} were overspent by {shortfall} while offline (balance now {balance}). Manager: settle it with the customer; the chain database keeps the record.',
} satisfies Record<string, string>;
