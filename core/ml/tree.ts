import { MISSING_BIN as MISSING_BIN_EXPORT } from './binning';
import { STRIDE as STRIDE_EXPORT, type HistBuilder, type HistData } from './histogram';

// Local copies: an imported binding read in a hot loop costs a getter call under the
// CommonJS transform used by tests and tsx (measured: a third of partition time).
const MISSING_BIN = MISSING_BIN_EXPORT;
const STRIDE = STRIDE_EXPORT;

export interface TreeParams {
  /** 0 = no depth limit (then maxLeaves bounds the tree). */
  maxDepth: number;
  /** 0 = no leaf limit (then maxDepth bounds the tree). */
  maxLeaves: number;
  /** L2 regularisation on leaf values. */
  lambda: number;
  /** Minimum hessian sum in a child. */
  minChildWeight: number;
  /** Minimum rows in a child. */
  minDataInLeaf: number;
  /** Minimum gain to split. */
  minSplitGain: number;
}

/**
 * A tree as parallel arrays; node 0 is the root, a node is a leaf when left[i] === -1.
 * Internal node i sends a row left when its bin ≤ thresholdBin[i] (value ≤ bin upper bound), or
 * when the value is missing and missingLeft[i] is 1.
 */
export interface Tree {
  feature: Int32Array;
  thresholdBin: Int32Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  gain: Float64Array;
  /** Which model output the tree adds to (class index for multiclass, else 0). */
  output: number;
  /** (leaf node, start, end) triples: the leaf owns rows[start..end) of the grown sample. */
  leafRanges: Int32Array;
}

interface Split { gain: number; feature: number; bin: number; missingLeft: boolean; gl: number; hl: number }
interface Node {
  id: number; start: number; end: number; depth: number;
  g: number; h: number; c: number;
  hist: Float64Array | null; split: Split | null;
}

/**
 * Grows one tree the "hist" way: best-first (the leaf with the largest gain splits next), the
 * smaller child's histogram is built and the larger one's is the parent's minus it (histogram
 * subtraction), and missing values go whichever way gains more (learned default direction).
 * `rows[0..nUsed)` are the sampled row ids; they are partitioned in place, so each leaf ends up
 * owning a contiguous range, which `leafValue` receives.
 */
export class TreeGrower {
  private readonly pool: Float64Array[] = [];
  private readonly tmp: Uint32Array;
  private readonly goLeft = new Uint8Array(256);
  constructor(private readonly data: HistData, private readonly builder: HistBuilder, private readonly nBins: Int32Array, private readonly p: TreeParams) {
    this.tmp = new Uint32Array(data.nRows);
  }

  grow(
    rows: Uint32Array, nUsed: number, grad: Float32Array, hess: Float32Array, features: Int32Array, output: number,
    leafValue: (rows: Uint32Array, start: number, end: number, g: number, h: number) => number,
  ): Tree {
    const nodes: Node[] = [];
    const tree = { feature: [] as number[], bin: [] as number[], ml: [] as number[], left: [] as number[], right: [] as number[], value: [] as number[], gain: [] as number[] };
    const newNode = (start: number, end: number, depth: number): Node => {
      const id = tree.feature.length;
      tree.feature.push(-1); tree.bin.push(0); tree.ml.push(0); tree.left.push(-1); tree.right.push(-1); tree.value.push(0); tree.gain.push(0);
      const node: Node = { id, start, end, depth, g: 0, h: 0, c: 0, hist: null, split: null };
      nodes.push(node);
      return node;
    };
    const root = newNode(0, nUsed, 0);
    this.buildHists(rows, [root], grad, hess, features);
    const rootHist = root.hist!;
    const f0 = features[0]! * STRIDE;
    for (let b = 0; b < 256; b++) { root.g += rootHist[f0 + b * 2]!; root.h += rootHist[f0 + b * 2 + 1]!; }
    root.c = nUsed;
    this.findSplit(root, features);

    let open: Node[] = [root];
    let leaves = 1;
    const { maxLeaves } = this.p;
    const canSplit = (n: Node) => (this.p.maxDepth === 0 || n.depth < this.p.maxDepth) && n.c >= 2 * this.p.minDataInLeaf && n.h >= 2 * this.p.minChildWeight;
    while (maxLeaves === 0 || leaves < maxLeaves) {
      // With a leaf limit the single best leaf splits next. Without one every open leaf splits
      // sooner or later, so a whole frontier goes at once — the same tree, and one histogram
      // hand-off per level instead of one per node.
      let batch: Node[];
      if (maxLeaves === 0) {
        batch = open.filter((n) => n.split);
        open = open.filter((n) => !n.split);
      } else {
        let bi = -1;
        for (let i = 0; i < open.length; i++) {
          const sp = open[i]!.split;
          if (sp && (bi < 0 || sp.gain > open[bi]!.split!.gain)) bi = i;
        }
        batch = bi < 0 ? [] : open.splice(bi, 1);
      }
      if (batch.length === 0) break;
      const builds: { parent: Node; small: Node; large: Node }[] = [];
      for (const node of batch) {
        const s = node.split!;
        const mid = this.partition(rows, node.start, node.end, s);
        const l = newNode(node.start, mid, node.depth + 1);
        const r = newNode(mid, node.end, node.depth + 1);
        l.g = s.gl; l.h = s.hl; l.c = mid - node.start;
        r.g = node.g - s.gl; r.h = node.h - s.hl; r.c = node.end - mid;
        tree.feature[node.id] = s.feature; tree.bin[node.id] = s.bin; tree.ml[node.id] = s.missingLeft ? 1 : 0;
        tree.left[node.id] = l.id; tree.right[node.id] = r.id; tree.gain[node.id] = s.gain;
        leaves++;
        // Build the smaller child, derive the larger by subtraction (in the parent's buffer).
        if (canSplit(l) || canSplit(r)) builds.push(l.c <= r.c ? { parent: node, small: l, large: r } : { parent: node, small: r, large: l });
        else this.release(node);
      }
      if (builds.length === 0) continue;
      this.buildHists(rows, builds.map((b) => b.small), grad, hess, features);
      for (const { parent, small, large } of builds) {
        const parentHist = parent.hist!;
        const smallHist = small.hist!;
        for (let fi = 0; fi < features.length; fi++) {
          const base = features[fi]! * STRIDE;
          for (let j = base; j < base + STRIDE; j++) parentHist[j]! -= smallHist[j]!;
        }
        large.hist = parentHist;
        parent.hist = null;
        for (const child of small.id < large.id ? [small, large] : [large, small]) {
          if (canSplit(child)) this.findSplit(child, features);
          if (child.split) open.push(child);
          else this.release(child);
        }
      }
    }
    for (const n of open) this.release(n);
    const leafRanges: number[] = [];
    for (const n of nodes) {
      if (tree.left[n.id] !== -1) continue;
      tree.value[n.id] = leafValue(rows, n.start, n.end, n.g, n.h);
      leafRanges.push(n.id, n.start, n.end);
    }
    return {
      feature: Int32Array.from(tree.feature), thresholdBin: Int32Array.from(tree.bin), missingLeft: Uint8Array.from(tree.ml),
      left: Int32Array.from(tree.left), right: Int32Array.from(tree.right), value: Float64Array.from(tree.value), gain: Float64Array.from(tree.gain),
      output, leafRanges: Int32Array.from(leafRanges),
    };
  }

  /** Histograms of a batch of nodes, each into a pooled buffer. */
  private buildHists(rows: Uint32Array, batch: Node[], grad: Float32Array, hess: Float32Array, features: Int32Array): void {
    const segs = new Int32Array(batch.length * 2);
    batch.forEach((n, s) => { segs[2 * s] = n.start; segs[2 * s + 1] = n.end; n.hist = this.pool.pop() ?? new Float64Array(this.data.nFeatures * STRIDE); });
    this.builder.buildNodes(rows, segs, batch.length, grad, hess, features, batch.map((n) => n.hist!));
  }

  private release(n: Node): void {
    if (n.hist) this.pool.push(n.hist);
    n.hist = null;
  }

  private findSplit(node: Node, features: Int32Array): void {
    const { lambda, minChildWeight: mcw, minDataInLeaf: mdl, minSplitGain } = this.p;
    const hist = node.hist!;
    const G = node.g, H = node.h, C = node.c;
    const perHess = H > 0 ? C / H : 0; // estimated rows per unit of hessian
    const parentScore = (G * G) / (H + lambda);
    let best: Split | null = null;
    for (let fi = 0; fi < features.length; fi++) {
      const f = features[fi]!;
      const base = f * STRIDE;
      const nb = this.nBins[f]!;
      const mj = base + MISSING_BIN * 2;
      const gm = hist[mj]!, hm = hist[mj + 1]!, cm = hm * perHess;
      let gl = 0, hl = 0;
      for (let b = 0; b < nb - 1; b++) {
        const j = base + b * 2;
        gl += hist[j]!; hl += hist[j + 1]!;
        const cl = hl * perHess;
        // Missing rows to the right…
        {
          const gr = G - gl, hr = H - hl, cr = C - cl;
          if (cl >= mdl && cr >= mdl && hl >= mcw && hr >= mcw) {
            const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
            // With no missing rows here, missing values later follow the larger child.
            const ml = hm === 0 ? hl > hr : false;
            if (gain > minSplitGain && (!best || gain > best.gain)) best = { gain, feature: f, bin: b, missingLeft: ml, gl, hl };
          }
        }
        // …or to the left.
        if (hm > 0) {
          const gL = gl + gm, hL = hl + hm, cL = cl + cm;
          const gr = G - gL, hr = H - hL, cr = C - cL;
          if (cL >= mdl && cr >= mdl && hL >= mcw && hr >= mcw) {
            const gain = (gL * gL) / (hL + lambda) + (gr * gr) / (hr + lambda) - parentScore;
            if (gain > minSplitGain && (!best || gain > best.gain)) best = { gain, feature: f, bin: b, missingLeft: true, gl: gL, hl: hL };
          }
        }
      }
    }
    node.split = best;
  }

  /**
   * Stable in-place partition of rows[start..end) by the split. Branch-free: the side comes from a
   * 256-entry table and each row is written to both outputs, only the chosen cursor advancing —
   * the split is close to 50/50, so a branch here mispredicted half the time (measured 2–3× slower).
   */
  private partition(rows: Uint32Array, start: number, end: number, s: Split): number {
    const { bins, nRows } = this.data;
    const off = s.feature * nRows;
    const goLeft = this.goLeft;
    for (let b = 0; b < 256; b++) goLeft[b] = b === MISSING_BIN ? (s.missingLeft ? 1 : 0) : b <= s.bin ? 1 : 0;
    const tmp = this.tmp;
    let l = start;
    let rc = 0;
    for (let k = start; k < end; k++) {
      const r = rows[k]!;
      const left = goLeft[bins[off + r]!]!;
      rows[l] = r;
      tmp[rc] = r;
      l += left;
      rc += 1 - left;
    }
    rows.set(tmp.subarray(0, rc), l);
    return l;
  }
}

/** The leaf a row of binned data reaches. */
export function leafOfBinned(t: Tree, bins: Uint8Array, nRows: number, row: number): number {
  let i = 0;
  while (t.left[i] !== -1) {
    const b = bins[t.feature[i]! * nRows + row]!;
    i = (b === MISSING_BIN ? t.missingLeft[i] === 1 : b <= t.thresholdBin[i]!) ? t.left[i]! : t.right[i]!;
  }
  return i;
}
