/**
 * In-memory index for "results as you type" over 100k+ customers: sorted arrays searched by binary
 * search, so a query costs O(log n + results) and one customer change costs one splice per key.
 * Keys: card number, canonical phone (prefix search), reversed phone (the "last four digits" search
 * shops use), name tokens folded to lower case without accents (prefix search, every typed word must
 * match). Name tokens repeat a lot (Nguyễn, Văn, Thị), so they are kept once each, sorted, each with
 * the ids holding it.
 *
 * The index holds customer ids only, never copies of keys: a key is computed from the customer when a
 * comparison needs it (`lookup`), which keeps 100k customers at a few MB instead of ~50. So a customer
 * must be `remove`d while lookup still returns its old name, phone and card, and `add`ed after.
 * The index is derived data: the projection rebuilds it on demand and never persists it.
 */
import { foldName, nameTokens, normalizePhone } from './customer.js';
import type { Customer } from './types.js';

/** The customer by id. The index reads only `id`, `name`, `phone` and `card` of what it returns. */
export type CustomerLookup = (id: string) => Customer | undefined;

const reverse = (s: string): string => s.split('').reverse().join('');

/** Ids sorted by (key, id), keys computed on demand. */
class SortedIds {
  ids: string[] = [];
  constructor(private readonly key: (id: string) => string) {}

  /** First position whose (key, id) is not below (k, id). */
  lowerBound(k: string, id = ''): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.ids[mid];
      const mk = this.key(m);
      if (mk < k || (mk === k && m < id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(id: string, k: string): void {
    const i = this.lowerBound(k, id);
    if (this.ids[i] !== id) this.ids.splice(i, 0, id);
  }

  remove(id: string, k: string): void {
    const i = this.lowerBound(k, id);
    if (this.ids[i] === id) this.ids.splice(i, 1);
  }

  /** Ids whose key starts with `prefix` (equals it when `exact`), in key order, up to `limit`. */
  range(prefix: string, limit = Infinity, exact = false): string[] {
    const out: string[] = [];
    for (let i = this.lowerBound(prefix); i < this.ids.length && out.length < limit; i++) {
      const k = this.key(this.ids[i]);
      if (exact ? k !== prefix : !k.startsWith(prefix)) break;
      out.push(this.ids[i]);
    }
    return out;
  }

  /** Bulk build: ids ordered by `keys` (same positions as `ids`), ties by id; entries with an empty key are left out. */
  fill(ids: readonly string[], keys: readonly string[], compare: (a: string, b: string) => number = (a, b) => (a < b ? -1 : a > b ? 1 : 0)): void {
    const perm = new Uint32Array(ids.length);
    let n = 0;
    for (let i = 0; i < ids.length; i++) if (keys[i]) perm[n++] = i;
    const used = perm.subarray(0, n).sort((x, y) => compare(keys[x], keys[y]) || (ids[x] < ids[y] ? -1 : ids[x] > ids[y] ? 1 : 0));
    this.ids = Array.from(used, (i) => ids[i]);
  }
}

/** Orders strings as their reversals would, without building them. */
function compareReversed(a: string, b: string): number {
  for (let i = a.length - 1, j = b.length - 1; i >= 0 && j >= 0; i--, j--) {
    const d = a.charCodeAt(i) - b.charCodeAt(j);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export class CustomerIndex {
  private readonly cards: SortedIds;
  private readonly phones: SortedIds;
  private readonly suffixes: SortedIds;
  /** Distinct name tokens, sorted; `holders[i]` is the id (or ids) of the customers whose name has `tokens[i]`. */
  private tokens: string[] = [];
  private holders: (string | string[])[] = [];

  constructor(
    private readonly countryCode: string,
    private readonly lookup: CustomerLookup,
  ) {
    const get = (id: string): Customer => {
      const c = this.lookup(id);
      if (!c) throw new Error(`customer ${id} is indexed but unknown`);
      return c;
    };
    this.cards = new SortedIds((id) => get(id).card);
    this.phones = new SortedIds((id) => this.phoneOf(get(id)));
    this.suffixes = new SortedIds((id) => reverse(this.phoneOf(get(id))));
  }

  private phoneOf(c: Customer): string {
    return normalizePhone(c.phone, this.countryCode);
  }

  /**
   * Bulk build. Without `lookup` the index keeps its own map of the customers given (small sets,
   * tests); `upsert` then replaces a customer by id.
   */
  static build(customers: Iterable<Customer>, countryCode = '', lookup?: CustomerLookup): CustomerIndex {
    const own = lookup ? null : new Map<string, Customer>();
    const ix = new CustomerIndex(countryCode, lookup ?? ((id) => own!.get(id)));
    ix.own = own;
    // Built with as little held at once as possible: at 100k customers every temporary array of
    // pairs or per-customer objects would grow the heap by tens of MB for a moment. One pass over
    // `customers`, which may decode each one as it goes (the store's compact accounts): only the
    // keys are kept, never the whole list.
    const ids: string[] = [];
    const cards: string[] = [];
    const phones: string[] = [];
    const held = new Map<string, string | string[]>();
    for (const c of customers) {
      ids.push(c.id);
      cards.push(c.card);
      phones.push(ix.phoneOf(c));
      if (own) own.set(c.id, c);
      for (const t of nameTokens(c.name)) {
        const h = held.get(t);
        if (h === undefined) held.set(t, c.id);
        else if (typeof h === 'string') held.set(t, [h, c.id]);
        else h.push(c.id);
      }
    }
    ix.cards.fill(ids, cards);
    ix.phones.fill(ids, phones);
    ix.suffixes.fill(ids, phones, compareReversed);
    // The default sort compares UTF-16 code units, the same order as `<` used by the binary searches.
    ix.tokens = [...held.keys()].sort();
    ix.holders = ix.tokens.map((t) => held.get(t)!);
    return ix;
  }

  private own: Map<string, Customer> | null = null;

  get size(): number {
    return this.cards.ids.length;
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

  private holdersAt(i: number): readonly string[] {
    const h = this.holders[i];
    return typeof h === 'string' ? [h] : h;
  }

  /** Indexes a customer (new, or changed after `remove`). */
  add(c: Customer): void {
    this.cards.insert(c.id, c.card);
    const p = this.phoneOf(c);
    if (p) {
      this.phones.insert(c.id, p);
      this.suffixes.insert(c.id, reverse(p));
    }
    for (const t of nameTokens(c.name)) {
      const i = this.tokenAt(t);
      if (this.tokens[i] !== t) {
        this.tokens.splice(i, 0, t);
        this.holders.splice(i, 0, c.id);
        continue;
      }
      const h = this.holders[i];
      if (typeof h === 'string') {
        if (h !== c.id) this.holders[i] = [h, c.id];
      } else if (!h.includes(c.id)) h.push(c.id);
    }
  }

  /** Takes a customer out; call while `lookup` still returns the name, phone and card it was indexed with. */
  remove(c: Customer): void {
    this.cards.remove(c.id, c.card);
    const p = this.phoneOf(c);
    if (p) {
      this.phones.remove(c.id, p);
      this.suffixes.remove(c.id, reverse(p));
    }
    for (const t of nameTokens(c.name)) {
      const i = this.tokenAt(t);
      if (this.tokens[i] !== t) continue;
      const h = this.holders[i];
      const left = typeof h === 'string' ? (h === c.id ? [] : [h]) : h.filter((x) => x !== c.id);
      if (left.length === 0) {
        this.tokens.splice(i, 1);
        this.holders.splice(i, 1);
      } else this.holders[i] = left.length === 1 ? left[0] : left;
    }
  }

  /** For an index that keeps its own customers (built without lookup): adds or replaces one. */
  upsert(c: Customer): void {
    if (!this.own) throw new Error('upsert needs an index that keeps its own customers; use remove and add');
    const prev = this.own.get(c.id);
    if (prev) this.remove(prev);
    this.own.set(c.id, c);
    this.add(c);
  }

  byCard(card: string): string | undefined {
    return this.cards.range(card, 1, true)[0];
  }

  /** Customer ids whose canonical phone equals this number. */
  byPhone(phone: string): string[] {
    const p = normalizePhone(phone, this.countryCode);
    return p ? this.phones.range(p, Infinity, true) : [];
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
    const out = new Set<string>();
    const add = (ids: Iterable<string>): void => {
      for (const id of ids) if (out.size < limit) out.add(id);
    };
    if (/^[\d\s()+.\-/]+$/.test(q)) {
      const digits = q.replace(/\D/g, '');
      if (!digits) return [];
      const card = this.byCard(digits);
      if (card) add([card]);
      for (const p of new Set([normalizePhone(q, this.countryCode), digits])) if (p) add(this.phones.range(p, limit));
      if (digits.length >= 4) add(this.suffixes.range(reverse(digits), limit));
      return [...out];
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
    const seen = new Set<string>();
    for (let i = this.tokenAt(rarest); i < this.tokens.length && this.tokens[i].startsWith(rarest) && out.size < limit; i++) {
      for (const id of this.holdersAt(i)) {
        if (out.size >= limit) break;
        if (seen.has(id)) continue;
        seen.add(id);
        const c = this.lookup(id);
        const toks = others.length && c ? nameTokens(c.name) : [];
        if (others.every((w) => toks.some((t) => t.startsWith(w)))) out.add(id);
      }
    }
    return [...out];
  }
}
