/**
 * The last view of the chain a running register pulled (`DATA/chain-view.json`, 0600, docs/chain.md
 * "After a restart"): the gift cards and points balances other registers moved, and how far it read
 * the customers they created. A shortcut whose truth is the chain database: it lets a register that
 * restarts while the database is away still know those cards and balances for its offline limits.
 *
 * A missing or damaged file (or one written by another journal or ledger id) reads as null: the
 * register then knows only its own journal until its first pull, and says so in its log. Writing
 * never throws (state-file.ts: temp file + fsync + rename, a reader sees the old file or the new one).
 */
import { readStateFile, writeStateFile } from './state-file.js';

export const CHAIN_VIEW_FILE = 'chain-view.json';

export interface ChainViewState {
  v: 1;
  /** The ledger id and journal the view belongs to (a file of another register is not used). */
  register: string;
  journalId: string;
  /** Journal seq the points rows' `foreign` parts are valid at (credits after it are taken off on load). */
  seq: number;
  cards: { pulledTo: string | null; rows: { code: string; card: Record<string, unknown>; balance: number }[] };
  /** [customer, program, chain balance, this register's acknowledged seq at that read, foreign part]. */
  points: { pulledTo: string | null; rows: [string, string, number, number, number][] };
  /** Per other ledger id, the last of its journal seqs read for customer events. */
  customers: Record<string, number>;
}

const isInt = (n: unknown): n is number => Number.isSafeInteger(n);
const isTime = (t: unknown): t is string | null => t === null || typeof t === 'string';

/** The file as it was written, or null when it is missing, damaged or another register's. */
export function readChainView(dataDir: string, register: string, journalId: string): ChainViewState | null {
  const raw = readStateFile(dataDir, CHAIN_VIEW_FILE) as Partial<ChainViewState> | null;
  if (!raw || typeof raw !== 'object' || raw.v !== 1 || raw.register !== register || raw.journalId !== journalId || !isInt(raw.seq)) return null;
  const { cards, points, customers } = raw;
  if (!cards || !isTime(cards.pulledTo) || !Array.isArray(cards.rows)) return null;
  if (!points || !isTime(points.pulledTo) || !Array.isArray(points.rows)) return null;
  if (!customers || typeof customers !== 'object') return null;
  if (!cards.rows.every((r) => r && typeof r.code === 'string' && r.card && typeof r.card === 'object' && isInt(r.balance))) return null;
  if (!points.rows.every((r) => Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'string' && isInt(r[2]) && isInt(r[3]) && isInt(r[4]))) return null;
  if (!Object.values(customers).every(isInt)) return null;
  return raw as ChainViewState;
}

export function writeChainView(dataDir: string, view: ChainViewState): boolean {
  return writeStateFile(dataDir, CHAIN_VIEW_FILE, view);
}
