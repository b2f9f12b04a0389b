/**
 * In-memory index for "results as you type" over 100k+ customers: sorted arrays searched by binary
 * search, so a query costs O(log n + results) and one customer change costs one move per key.
 * Keys: card number, canonical phone (prefix search), reversed phone (the "last four digits" search
 * shops use), name tokens folded to lower case without accents (prefix search, every typed word must
 * match). Name tokens repeat a lot (Nguyễn, Văn, Thị), so they are kept once each, sorted, each with
 * the customers holding it.
 *
 * The index holds customers as handles (small integers: the row numbers of the store's compact
 * table, issue 12), in typed arrays, never copies of keys or ids: a key is computed from the
 * customer when a comparison needs it (`CustomerSource.at`), which keeps 100k customers at about
 * 5 MB instead of ~50 (and of ~10 with id strings). So a customer must be `remove`d while the source
 * still returns its old name, phone and card, and `add`ed after. Answers are customer ids.
 * The index is derived data: the projection rebuilds it on demand and never persists it.
 */
import { foldName, nameTokens, normalizePhone } from './customer.js';
import type { Customer } from './types.js';

/**
 * Where the index reads customers, by handle. It reads only `id`, `name`, `phone` and `card` of what
 * `at` returns. Handles are stable while the index lives (the owner rebuilds it when they change).
 */
export interface CustomerSource {
  /** Every customer's handle, in the order the record lists them. */
  handles(): Iterable<number>;
  at(handle: number): Customer | undefined;
  /** The handle of a customer id; -1 when unknown. */
  handleOf(id: string): number;
}

const reverse = (s: string): string => s.split('').reverse().join('');

/** Handles sorted by (key, id), keys computed on demand; an Int32Array with room to grow. */
class SortedHandles {
  private rows = new Int32Array(16);
  n = 0;
  constructor(
    private readonly key: (h: number) => string,
    private readonly id: (h: number) => string,
  ) {}

  private before(h: number, k: string, id: string): boolean {
    const hk = this.key(h);
    return hk < k || (hk === k && this.id(h) < id);
  }

  /** First position whose (key, id) is not below (k, id); id '' is below every id. */
  lowerBound(k: string, id = ''): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(this.rows[mid], k, id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(h: number, id: string, k: string): void {
    const i = this.lowerBound(k, id);
    if (i < this.n && this.rows[i] === h) return;
    if (this.n === this.rows.length) {
      const next = new Int32Array(this.rows.length * 2);
      next.set(this.rows);
      this.rows = next;
    }
    this.rows.copyWithin(i + 1, i, this.n);
    this.rows[i] = h;
    this.n++;
  }

  remove(h: number, id: string, k: string): void {
    const i = this.lowerBound(k, id);
    if (i >= this.n || this.rows[i] !== h) return;
    this.rows.copyWithin(i, i + 1, this.n);
    this.n--;
  }

  /** Handles whose key starts with `prefix` (equals it when `exact`), in key order, up to `limit`. */
  range(prefix: string, limit = Infinity, exact = false): number[] {
    const out: number[] = [];
    for (let i = this.lowerBound(prefix); i < this.n && out.length < limit; i++) {
      const k = this.key(this.rows[i]);
      if (exact ? k !== prefix : !k.startsWith(prefix)) break;
      out.push(this.rows[i]);
    }
    return out;
  }

  /**
   * Bulk build: `handles` ordered by `keys` (same positions; by their reversals when `reversed`),
   * ties by id; entries with an empty key are left out. Ids are read only to break ties (equal keys
   * are rare).
   */
  fill(handles: Int32Array, keys: KeyColumn, reversed = false): void {
    const perm = new Uint32Array(handles.length);
    let n = 0;
    for (let i = 0; i < handles.length; i++) if (!keys.empty(i)) perm[n++] = i;
    const used = perm.subarray(0, n).sort((x, y) => {
      const c = reversed ? keys.compareReversed(x, y) : keys.compare(x, y);
      if (c !== 0) return c;
      const a = this.id(handles[x]);
      const b = this.id(handles[y]);
      return a < b ? -1 : a > b ? 1 : 0;
    });
    this.rows = new Int32Array(Math.max(16, n + (n >> 4)));
    for (let i = 0; i < n; i++) this.rows[i] = handles[used[i]];
    this.n = n;
  }
}

/**
 * The keys of a bulk build, packed as UTF-16 code units in one typed array, so that 100k cards and
 * phones are not 200k strings kept alive (and promoted into V8's old generation, which then stays
 * grown) until they are sorted. Compared code unit by code unit: the order of `<` on the strings,
 * which the binary searches use.
 */
class KeyColumn {
  private codes = new Uint16Array(1 << 16);
  private ends = new Uint32Array(1 << 10);
  private used = 0;
  private n = 0;

  push(k: string): void {
    if (this.used + k.length > this.codes.length) this.codes = grown(this.codes, this.used + k.length);
    if (this.n === this.ends.length) this.ends = grown(this.ends, this.n + 1);
    for (let i = 0; i < k.length; i++) this.codes[this.used++] = k.charCodeAt(i);
    this.ends[this.n++] = this.used;
  }

  private start(i: number): number {
    return i === 0 ? 0 : this.ends[i - 1];
  }

  empty(i: number): boolean {
    return this.ends[i] === this.start(i);
  }

  compare(i: number, j: number): number {
    const a = this.start(i);
    const b = this.start(j);
    const la = this.ends[i] - a;
    const lb = this.ends[j] - b;
    for (let k = 0, n = Math.min(la, lb); k < n; k++) {
      const d = this.codes[a + k] - this.codes[b + k];
      if (d !== 0) return d;
    }
    return la - lb;
  }

  /** Orders keys as their reversals would, without building them. */
  compareReversed(i: number, j: number): number {
    const a = this.start(i);
    const b = this.start(j);
    for (let x = this.ends[i] - 1, y = this.ends[j] - 1; x >= a && y >= b; x--, y--) {
      const d = this.codes[x] - this.codes[y];
      if (d !== 0) return d;
    }
    return this.ends[i] - a - (this.ends[j] - b);
  }
}

function grown<T extends Uint16Array | Uint32Array>(a: T, min: number): T {
  let n = a.length * 2;
  while (n < min) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** The index's own customers (an index built from a list, without a source: small sets, tests). */
class OwnCustomers implements CustomerSource {
  readonly list: Customer[] = [];
  readonly ids = new Map<string, number>();
  *handles(): Iterable<number> {
    for (let h = 0; h < this.list.length; h++) yield h;
  }
  at(h: number): Customer | undefined {
    return this.list[h];
  }
  handleOf(id: string): number {
    return this.ids.get(id) ?? -1;
  }
  put(c: Customer): number {
    let h = this.ids.get(c.id);
    if (h === undefined) this.ids.set(c.id, (h = this.list.push(c) - 1));
    else this.list[h] = c;
    return h;
  }
}

export class CustomerIndex {
  private readonly cards: SortedHandles;
  private readonly phones: SortedHandles;
  private readonly suffixes: SortedHandles;
  /** Distinct name tokens, sorted; `holders[i]` is the handle (or handles) of the customers whose name has `tokens[i]`. */
  private tokens: string[] = [];
  private holders: (number | number[])[] = [];
  private own: OwnCustomers | null = null;

  private constructor(
    private readonly countryCode: string,
    private readonly source: CustomerSource,
  ) {
    const get = (h: number): Customer => {
      const c = this.source.at(h);
      if (!c) throw new Error(`customer ${h} is indexed but unknown`);
      return c;
    };
    const id = (h: number) => get(h).id;
    this.cards = new SortedHandles((h) => get(h).card, id);
    this.phones = new SortedHandles((h) => this.phoneOf(get(h)), id);
    this.suffixes = new SortedHandles((h) => reverse(this.phoneOf(get(h))), id);
  }

  private phoneOf(c: Customer): string {
    return normalizePhone(c.phone, this.countryCode);
  }

  private idOf = (h: number): string => this.source.at(h)!.id;

  /**
   * Bulk build over a source (the store's accounts), or over a list of customers that the index
   * then keeps itself (small sets, tests; `upsert` replaces a customer by id).
   */
  static build(customers: Iterable<Customer> | CustomerSource, countryCode = ''): CustomerIndex {
    let source: CustomerSource;
    let own: OwnCustomers | null = null;
    if (Symbol.iterator in customers) {
      own = new OwnCustomers();
      for (const c of customers) own.put(c);
      source = own;
    } else source = customers;
    const ix = new CustomerIndex(countryCode, source);
    ix.own = own;
    // Built with as little held at once as possible: one pass over the source, which may decode each
    // customer as it goes (the store's compact accounts); only the keys are kept until sorted.
    const hs: number[] = [];
    const cards = new KeyColumn();
    const phones = new KeyColumn();
    const held = new Map<string, number | number[]>();
    for (const h of source.handles()) {
      const c = source.at(h);
      if (!c) continue;
      hs.push(h);
      cards.push(c.card ?? '');
      phones.push(ix.phoneOf(c));
      for (const t of nameTokens(c.name)) {
        const x = held.get(t);
        if (x === undefined) held.set(t, h);
        else if (typeof x === 'number') held.set(t, [x, h]);
        else x.push(h);
      }
    }
    const handles = Int32Array.from(hs);
    ix.cards.fill(handles, cards);
    ix.phones.fill(handles, phones);
    ix.suffixes.fill(handles, phones, true);
    // The default sort compares UTF-16 code units, the same order as `<` used by the binary searches.
    ix.tokens = [...held.keys()].sort();
    ix.holders = ix.tokens.map((t) => held.get(t)!);
    return ix;
  }

  get size(): number {
    return this.cards.n;
  }

  private tokenAt(token: string): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.tokens[mid] < token) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private holdersAt(i: number): readonly number[] {
    const h = this.holders[i];
    return typeof h === 'number' ? [h] : h;
  }

  private handle(c: Customer): number {
    const h = this.source.handleOf(c.id);
    if (h < 0) throw new Error(`customer ${c.id} is not in the index's source`);
    return h;
  }

  /** Indexes a customer (new, or changed after `remove`); the source must already hold it. */
  add(c: Customer): void {
    const h = this.handle(c);
    this.cards.insert(h, c.id, c.card);
    const p = this.phoneOf(c);
    if (p) {
      this.phones.insert(h, c.id, p);
      this.suffixes.insert(h, c.id, reverse(p));
    }
    for (const t of nameTokens(c.name)) {
      const i = this.tokenAt(t);
      if (this.tokens[i] !== t) {
        this.tokens.splice(i, 0, t);
        this.holders.splice(i, 0, h);
        continue;
      }
      const x = this.holders[i];
      if (typeof x === 'number') {
        if (x !== h) this.holders[i] = [x, h];
      } else if (!x.includes(h)) x.push(h);
    }
  }

  /** Takes a customer out; call while the source still returns the name, phone and card it was indexed with. */
  remove(c: Customer): void {
    const h = this.source.handleOf(c.id);
    if (h < 0) return;
    this.cards.remove(h, c.id, c.card);
    const p = this.phoneOf(c);
    if (p) {
      this.phones.remove(h, c.id, p);
      this.suffixes.remove(h, c.id, reverse(p));
    }
    for (const t of nameTokens(c.name)) {
      const i = this.tokenAt(t);
      if (this.tokens[i] !== t) continue;
      const x = this.holders[i];
      const left = typeof x === 'number' ? (x === h ? [] : [x]) : x.filter((y) => y !== h);
      if (left.length === 0) {
        this.tokens.splice(i, 1);
        this.holders.splice(i, 1);
      } else this.holders[i] = left.length === 1 ? left[0] : left;
    }
  }

  /** For an index that keeps its own customers (built without lookup): adds or replaces one. */
  upsert(c: Customer): void {
    if (!this.own) throw new Error('upsert needs an index that keeps its own customers; use remove and add');
    const h = this.own.handleOf(c.id);
    if (h >= 0) this.remove(this.own.at(h)!);
    this.own.put(c);
    this.add(c);
  }

  byCard(card: string): string | undefined {
    const h = this.cards.range(card, 1, true)[0];
    return h === undefined ? undefined : this.idOf(h);
  }

  /** Customer ids whose canonical phone equals this number. */
  byPhone(phone: string): string[] {
    const p = normalizePhone(phone, this.countryCode);
    return p ? this.phones.range(p, Infinity, true).map(this.idOf) : [];
  }

  /** Customers holding a token that starts with `prefix`, counted up to `cap`. */
  private count(prefix: string, cap: number): number {
    let n = 0;
    for (let i = this.tokenAt(prefix); i < this.tokens.length && this.tokens[i].startsWith(prefix) && n <= cap; i++) n += this.holdersAt(i).length;
    return n;
  }

  /**
   * Customer ids matching what was typed: a card number; digits as the start of a phone (national or
   * international form) or, from 4 digits, its end; words as prefixes of the name's words (all must match).
   */
  search(query: string, limit = 10): string[] {
    const q = query.trim();
    if (!q) return [];
    const out = new Set<number>();
    const add = (hs: Iterable<number>): void => {
      for (const h of hs) if (out.size < limit) out.add(h);
    };
    if (/^[\d\s()+.\-/]+$/.test(q)) {
      const digits = q.replace(/\D/g, '');
      if (!digits) return [];
      add(this.cards.range(digits, 1, true));
      for (const p of new Set([normalizePhone(q, this.countryCode), digits])) if (p) add(this.phones.range(p, limit));
      if (digits.length >= 4) add(this.suffixes.range(reverse(digits), limit));
      return [...out].map(this.idOf);
    }
    const words = foldName(q).split(' ').filter(Boolean);
    if (words.length === 0) return [];
    // Walk the rarest word's range, check the others against each candidate's tokens.
    let rarest = words[0];
    let best = this.count(rarest, Infinity);
    for (const w of words.slice(1)) {
      const n = this.count(w, best);
      if (n < best) [rarest, best] = [w, n];
    }
    const others = words.filter((w) => w !== rarest);
    const seen = new Set<number>();
    for (let i = this.tokenAt(rarest); i < this.tokens.length && this.tokens[i].startsWith(rarest) && out.size < limit; i++) {
      for (const h of this.holdersAt(i)) {
        if (out.size >= limit) break;
        if (seen.has(h)) continue;
        seen.add(h);
        const c = others.length ? this.source.at(h) : undefined;
        const toks = c ? nameTokens(c.name) : [];
        if (others.every((w) => toks.some((t) => t.startsWith(w)))) out.add(h);
      }
    }
    return [...out].map(this.idOf);
  }
}
