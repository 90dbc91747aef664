import { Mode, type FlatNodes, type TreeEnsembleSpec } from './onnx-trees';

/** Rows scored together: their doubled rows (see below) stay in L1 while every tree walks them. */
export const BLOCK_ROWS = 64;
/** Rows walked through a tree side by side: eight independent latency chains per level. */
const LANES = 8;
/** Deeper trees would pad to more than 2^16 leaves each. */
const MAX_DEPTH = 16;
/** Padded nodes + leaves over all trees (~12 bytes each): beyond this the layout costs > ~100 MB. */
const MAX_SLOTS = 2 ** 23;

/**
 * A tree ensemble compiled for fast batch scoring, all in typed arrays (shareable with workers).
 *
 * Every tree is padded to a perfect tree of its own depth in heap order (children of slot i at
 * 2i+1 and 2i+2), so a row descends with no branch: `i = 2i + 1 + (x > threshold)`. Each node is
 * normalised to "go right when x > threshold": BRANCH_LT/GTE use the largest float32 below their
 * threshold (exact for float32 inputs), BRANCH_GT/GTE swap the children. Missing values need no
 * test either: a block row holds every feature twice, NaN replaced by +∞ in the first copy and by
 * −∞ in the second, and each node reads the copy that sends NaN its learned way
 * (`feat` = f or F + f). Leaves add in float32, tree by tree in onnxruntime's order, then the
 * float32 base value, so raw scores are bit-identical to onnxruntime's single-thread kernel.
 */
export interface CompiledTrees {
  nFeatures: number;
  nTargets: number;
  nTrees: number;
  link: TreeEnsembleSpec['link'];
  /** [depth, firstTree, endTree] per run of consecutive trees of equal depth */
  runs: Int32Array;
  nodeOff: Int32Array;
  leafOff: Int32Array;
  feat: Int32Array;
  thr: Float64Array;
  leafVal: Float32Array;
  /** per leaf: which output it adds to (multi-output models only) */
  leafTarget: Int32Array | null;
  base: Float32Array;
}

export type CompileResult = { ok: true; trees: CompiledTrees } | { ok: false; reason: string };

/** Typed arrays on shared memory, so workers read the same bytes without copies. */
function shared<T extends Int32Array | Float64Array | Float32Array>(
  Ctor: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  n: number,
): T {
  return new Ctor(new SharedArrayBuffer(Math.max(1, n) * Ctor.BYTES_PER_ELEMENT));
}

export function compileTrees(spec: TreeEnsembleSpec): CompileResult {
  const T = spec.nTrees;
  const F = spec.nFeatures;
  const nd = spec.nodes;
  const depth = Array.from({ length: T }, (_, t) => treeDepth(nd, nd.treeStart[t]!));
  if (depth.some((d) => d > MAX_DEPTH))
    return {
      ok: false,
      reason: `a tree is more than ${MAX_DEPTH} levels deep (the padded layout supports ≤ ${MAX_DEPTH})`,
    };
  const slots = depth.reduce((a, d) => a + 2 ** (d + 1) - 1, 0);
  if (slots > MAX_SLOTS)
    return {
      ok: false,
      reason: `padding the trees to full depth needs ${slots.toLocaleString('en')} slots (limit ${MAX_SLOTS.toLocaleString('en')})`,
    };
  const nodeOff = shared(Int32Array, T),
    leafOff = shared(Int32Array, T);
  let nNodes = 0,
    nLeaves = 0;
  for (let t = 0; t < T; t++) {
    nodeOff[t] = nNodes;
    leafOff[t] = nLeaves;
    nNodes += 2 ** depth[t]! - 1;
    nLeaves += 2 ** depth[t]!;
  }
  const feat = shared(Int32Array, nNodes),
    thr = shared(Float64Array, nNodes),
    leafVal = shared(Float32Array, nLeaves);
  const leafTarget = spec.nTargets > 1 ? shared(Int32Array, nLeaves) : null;
  for (let t = 0; t < T; t++) {
    const D = depth[t]!;
    const fill = (p: number, slot: number, d: number): void => {
      const mode = nd.mode[p]!;
      if (d === D) {
        const k = leafOff[t]! + slot - (2 ** D - 1);
        leafVal[k] = nd.weight[p]!;
        if (leafTarget) leafTarget[k] = nd.target[p]!;
        return;
      }
      const s = nodeOff[t]! + slot;
      if (mode === Mode.LEAF) {
        // A shallow leaf: a pass-through node (nothing exceeds +∞, not even NaN's +∞) down to copies of it.
        feat[s] = 0;
        thr[s] = Infinity;
        fill(p, 2 * slot + 1, d + 1);
        fill(p, 2 * slot + 2, d + 1);
        return;
      }
      const trueRight = mode === Mode.GT || mode === Mode.GTE;
      const strict = mode === Mode.LT || mode === Mode.GTE;
      // NaN compares false, so it reaches the false child unless the node tracks missing → true.
      const nanRight = trueRight ? nd.missingTrue[p] === 1 : nd.missingTrue[p] !== 1;
      feat[s] = nanRight ? nd.feature[p]! : F + nd.feature[p]!;
      thr[s] = strict ? float32Below(nd.threshold[p]!) : nd.threshold[p]!;
      fill(trueRight ? nd.falseChild[p]! : nd.trueChild[p]!, 2 * slot + 1, d + 1);
      fill(trueRight ? nd.trueChild[p]! : nd.falseChild[p]!, 2 * slot + 2, d + 1);
    };
    fill(nd.treeStart[t]!, 0, 0);
  }
  const runs: number[] = [];
  for (let t = 0; t < T; t++) {
    if (runs.length && runs[runs.length - 3] === depth[t]) runs[runs.length - 1] = t + 1;
    else runs.push(depth[t]!, t, t + 1);
  }
  const runsArr = shared(Int32Array, runs.length);
  runsArr.set(runs);
  const base = shared(Float32Array, spec.nTargets);
  base.set(spec.base);
  return {
    ok: true,
    trees: {
      nFeatures: F,
      nTargets: spec.nTargets,
      nTrees: T,
      link: spec.link,
      runs: runsArr,
      nodeOff,
      leafOff,
      feat,
      thr,
      leafVal,
      leafTarget,
      base,
    },
  };
}

/** Depth of the tree rooted at p, or MAX_DEPTH + 1 as soon as it is deeper (no deep recursion). */
function treeDepth(nd: FlatNodes, p: number): number {
  let deepest = 0;
  const stack: number[] = [p, 0];
  while (stack.length) {
    const d = stack.pop()!,
      q = stack.pop()!;
    if (d > MAX_DEPTH) return d;
    if (nd.mode[q] === Mode.LEAF) deepest = Math.max(deepest, d);
    else stack.push(nd.trueChild[q]!, d + 1, nd.falseChild[q]!, d + 1);
  }
  return deepest;
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
/** The largest float32 below v (v finite): x ≥ v ⇔ x > float32Below(v) for every float32 x. */
export function float32Below(v: number): number {
  f32[0] = v;
  if (v === 0) return -(2 ** -149);
  i32[0] = v > 0 ? i32[0]! - 1 : i32[0]! + 1;
  return f32[0]!;
}

type Kernel = (t0: number, t1: number, c: CompiledTrees, xb: Float64Array, acc: Float32Array, W: number) => void;
const kernels = new Map<string, Kernel>();

/**
 * The walk for one depth, unrolled by level and run over LANES rows at a time. Generated once per
 * (depth, multi-output) from integers only — no model data enters the source — because a loop
 * over levels measured ~15 % slower (V8 does not unroll it) and hand-writing 16 depths is worse.
 */
function kernel(D: number, multi: boolean): Kernel {
  const key = `${D}:${multi}`;
  let k = kernels.get(key);
  if (k) return k;
  const lines = D === 0 ? leafOnlyKernel(multi) : walkKernel(D, multi);
  k = new Function('t0', 't1', 'c', 'xb', 'acc', 'W', lines) as Kernel;
  kernels.set(key, k);
  return k;
}

function walkKernel(D: number, multi: boolean): string {
  const lanes = Array.from({ length: LANES }, (_, j) => j);
  const lines: string[] = [
    'const nodeOff = c.nodeOff, leafOff = c.leafOff, feat = c.feat, thr = c.thr, leafVal = c.leafVal, leafTarget = c.leafTarget, K = c.nTargets;',
    'for (let t = t0; t < t1; t++) {',
    `  const no = nodeOff[t], lo = leafOff[t] - ${2 ** D - 1}, f0 = feat[no], h0 = thr[no];`,
    `  for (let r = 0; r < ${BLOCK_ROWS}; r += ${LANES}) {`,
    '    const o = r * W;',
    `    let ${lanes.map((j) => `i${j} = 1 + +(xb[o + ${j} * W + f0] > h0)`).join(', ')};`,
  ];
  for (let d = 1; d < D; d++) {
    lines.push(`    { const ${lanes.map((j) => `a${j} = no + i${j}`).join(', ')};`);
    for (const j of lanes) lines.push(`      i${j} = 2 * i${j} + 1 + +(xb[o + ${j} * W + feat[a${j}]] > thr[a${j}]);`);
    lines.push('    }');
  }
  for (const j of lanes) {
    lines.push(
      multi
        ? `    { const l = lo + i${j}, q = (r + ${j}) * K + leafTarget[l]; acc[q] = acc[q] + leafVal[l]; }`
        : `    acc[r + ${j}] = acc[r + ${j}] + leafVal[lo + i${j}];`,
    );
  }
  lines.push('  }', '}');
  return lines.join('\n');
}

/** Single-leaf trees: every row gets leaf 0. */
function leafOnlyKernel(multi: boolean): string {
  return [
    'const leafOff = c.leafOff, leafVal = c.leafVal, leafTarget = c.leafTarget, K = c.nTargets;',
    'for (let t = t0; t < t1; t++) { const l = leafOff[t];',
    `  for (let r = 0; r < ${BLOCK_ROWS}; r++) { const q = ${multi ? 'r * K + leafTarget[l]' : 'r'}; acc[q] = acc[q] + leafVal[l]; }`,
    '}',
  ].join('\n');
}

/** Scratch buffers for one scoring thread. */
export interface Scratch {
  xb: Float64Array;
  acc: Float32Array;
}

export function makeScratch(c: CompiledTrees): Scratch {
  return { xb: new Float64Array(BLOCK_ROWS * 2 * c.nFeatures), acc: new Float32Array(BLOCK_ROWS * c.nTargets) };
}

/**
 * Score rows [start, end) of the row-major float32 matrix x (n × nFeatures) into out (n × targets):
 * the graph's output, i.e. raw sums for regression, probabilities after the link for classifiers.
 */
export function scoreRows(
  c: CompiledTrees,
  x: Float32Array,
  out: Float32Array,
  start: number,
  end: number,
  scratch = makeScratch(c),
): void {
  const F = c.nFeatures,
    K = c.nTargets,
    W = 2 * F;
  const { xb, acc } = scratch;
  const runs = c.runs;
  const fns: Kernel[] = [];
  for (let k = 0; k < runs.length; k += 3) fns.push(kernel(runs[k]!, K > 1));
  for (let s = start; s < end; s += BLOCK_ROWS) {
    const m = Math.min(BLOCK_ROWS, end - s);
    for (let r = 0; r < BLOCK_ROWS; r++) {
      // A short last block repeats its first row; those results are dropped.
      const src = (s + (r < m ? r : 0)) * F,
        dst = r * W;
      for (let f = 0; f < F; f++) {
        const v = x[src + f]!;
        const nan = v !== v;
        xb[dst + f] = nan ? Infinity : v;
        xb[dst + F + f] = nan ? -Infinity : v;
      }
    }
    acc.fill(0);
    for (let k = 0; k < runs.length; k += 3) fns[k / 3]!(runs[k + 1]!, runs[k + 2]!, c, xb, acc, W);
    for (let r = 0; r < m; r++) for (let j = 0; j < K; j++) out[(s + r) * K + j] = acc[r * K + j]! + c.base[j]!;
  }
  applyLink(c, out, start, end);
}

/**
 * The exported links at float32 steps, as onnxruntime runs them: sigmoid = Neg → Exp → Add 1 →
 * Reciprocal; Softmax over each row. onnxruntime's exp is its own vectorised approximation, so
 * these agree to a few float32 ulps (≤ 1e-6 relative), not bit for bit.
 */
function applyLink(c: CompiledTrees, out: Float32Array, start: number, end: number): void {
  const K = c.nTargets;
  if (c.link === 'sigmoid') {
    for (let i = start * K; i < end * K; i++) out[i] = 1 / Math.fround(1 + Math.fround(Math.exp(-out[i]!)));
  } else if (c.link === 'softmax') {
    for (let i = start; i < end; i++) {
      let m = -Infinity;
      for (let j = 0; j < K; j++) m = Math.max(m, out[i * K + j]!);
      let z = 0;
      for (let j = 0; j < K; j++) z += Math.exp(out[i * K + j]! - m);
      for (let j = 0; j < K; j++) out[i * K + j] = Math.exp(out[i * K + j]! - m) / z;
    }
  }
}
