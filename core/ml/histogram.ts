import { MISSING_BIN } from './binning';

/** Per feature 256 bins × (grad, hess, count); bin 255 is the missing bin. */
export const BIN_SLOTS = 256;
export const STRIDE = BIN_SLOTS * 3;

/** Row data a histogram is built from: column-major uint8 bins and per-row gradients. */
export interface HistData {
  bins: Uint8Array;
  nRows: number;
  nFeatures: number;
}

/**
 * Builds a node's gradient histogram. Gradients arrive already gathered in node order (gOrd[k]
 * belongs to rows[start+k]), so the inner loop reads one byte at a random place per feature and
 * row and streams everything else — the cost the whole trainer is dominated by.
 */
export interface HistBuilder {
  build(rows: Uint32Array, start: number, end: number, gOrd: Float32Array, hOrd: Float32Array, features: Int32Array, out: Float64Array): void;
  /** Scratch arrays for gathered gradients (shared memory when threads help). */
  gradScratch(): { gOrd: Float32Array; hOrd: Float32Array };
  close(): void;
}

/** Accumulate features[fFrom..fTo) of rows[start..end) into out (which must be zeroed there). */
export function buildRange(
  data: HistData, rows: Uint32Array, start: number, end: number, gOrd: Float32Array, hOrd: Float32Array,
  features: Int32Array, fFrom: number, fTo: number, out: Float64Array,
): void {
  const { bins, nRows } = data;
  const m = end - start;
  for (let fi = fFrom; fi < fTo; fi++) {
    const f = features[fi]!;
    const off = f * nRows;
    const base = f * STRIDE;
    out.fill(0, base, base + STRIDE);
    if (m === nRows && start === 0 && rows[0] === 0 && rows[m - 1] === m - 1) {
      // The root without row sampling: rows are 0..n-1, so read bins sequentially.
      for (let k = 0; k < m; k++) {
        const j = base + bins[off + k]! * 3;
        out[j] += gOrd[k]!;
        out[j + 1] += hOrd[k]!;
        out[j + 2]! += 1;
      }
    } else {
      for (let k = 0; k < m; k++) {
        const j = base + bins[off + rows[start + k]!]! * 3;
        out[j] += gOrd[k]!;
        out[j + 1] += hOrd[k]!;
        out[j + 2]! += 1;
      }
    }
  }
}

export class SerialHistBuilder implements HistBuilder {
  private readonly g: Float32Array;
  private readonly h: Float32Array;
  constructor(private readonly data: HistData) {
    this.g = new Float32Array(data.nRows);
    this.h = new Float32Array(data.nRows);
  }
  build(rows: Uint32Array, start: number, end: number, gOrd: Float32Array, hOrd: Float32Array, features: Int32Array, out: Float64Array): void {
    buildRange(this.data, rows, start, end, gOrd, hOrd, features, 0, features.length, out);
  }
  gradScratch() {
    return { gOrd: this.g, hOrd: this.h };
  }
  close(): void {}
}

export { MISSING_BIN };
