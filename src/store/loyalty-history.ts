/**
 * A loyalty customer's whole history, read back from the journal. The projection keeps, per account,
 * the sequence numbers of every event about the customer (`LoyaltyAccount.seqs`); this reads exactly
 * those events (a binary search in their segment each, never a scan of the journal) one at a time and
 * folds them into rows (src/domain/loyalty/history.ts): memory holds the rows, not the events.
 */
import { HistoryFold, type HistoryRow } from '../domain/loyalty/history.js';
import type { LoyaltyAccount } from '../domain/loyalty/types.js';
import { forEachEventBySeq } from './journal-read.js';
import { accountSeqs } from './projections/loyalty.js';
import type { JournalEvent } from './types.js';

type Account = Pick<LoyaltyAccount, 'id' | 'seqs'>;

export interface CustomerHistory {
  /** Oldest first, each with the balance after it. */
  rows: HistoryRow[];
  /**
   * Events the index names that the journal did not yield (damage: `till journal verify` names it).
   * They are left out rather than failing the view, and the balances after them cannot be trusted.
   */
  unread: number[];
}

export function customerHistory(dataDir: string, account: Account): CustomerHistory {
  const fold = new HistoryFold(account.id);
  const unread: number[] = [];
  forEachEventBySeq(dataDir, accountSeqs(account), (seq, ev) => (ev ? fold.add(ev) : unread.push(seq)));
  return { rows: fold.rows, unread };
}

/** The same from events already at hand, by seq (tests, an in-memory journal). */
export function historyFromEvents(account: Account, events: ReadonlyMap<number, JournalEvent>): CustomerHistory {
  const fold = new HistoryFold(account.id);
  const unread: number[] = [];
  for (const seq of accountSeqs(account)) {
    const ev = events.get(seq);
    if (ev) fold.add(ev);
    else unread.push(seq);
  }
  return { rows: fold.rows, unread };
}
