/**
 * The set of committed transaction ids, kept small: a 64-bit hash per id in an open-addressing table
 * (8 bytes a slot, load between 3/8 and 3/4: 8-16 MB for a million transactions instead of ~100 MB of
 * strings). A hash hit is only a "maybe": the store confirms it against recent ids or the journal
 * before calling a commit a duplicate, so a collision can never drop a sale.
 */
const EMPTY = 0;

function hashPair(s: string): [number, number] {
  // FNV-1a and a murmur-style mix with different seeds: two independent 32-bit hashes.
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 13;
  a = Math.imul(a, 0xc2b2ae35);
  a ^= a >>> 16;
  b ^= b >>> 13;
  b = Math.imul(b, 0x85ebca6b);
  b ^= b >>> 16;
  a >>>= 0;
  b >>>= 0;
  // Slot (0,0) marks empty; no real id maps there.
  if (a === EMPTY && b === EMPTY) b = 1;
  return [a, b];
}

/** The ids of a TxSet as of one moment, while adds go on (see TxSet.freeze). */
export interface FrozenTxs {
  readonly size: number;
  chunks(maxPairs?: number): Generator<string>;
  /** Stops recording the slots filled since (call when the snapshot is written or failed). */
  release(): void;
}

export class TxSet {
  private table: Uint32Array;
  private mask: number;
  size = 0;
  /** A frozen view's table and the slots of it filled since it was taken (copy-on-write by exclusion). */
  private frozen: { table: Uint32Array; after: Set<number> } | null = null;

  constructor(capacity = 1024) {
    let slots = 16;
    while (slots * 3 < capacity * 4) slots *= 2;
    this.table = new Uint32Array(slots * 2);
    this.mask = slots - 1;
  }

  private find(a: number, b: number): number {
    const t = this.table;
    let i = (a ^ Math.imul(b, 0x9e3779b1)) & this.mask;
    for (;;) {
      const x = t[i * 2];
      const y = t[i * 2 + 1];
      if ((x === a && y === b) || (x === EMPTY && y === EMPTY)) return i;
      i = (i + 1) & this.mask;
    }
  }

  private insertPair(a: number, b: number): boolean {
    const i = this.find(a, b);
    if (this.table[i * 2] === a && this.table[i * 2 + 1] === b) return false;
    this.table[i * 2] = a;
    this.table[i * 2 + 1] = b;
    if (this.frozen !== null && this.frozen.table === this.table) this.frozen.after.add(i);
    this.size++;
    if (this.size * 4 > (this.mask + 1) * 3) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== EMPTY || old[i + 1] !== EMPTY) this.insertPair(old[i], old[i + 1]);
  }

  add(id: string): void {
    const [a, b] = hashPair(id);
    this.insertPair(a, b);
  }

  /** True if an id with the same 64-bit hash was added (confirm before trusting a hit). */
  mayHave(id: string): boolean {
    const [a, b] = hashPair(id);
    const i = this.find(a, b);
    return this.table[i * 2] === a && this.table[i * 2 + 1] === b;
  }

  /** Same ids (by hash) in both sets, whatever their table sizes. */
  equals(other: TxSet): boolean {
    if (other.size !== this.size) return false;
    const t = this.table;
    for (let i = 0; i < t.length; i += 2) {
      if (t[i] === EMPTY && t[i + 1] === EMPTY) continue;
      const j = other.find(t[i], t[i + 1]);
      if (other.table[j * 2] !== t[i] || other.table[j * 2 + 1] !== t[i + 1]) return false;
    }
    return true;
  }

  /** Occupied entries as base64 (8 bytes each), in pieces of at most `maxPairs` ids (snapshot lines). */
  serializeChunks(maxPairs = 8192): Generator<string> {
    return pairChunks(this.table, this.size, null, maxPairs);
  }

  /**
   * The ids as of now, serialisable later while adds go on (a snapshot written in slices): no copy of
   * the table. An add fills an empty slot of the current table (its slot is recorded and left out of
   * the view) or, when the table grows, moves to a new one and leaves this one as it was. One view
   * at a time (snapshots are written one at a time); a new freeze replaces the last.
   */
  freeze(): FrozenTxs {
    const view = { table: this.table, after: new Set<number>() };
    this.frozen = view;
    const size = this.size;
    return {
      size,
      chunks: (maxPairs = 8192) => pairChunks(view.table, size, view.after, maxPairs),
      release: () => {
        if (this.frozen === view) this.frozen = null;
      },
    };
  }

  /** Occupied entries as one base64 string. */
  serialize(): string {
    return [...this.serializeChunks(Math.max(1, this.size))].join('');
  }

  /** Adds the ids of a piece written by serializeChunks. */
  addSerialized(b64: string): void {
    const bytes = Buffer.from(b64, 'base64');
    if (bytes.length % 8 !== 0) throw new Error('transaction index has a bad length');
    const pairs = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    for (let i = 0; i < pairs.length; i += 2) this.insertPair(pairs[i], pairs[i + 1]);
  }

  static deserialize(b64: string, capacity = 1024): TxSet {
    const set = new TxSet(Math.max(capacity, (b64.length * 3) / 32));
    set.addSerialized(b64);
    return set;
  }
}

/** The occupied slots of `t` (but those in `skip`) as base64 pieces of at most `maxPairs` ids. */
function* pairChunks(t: Uint32Array, size: number, skip: Set<number> | null, maxPairs: number): Generator<string> {
  const out = new Uint32Array(Math.min(maxPairs, Math.max(1, size)) * 2);
  let k = 0;
  for (let i = 0; i < t.length; i += 2) {
    if (t[i] === EMPTY && t[i + 1] === EMPTY) continue;
    if (skip !== null && skip.size > 0 && skip.has(i >> 1)) continue;
    out[k++] = t[i];
    out[k++] = t[i + 1];
    if (k === out.length) {
      yield Buffer.from(out.buffer, 0, k * 4).toString('base64');
      k = 0;
    }
  }
  if (k > 0) yield Buffer.from(out.buffer, 0, k * 4).toString('base64');
}
