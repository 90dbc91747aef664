import { describe, expect, it } from 'vitest';
import { MISSING_BIN } from './binning';
import { MISSING_AT, packRows, STRIDE } from './gradient-histogram';
import { Arena } from './hist-arena';
import { ShardRunner } from './hist-shard';
import { createRng } from '../synth/prng';

/** Random column-major bin codes: a few features with few bins, some missing. */
function randomBins(n: number, F: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const bins = new Uint8Array(n * F);
  for (let f = 0; f < F; f++) {
    const nb = f % 3 === 0 ? 3 : 254;
    for (let i = 0; i < n; i++) bins[f * n + i] = rng.next() < 0.05 ? MISSING_BIN : rng.index(nb);
  }
  return bins;
}

/** The histogram of rows[from..to) summed the obvious way, one feature at a time. */
function naive(
  bins: Uint8Array,
  n: number,
  rows: Uint32Array,
  from: number,
  to: number,
  grad: Float32Array,
  hess: Float32Array,
  features: number[],
): Map<number, number> {
  const out = new Map<number, number>();
  for (const f of features) {
    for (let k = from; k < to; k++) {
      const r = rows[k]!;
      const j = f * STRIDE + bins[f * n + r]! * 2;
      out.set(j, (out.get(j) ?? 0) + grad[r]!);
      out.set(j + 1, (out.get(j + 1) ?? 0) + hess[r]!);
    }
  }
  return out;
}

/** A one-thread arena holding the given bins (254 bins in use per feature, and the missing bin). */
function arenaOf(bins: Uint8Array, n: number, F: number): Arena {
  const arena = new Arena({ nRows: n, nFeatures: F, gradLen: n, threads: 1, slots: 2 });
  arena.data.bins.set(bins);
  arena.data.nBins.fill(254);
  packRows(arena.data);
  return arena;
}

/** Histogram slot 0 of thread 0, as a copy. */
function slot0(arena: Arena): Float64Array {
  const at = arena.slot(0, 0) >> 3;
  return arena.f64.slice(at, at + arena.histLen);
}

describe('histograms over packed row-major bins', () => {
  it('packs four features to a word, the last group padded with zeros', () => {
    const n = 50,
      F = 7;
    const bins = randomBins(n, F, 1);
    const d = arenaOf(bins, n, F).data;
    expect(d.nGroups).toBe(2);
    const bytes = new Uint8Array(d.rowBins.buffer, d.rowBins.byteOffset, d.rowBins.byteLength);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < F; f++) expect(bytes[i * 8 + f]).toBe(bins[f * n + i]);
      expect(bytes[i * 8 + 7]).toBe(0);
    }
  });

  // 440k rows × 20 features is over the size where sparse nodes take the touch-ahead path.
  it.each([
    ['dense node, 13 features (a partial last group)', 60_000, 13, 0.6],
    ['sparse node of a large table, a feature subset', 440_000, 20, 0.03],
  ])('sums exactly what a plain loop sums: %s', (_label, n, F, share) => {
    const bins = randomBins(n, F, 2);
    const arena = arenaOf(bins, n, F);
    const rng = createRng(3);
    const grad = arena.grad,
      hess = arena.hess;
    for (let i = 0; i < n; i++) {
      grad[i] = rng.next() - 0.5;
      hess[i] = 0.5 + rng.next();
    }
    const rows = arena.rows;
    let m = 0;
    for (let i = 0; i < n; i++) if (rng.next() < share) rows[m++] = i;
    const features = F === 13 ? Int32Array.from({ length: 13 }, (_, f) => f) : Int32Array.of(1, 6, 7, 17, 19);
    // Stale values in the slot: the builder clears what it sums into.
    arena.f64.fill(NaN, arena.slot(0, 0) >> 3, (arena.slot(0, 0) >> 3) + arena.histLen);
    const runner = new ShardRunner(arena, 0);
    runner.setFeatures(features);
    runner.buildRange(0, m, grad, hess, 0);
    const out = slot0(arena);
    const want = naive(bins, n, rows, 0, m, grad, hess, [...features]);
    for (const f of features) {
      for (let j = f * STRIDE; j < f * STRIDE + 2 * 254; j++) expect(out[j]).toBe(want.get(j) ?? 0);
      for (let j = f * STRIDE + MISSING_AT; j < f * STRIDE + MISSING_AT + 2; j++) expect(out[j]).toBe(want.get(j) ?? 0);
    }
  });

  it('sums the same histogram when told every hessian is 1 as when given the ones', () => {
    const n = 440_000,
      F = 6;
    const arena = arenaOf(randomBins(n, F, 4), n, F);
    const rng = createRng(5);
    for (let i = 0; i < n; i++) {
      arena.grad[i] = rng.next() - 0.5;
      arena.hess[i] = 1;
      arena.rows[i] = i;
    }
    const runner = new ShardRunner(arena, 0);
    runner.setFeatures(Int32Array.from({ length: F }, (_, f) => f));
    for (const [from, to] of [
      [0, n],
      [1000, 9000],
    ] as const) {
      runner.buildRange(from, to, arena.grad, arena.hess, 0);
      const general = slot0(arena);
      runner.buildRange(from, to, arena.grad, null, 0);
      expect(Array.from(slot0(arena).subarray(0, F * STRIDE))).toEqual(Array.from(general.subarray(0, F * STRIDE)));
    }
  });

  it('partitions a node stably: left rows (bin ≤ split, or missing when missing goes left) first, both in their old order', () => {
    const n = 3000,
      F = 3;
    const bins = randomBins(n, F, 6);
    const arena = arenaOf(bins, n, F);
    const runner = new ShardRunner(arena, 0);
    for (const [feature, split, missingLeft] of [
      [0, 1, 1],
      [1, 100, 0],
      [2, 0, 1],
    ] as const) {
      for (let i = 0; i < n; i++) arena.rows[i] = (i * 7) % n;
      const before = Array.from(arena.rows.subarray(100, 2900));
      const goesLeft = (r: number) => {
        const b = bins[feature * n + r]!;
        return b === MISSING_BIN ? missingLeft === 1 : b <= split;
      };
      // One job: shard 0 is rows[100, 2900), shard 1 empty; no histogram.
      const jobs = Int32Array.of(100, 2900, 0, 0, feature, split, missingLeft, 0, 2900, 0);
      runner.runJob(0, jobs, 0, arena.grad, null, -1);
      const left = before.filter(goesLeft),
        right = before.filter((r) => !goesLeft(r));
      expect(jobs[8]).toBe(100 + left.length);
      expect(Array.from(arena.rows.subarray(100, 2900))).toEqual([...left, ...right]);
      expect(arena.rows[99]).toBe((99 * 7) % n);
      expect(arena.rows[2900]).toBe((2900 * 7) % n);
    }
  });
});
