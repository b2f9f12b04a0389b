/**
 * A table of string key -> plain JSON value kept as encoded rows (codec.ts) in one buffer, with an
 * open-addressing hash index over typed arrays: 100k products or accounts cost a few bytes of index
 * each and their encoded size (~50-150 bytes), instead of V8 objects, strings and a dictionary-mode
 * record (~300-470 bytes). A value is decoded when it is looked up.
 *
 * Contract, the one a plain record gives its readers and the projection's fold:
 *  - `get` answers as the record did; keys keep insertion order (an update keeps a key's place,
 *    a delete and re-insert moves it to the end), integer-like keys first, ascending.
 *  - Objects handed out by `get` (and objects stored by `set`) stay live: the fold mutates them in
 *    place, as it mutated the record's objects. The most recently used LIVE_MAX of them are kept
 *    decoded; the least recently used is encoded back when it leaves (and its row rewritten only
 *    when it changed). So a reader must not keep an object across many other lookups and expect
 *    to see later changes: it looks the value up again (every reader in the register does).
 *  - `peek` reads without making the value live (scans, searches, snapshot writing).
 */
import { RowReader, RowWriter, StringTable } from './codec.js';

const EMPTY = -1;
const GONE = -2;
const DELETED = 0xffffffff;
/** Decoded objects kept live by default. */
const LIVE_MAX = 1024;

export interface TableOptions {
  /** Members whose string values repeat (category, tier...), kept once in the string table. */
  internValues?: readonly string[];
  /** How many decoded objects to keep live (default 1024). */
  live?: number;
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** hashOf of the key whose row bytes are at `at`: `n` Latin-1 bytes (its code units), or `n` UTF-16LE code units when `wide`. */
function hashOfBytes(b: Buffer, at: number, n: number, wide: boolean): number {
  let h = 0x811c9dc5;
  if (wide) for (let i = 0; i < n; i++) h = Math.imul(h ^ (b[at + 2 * i] | (b[at + 2 * i + 1] << 8)), 0x01000193);
  else for (let i = 0; i < n; i++) h = Math.imul(h ^ b[at + i], 0x01000193);
  return h | 0;
}

/** isIndexKey of a Latin-1 key of `n` bytes at `at`. */
function isIndexKeyBytes(b: Buffer, at: number, n: number): boolean {
  if (n < 1 || n > 10 || (n > 1 && b[at] === 0x30)) return false;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = b[at + i] - 0x30;
    if (d < 0 || d > 9) return false;
    v = v * 10 + d;
  }
  return v < 4294967295;
}

/** A key a plain object orders first (a canonical array index). */
const isIndexKey = (k: string): boolean => /^(0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295;

export class CompactTable<V = unknown> {
  private readonly dict = new StringTable();
  private readonly writer: RowWriter;
  private readonly reader: RowReader;
  private data = Buffer.allocUnsafe(16 * 1024);
  private used = 0;
  private dead = 0;
  /** Per row (a key's place in insertion order): its bytes in `data`, and its key's hash. */
  private start = new Uint32Array(64);
  private end = new Uint32Array(64);
  private hashes = new Int32Array(64);
  private rows = 0;
  private count = 0;
  /** Hash index: row numbers, EMPTY or GONE (a deleted key's slot). */
  private slots = new Int32Array(128).fill(EMPTY);
  private gone = 0;
  /** Row -> live decoded object, least recently used first. */
  private readonly live = new Map<number, V>();
  private readonly liveMax: number;
  private indexKeys = 0;
  /** Changes whenever row numbers change (a renumbering): a reader keeping row numbers reads them again. */
  epoch = 0;

  constructor(opts: TableOptions = {}) {
    this.writer = new RowWriter(this.dict, new Set(opts.internValues ?? []));
    this.reader = new RowReader(this.data, this.dict);
    this.liveMax = opts.live ?? LIVE_MAX;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held: rows, index and per-row arrays (for the benchmark and tests). */
  get bytes(): number {
    return this.data.length + this.start.byteLength * 2 + this.hashes.byteLength + this.slots.byteLength;
  }

  private keyAt(row: number): string {
    this.reader.buf = this.data;
    this.reader.pos = this.start[row];
    return this.reader.readKey();
  }

  private find(key: string, h: number): number {
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const r = this.slots[i];
      if (r === EMPTY) return -1;
      if (r >= 0 && this.hashes[r] === h && this.keyAt(r) === key) return r;
    }
  }

  /** The row of `key`, or -1. */
  rowOf(key: string): number {
    return this.find(key, hashOf(key));
  }

  has(key: string): boolean {
    return this.rowOf(key) >= 0;
  }

  private decode(row: number): V {
    this.reader.buf = this.data;
    this.reader.pos = this.start[row];
    this.reader.readKey();
    return this.reader.value() as V;
  }

  /** The value at `row`, made live (the fold may mutate it in place). */
  valueAt(row: number): V {
    if (this.touched !== null) this.touch(row);
    const hit = this.live.get(row);
    if (hit !== undefined) {
      this.live.delete(row);
      this.live.set(row, hit);
      return hit;
    }
    const v = this.decode(row);
    if (v !== null && typeof v === 'object') this.keepLive(row, v);
    return v;
  }

  get(key: string): V | undefined {
    const row = this.rowOf(key);
    return row < 0 ? undefined : this.valueAt(row);
  }

  /** The value without making it live: the live object when there is one, else a fresh decoding. */
  peek(key: string): V | undefined {
    const row = this.rowOf(key);
    if (row < 0) return undefined;
    const hit = this.live.get(row);
    return hit !== undefined ? hit : this.decode(row);
  }

  /** `peek` reading only the named members of an object value (the live object when there is one). */
  peekFields(key: string, fields: ReadonlySet<string>): Partial<V> | undefined {
    const row = this.rowOf(key);
    if (row < 0) return undefined;
    const hit = this.live.get(row);
    if (hit !== undefined) return hit;
    return this.pickAt(row, fields);
  }

  private pickAt(row: number, fields: ReadonlySet<string>): Partial<V> {
    this.reader.buf = this.data;
    this.reader.pos = this.start[row];
    this.reader.readKey();
    return this.reader.pick(fields) as Partial<V>;
  }

  /** Every value in insertion order with only the named members (live objects whole). */
  *eachFields(fields: ReadonlySet<string>): IterableIterator<Partial<V>> {
    for (let r = 0; r < this.rows; r++) {
      if (this.start[r] === DELETED) continue;
      const hit = this.live.get(r);
      yield hit !== undefined ? hit : this.pickAt(r, fields);
    }
  }

  private keepLive(row: number, v: V): void {
    this.live.set(row, v);
    while (this.live.size > this.liveMax) {
      const [old, obj] = this.live.entries().next().value as [number, V];
      this.live.delete(old);
      this.writeBack(old, obj);
    }
  }

  /** Encodes a live object back into its row if it changed. */
  private writeBack(row: number, v: V): void {
    const key = this.keyAt(row);
    const w = this.encode(key, v);
    const s = this.start[row];
    const e = this.end[row];
    if (e - s === w.pos && this.data.compare(w.buf, 0, w.pos, s, e) === 0) return;
    this.store(row, w);
  }

  /** Encodes into the writer's scratch buffer. */
  private encode(key: string, v: unknown): RowWriter {
    const w = this.writer;
    w.pos = 0;
    w.key(key);
    w.value(v, key);
    return w;
  }

  /**
   * Copies the writer's row into `data` as `row`'s bytes: in place when it is no longer than the
   * row's old bytes (a changed balance, a flag), else at the end. `dead` counts the bytes below
   * `used` that no row holds.
   */
  private store(row: number, w: RowWriter): void {
    const s = this.start[row];
    if (s !== DELETED) {
      const old = this.end[row] - s;
      // Not while a frozen view (frozenDump) reads the bytes as they were: then the row moves.
      if (w.pos <= old && this.views.size === 0) {
        w.buf.copy(this.data, s, 0, w.pos);
        this.end[row] = s + w.pos;
        this.dead += old - w.pos;
        return;
      }
      if (this.views.size > 0) this.saveRow(row);
      this.dead += old;
      this.start[row] = DELETED; // so that a rewrite of the buffer below leaves the old bytes out
    }
    if (this.used + w.pos > this.data.length) this.grow(w.pos);
    w.buf.copy(this.data, this.used, 0, w.pos);
    this.start[row] = this.used;
    this.used += w.pos;
    this.end[row] = this.used;
  }

  private grow(need: number): void {
    const liveBytes = this.used - this.dead;
    // Mostly dead rows (a fold rewriting accounts as they change): close the gaps in the same
    // buffer, so that a full table never holds two copies of its rows at once.
    if (this.views.size === 0 && (liveBytes + need) * 4 <= this.data.length * 3 && this.compactInPlace()) return;
    // The offsets below are rewritten in place: a frozen view takes its own copy of them first.
    this.detachViews();
    const size = Math.max(16 * 1024, Math.ceil((liveBytes + need) * 1.5));
    const next = Buffer.allocUnsafe(size);
    let at = 0;
    for (let r = 0; r < this.rows; r++) {
      if (this.start[r] === DELETED) continue;
      this.data.copy(next, at, this.start[r], this.end[r]);
      const n = this.end[r] - this.start[r];
      this.start[r] = at;
      at += n;
      this.end[r] = at;
    }
    this.data = next;
    this.used = at;
    this.dead = 0;
  }

  /** Moves every row down over the dead bytes, in the order they lie in `data`; false when it cannot. */
  private compactInPlace(): boolean {
    const SHIFT = 2 ** 21;
    if (this.rows >= SHIFT) return false;
    // (offset, row) packed in one float64, exact below 2^53, sorted natively.
    const order = new Float64Array(this.count);
    let k = 0;
    for (let r = 0; r < this.rows; r++) if (this.start[r] !== DELETED) order[k++] = this.start[r] * SHIFT + r;
    order.subarray(0, k).sort();
    let at = 0;
    for (let i = 0; i < k; i++) {
      const r = order[i] % SHIFT;
      const s = this.start[r];
      const n = this.end[r] - s;
      if (s !== at) this.data.copyWithin(at, s, s + n);
      this.start[r] = at;
      at += n;
      this.end[r] = at;
    }
    this.used = at;
    this.dead = 0;
    return true;
  }

  /** Sets `key` (an update keeps its place). An object value becomes the live one. */
  set(key: string, value: V): void {
    this.put(key, value, true);
  }

  /** Sets `key` without keeping the value live (loading a snapshot: nothing will mutate it). */
  load(key: string, value: V): void {
    this.put(key, value, false);
  }

  private put(key: string, value: V, keep: boolean): void {
    const h = hashOf(key);
    let row = this.find(key, h);
    if (row < 0) row = this.addRow(h, isIndexKey(key));
    else this.live.delete(row);
    this.store(row, this.encode(key, value));
    if (keep && value !== null && typeof value === 'object') {
      if (this.touched !== null) this.touch(row);
      this.keepLive(row, value);
    }
  }

  private addRow(h: number, indexKey: boolean): number {
    if ((this.count + this.gone + 1) * 4 > this.slots.length * 3) this.rehash(this.count + 1);
    if (this.rows === this.start.length) {
      // Many deleted rows: renumber; else make room for more.
      if (this.rows - this.count > this.count) this.renumber();
      else this.growRows(this.rows * 2);
    }
    const row = this.rows++;
    this.hashes[row] = h;
    this.start[row] = DELETED;
    this.end[row] = 0;
    const mask = this.slots.length - 1;
    let i = h & mask;
    while (this.slots[i] >= 0) i = (i + 1) & mask;
    if (this.slots[i] === GONE) this.gone--;
    this.slots[i] = row;
    this.count++;
    if (indexKey) this.indexKeys++;
    return row;
  }

  private growRows(n: number): void {
    const grow = <T extends Uint32Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a.subarray(0, Math.min(a.length, n)));
      return b;
    };
    this.start = grow(this.start, (k) => new Uint32Array(k));
    this.end = grow(this.end, (k) => new Uint32Array(k));
    this.hashes = grow(this.hashes, (k) => new Int32Array(k));
  }

  /** Drops deleted rows from the numbering (keeps order), then rebuilds the index. */
  private renumber(): void {
    this.detachViews();
    const map = new Int32Array(this.rows).fill(-1);
    let n = 0;
    for (let r = 0; r < this.rows; r++) {
      if (this.start[r] === DELETED) continue;
      map[r] = n;
      this.start[n] = this.start[r];
      this.end[n] = this.end[r];
      this.hashes[n] = this.hashes[r];
      n++;
    }
    this.rows = n;
    this.epoch++;
    const moved = [...this.live];
    this.live.clear();
    for (const [r, v] of moved) this.live.set(map[r], v);
    this.rehash(this.count);
  }

  private rehash(min: number): void {
    // Half full after a rehash, rehashed again at three quarters (keys plus deleted keys' slots).
    let cap = 128;
    while (cap < min * 2) cap *= 2;
    const slots = new Int32Array(cap).fill(EMPTY);
    const mask = cap - 1;
    for (let r = 0; r < this.rows; r++) {
      if (this.start[r] === DELETED) continue;
      let i = this.hashes[r] & mask;
      while (slots[i] !== EMPTY) i = (i + 1) & mask;
      slots[i] = r;
    }
    this.slots = slots;
    this.gone = 0;
  }

  delete(key: string): boolean {
    const h = hashOf(key);
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const r = this.slots[i];
      if (r === EMPTY) return false;
      if (r >= 0 && this.hashes[r] === h && this.keyAt(r) === key) {
        this.slots[i] = GONE;
        this.gone++;
        if (this.views.size > 0) this.saveRow(r);
        this.dead += this.end[r] - this.start[r];
        this.start[r] = DELETED;
        this.end[r] = 0;
        this.live.delete(r);
        this.count--;
        if (isIndexKey(key)) this.indexKeys--;
        return true;
      }
    }
  }

  /** Keys in a plain object's order: integer-like keys ascending, then the others in insertion order. */
  keys(): string[] {
    const out: string[] = [];
    for (let r = 0; r < this.rows; r++) if (this.start[r] !== DELETED) out.push(this.keyAt(r));
    if (this.indexKeys === 0) return out;
    const ints = out.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
    return ints.concat(out.filter((k) => !isIndexKey(k)));
  }

  /** Every entry in key order, values as `peek` gives them (live objects, else fresh decodings). */
  *entries(): IterableIterator<[string, V]> {
    const at = (r: number, key: string): [string, V] => {
      const hit = this.live.get(r);
      return [key, hit !== undefined ? hit : this.decode(r)];
    };
    if (this.indexKeys > 0) {
      for (const k of this.keys()) {
        const r = this.rowOf(k);
        if (r >= 0) yield at(r, k);
      }
      return;
    }
    for (let r = 0; r < this.rows; r++) if (this.start[r] !== DELETED) yield at(r, this.keyAt(r));
  }

  forEach(fn: (key: string, value: V) => void): void {
    for (const [k, v] of this.entries()) fn(k, v);
  }

  // ---- rows by number (the proof of the balances walks two tables side by side) ----

  /** Rows numbered so far, deleted ones included: row numbers run from 0 below this. */
  get rowSpan(): number {
    return this.rows;
  }

  /** The key at `row`, undefined for a deleted row. */
  keyOfRow(row: number): string | undefined {
    return row < 0 || row >= this.rows || this.start[row] === DELETED ? undefined : this.keyAt(row);
  }

  /** True when `row` holds an entry (not deleted, within the numbering). */
  hasRow(row: number): boolean {
    return row >= 0 && row < this.rows && this.start[row] !== DELETED;
  }

  /** `peekFields` by row number (the row must hold an entry). */
  peekFieldsAt(row: number, fields: ReadonlySet<string>): Partial<V> {
    const hit = this.live.get(row);
    return hit !== undefined ? hit : this.pickAt(row, fields);
  }

  /** The value at `row` as `peek` gives it (the live object, else a fresh decoding). */
  peekRow(row: number): V {
    const hit = this.live.get(row);
    return hit !== undefined ? hit : this.decode(row);
  }

  /** Strings of `other`'s table known to agree with this one's, number for number. */
  private agreed = new WeakMap<CompactTable<V>, number>();

  /**
   * True when `row` here and `otherRow` of `other` hold the same value for certain: neither is live
   * (a live object may have changed since it was encoded) and their bytes are equal under string
   * tables that agree on every number either row can use. False means only "not known": decode
   * both and compare. Costs no allocation, so 100k rows compare in a few milliseconds.
   */
  sameRow(row: number, other: CompactTable<V>, otherRow: number): boolean {
    if (this.live.has(row) || other.live.has(otherRow)) return false;
    const a = this.dict.list;
    const b = other.dict.list;
    const n = Math.min(a.length, b.length);
    let ok = this.agreed.get(other) ?? 0;
    if (ok < n) {
      while (ok < n && a[ok] === b[ok]) ok++;
      this.agreed.set(other, ok);
    }
    // Rows refer only to numbers their own table had; equal bytes then refer to numbers below both lengths.
    if (ok < n) return false;
    const s = this.start[row];
    const e = this.end[row];
    const os = other.start[otherRow];
    const oe = other.end[otherRow];
    return e - s === oe - os && this.data.compare(other.data, os, oe, s, e) === 0;
  }

  // ---- snapshot: the rows as bytes (snapshot-lines.ts writes them base64, a chunk a line) ----

  /** Encodes every live object back into its row (the live ones stay live). */
  private flushLive(): void {
    for (const [row, v] of this.live) this.writeBack(row, v);
  }

  /**
   * What a snapshot needs to rebuild the table: the string table and the size of the rows. Call in
   * the same synchronous run as `dumpChunks` (the cut must be consistent).
   */
  dumpHeader(): TableDump {
    this.flushLive();
    return { v: DUMP_VERSION, strings: [...this.dict.list], rows: this.count, bytes: this.used - this.dead };
  }

  /** The rows in insertion order, as chunks of whole rows of about `chunk` bytes (a view, valid until the next). */
  dumpChunks(chunk = 48 * 1024): IterableIterator<Buffer> {
    return rowChunks(this.data, { start: this.start, end: this.end, rows: this.rows, was: new Map() }, chunk);
  }

  /**
   * The table as of this moment, to be written later while it keeps changing (a snapshot written in
   * slices between commits, snapshot-cut.ts). Taking it costs a copy of the live objects handed out
   * since `writeBackLive` (`copyValue`), nothing per row: the view reads the table's own row offsets,
   * and until it is released a row's offsets about to change are kept for it first (copy on write:
   * a changed row is appended instead of rewritten in place, a deleted row keeps its old offsets for
   * the view, a renumbering or a buffer's rewrite gives the view its own copy of the offsets first),
   * and a full buffer is replaced instead of compacted in place, so the bytes the view points at
   * stay what they are now in the buffer it keeps. `prepare` encodes the copies of the live objects,
   * a batch per step; run it to its end before `header`, whose string table then holds every string
   * the rows use. `release` when written.
   * `everyLive`: copy every live object, not only those handed out since `writeBackLive` (a view
   * taken outside the snapshot's sequence, such as the proof's cut, which must not reset it).
   */
  frozenDump(copyValue: (v: V) => V, everyLive = false): FrozenTable {
    const data = this.data;
    const count = this.count;
    const view: RowView = { start: this.start, end: this.end, rows: this.rows, was: new Map() };
    const liveCopies: [number, V][] = [];
    // After `writeBackLive`, only the live objects handed out since can differ from their rows.
    const touched = everyLive ? null : this.touched;
    if (!everyLive) this.touched = null;
    for (const [row, v] of this.live) if (!touched || touched.has(row)) liveCopies.push([row, copyValue(v)]);
    const encoded = new Map<number, Buffer>();
    let bytes = this.used - this.dead;
    const reader = new RowReader(data, this.dict);
    const self = this;
    this.views.add(view);
    return {
      release: () => void this.views.delete(view),
      prepare: function* (this: void, batch = 64) {
        let k = 0;
        for (const [row, v] of liveCopies) {
          const [s, e] = offsetsOf(view, row);
          reader.pos = s;
          const w = self.encode(reader.readKey(), v);
          encoded.set(row, Buffer.from(w.buf.subarray(0, w.pos)));
          bytes += w.pos - (e - s);
          if (++k % batch === 0) yield;
        }
      },
      header: () => ({ v: DUMP_VERSION, strings: [...this.dict.list], rows: count, bytes }),
      chunks: (chunk = 48 * 1024) => rowChunks(data, view, chunk, encoded),
    };
  }

  /** Frozen views not yet released (frozenDump): rows are not rewritten or compacted in place meanwhile. */
  private readonly views = new Set<RowView>();

  /** Before `row`'s offsets change in place: views reading these offset arrays keep the old ones. */
  private saveRow(row: number): void {
    for (const v of this.views) if (v.start === this.start && row < v.rows && !v.was.has(row)) v.was.set(row, [this.start[row], this.end[row]]);
  }

  /** Before offsets change wholesale (a renumbering, a buffer's rewrite): views get their own copy. */
  private detachViews(): void {
    for (const v of this.views) {
      if (v.start !== this.start) continue;
      const start = this.start.slice(0, v.rows);
      const end = this.end.slice(0, v.rows);
      for (const [r, [s, e]] of v.was) {
        start[r] = s;
        end[r] = e;
      }
      v.start = start;
      v.end = end;
      v.was.clear();
    }
  }

  /**
   * Live rows handed out (made live or looked up live) since `writeBackLive` began; null when none
   * runs, or when so many were that the next `frozenDump` copies every live object anyway.
   */
  private touched: Set<number> | null = null;

  private touch(row: number): void {
    this.touched!.add(row);
    if (this.touched!.size > this.liveMax) this.touched = null;
  }

  /**
   * Writes every live object back into its row, a batch per step, before a `frozenDump` (which then
   * copies only the live objects handed out since this began: a few, instead of up to LIVE_MAX).
   * Commits may run between the steps.
   */
  *writeBackLive(batch = 64): Generator<void> {
    this.touched = new Set();
    let k = 0;
    for (const [row, v] of [...this.live]) {
      // Evicted (and written back) meanwhile, maybe decoded again since: not this object's row any more.
      if (this.live.get(row) === v) this.writeBack(row, v);
      if (++k % batch === 0) yield;
    }
  }

  /** Starts a table read back from a snapshot: its strings, room for its rows. Throws on a dump it cannot read. */
  restore(h: TableDump): void {
    if (h.v !== DUMP_VERSION || !Array.isArray(h.strings) || h.strings.some((x) => typeof x !== 'string') || !Number.isSafeInteger(h.rows) || !Number.isSafeInteger(h.bytes) || h.rows < 0 || h.bytes < 0)
      throw new Error('the table header is not one this version reads');
    if (this.count > 0) throw new Error('the table was read twice');
    this.dict.restore(h.strings);
    // An eighth more than the rows: the first rows the fold lengthens after a start are appended
    // there, instead of the whole buffer (14 MB of accounts at full scale) being copied into a new
    // one under the first sale (issue 12). Pages not yet written are not resident.
    this.data = Buffer.allocUnsafe(Math.max(1024, h.bytes + (h.bytes >> 3)));
    this.used = 0;
    this.dead = 0;
    this.rows = 0;
    this.growRows(Math.max(64, h.rows));
    this.rehash(h.rows);
    this.expect = h;
  }

  private expect: TableDump | null = null;

  /**
   * Adds the rows of one chunk (whole rows, as dumpChunks gave them). Throws on damage. The chunk is
   * copied whole and its rows indexed from their bytes: keys are hashed and compared as bytes, no
   * key string is made (a start reads 250k rows this way).
   */
  appendRows(chunk: Buffer): void {
    if (this.used + chunk.length > this.data.length) this.grow(chunk.length);
    const base = this.used;
    chunk.copy(this.data, base);
    const r = new RowReader(chunk, this.dict);
    while (r.pos < chunk.length) {
      const at = r.pos;
      const head = r.uint();
      const n = Math.floor(head / 2);
      const wide = head % 2 === 1;
      const ks = r.pos;
      r.pos += wide ? n * 2 : n;
      if (r.pos > chunk.length) throw new Error('a row runs past the end of its line');
      const h = hashOfBytes(chunk, ks, n, wide);
      r.skip();
      if (r.pos > chunk.length) throw new Error('a row runs past the end of its line');
      if (this.findBytes(h, head, base + ks, wide ? n * 2 : n) >= 0) {
        r.pos = at;
        throw new Error(`the key ${JSON.stringify(r.readKey())} is in the table twice`);
      }
      const row = this.addRow(h, !wide && isIndexKeyBytes(chunk, ks, n));
      this.start[row] = base + at;
      this.used = base + r.pos;
      this.end[row] = this.used;
    }
  }

  /** The row whose key has hash `h`, the header `head` (length and width) and the `len` key bytes at `from` of `data`, or -1. */
  private findBytes(h: number, head: number, from: number, len: number): number {
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const r = this.slots[i];
      if (r === EMPTY) return -1;
      if (r < 0 || this.hashes[r] !== h) continue;
      // The other row's key: its header, then its bytes.
      this.reader.buf = this.data;
      this.reader.pos = this.start[r];
      if (this.reader.uint() === head && this.data.compare(this.data, from, from + len, this.reader.pos, this.reader.pos + len) === 0) return r;
    }
  }

  /** After the last chunk: checks that the table holds what its header said. */
  restored(): void {
    const h = this.expect;
    if (!h) return;
    if (h.rows !== this.count || h.bytes !== this.used) throw new Error(`the table holds ${this.count} rows of ${this.used} bytes, its header says ${h.rows} of ${h.bytes}`);
    this.expect = null;
  }
}

/** A table as of one moment (CompactTable.frozenDump). */
export interface FrozenTable {
  /** Lets the table rewrite rows in place again (call once the view is written, or given up). */
  release(): void;
  prepare(batch?: number): Generator<void>;
  header(): TableDump;
  chunks(chunk?: number): IterableIterator<Buffer>;
}

/**
 * The row offsets a frozen view reads: the table's arrays (or its own copy once they were rewritten
 * wholesale), `rows` of them, and the old offsets of rows changed in place since (row -> [start, end]).
 */
interface RowView {
  start: Uint32Array;
  end: Uint32Array;
  rows: number;
  was: Map<number, [number, number]>;
}

function offsetsOf(v: RowView, row: number): [number, number] {
  const w = v.was.size > 0 ? v.was.get(row) : undefined;
  return w ?? [v.start[row], v.end[row]];
}

/**
 * Rows `0..rows` of `data` as `view` has them (deleted ones skipped; those in `instead` as encoded
 * there) as chunks of whole rows of about `chunk` bytes. The view's arrays are read afresh for every
 * row: a view may get its own copy of them between two chunks.
 */
function* rowChunks(data: Buffer, view: RowView, chunk: number, instead?: Map<number, Buffer>): IterableIterator<Buffer> {
  const out = Buffer.allocUnsafe(chunk);
  let at = 0;
  for (let r = 0; r < view.rows; r++) {
    let rs = view.start[r];
    let re = view.end[r];
    if (view.was.size > 0) {
      const w = view.was.get(r);
      if (w) [rs, re] = w;
    }
    if (rs === DELETED) continue;
    const own = instead?.get(r);
    const src = own ?? data;
    const s = own ? 0 : rs;
    const n = own ? own.length : re - rs;
    if (at > 0 && at + n > chunk) {
      yield out.subarray(0, at);
      at = 0;
    }
    if (n > chunk) {
      yield src.subarray(s, s + n);
      continue;
    }
    src.copy(out, at, s, s + n);
    at += n;
  }
  if (at > 0) yield out.subarray(0, at);
}

export const DUMP_VERSION = 1;

/** A table's header in a snapshot. */
export interface TableDump {
  v: number;
  strings: string[];
  rows: number;
  bytes: number;
}
