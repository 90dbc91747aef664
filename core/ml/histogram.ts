/**
 * Per feature 256 bins × (grad, hess); bin 255 is the missing bin. Row counts are not kept (a
 * third channel costs a third more memory traffic in the hottest loop): a child's count is
 * estimated from its hessian share, as LightGBM does — exact when hessians are constant.
 */
export const BIN_SLOTS = 256;
export const STRIDE = BIN_SLOTS * 2;

/** Row data a histogram is built from: column-major uint8 bins and per-row gradients. */
export interface HistData {
  bins: Uint8Array;
  nRows: number;
  nFeatures: number;
}

/**
 * Builds the gradient histograms of a batch of nodes (all the nodes of a tree level at once, so
 * a helper thread is handed work once per level, not once per node). Node s owns
 * rows[segs[2s]..segs[2s+1]) and its histogram goes to outs[s]. Every node's rows are summed in
 * two halves, first half then second half added to it, by one thread or two: the sums — and so
 * the trees — are bit-identical whatever the thread count.
 */
export interface HistBuilder {
  buildNodes(rows: Uint32Array, segs: Int32Array, nSegs: number, grad: Float32Array, hess: Float32Array, features: Int32Array, outs: Float64Array[]): void;
  /** The array of row ids the grower partitions (shared memory when threads help). */
  rowsBuffer(): Uint32Array;
  /** Gradient and hessian arrays of `len` values (shared memory when threads help). */
  gradBuffers(len: number): { grad: Float32Array; hess: Float32Array };
  close(): void;
}

/**
 * Accumulate features[fFrom..fTo) of rows[start..end) into out (overwriting those features).
 * Gradients arrive gathered in node order (gOrd[k] belongs to rows[start+k]). Features go four at
 * a time: each row's gradient pair is loaded once for four histograms, and consecutive updates
 * land in different histograms, which keeps the read-modify-write chains apart (measured ~2×).
 */
export function buildRange(
  data: HistData, rows: Uint32Array, start: number, end: number, gOrd: Float32Array, hOrd: Float32Array,
  features: Int32Array, fFrom: number, fTo: number, out: Float64Array,
): void {
  const { bins, nRows } = data;
  const m = end - start;
  // Rows of a node are ascending and distinct (initial order, stable partitions), so matching
  // end points mean the range is exactly start..end-1 (the root, without row sampling).
  const identity = m > 0 && rows[start] === start && rows[end - 1] === end - 1;
  let fi = fFrom;
  for (; fi + 4 <= fTo; fi += 4) {
    const f0 = features[fi]!, f1 = features[fi + 1]!, f2 = features[fi + 2]!, f3 = features[fi + 3]!;
    const o0 = f0 * nRows, o1 = f1 * nRows, o2 = f2 * nRows, o3 = f3 * nRows;
    const b0 = f0 * STRIDE, b1 = f1 * STRIDE, b2 = f2 * STRIDE, b3 = f3 * STRIDE;
    out.fill(0, b0, b0 + STRIDE); out.fill(0, b1, b1 + STRIDE); out.fill(0, b2, b2 + STRIDE); out.fill(0, b3, b3 + STRIDE);
    for (let k = 0; k < m; k++) {
      const r = identity ? start + k : rows[start + k]!;
      const g = gOrd[k]!, h = hOrd[k]!;
      let j = b0 + (bins[o0 + r]! << 1); out[j] += g; out[j + 1] += h;
      j = b1 + (bins[o1 + r]! << 1); out[j] += g; out[j + 1] += h;
      j = b2 + (bins[o2 + r]! << 1); out[j] += g; out[j + 1] += h;
      j = b3 + (bins[o3 + r]! << 1); out[j] += g; out[j + 1] += h;
    }
  }
  for (; fi < fTo; fi++) {
    const f = features[fi]!;
    const off = f * nRows;
    const base = f * STRIDE;
    out.fill(0, base, base + STRIDE);
    for (let k = 0; k < m; k++) {
      const r = identity ? start + k : rows[start + k]!;
      const j = base + (bins[off + r]! << 1);
      out[j] += gOrd[k]!;
      out[j + 1] += hOrd[k]!;
    }
  }
}

/** Gather the gradients of rows[from..to) into gOrd/hOrd at the same positions. */
export function gatherGrad(rows: Uint32Array, from: number, to: number, grad: Float32Array, hess: Float32Array, gOrd: Float32Array, hOrd: Float32Array): void {
  for (let k = from; k < to; k++) { const r = rows[k]!; gOrd[k] = grad[r]!; hOrd[k] = hess[r]!; }
}

/** The half of rows[start..end) summed first; the rest is summed apart and added (see HistBuilder). */
export function splitPoint(start: number, end: number): number {
  return start + ((end - start) >> 1);
}

/** Histogram of one half-node (rows[from..to)) into out, gradients gathered on the way. */
export function buildHalf(
  data: HistData, rows: Uint32Array, from: number, to: number, grad: Float32Array, hess: Float32Array,
  gOrd: Float32Array, hOrd: Float32Array, features: Int32Array, out: Float64Array,
): void {
  gatherGrad(rows, from, to, grad, hess, gOrd, hOrd);
  buildRange(data, rows, from, to, gOrd.subarray(from, to), hOrd.subarray(from, to), features, 0, features.length, out);
}

/** out += add over the given features' histograms. */
export function addHist(out: Float64Array, add: Float64Array, features: Int32Array): void {
  for (let fi = 0; fi < features.length; fi++) {
    const base = features[fi]! * STRIDE;
    for (let j = base; j < base + STRIDE; j++) out[j]! += add[j]!;
  }
}

export class SerialHistBuilder implements HistBuilder {
  private readonly gOrd: Float32Array;
  private readonly hOrd: Float32Array;
  private readonly rows: Uint32Array;
  private readonly half: Float64Array;
  constructor(private readonly data: HistData) {
    this.gOrd = new Float32Array(data.nRows);
    this.hOrd = new Float32Array(data.nRows);
    this.rows = new Uint32Array(data.nRows);
    this.half = new Float64Array(data.nFeatures * STRIDE);
  }
  rowsBuffer(): Uint32Array {
    return this.rows;
  }
  gradBuffers(len: number) {
    return { grad: new Float32Array(len), hess: new Float32Array(len) };
  }
  buildNodes(rows: Uint32Array, segs: Int32Array, nSegs: number, grad: Float32Array, hess: Float32Array, features: Int32Array, outs: Float64Array[]): void {
    for (let s = 0; s < nSegs; s++) {
      const start = segs[2 * s]!, end = segs[2 * s + 1]!, mid = splitPoint(start, end);
      buildHalf(this.data, rows, start, mid, grad, hess, this.gOrd, this.hOrd, features, outs[s]!);
      buildHalf(this.data, rows, mid, end, grad, hess, this.gOrd, this.hOrd, features, this.half);
      addHist(outs[s]!, this.half, features);
    }
  }
  close(): void {}
}
