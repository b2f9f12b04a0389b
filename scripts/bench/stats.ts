/** Timing helpers: per-operation latencies in milliseconds, summarised as median and p99. */
export interface Summary {
  n: number;
  median: number;
  p99: number;
  max: number;
  /** The samples, sorted (to pool several runs). */
  samples: number[];
}

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return { n: s.length, median: at(0.5), p99: at(0.99), max: s[s.length - 1], samples: s };
}

export async function timeEach(n: number, op: (i: number) => Promise<unknown> | unknown): Promise<Summary> {
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await op(i);
    out[i] = performance.now() - t;
  }
  return summarize(out);
}

export const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
