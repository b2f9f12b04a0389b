/**
 * A loyalty card's recent points movements and the sales behind them, read back from the journal.
 * The projection keeps only the sequence numbers of the events that moved an account's points
 * (`LoyaltyAccount.recent`); the movements are what `movementsOf` makes of those events, the same
 * function the projection folds, so the history always agrees with the balance.
 */
import { movementsOf } from '../domain/loyalty/events.js';
import type { HistoryEntry, LoyaltyAccount } from '../domain/loyalty/types.js';
import { readEventsBySeq } from './journal-read.js';
import { recentSeqs } from './projections/loyalty.js';
import type { JournalEvent } from './types.js';

type Account = Pick<LoyaltyAccount, 'id' | 'recent'>;

/**
 * The movements of the account's recent events, oldest first. An event the journal no longer yields
 * (damage: `till journal verify` names it) is left out rather than failing the whole view.
 */
export function customerHistory(dataDir: string, account: Account): HistoryEntry[] {
  return historyFromEvents(account, readEventsBySeq(dataDir, recentSeqs(account)));
}

/** The same from events already at hand, by seq. */
export function historyFromEvents(account: Account, events: ReadonlyMap<number, JournalEvent>): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const seq of recentSeqs(account)) {
    const ev = events.get(seq);
    if (!ev) continue;
    const day = typeof ev.at === 'string' ? ev.at.slice(0, 10) : '';
    for (const m of movementsOf(ev.type, ev.data, day)) if (m.customerId === account.id) out.push([seq, m.kind, m.programId, m.delta, m.day, m.ref]);
  }
  return out;
}
