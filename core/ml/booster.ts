import { ReasonError } from '../contract/reason-error';
import { binMatrix, fitBins, type FeatureBins } from './binning';
import { packRows, type HistBuilder, type HistShape } from './gradient-histogram';
import { SerialHistBuilder } from './serial-hist';
import { makeObjective, type ObjectiveConfig, type ObjectiveName } from './objectives';
import { createRng, type Rng } from '../synth/prng';
import { leafOfBinned, TreeGrower, type LeafValueFn, type TreeParams } from './tree';

export interface BoostParams extends TreeParams {
  objective: ObjectiveConfig;
  rounds: number;
  learningRate: number;
  /** Fraction of rows drawn (without replacement) for each round's trees. */
  subsample: number;
  /** Fraction of features drawn for each tree. */
  colsample: number;
  seed: number;
  maxBins: number;
  /** Stop when the validation loss has not improved for this many rounds (0 = never). */
  earlyStoppingRounds: number;
}

export const DEFAULT_PARAMS: Omit<BoostParams, 'objective'> = {
  rounds: 300,
  learningRate: 0.1,
  maxDepth: 6,
  maxLeaves: 0,
  lambda: 1,
  minChildWeight: 1e-3,
  minDataInLeaf: 20,
  minSplitGain: 0,
  subsample: 1,
  colsample: 1,
  seed: 42,
  maxBins: 255,
  earlyStoppingRounds: 30,
};

/** Column-major float32 features (x[f·nRows + i]); NaN = missing. */
export interface Matrix {
  x: Float32Array;
  nRows: number;
  nFeatures: number;
}

/** A finished tree in exportable form: float32 thresholds, leaf values already scaled by the learning rate. */
export interface ExportTree {
  feature: number[];
  threshold: number[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  output: number;
}

export interface BoostedModel {
  objective: ObjectiveName;
  /** Scores per row: 1, or the number of classes. */
  outputs: number;
  baseScore: number[];
  trees: ExportTree[];
  nFeatures: number;
  /** Rounds kept (the best validation round when early stopping). */
  rounds: number;
  /** Gain summed per feature over the kept trees. */
  gainImportance: number[];
}

export interface RoundProgress {
  round: number;
  rounds: number;
  trainLoss: number;
  validLoss: number | null;
  elapsedMs: number;
  /** This run's rounds still to go, at the mean time of its rounds so far [ms]. */
  etaMs: number;
  /** Mean time of a round so far, timed from the first round [ms]. */
  roundMs: number;
}

export interface TrainOptions {
  valid?: { m: Matrix; y: Float64Array };
  onRound?: (p: RoundProgress) => void;
  /** Checked between rounds: a soft stop that still returns the model so far. */
  shouldStop?: () => boolean;
  /** Supply a parallel histogram builder (two threads); the serial one otherwise. */
  makeBuilder?: (shape: HistShape) => HistBuilder;
  /** The clock progress is timed by [ms]; performance.now unless given. */
  now?: () => number;
}

export interface TrainResult {
  model: BoostedModel;
  history: { round: number; trainLoss: number; validLoss: number | null }[];
  bestRound: number;
  stoppedEarly: boolean;
  bins: FeatureBins[];
}

/** Gradient boosting over histogram trees; deterministic for a given seed and data. */
export function trainBooster(
  train: Matrix,
  y: Float64Array,
  params: BoostParams,
  opts: TrainOptions = {},
): TrainResult {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const { nRows: n, nFeatures: F } = train;
  if (n === 0) throw new ReasonError({ code: 'training-no-rows', params: {} });
  if (y.length !== n) throw new Error(`Target has ${y.length} values for ${n} rows.`);
  const obj = makeObjective(params.objective, y);
  const K = obj.outputs;
  // Made before the rows are binned: a helper thread starts meanwhile.
  const shape = { nRows: n, nFeatures: F, gradLen: n * K };
  const builder = opts.makeBuilder ? opts.makeBuilder(shape) : new SerialHistBuilder(shape);
  let model: BoostedModel;
  const history: TrainResult['history'] = [];
  let keepRounds: number;
  let stoppedEarly = false;
  const rng = createRng(params.seed);
  const bins: FeatureBins[] = [];
  try {
    for (let f = 0; f < F; f++) bins.push(fitBins(train.x.subarray(f * n, (f + 1) * n), params.maxBins, rng));
    const data = builder.data;
    data.nBins.set(Int32Array.from(bins, (b) => b.upper.length));
    // Rows are stored shard by shard (see slotOf); y, scores and gradients follow the same order.
    const half = n >> 1;
    binMatrix(train.x, n, bins, data.bins, true);
    packRows(data);
    const yS = toSlotOrder(y, half);
    const valid = opts.valid;
    const vBins = valid ? binMatrix(valid.m.x, valid.m.nRows, bins) : null;
    const nv = valid?.m.nRows ?? 0;

    const base = obj.initScore(y);
    const { grad, hess } = builder.gradBuffers();
    const score = builder.scoreBuffer();
    const vScore = new Float64Array(nv * K);
    for (let k = 0; k < K; k++) {
      score.fill(base[k]!, k * n, (k + 1) * n);
      vScore.fill(base[k]!, k * nv, (k + 1) * nv);
    }
    const rows = builder.rowsBuffer();
    // Losses are summed in the callers' row order (the same sums, so the same history and stopping
    // round): single-output objectives do it while computing the next round's gradients.
    let scoreByRow: Float64Array | null = null;
    const grower = new TreeGrower(data, builder, data.nBins, params);
    const lr = params.learningRate;
    const trees: ReturnType<TreeGrower['grow']>[] = [];
    let best = { round: 0, loss: Infinity };
    const resid = new Float64Array(n);
    // Every slot in order: without sampling, each tree starts from a copy of this, which is cheaper
    // than a fill loop.
    const slots = Uint32Array.from({ length: n }, (_, i) => i);

    obj.gradients(yS, score, grad, hess, half);
    // The estimate is timed from here: binning the rows can take as long as many rounds, and
    // counted in the first round it promised minutes for a training of seconds.
    const roundsFrom = now();
    for (let round = 1; round <= params.rounds; round++) {
      const feats = pickFeatures(F, params.colsample, rng);
      const sampled = params.subsample < 1 ? sampleRows(n, params.subsample, rng) : null;
      for (let k = 0; k < K; k++) {
        const nUsed = sampled ? sampled.length : n;
        fillShards(rows, sampled, nUsed, half, slots);
        const gk = grad.subarray(k * n, (k + 1) * n);
        const hk = hess.subarray(k * n, (k + 1) * n);
        const sk = score.subarray(k * n, (k + 1) * n);
        const leafValue: LeafValueFn =
          obj.leafQuantile === null
            ? (g, h) => (-g / (h + params.lambda)) * lr
            : (_g, _h, leaf) => {
                const { rows: r, a0, a1, b0, b1 } = leaf!;
                let m = 0;
                for (let j = a0; j < a1; j++) resid[m++] = yS[r[j]!]! - sk[r[j]!]!;
                for (let j = b0; j < b1; j++) resid[m++] = yS[r[j]!]! - sk[r[j]!]!;
                return weightedQuantile(resid.subarray(0, m), obj.leafQuantile!) * lr;
              };
        // Every row is in the sample and leaf values need no rows: the last level's values go
        // straight to the scores while the tree grows.
        const finalScore = !sampled && obj.leafQuantile === null ? sk : null;
        const tree = grower.grow(rows, nUsed, gk, obj.unitHessian ? null : hk, feats, k, leafValue, finalScore);
        trees.push(tree);
        if (sampled) for (let i = 0; i < n; i++) sk[i]! += tree.value[leafOfBinned(tree, data.bins, n, i)]!;
        // Every row is in the sample: each other leaf owns segments of `rows`, no traversal needed.
        else
          builder.addLeafValues(
            rows,
            tree.leafSegs,
            Float64Array.from(tree.leafIds, (id) => tree.value[id]!),
            sk,
          );
        if (vBins) for (let i = 0; i < nv; i++) vScore[k * nv + i]! += tree.value[leafOfBinned(tree, vBins, nv, i)]!;
      }
      let trainLoss = obj.gradients(yS, score, grad, hess, half);
      if (trainLoss === null) {
        scoreByRow ??= new Float64Array(n * K);
        for (let k = 0; k < K; k++)
          fromSlotOrder(score.subarray(k * n, (k + 1) * n), scoreByRow.subarray(k * n, (k + 1) * n), half);
        trainLoss = obj.loss(y, scoreByRow);
      }
      const validLoss = valid ? obj.loss(valid.y, vScore) : null;
      // A loss that overflowed never recovers: every later tree would be fitted to NaN gradients.
      if (!Number.isFinite(trainLoss))
        throw new Error(
          `Training diverged: the training loss is ${trainLoss} at round ${round}. Check the data for extreme values.`,
        );
      history.push({ round, trainLoss, validLoss });
      const lossNow = validLoss ?? trainLoss;
      if (lossNow < best.loss - 1e-12) best = { round, loss: lossNow };
      const t = now();
      opts.onRound?.({
        round,
        rounds: params.rounds,
        trainLoss,
        validLoss,
        elapsedMs: t - started,
        etaMs: ((t - roundsFrom) / round) * (params.rounds - round),
        roundMs: (t - roundsFrom) / round,
      });
      if (valid && params.earlyStoppingRounds > 0 && round - best.round >= params.earlyStoppingRounds) {
        stoppedEarly = true;
        break;
      }
      if (opts.shouldStop?.()) break;
    }
    keepRounds = valid && params.earlyStoppingRounds > 0 ? Math.max(1, best.round) : history.length;
    const kept = trees.slice(0, keepRounds * K);
    const gainImportance = new Array<number>(F).fill(0);
    for (const t of kept)
      for (let i = 0; i < t.feature.length; i++) if (t.left[i] !== -1) gainImportance[t.feature[i]!]! += t.gain[i]!;
    model = {
      objective: obj.name,
      outputs: K,
      baseScore: base,
      nFeatures: F,
      rounds: keepRounds,
      gainImportance,
      trees: kept.map((t) => ({
        feature: Array.from(t.feature, (f) => Math.max(0, f)),
        threshold: Array.from(t.feature, (f, i) => (t.left[i] === -1 ? 0 : bins[f]!.upper[t.thresholdBin[i]!]!)),
        missingLeft: Array.from(t.missingLeft),
        left: Array.from(t.left),
        right: Array.from(t.right),
        value: Array.from(t.value, (v) => Math.fround(v)),
        output: t.output,
      })),
    };
  } finally {
    builder.close();
  }
  return { model, history, bestRound: keepRounds, stoppedEarly, bins };
}

/**
 * The grown rows in two shards (see HistBuilder): every other row to each, in row order. Halves
 * by position would follow the row order — training rows come in date order — so a split on a
 * date-like feature would leave one thread most of a node's rows. Shard 0 takes odd rows, shard 1
 * even ones, and rows are stored in that order (slotOf): without sampling each shard is one
 * contiguous block of slots, so a thread's rows share no cache lines with the other's (scores are
 * written by both) and a node's rows are read in memory order.
 */
function slotOf(row: number, half: number): number {
  return row & 1 ? row >> 1 : half + (row >> 1);
}

/** Row-ordered values in slot order (a new array). */
function toSlotOrder(v: Float64Array, half: number): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < half; i++) {
    out[i] = v[2 * i + 1]!;
    out[half + i] = v[2 * i]!;
  }
  if (v.length & 1) out[v.length - 1] = v[v.length - 1]!;
  return out;
}

function fromSlotOrder(slots: Float64Array, out: Float64Array, half: number): void {
  for (let i = 0; i < half; i++) {
    out[2 * i] = slots[half + i]!;
    out[2 * i + 1] = slots[i]!;
  }
  if (out.length & 1) out[out.length - 1] = slots[out.length - 1]!;
}

/** The slots of the grown rows, shard 0's (odd rows) then shard 1's (even rows), each in row order. */
function fillShards(
  rows: Uint32Array,
  sampled: Uint32Array | null,
  nUsed: number,
  half: number,
  slots: Uint32Array,
): void {
  if (!sampled) {
    rows.set(slots);
    return;
  }
  const shard = nUsed >> 1;
  for (let i = 0; i < shard; i++) {
    rows[i] = slotOf(sampled[2 * i + 1]!, half);
    rows[shard + i] = slotOf(sampled[2 * i]!, half);
  }
  if (nUsed & 1) rows[nUsed - 1] = slotOf(sampled[nUsed - 1]!, half);
}

function pickFeatures(F: number, colsample: number, rng: Rng): Int32Array {
  if (colsample >= 1) return Int32Array.from({ length: F }, (_, i) => i);
  return Int32Array.from(rng.sample(F, Math.max(1, Math.round(F * colsample))));
}

function sampleRows(n: number, frac: number, rng: Rng): Uint32Array {
  const out = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (rng.next() < frac) out[m++] = i;
  if (m === 0) out[m++] = rng.index(n);
  return out.slice(0, m);
}

/** α-quantile of a leaf's residuals (sorts in place). */
function weightedQuantile(v: Float64Array, alpha: number): number {
  if (v.length === 0) return 0;
  v.sort();
  const pos = (v.length - 1) * alpha;
  const lo = Math.floor(pos);
  const hi = Math.min(v.length - 1, lo + 1);
  return v[lo]! + (v[hi]! - v[lo]!) * (pos - lo);
}
