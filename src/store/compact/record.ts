/**
 * A compact table seen as the plain record it replaces (`Record<string, T>`): indexing, `in`,
 * `Object.keys/values/entries`, `for...in`, spreading, `JSON.stringify`, assignment and `delete`
 * behave as on a plain object holding the same entries, so the UI, the checkout, the admin commands
 * and the folds read `state.catalog.products` and `loyalty.customers` as before (issue 12). Members
 * of Object.prototype (`toString`, `constructor`...) resolve as on a plain object unless a key of
 * that name is stored. A Proxy cannot be given to structuredClone; copy the projection as JSON.
 *
 * Hot paths use `peekOwn` and `eachEntry`, which read the table directly and keep nothing live.
 */
import { getOwn, setOwn } from '../projections/own.js';
import { CompactTable, type TableOptions } from './table.js';

const TABLE = Symbol('till.compactTable');

export function compactRecord<V>(opts: TableOptions = {}): Record<string, V> {
  const table = new CompactTable<V>(opts);
  const handler: ProxyHandler<Record<string, V>> = {
    get(target, k, receiver) {
      if (k === TABLE) return table;
      if (typeof k === 'string') {
        const row = table.rowOf(k);
        if (row >= 0) return table.valueAt(row);
      }
      return Reflect.get(target, k, receiver);
    },
    set(target, k, v, receiver) {
      if (typeof k !== 'string') return Reflect.set(target, k, v, receiver);
      table.set(k, v as V);
      return true;
    },
    has(target, k) {
      return (typeof k === 'string' && table.has(k)) || Reflect.has(target, k);
    },
    deleteProperty(target, k) {
      if (typeof k === 'string') table.delete(k);
      return Reflect.deleteProperty(target, k);
    },
    ownKeys(target) {
      return [...table.keys(), ...Reflect.ownKeys(target)];
    },
    getOwnPropertyDescriptor(target, k) {
      if (typeof k === 'string') {
        const row = table.rowOf(k);
        if (row >= 0) return { value: table.valueAt(row), writable: true, enumerable: true, configurable: true };
      }
      return Reflect.getOwnPropertyDescriptor(target, k);
    },
    defineProperty(target, k, desc) {
      if (typeof k !== 'string') return Reflect.defineProperty(target, k, desc);
      if (!('value' in desc)) return false;
      table.set(k, desc.value as V);
      return true;
    },
  };
  return new Proxy({} as Record<string, V>, handler);
}

/** The table behind a compact record; undefined for a plain object. */
export function tableOf<V>(o: unknown): CompactTable<V> | undefined {
  return o !== null && typeof o === 'object' ? ((o as Record<symbol, unknown>)[TABLE] as CompactTable<V> | undefined) : undefined;
}

export const isCompact = (o: unknown): boolean => tableOf(o) !== undefined;

/** getOwn for records that may be compact: reads without making the value live. */
export function peekOwn<V>(o: Record<string, V>, k: string): V | undefined {
  const t = tableOf<V>(o);
  return t ? t.peek(k) : getOwn(o, k);
}

/**
 * `peekOwn` that may build only the named members of an object value (a compact record's row is
 * read for those alone; a live or plain object is returned whole). For readers that need a few
 * fields of many values, such as the customer search index's keys.
 */
export function peekFields<V>(o: Record<string, V>, k: string, fields: ReadonlySet<string>): Partial<V> | undefined {
  const t = tableOf<V>(o);
  return t ? t.peekFields(k, fields) : getOwn(o, k);
}

/** The values of a record with at least the named members each (see peekFields), one at a time. */
export function* valuesWithFields<V>(o: Record<string, V>, fields: ReadonlySet<string>): IterableIterator<Partial<V>> {
  const t = tableOf<V>(o);
  if (t) yield* t.eachFields(fields);
  else for (const k of Object.keys(o)) yield o[k];
}

/** Calls `fn` with each entry in key order; for a compact record without making values live. */
export function eachEntry<V>(o: Record<string, V>, fn: (k: string, v: V) => void): void {
  const t = tableOf<V>(o);
  if (t) return t.forEach(fn);
  for (const k of Object.keys(o)) fn(k, o[k]);
}

/** The values of a record (compact or plain) one at a time, read as `eachEntry` does. */
export function* valuesOf<V>(o: Record<string, V>): IterableIterator<V> {
  const t = tableOf<V>(o);
  if (t) for (const [, v] of t.entries()) yield v;
  else for (const k of Object.keys(o)) yield o[k];
}

/** A compact record holding the entries of `plain` (a snapshot written by the object version, a test's state). */
export function compactFrom<V>(plain: Record<string, V>, make: () => Record<string, V>): Record<string, V> {
  const rec = make();
  const t = tableOf<V>(rec)!;
  for (const k of Object.keys(plain)) t.load(k, plain[k]);
  return rec;
}

/**
 * A deep copy of projection data with compact records turned into plain objects: what
 * structuredClone gave before (structuredClone refuses a Proxy). Plain JSON values only.
 */
export function plainCopy<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => plainCopy(x)) as T;
  const out: Record<string, unknown> = {};
  eachEntry(v as Record<string, unknown>, (k, x) => setOwn(out, k, plainCopy(x)));
  return out as T;
}
