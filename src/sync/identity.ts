/**
 * Who a register is in the chain's ledger: its journal's identity (the store id its first event
 * carries) and its ledger id — the register id, unless the journal was seeded by `till sync join` as
 * a replacement, whose `chain.joined` event names the ledger id it got (`R2~2`, hq-join.ts).
 */
import { TillError } from '../domain/errors.js';
import { readEventsBySeq } from '../store/journal-read.js';
import { STORE_INITIALIZED, type StoreInitialized } from '../store/fold.js';
import { CHAIN_JOINED } from './ledger.js';

export function ledgerIdentity(dataDir: string, registerId: string): { register: string; journalId: string } {
  const evs = readEventsBySeq(dataDir, [1, 2]);
  const first = evs.get(1);
  const journalId = first?.type === STORE_INITIALIZED ? (first.data as StoreInitialized).storeId : undefined;
  if (!journalId) throw new TillError('STORE_CORRUPT', `The journal in ${dataDir} does not start with store.initialized; run: till journal verify --data ${dataDir}`);
  const second = evs.get(2);
  const ledgerId = second?.type === CHAIN_JOINED && second.tx === first!.tx ? (second.data as { ledgerId?: unknown }).ledgerId : undefined;
  return { register: typeof ledgerId === 'string' && ledgerId ? ledgerId : registerId, journalId };
}
