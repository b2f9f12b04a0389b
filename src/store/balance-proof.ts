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
import { isCompact, tableOf } from './compact/record.js';
import type { CompactTable } from './compact/table.js';
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

/** A big record compared in pieces: a compact table (src/store/compact/) or a plain object of many keys. */
const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && (isCompact(v) || Object.keys(v).length > BIG);

/** Gift-card codes never appear whole in a message (docs/gift-cards.md): `…last4` instead. */
function maskCodes(texts: string[], ...states: StoreState[]): string[] {
  const codes = new Set<string>();
  for (const st of states) for (const k of Object.keys((st.giftcards as { cards?: object } | undefined)?.cards ?? {})) if (k.length > 4) codes.add(k);
  return texts.map((t) => {
    for (const c of codes) if (t.includes(c)) t = t.split(c).join(`…${c.slice(-4)}`);
    return t;
  });
}

type Note = (d: string | null) => void;

/**
 * Two compact tables compared row by row, without making values live or listing keys (a key list
 * or `Object.keys` of a compact record decodes every value): a row of the snapshot's table is
 * found in the fold's by its key and is equal when its bytes are (CompactTable.sameRow), else both
 * are decoded and compared. Walks the rows from `from` to the end; returns where it stopped.
 */
function compareRows(a: CompactTable<unknown>, b: CompactTable<unknown>, from: number, to: number, at: string, note: Note): number {
  const end = Math.min(to, a.rowSpan);
  for (let r = from; r < end; r++) {
    const key = a.keyOfRow(r);
    if (key === undefined) continue;
    const s = b.rowOf(key);
    if (s < 0) note(`${at}.${key}: the snapshot has it, the journal does not`);
    else if (!a.sameRow(r, b, s)) {
      const x = a.peekRow(r);
      const y = b.peekRow(s);
      if (!jsonEqual(x, y)) note(firstDifference(x, y, `${at}.${key}`));
    }
  }
  return end;
}

/** The final turn of a table pair: the rows added since the pieces, then keys only the fold has. */
function finishRows(a: CompactTable<unknown>, b: CompactTable<unknown>, from: number, at: string, note: Note): void {
  compareRows(a, b, from, Infinity, at, note);
  if (a.size === b.size) return;
  for (let r = 0; r < b.rowSpan; r++) {
    const key = b.keyOfRow(r);
    if (key !== undefined && a.rowOf(key) < 0) note(`${at}.${key}: the journal has it, the snapshot does not`);
  }
}

/**
 * Compares the live slices with the fold's, big records in pieces; returns what differs (empty when
 * equal), null when stopped.
 */
async function compare(live: StoreState, fresh: StoreState, names: readonly string[], stopped: () => boolean): Promise<string[] | null> {
  const out: string[] = [];
  const note: Note = (d) => {
    if (d && out.length < MAX_SHOWN) out.push(d);
  };
  const small: string[] = [];
  /** Table pairs walked in pieces: how far, and their numbering when the walk began. */
  const walked = new Map<string, { row: number; epochs: [number, number] }>();
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
      const tx = tableOf<unknown>(x);
      const ty = tableOf<unknown>(y);
      if (tx && ty) {
        const at = `${name}.${member}`;
        const w = { row: 0, epochs: [tx.epoch, ty.epoch] as [number, number] };
        walked.set(at, w);
        while (w.row < tx.rowSpan) {
          if (stopped()) return null;
          // Rows renumbered during a pause (deletions): walk again from the start.
          if (tx.epoch !== w.epochs[0] || ty.epoch !== w.epochs[1]) w.row = 0;
          w.epochs = [tx.epoch, ty.epoch];
          w.row = compareRows(tx, ty, w.row, w.row + PER_TURN, at, note);
          await pause();
        }
        continue;
      }
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
      const w = walked.get(`${name}.${member}`);
      if (w) {
        const tx = tableOf<unknown>(x)!;
        const ty = tableOf<unknown>(y)!;
        finishRows(tx, ty, tx.epoch === w.epochs[0] && ty.epoch === w.epochs[1] ? w.row : 0, `${name}.${member}`, note);
      } else if (isMap(x) || isMap(y)) {
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
