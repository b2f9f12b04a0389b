/**
 * "Did you mean …?" for a name typed by a person (a key in a program file, a currency code): the
 * closest known names by edit distance, case ignored. Pure.
 */

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/**
 * The known names closest to `typed`, best first, at most `limit`. A name counts as close when it is
 * within a third of its length in edits (at least 1, at most `maxDistance`): "cumulativ" finds
 * "cumulative", "minBalanse" finds "minBalance", "zzzzz" finds nothing.
 */
export function closest(typed: string, known: readonly string[], opts: { limit?: number; maxDistance?: number } = {}): string[] {
  const t = typed.toLowerCase();
  const limit = opts.limit ?? 1;
  const scored = known
    .map((k) => ({ k, d: editDistance(t, k.toLowerCase()) }))
    .filter(({ k, d }) => d <= Math.min(opts.maxDistance ?? 3, Math.max(1, Math.floor(k.length / 3))))
    .sort((x, y) => x.d - y.d);
  return scored.slice(0, limit).map((s) => s.k);
}
