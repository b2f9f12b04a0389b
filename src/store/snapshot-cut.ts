/**
 * A snapshot's consistent cut, and its lines produced in pieces (issue 12: the synchronous encoding
 * of a full-scale projection held a commit for about a second).
 *
 * `cutSnapshot` runs in one synchronous step, between commits, and costs little: compact records
 * (products, barcodes, accounts) give a frozen view of their rows (compact/table.ts `frozenDump`: the
 * live objects copied, the row offsets copied, no row bytes; until it is released the table appends
 * changed rows instead of rewriting them in place), the transaction-id table a view
 * that leaves out the slots filled after it (tx-set.ts `freeze`), append-only lists (the receipt
 * index, 450k numbers at full scale) a view by their length (projections/append-only.ts), and the
 * plain rest of the state is deep-copied (small). Commits go on
 * changing the live state afterwards; nothing they do reaches the cut, which stays the state at its
 * journal position.
 *
 * `snapshotPieces` then yields the file's text as fragments (whole lines or parts of a long one, each
 * line ended by a "\n" fragment of its own), so the writer can stop between any two of them and let
 * commits run. The lines are those of the format in snapshot-lines.ts, byte for byte what encoding
 * the same state in one run gives (encodeSnapshot drains this generator).
 */
import { createHash } from 'node:crypto';
import { eachEntry, tableOf } from './compact/record.js';
import type { FrozenTable } from './compact/table.js';
import { freezeList, FrozenList, isAppendOnly, releaseList } from './projections/append-only.js';
import { setOwn } from './projections/own.js';
import type { FrozenTxs } from './tx-set.js';
import type { SnapshotDoc } from './snapshot-lines.js';

/** A member with more keys than this is written as entry lines. */
export const RECORD_KEYS = 64;
/** Entry lines stop growing past this many characters. */
const LINE_CHARS = 64 * 1024;
/** Transaction ids per txs line (64 KB of ids). */
const TX_PAIRS = 8192;
/** Numbers, strings... of one array gathered into a fragment of about this many characters. */
const FRAGMENT_CHARS = 16 * 1024;

type Frozen = null | boolean | number | string | undefined | FrozenList | Frozen[] | { [k: string]: Frozen };

type FrozenMember =
  | { kind: 'table'; name: string; table: FrozenTable }
  | { kind: 'entries'; name: string; entries: [string, Frozen][] };

type FrozenSlice = { name: string; kind: 'value'; value: Frozen } | { name: string; kind: 'record'; skeleton: Record<string, Frozen>; big: FrozenMember[] };

export interface SnapshotCut {
  header: { format: string; pos: SnapshotDoc['pos']; projections: Record<string, number>; writtenAt: string; slices: string[]; txs: number };
  slices: FrozenSlice[];
  txs: FrozenTxs;
  /** Ends the frozen views (tables and transaction ids): call once written or given up; idempotent. */
  release(): void;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function hasMoreKeys(o: object, n: number): boolean {
  let i = 0;
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k) && ++i > n) return true;
  return false;
}

/**
 * A deep copy of plain JSON data (compact records read as plain ones), as JSON.stringify would see it.
 * An append-only list (projections/append-only.ts: the receipt index) is not copied but frozen by its
 * length, its view added to `lists` for the cut to release.
 */
function copy(v: unknown, lists: FrozenList[]): Frozen {
  if (v === null || typeof v !== 'object') return v as Frozen;
  if (Array.isArray(v)) {
    if (isAppendOnly(v)) {
      const f = freezeList(v);
      lists.push(f);
      return f;
    }
    const n = v.length;
    // An array of numbers or strings is one native copy.
    let flat = true;
    for (let i = 0; i < n && flat; i++) flat = v[i] === null || typeof v[i] !== 'object';
    if (flat) return v.slice() as Frozen[];
    const out: Frozen[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const x = v[i];
      out[i] = x === null || typeof x !== 'object' ? x : copy(x, lists);
    }
    return out;
  }
  // A value with its own toJSON (a Date in a hand-made state) is taken as JSON.stringify gives it.
  if (!tableOf(v) && typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(v)) as Frozen;
  const out: Record<string, Frozen> = {};
  eachEntry(v as Record<string, unknown>, (k, x) => setOwn(out, k, copy(x, lists)));
  return out;
}

/**
 * Before a cut, in steps between which commits may run: the compact records' live objects are
 * written back into their rows, so that the cut copies only those handed out after (see
 * CompactTable.writeBackLive). An empty fragment per step, for the caller to yield on.
 */
export function* prepareCut(state: SnapshotDoc['state']): Generator<void> {
  for (const name of Object.keys(state)) {
    const slice = state[name];
    if (!isRecord(slice)) continue;
    for (const k of Object.keys(slice)) yield* tableOf(slice[k])?.writeBackLive() ?? [];
  }
}

/** The cut: call in one synchronous run with the journal position the state is at (see above). */
export function cutSnapshot(doc: SnapshotDoc): SnapshotCut {
  const names = Object.keys(doc.state);
  const slices: FrozenSlice[] = [];
  const lists: FrozenList[] = [];
  for (const name of names) {
    const slice = doc.state[name];
    if (!isRecord(slice)) {
      slices.push({ name, kind: 'value', value: copy(slice, lists) });
      continue;
    }
    // A compact record is always written as its table; a plain record with many keys as entries.
    const skeleton: Record<string, Frozen> = {};
    const big: FrozenMember[] = [];
    for (const k of Object.keys(slice)) {
      const m = slice[k];
      const table = tableOf(m);
      if (table) {
        big.push({ kind: 'table', name: k, table: table.frozenDump((v) => copy(v, lists)) });
      } else if (isRecord(m) && hasMoreKeys(m, RECORD_KEYS)) {
        const entries: [string, Frozen][] = [];
        eachEntry(m, (ek, ev) => entries.push([ek, copy(ev, lists)]));
        big.push({ kind: 'entries', name: k, entries });
      } else {
        setOwn(skeleton, k, copy(m, lists));
        continue;
      }
      setOwn(skeleton, k, {});
    }
    slices.push({ name, kind: 'record', skeleton, big });
  }
  const txs = doc.txs.freeze();
  const release = () => {
    txs.release();
    for (const f of lists) releaseList(f);
    for (const s of slices) if (s.kind === 'record') for (const m of s.big) if (m.kind === 'table') m.table.release();
  };
  return { header: { format: doc.format, pos: doc.pos, projections: doc.projections, writtenAt: doc.writtenAt, slices: names, txs: txs.size }, slices, txs, release };
}

/** JSON text of a frozen value, in fragments: long arrays and objects are not encoded in one call. */
function* json(v: Frozen): Generator<string> {
  if (v === null || typeof v !== 'object') {
    yield JSON.stringify(v) ?? 'null';
    return;
  }
  if (v instanceof FrozenList) {
    // The same text JSON.stringify gives the list as it was at the cut (its items are primitives).
    let acc = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) acc += ',';
      acc += JSON.stringify(v.at(i)) ?? 'null';
      if (acc.length >= FRAGMENT_CHARS) {
        yield acc;
        acc = '';
      }
    }
    yield `${acc}]`;
    return;
  }
  if (Array.isArray(v)) {
    let acc = '[';
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (i > 0) acc += ',';
      if (x === null || typeof x !== 'object') acc += JSON.stringify(x) ?? 'null';
      else {
        yield acc;
        acc = '';
        yield* json(x);
      }
      if (acc.length >= FRAGMENT_CHARS) {
        yield acc;
        acc = '';
      }
    }
    yield `${acc}]`;
    return;
  }
  let acc = '{';
  let first = true;
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    acc += `${first ? '' : ','}${JSON.stringify(k)}:`;
    first = false;
    if (x === null || typeof x !== 'object') acc += JSON.stringify(x);
    else {
      yield acc;
      acc = '';
      yield* json(x);
    }
    if (acc.length >= FRAGMENT_CHARS) {
      yield acc;
      acc = '';
    }
  }
  yield `${acc}}`;
}

/** The lines of the cut before the end line; each line is ended by a fragment "\n". */
function* body(cut: SnapshotCut): Generator<string> {
  yield JSON.stringify(cut.header);
  yield '\n';
  for (const s of cut.slices) {
    yield `["slice",${JSON.stringify(s.name)},`;
    yield* json(s.kind === 'value' ? s.value : s.skeleton);
    yield ']';
    yield '\n';
    if (s.kind === 'value') continue;
    for (const m of s.big) {
      const where = `${JSON.stringify(s.name)},${JSON.stringify(m.name)}`;
      if (m.kind === 'table') {
        // The rows live at the cut are encoded from their copies first, a batch per (empty) fragment.
        for (const _ of m.table.prepare()) yield '';
        yield `["table",${where},${JSON.stringify(m.table.header())}]`;
        yield '\n';
        for (const chunk of m.table.chunks()) {
          yield `["rows",${where},"${chunk.toString('base64')}"]`;
          yield '\n';
        }
        continue;
      }
      const head = `["entries",${where},[`;
      let parts: string[] = [];
      let chars = 0;
      for (const [k, v] of m.entries) {
        const e = `[${JSON.stringify(k)},${JSON.stringify(v)}]`;
        parts.push(e);
        chars += e.length + 1;
        if (chars >= LINE_CHARS) {
          yield `${head}${parts.join(',')}]]`;
          yield '\n';
          parts = [];
          chars = 0;
        }
      }
      if (parts.length) {
        yield `${head}${parts.join(',')}]]`;
        yield '\n';
      }
    }
  }
  for (const piece of cut.txs.chunks(TX_PAIRS)) {
    yield `["txs","${piece}"]`;
    yield '\n';
  }
}

/**
 * The whole file's text in fragments, the end line (line count and sha256 of every byte before it)
 * last, followed by its "\n". The cut's frozen views are released when the generator finishes or is
 * abandoned (`return()`); one never started is released by its caller (`cut.release()`).
 */
export function* snapshotPieces(cut: SnapshotCut): Generator<string> {
  const digest = createHash('sha256');
  let lines = 0;
  try {
    for (const f of body(cut)) {
      digest.update(f);
      if (f === '\n') lines++;
      yield f;
    }
    yield JSON.stringify(['end', lines, digest.digest('hex')]);
    yield '\n';
  } finally {
    cut.release();
  }
}
