/**
 * Latency histogram on fixed log-spaced buckets: upper bounds 0.05 ms × 2^(k/2), k = 0…43
 * (≈ 0.05 ms to 210 s) plus overflow. Fixed bounds make histograms mergeable across minutes and
 * processes, which is what lets a percentile be computed for any window from stored minutes.
 * Within a bucket the percentile is interpolated, so the error is below one bucket (≈ 41 %), and
 * clamped to the smallest and largest latency where those are known: one solve's call reads as
 * its own duration at every percentile, not as three points of its bucket.
 */
export const BUCKET_BOUNDS_MS: readonly number[] = Array.from({ length: 44 }, (_, k) => 0.05 * 2 ** (k / 2));
const N_BUCKETS = BUCKET_BOUNDS_MS.length + 1; // last = overflow

export function bucketIndex(ms: number): number {
  if (!(ms > BUCKET_BOUNDS_MS[0]!)) return 0;
  const k = Math.ceil(2 * Math.log2(ms / 0.05) - 1e-9);
  return Math.min(Math.max(k, 0), N_BUCKETS - 1);
}

export class Histogram {
  readonly counts = new Float64Array(N_BUCKETS);
  total = 0;
  sumMs = 0;
  /** Smallest and largest latency added [ms]; null once a histogram without them was merged in. */
  minMs: number | null = Infinity;
  maxMs: number | null = -Infinity;

  add(ms: number): void {
    this.counts[bucketIndex(ms)]!++;
    this.total++;
    this.sumMs += ms;
    if (this.minMs !== null) this.minMs = Math.min(this.minMs, ms);
    if (this.maxMs !== null) this.maxMs = Math.max(this.maxMs, ms);
  }

  merge(other: Histogram): void {
    for (let i = 0; i < N_BUCKETS; i++) this.counts[i]! += other.counts[i]!;
    this.total += other.total;
    this.sumMs += other.sumMs;
    this.minMs = this.minMs === null || other.minMs === null ? null : Math.min(this.minMs, other.minMs);
    this.maxMs = this.maxMs === null || other.maxMs === null ? null : Math.max(this.maxMs, other.maxMs);
  }

  /** q in [0, 1] → latency [ms]; null when empty. */
  quantile(q: number): number | null {
    if (this.total === 0) return null;
    const rank = q * this.total;
    let cum = 0;
    for (let i = 0; i < N_BUCKETS; i++) {
      const c = this.counts[i]!;
      if (c === 0) continue;
      if (cum + c >= rank) {
        const lo = i === 0 ? 0 : BUCKET_BOUNDS_MS[i - 1]!;
        const hi = i < BUCKET_BOUNDS_MS.length ? BUCKET_BOUNDS_MS[i]! : lo * 2;
        return this.clamp(lo + (hi - lo) * Math.min(1, Math.max(0, (rank - cum) / c)));
      }
      cum += c;
    }
    return this.clamp(BUCKET_BOUNDS_MS.at(-1)!);
  }

  private clamp(ms: number): number {
    const lo = this.minMs ?? -Infinity;
    const hi = this.maxMs ?? Infinity;
    return Math.min(hi, Math.max(lo, ms));
  }

  /** Sparse form for storage: {bucketIndex: count}. */
  toSparse(): Record<string, number> {
    const out: Record<string, number> = {};
    this.counts.forEach((c, i) => {
      if (c > 0) out[i] = c;
    });
    return out;
  }

  /**
   * A stored histogram. Stored minutes keep the sum but not the extremes; a minute of one call
   * still knows its latency exactly (the sum).
   */
  static fromSparse(sparse: Record<string, number>, sumMs?: number): Histogram {
    const h = new Histogram();
    for (const [i, c] of Object.entries(sparse)) {
      const k = Number(i);
      if (k >= 0 && k < N_BUCKETS) {
        h.counts[k] = c;
        h.total += c;
      }
    }
    h.sumMs = sumMs ?? 0;
    if (h.total > 0) {
      const exact = h.total === 1 && sumMs !== undefined;
      h.minMs = exact ? sumMs : null;
      h.maxMs = exact ? sumMs : null;
    }
    return h;
  }
}
