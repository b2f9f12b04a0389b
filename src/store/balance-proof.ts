/**
 * The proof of the snapshot's balances. A snapshot's digest proves only that the file is what some
 * writer of the format produced; someone who knows the format can edit `store.json` and recompute
 * it. So the balances money moves through (the gift-card and loyalty slices) are proven from the
 * journal itself after every start from a snapshot: a fresh fold of the whole journal
 * (journal-fold.ts, in pieces off the hot path) is brought to the live seq and compared with the
 * live slices. Until that is done, a commit that would lower a gift-card or points balance waits
 * for it (till-store.ts); on a mismatch the live slices are replaced by the journal's fold. The same
 * read checks the hash chain of the whole journal, so damage anywhere in older history is found at
 * every start (then the balances cannot be proven, and lowering commits are refused until repair).
 *
 * Comparing 100k loyalty accounts takes about a second, too long for one turn of the event loop; it
 * is done in pieces while the fold follows every commit. That is sound because a projection updates
 * a record from that record and the event alone: two equal records stay equal under the same events.
 * The rest of each slice (programs, tiers, batches) is small and compared in the final turn.
 */
import { firstDifference } from './verify.js';
import { JournalFold, type Damage } from './journal-fold.js';
import type { ProjectionModule, StoreState } from './types.js';

/** The slices whose balances money moves through (gift cards, points). */
export const MONEY_SLICES: readonly string[] = ['giftcards', 'loyalty'];

export type ProofResult =
  | { status: 'proven'; seq: number }
  /** The snapshot disagreed with the journal: its money slices were replaced by the journal's fold. */
  | { status: 'discarded'; seq: number; differences: string[] }
  | { status: 'damaged'; damage: Damage }
  | { status: 'stopped' };

export interface ProofHost {
  dir: string;
  state: StoreState;
  modules: readonly ProjectionModule<any>[];
  stopped(): boolean;
  /** The store hands each commit to this fold once it has caught up (null: none). */
  follow(fold: JournalFold | null): void;
}

const BIG = 64;
const PER_TURN = 2000;
const MAX_SHOWN = 5;
const pause = () => new Promise<void>((r) => setImmediate(r));

/** Equality of plain JSON values (what slices are); a key holding `undefined` counts as absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    n++;
    if (!Object.prototype.hasOwnProperty.call(y, k) || !jsonEqual(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) n--;
  return n === 0;
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > BIG;

/** Gift-card codes never appear whole in a message (docs/gift-cards.md): `…last4` instead. */
function maskCodes(texts: string[], ...states: StoreState[]): string[] {
  const codes = new Set<string>();
  for (const st of states) for (const k of Object.keys((st.giftcards as { cards?: object } | undefined)?.cards ?? {})) if (k.length > 4) codes.add(k);
  return texts.map((t) => {
    for (const c of codes) if (t.includes(c)) t = t.split(c).join(`…${c.slice(-4)}`);
    return t;
  });
}

/**
 * Compares the live slices with the fold's, big records in pieces; returns what differs (empty when
 * equal), null when stopped.
 */
async function compare(live: StoreState, fresh: StoreState, names: readonly string[], stopped: () => boolean): Promise<string[] | null> {
  const out: string[] = [];
  const note = (d: string | null) => {
    if (d && out.length < MAX_SHOWN) out.push(d);
  };
  const small: string[] = [];
  for (const name of names) {
    const a = live[name] as Record<string, unknown> | undefined;
    const b = fresh[name] as Record<string, unknown> | undefined;
    if (!a || !b || typeof a !== 'object' || typeof b !== 'object') {
      small.push(name);
      continue;
    }
    for (const member of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = a[member];
      const y = b[member];
      if (!isMap(x) && !isMap(y)) continue;
      const keys = Object.keys(x && typeof x === 'object' ? x : {});
      for (let i = 0; i < keys.length; i += PER_TURN) {
        if (stopped()) return null;
        // Entries that both hold (follow keeps them in step); missing ones show in the final turn.
        for (const k of keys.slice(i, i + PER_TURN)) {
          const xv = (x as Record<string, unknown>)[k];
          const yv = y && typeof y === 'object' ? (y as Record<string, unknown>)[k] : undefined;
          if (yv !== undefined && xv !== undefined && !jsonEqual(xv, yv)) note(firstDifference(xv, yv, `${name}.${member}.${k}`));
        }
        await pause();
      }
    }
  }
  if (stopped()) return null;
  // Final turn, nothing moves: the key sets of the big records and everything else.
  for (const name of names) {
    const a = live[name] as Record<string, unknown> | undefined;
    const b = fresh[name] as Record<string, unknown> | undefined;
    if (small.includes(name)) {
      if (!jsonEqual(a, b)) note(firstDifference(a, b, name));
      continue;
    }
    for (const member of new Set([...Object.keys(a!), ...Object.keys(b!)])) {
      const x = a![member];
      const y = b![member];
      if (isMap(x) || isMap(y)) {
        const xs = (x && typeof x === 'object' ? x : {}) as Record<string, unknown>;
        const ys = (y && typeof y === 'object' ? y : {}) as Record<string, unknown>;
        for (const k of Object.keys(xs)) if (!Object.prototype.hasOwnProperty.call(ys, k)) note(`${name}.${member}.${k}: the snapshot has it, the journal does not`);
        for (const k of Object.keys(ys)) if (!Object.prototype.hasOwnProperty.call(xs, k)) note(`${name}.${member}.${k}: the journal has it, the snapshot does not`);
      } else if (!jsonEqual(x, y)) note(firstDifference(x, y, `${name}.${member}`));
    }
  }
  return out;
}

/** Folds the journal with `modules` until it stands at the live seq (then the store feeds it commits). */
export async function foldToLive(host: ProofHost, modules: readonly ProjectionModule<any>[]): Promise<{ fold: JournalFold; damage?: Damage; stopped?: true }> {
  const fold = new JournalFold(host.dir, modules);
  host.follow(fold);
  const r = await fold.catchUp(() => host.state.meta.seq, host.stopped);
  if (r.ok) return { fold };
  host.follow(null);
  return 'damage' in r ? { fold, damage: r.damage } : { fold, stopped: true };
}

/** Proves the money slices of the live state from the journal (see the top of this file). */
export async function proveBalances(host: ProofHost): Promise<ProofResult> {
  const money = host.modules.filter((m) => MONEY_SLICES.includes(m.name));
  const { fold, damage, stopped } = await foldToLive(host, money);
  if (damage) return { status: 'damaged', damage };
  if (stopped) return { status: 'stopped' };
  try {
    const names = money.map((m) => m.name);
    const differences = await compare(host.state, fold.state, names, host.stopped);
    if (differences === null) return { status: 'stopped' };
    if (differences.length === 0) return { status: 'proven', seq: host.state.meta.seq };
    // The journal is the record of truth: its fold replaces the snapshot's (same turn as the compare's end).
    const shown = maskCodes(differences, host.state, fold.state);
    for (const name of names) host.state[name] = fold.state[name];
    return { status: 'discarded', seq: host.state.meta.seq, differences: shown };
  } finally {
    host.follow(null);
  }
}
