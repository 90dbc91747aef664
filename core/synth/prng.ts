/**
 * The one seeded generator (sfc32 seeded through splitmix32), for generated data and for training.
 * Generated data and trained models must be the same for a seed on every machine and every run,
 * so nothing here touches Math.random or the clock.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Whole number in [lo, hi] inclusive. */
  int(lo: number, hi: number): number;
  /** Index in [0, n). */
  index(n: number): number;
  /** k distinct indices out of [0, n), sorted (partial Fisher–Yates). */
  sample(n: number, k: number): number[];
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Pick by non-negative weights (same length as items). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** Standard normal (Box–Muller). */
  normal(mean?: number, sd?: number): number;
  /** Log-normal with the given median and log-scale spread: always positive, right-skewed. */
  lognormal(median: number, sigma: number): number;
  /** Poisson count (Knuth for small means, normal approximation for large ones). */
  poisson(mean: number): number;
  shuffle<T>(items: T[]): T[];
  /** An independent stream for a named purpose, so adding draws in one part leaves others unchanged. */
  fork(label: string): Rng;
}

export function createRng(seed: number): Rng {
  return makeRng(hashString(`rakeplan:${seed}`));
}

/** 32-bit FNV-1a: turns a label into a seed. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function makeRng(seed: number): Rng {
  const init = splitmix32(seed);
  let a = init(),
    b = init(),
    c = init(),
    d = init();
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  const rng: Rng = {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    index: (n) => Math.floor(next() * n),
    sample: (n, k) => {
      if (k > n) throw new RangeError(`cannot sample ${k} distinct indices out of ${n}`);
      const idx = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < k; i++) swap(idx, i, i + Math.floor(next() * (n - i)));
      return idx.slice(0, k).sort((a, b) => a - b);
    },
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!; // next() < 1, so the index is in range
    },
    weighted: (items, weights) => {
      if (items.length === 0) throw new Error('weighted pick from an empty list');
      if (weights.length !== items.length)
        throw new Error(`weighted pick: ${items.length} items but ${weights.length} weights`);
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (const [i, item] of items.entries()) {
        r -= weights[i]!; // same length as items, checked above
        if (r < 0) return item;
      }
      return items[items.length - 1]!; // not empty, checked above
    },
    normal: (mean = 0, sd = 1) => {
      const u = 1 - next();
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    lognormal: (median, sigma) => median * Math.exp(sigma * rng.normal()),
    poisson: (mean) => {
      if (mean <= 0) return 0;
      if (mean > 30) return Math.max(0, Math.round(rng.normal(mean, Math.sqrt(mean))));
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        swap(items, i, Math.floor(next() * (i + 1)));
      }
      return items;
    },
    fork: (label) => makeRng(hashString(`${seed}:${label}`)),
  };
  return rng;
}

/** Swap two entries; callers pass indices within the list. */
function swap<T>(xs: T[], i: number, j: number): void {
  const t = xs[i]!;
  xs[i] = xs[j]!;
  xs[j] = t;
}
