/**
 * The chaos run's randomness: one seed, printed, from which every choice is derived (mulberry32, a
 * small well-known 32-bit generator). Each register and the chaos scheduler get a generator of
 * their own, so a register's choices do not depend on how the others were scheduled. The seed fixes
 * the choices, not the interleaving: processes and the network still race as they would in a shop.
 */
export interface Rng {
  /** [0, 1) */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  bytes(n: number): Uint8Array;
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    between: (lo, hi) => lo + int(hi - lo + 1),
    chance: (p) => next() < p,
    pick: (xs) => xs[int(xs.length)],
    bytes: (n) => Uint8Array.from({ length: n }, () => int(256)),
  };
}

/** A derived seed for the n-th stream of a run (registers 1..10, the scheduler 0). */
export const substream = (seed: number, n: number): number => (Math.imul(seed ^ 0x9e3779b9, 2654435761) + Math.imul(n + 1, 40503)) >>> 0;
