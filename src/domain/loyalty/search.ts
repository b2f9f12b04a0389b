/**
 * In-memory index for "results as you type" over 100k+ customers: sorted key arrays searched by binary
 * search, so a query costs O(log n + results) and one customer change costs one splice per key.
 * Keys: canonical phone (prefix search), reversed phone (the "last four digits" search shops use), name
 * tokens folded to lower case without accents (prefix search, every typed word must match), card number.
 * Name tokens repeat a lot (Nguyễn, Văn, Thị), so they are kept once each, sorted, each with its ids.
 * The index is derived data: the projection rebuilds it on demand and never persists it.
 */
import { foldName, nameTokens, normalizePhone } from './customer.js';
import type { Customer } from './types.js';

const SEP = '\u0000';
const HIGH = '\uffff';

interface Entry {
  phone: string;
  tokens: string[];
  card: string;
}

function lowerBound(arr: string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insert(arr: string[], key: string): void {
  arr.splice(lowerBound(arr, key), 0, key);
}

function remove(arr: string[], key: string): void {
  const i = lowerBound(arr, key);
  if (arr[i] === key) arr.splice(i, 1);
}

const reverse = (s: string): string => s.split('').reverse().join('');
const idOf = (key: string): string => key.slice(key.lastIndexOf(SEP) + 1);

export class CustomerIndex {
  private phones: string[] = [];
  private suffixes: string[] = [];
  /** Distinct name tokens, sorted; `holders` maps each to the ids of the customers whose name has it. */
  private tokens: string[] = [];
  private holders = new Map<string, string[]>();
  private cards = new Map<string, string>();
  private entries = new Map<string, Entry>();

  constructor(private readonly countryCode = '') {}

  /** Bulk build: one sort per key array instead of n splices. */
  static build(customers: Iterable<Customer>, countryCode = ''): CustomerIndex {
    const ix = new CustomerIndex(countryCode);
    for (const c of customers) {
      const e = ix.entryOf(c);
      ix.entries.set(c.id, e);
      ix.cards.set(e.card, c.id);
      if (e.phone) {
        ix.phones.push(e.phone + SEP + c.id);
        ix.suffixes.push(reverse(e.phone) + SEP + c.id);
      }
      for (const t of e.tokens) ix.hold(t, c.id, false);
    }
    // The default sort compares UTF-16 code units, the same order as `<` used by the binary search.
    ix.phones.sort();
    ix.suffixes.sort();
    ix.tokens.sort();
    return ix;
  }

  private hold(token: string, id: string, sorted: boolean): void {
    const list = this.holders.get(token);
    if (list) list.push(id);
    else {
      this.holders.set(token, [id]);
      if (sorted) insert(this.tokens, token);
      else this.tokens.push(token);
    }
  }

  private release(token: string, id: string): void {
    const list = this.holders.get(token);
    if (!list) return;
    const i = list.indexOf(id);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) {
      this.holders.delete(token);
      remove(this.tokens, token);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private entryOf(c: Customer): Entry {
    return { phone: normalizePhone(c.phone, this.countryCode), tokens: nameTokens(c.name), card: c.card };
  }

  /** Adds a customer or re-indexes one whose name, phone or card changed. */
  upsert(c: Customer): void {
    const prev = this.entries.get(c.id);
    const next = this.entryOf(c);
    if (prev) {
      if (prev.phone === next.phone && prev.card === next.card && prev.tokens.join(' ') === next.tokens.join(' ')) return;
      this.drop(c.id, prev);
    }
    this.entries.set(c.id, next);
    this.cards.set(next.card, c.id);
    if (next.phone) {
      insert(this.phones, next.phone + SEP + c.id);
      insert(this.suffixes, reverse(next.phone) + SEP + c.id);
    }
    for (const t of next.tokens) this.hold(t, c.id, true);
  }

  private drop(id: string, e: Entry): void {
    if (this.cards.get(e.card) === id) this.cards.delete(e.card);
    if (e.phone) {
      remove(this.phones, e.phone + SEP + id);
      remove(this.suffixes, reverse(e.phone) + SEP + id);
    }
    for (const t of e.tokens) this.release(t, id);
    this.entries.delete(id);
  }

  byCard(card: string): string | undefined {
    return this.cards.get(card);
  }

  /** Customer ids whose canonical phone equals this number. */
  byPhone(phone: string): string[] {
    const p = normalizePhone(phone, this.countryCode);
    return p ? this.range(this.phones, p + SEP, p + SEP + HIGH).map(idOf) : [];
  }

  private range(arr: string[], from: string, to: string, limit = Infinity): string[] {
    const out: string[] = [];
    for (let i = lowerBound(arr, from); i < arr.length && arr[i] < to && out.length < limit; i++) out.push(arr[i]);
    return out;
  }

  /** Customers holding a token that starts with `prefix`, counted up to `cap`. */
  private count(prefix: string, cap: number): number {
    let n = 0;
    for (let i = lowerBound(this.tokens, prefix); i < this.tokens.length && this.tokens[i].startsWith(prefix) && n <= cap; i++) n += this.holders.get(this.tokens[i])!.length;
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
      const card = this.cards.get(digits);
      if (card) add([card]);
      for (const p of new Set([normalizePhone(q, this.countryCode), digits])) add(this.range(this.phones, p, p + HIGH, limit).map(idOf));
      if (digits.length >= 4) {
        const r = reverse(digits);
        add(this.range(this.suffixes, r, r + HIGH, limit).map(idOf));
      }
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
    for (let i = lowerBound(this.tokens, rarest); i < this.tokens.length && this.tokens[i].startsWith(rarest) && out.size < limit; i++) {
      for (const id of this.holders.get(this.tokens[i])!) {
        if (out.size >= limit) break;
        if (seen.has(id)) continue;
        seen.add(id);
        const toks = this.entries.get(id)?.tokens ?? [];
        if (others.every((w) => toks.some((t) => t.startsWith(w)))) out.add(id);
      }
    }
    return [...out];
  }
}
