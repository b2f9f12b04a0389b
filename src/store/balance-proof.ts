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
 *
 * A big journal is folded in a worker thread instead (proof-worker.ts, `proveInWorker` below): it
 * compares a cut of the live slices with the journal folded up to the cut, so it follows no commits.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { firstDifference } from './verify.js';
import { JournalFold, type Damage } from './journal-fold.js';
import { isCompact, plainCopy, tableOf } from './compact/record.js';
import type { CompactTable, FrozenTable } from './compact/table.js';
import { PROJECTIONS } from './projections/index.js';
import { listSegments } from './segments.js';
import type { FromProofWorker, ProofWorkerData, ToProofWorker } from './proof-worker.js';
import type { ProjectionModule, StoreState } from './types.js';

/** The slices whose balances money moves through (gift cards, points). */
export const MONEY_SLICES: readonly string[] = ['giftcards', 'loyalty'];

/** The money projections as the register folds them (a worker imports them itself: it cannot be handed functions). */
export const moneyModules = (): ProjectionModule<any>[] => PROJECTIONS.filter((m) => MONEY_SLICES.includes(m.name));

export type ProofResult =
  /** `worker`: the fold ran in a worker thread (issue 12). */
  | { status: 'proven'; seq: number; worker?: true }
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
  /**
   * Where the fold runs: 'auto' (default) in a worker thread when the journal holds at least
   * WORKER_MIN_BYTES and the modules are the register's own, else in this thread; 'always' in a
   * worker whenever it can; 'never' in this thread.
   */
  worker?: 'auto' | 'always' | 'never';
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
export async function compare(live: StoreState, fresh: StoreState, names: readonly string[], stopped: () => boolean): Promise<string[] | null> {
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
  // The worker answers "proven" or "damaged"; a snapshot that differs (or a worker that could not
  // answer) is proven again here, where the journal's fold can replace the live slices.
  if (useWorker(host)) {
    const r = await proveInWorker(host);
    if (r) return r;
  }
  return proveInThread(host);
}

async function proveInThread(host: ProofHost): Promise<ProofResult> {
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

// ---- the fold in a worker thread (proof-worker.ts) ----

/**
 * From this journal size on the fold runs in a worker: at full scale (1M events, ~1 GB of journal)
 * it kept ~100 MB of this thread's heap for minutes. Below it the fold is short and small, and
 * starting a worker (a fresh isolate loading the store's code) costs more than it saves.
 */
export const WORKER_MIN_BYTES = 16 * 1024 * 1024;

/**
 * The worker's heap: a small young generation (the fold's garbage is short-lived: a parsed line at a
 * time) and room in the old one for the two money slices' plain parts and live accounts. A worker that
 * runs out is ended by V8 and the proof runs in this thread instead.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 192 };

/** How long a worker may take to load its code before the proof runs in this thread instead. */
const WORKER_LOAD_MS = 60_000;

/** Rows are handed to the worker through a shared buffer of this size. */
const ROWS_BYTES = 1024 * 1024;

/** The worker's entry: the bundle's dist/proof-worker.js, or from the sources a bootstrap that loads tsx first. */
function workerUrl(): URL | null {
  const here = import.meta.url;
  const candidates = here.endsWith('.ts') ? ['./proof-worker-boot.mjs'] : ['./proof-worker.js', '../proof-worker.js'];
  for (const c of candidates) {
    const u = new URL(c, here);
    if (fs.existsSync(u)) return u;
  }
  return null;
}

function useWorker(host: ProofHost): boolean {
  const mode = host.worker ?? 'auto';
  if (mode === 'never') return false;
  // A worker folds with the register's own projections; tests folding other modules stay in this thread.
  const own = moneyModules();
  const money = host.modules.filter((m) => MONEY_SLICES.includes(m.name));
  if (money.length !== own.length || !own.every((m) => money.includes(m)) || !workerUrl()) return false;
  if (mode === 'always') return true;
  let bytes = 0;
  for (const seg of listSegments(path.join(host.dir, 'journal'))) bytes += fs.statSync(seg.file, { throwIfNoEntry: false })?.size ?? 0;
  return bytes >= WORKER_MIN_BYTES;
}

/**
 * The proof with the fold in a worker: a consistent cut of the live money slices is taken in one
 * synchronous step (the plain members cloned by postMessage, the compact tables as frozen views,
 * compact/table.ts), the tables' rows are handed over in pieces with commits running between, and
 * the worker folds the journal up to the cut's seq and compares. Equal at the cut is equal now (a
 * projection is deterministic and the live state went on from the cut by the same events), so
 * nothing has to follow the commits made meanwhile. Null: prove in this thread (a difference, whose
 * fold must replace the live slices here, or a worker that could not answer).
 */
async function proveInWorker(host: ProofHost): Promise<ProofResult | null> {
  let worker: Worker;
  try {
    const data: ProofWorkerData = { kind: 'till-proof', dir: host.dir };
    worker = new Worker(workerUrl()!, { workerData: data, resourceLimits: WORKER_LIMITS });
  } catch {
    return null;
  }
  // A worker that never gets its code loaded (a loader that hangs) must not hold the proof forever.
  const loading = setTimeout(() => void worker.terminate(), WORKER_LOAD_MS);
  loading.unref();
  let ack: (() => void) | null = null;
  const acked = () => new Promise<'ack'>((r) => (ack = () => r('ack')));
  const answer = new Promise<FromProofWorker | null>((resolve) => {
    worker.on('message', (m: FromProofWorker) => {
      if (m.type === 'ready') clearTimeout(loading);
      else if (m.type === 'ack') ack?.();
      else resolve(m);
    });
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  const send = (m: ToProofWorker, transfer?: ArrayBuffer[]) => worker.postMessage(m, transfer);
  const views: { slice: string; member: string; view: FrozenTable }[] = [];
  const poll = setInterval(() => {
    if (host.stopped()) void worker.terminate();
  }, 100);
  poll.unref();
  try {
    // The cut: this synchronous run, between two commits.
    const seq = host.state.meta.seq;
    const slices: Record<string, unknown> = {};
    for (const name of MONEY_SLICES) {
      const live = host.state[name] as Record<string, unknown> | undefined;
      if (!live || typeof live !== 'object' || Array.isArray(live)) {
        slices[name] = live;
        continue;
      }
      const plain: Record<string, unknown> = {};
      for (const member of Object.keys(live)) {
        const t = tableOf<unknown>(live[member]);
        if (t) views.push({ slice: name, member, view: t.frozenDump(plainCopy, true) });
        else plain[member] = live[member];
      }
      slices[name] = plain;
    }
    // Cloned now, in this run (a structured clone); a compact record deeper down cannot be cloned: throws.
    const shared = Buffer.from(new SharedArrayBuffer(ROWS_BYTES));
    send({ type: 'cut', seq, slices, tables: views.map((v) => [v.slice, v.member]), rows: shared.buffer as SharedArrayBuffer });
    for (const { slice, member, view } of views) {
      for (const _ of view.prepare()) {
        await pause();
        if (host.stopped()) return { status: 'stopped' };
      }
      send({ type: 'table', slice, member, header: view.header() });
      // Rows go through one shared buffer: filled here, copied into the worker's table there, and
      // filled again once the worker says so (no buffer per piece left for its garbage collector).
      let at = 0;
      const flush = async () => {
        if (at === 0) return;
        send({ type: 'rows', slice, member, length: at });
        at = 0;
        if ((await Promise.race([acked(), answer])) !== 'ack') throw new Error('the worker ended');
        if (host.stopped()) throw new Error('stopped');
      };
      for (const chunk of view.chunks()) {
        if (at + chunk.length > shared.length) await flush();
        if (chunk.length > shared.length) {
          // One row larger than the buffer (never at the register's sizes): a copy of its own.
          const own = new Uint8Array(chunk).buffer;
          send({ type: 'rows', slice, member, length: chunk.length, bytes: own }, [own]);
          if ((await Promise.race([acked(), answer])) !== 'ack') throw new Error('the worker ended');
          continue;
        }
        chunk.copy(shared, at);
        at += chunk.length;
      }
      await flush();
      view.release();
    }
    send({ type: 'end' });
    const a = await answer;
    if (host.stopped()) return { status: 'stopped' };
    if (a?.type === 'proven') return { status: 'proven', seq: host.state.meta.seq, worker: true };
    if (a?.type === 'damaged') return { status: 'damaged', damage: a.damage };
    return null;
  } catch {
    return host.stopped() ? { status: 'stopped' } : null;
  } finally {
    clearInterval(poll);
    clearTimeout(loading);
    for (const v of views) v.view.release();
    void worker.terminate();
  }
}
