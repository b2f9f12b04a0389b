/**
 * Append-only lists of a projection (the receipt index: ~450k numbers at full scale), which a
 * snapshot's cut takes by their length instead of copying them (snapshot-cut.ts; issue 12: the copy
 * and the garbage collection it set off were most of the 5-55 ms a commit could wait for a cut).
 *
 * Contract of a list marked with `appendOnly`: it holds numbers, strings, booleans or null only; it
 * grows by `push` alone (never shrinks, is never sorted, spliced or refilled); an element already in
 * it changes only through `setAt`. `setAt` keeps the element's old value for every frozen view taken
 * before (copy-on-write of the one element), so a view reads the list exactly as it was when taken,
 * whatever is pushed or set meanwhile. A list nobody marked is copied by the cut as before.
 */

type Item = null | boolean | number | string;

/** A list as of one moment: its first `length` elements, as they were then. */
export class FrozenList {
  /** Elements changed by `setAt` since the view was taken: their value at that moment. */
  readonly was = new Map<number, Item>();

  constructor(
    readonly list: readonly Item[],
    readonly length: number,
  ) {}

  at(i: number): Item {
    return this.was.size > 0 && this.was.has(i) ? (this.was.get(i) as Item) : this.list[i];
  }

  /** The list as it was, for JSON.stringify (a copy, made only when asked). */
  toJSON(): Item[] {
    const out: Item[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i);
    return out;
  }
}

const marked = new WeakSet<readonly unknown[]>();
const views = new WeakMap<readonly unknown[], Set<FrozenList>>();

/** Marks `list` append-only (see above) and returns it; marking twice is harmless. */
export function appendOnly<T extends Item>(list: T[]): T[] {
  marked.add(list);
  return list;
}

export const isAppendOnly = (v: unknown): v is Item[] => Array.isArray(v) && marked.has(v);

/** `list[i] = v` for a marked list: frozen views taken before keep the old value. */
export function setAt<T extends Item>(list: T[], i: number, v: T): void {
  const vs = views.get(list);
  if (vs !== undefined) for (const f of vs) if (i < f.length && !f.was.has(i)) f.was.set(i, list[i]);
  list[i] = v;
}

/** A frozen view of a marked list (no copy), until `releaseList`. */
export function freezeList(list: Item[]): FrozenList {
  const f = new FrozenList(list, list.length);
  let vs = views.get(list);
  if (!vs) views.set(list, (vs = new Set()));
  vs.add(f);
  return f;
}

/** Ends a view: `setAt` stops keeping old values for it. Idempotent. */
export function releaseList(f: FrozenList): void {
  const vs = views.get(f.list);
  if (!vs) return;
  vs.delete(f);
  if (vs.size === 0) views.delete(f.list);
}
