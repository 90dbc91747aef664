/**
 * Training objectives. Each gives per-row gradients and hessians of the loss at the current raw
 * score, a starting score, and how leaf values are set: Newton steps (−G/(H+λ)), or for the
 * absolute and quantile losses the leaf's α-quantile of residuals (their Newton step is
 * meaningless), as LightGBM and scikit-learn do.
 */
export type ObjectiveName = 'squared' | 'absolute' | 'huber' | 'quantile' | 'binary' | 'multiclass';

/** The loss a task trains on: a classifier's log-loss, else the spec's or CSV's objective. */
export function objectiveNameOf(task: string, objective: ObjectiveName | undefined): ObjectiveName {
  if (task === 'binary' || task === 'multiclass' || task === 'quantile') return task;
  return objective ?? 'squared';
}

export interface ObjectiveConfig {
  name: ObjectiveName;
  /** quantile: the quantile to predict (0.1 for P10). */
  alpha?: number;
  /** huber: residuals beyond delta count linearly; default: 90th percentile of |y − median|. */
  delta?: number;
  /** multiclass: number of classes (labels 0..K-1). */
  numClass?: number;
}

export interface Objective {
  readonly name: ObjectiveName;
  /** Scores per row (K for multiclass). */
  readonly outputs: number;
  /** Leaf values from residual quantiles instead of Newton steps. */
  readonly leafQuantile: number | null;
  /** Every hessian is 1 (histograms then count rows instead of summing hessians). */
  readonly unitHessian: boolean;
  initScore(y: Float64Array): number[];
  /**
   * Fill grad/hess (length n·outputs, output-major: k·n + i) from raw scores of the same layout;
   * hess is left alone when unitHessian. Rows are in the booster's slot order: row 2i at i + half,
   * row 2i + 1 at i (half = ⌊n/2⌋). Single-output objectives return the mean loss of the same
   * scores from the same pass, summed in row order (so it equals loss() on rows in their order);
   * the others return null.
   */
  gradients(y: Float64Array, score: Float64Array, grad: Float32Array, hess: Float32Array, half: number): number | null;
  /** Mean loss, for progress and early stopping (lower is better). */
  loss(y: Float64Array, score: Float64Array): number;
}

export function makeObjective(cfg: ObjectiveConfig, y: Float64Array): Objective {
  switch (cfg.name) {
    case 'squared':
      return {
        name: 'squared',
        outputs: 1,
        leafQuantile: null,
        unitHessian: true,
        initScore: (t) => [mean(t)],
        gradients(t, s, g, _h, half) {
          let a = 0;
          for (let r = 0; r < t.length; r++) {
            const i = r & 1 ? r >> 1 : half + (r >> 1);
            const d = s[i]! - t[i]!;
            g[i] = d;
            a += d * d;
          }
          return a / t.length;
        },
        // d * d, not d ** 2: the same value (pow special-cases y = 2 as x·x) without a call per row.
        loss(t, s) {
          let a = 0;
          for (let i = 0; i < t.length; i++) {
            const d = s[i]! - t[i]!;
            a += d * d;
          }
          return a / t.length;
        },
      };
    case 'absolute':
    case 'quantile': {
      const alpha = cfg.name === 'absolute' ? 0.5 : (cfg.alpha ?? 0.5);
      if (!(alpha > 0 && alpha < 1)) throw new Error(`quantile alpha must be in (0, 1), got ${alpha}`);
      return {
        name: cfg.name,
        outputs: 1,
        leafQuantile: alpha,
        unitHessian: true,
        initScore: (t) => [quantile(Array.from(t), alpha)],
        gradients(t, s, g, _h, half) {
          let a = 0;
          for (let r = 0; r < t.length; r++) {
            const i = r & 1 ? r >> 1 : half + (r >> 1);
            g[i] = t[i]! > s[i]! ? -alpha : 1 - alpha;
            const d = t[i]! - s[i]!;
            a += d >= 0 ? alpha * d : (alpha - 1) * d;
          }
          return a / t.length;
        },
        loss(t, s) {
          let a = 0;
          for (let i = 0; i < t.length; i++) {
            const r = t[i]! - s[i]!;
            a += r >= 0 ? alpha * r : (alpha - 1) * r;
          }
          return a / t.length;
        },
      };
    }
    case 'huber': {
      const med = quantile(Array.from(y), 0.5);
      const delta =
        cfg.delta ??
        Math.max(
          1e-9,
          quantile(
            Array.from(y, (v) => Math.abs(v - med)),
            0.9,
          ),
        );
      return {
        name: 'huber',
        outputs: 1,
        leafQuantile: null,
        unitHessian: true,
        initScore: () => [med],
        gradients(t, s, g, _h, half) {
          let a = 0;
          for (let row = 0; row < t.length; row++) {
            const i = row & 1 ? row >> 1 : half + (row >> 1);
            const r = s[i]! - t[i]!;
            g[i] = r > delta ? delta : r < -delta ? -delta : r;
            const ar = Math.abs(r);
            a += ar <= delta ? 0.5 * ar * ar : delta * (ar - 0.5 * delta);
          }
          return a / t.length;
        },
        loss(t, s) {
          let a = 0;
          for (let i = 0; i < t.length; i++) {
            const r = Math.abs(s[i]! - t[i]!);
            a += r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta);
          }
          return a / t.length;
        },
      };
    }
    case 'binary':
      return {
        name: 'binary',
        outputs: 1,
        leafQuantile: null,
        unitHessian: false,
        initScore(t) {
          const p = Math.min(1 - 1e-6, Math.max(1e-6, mean(t)));
          return [Math.log(p / (1 - p))];
        },
        gradients(t, s, g, h, half) {
          let a = 0;
          for (let r = 0; r < t.length; r++) {
            const i = r & 1 ? r >> 1 : half + (r >> 1);
            const p = sigmoid(s[i]!);
            g[i] = p - t[i]!;
            h[i] = Math.max(p * (1 - p), 1e-16);
            const pc = clampP(p);
            a -= t[i]! ? Math.log(pc) : Math.log(1 - pc);
          }
          return a / t.length;
        },
        loss(t, s) {
          let a = 0;
          for (let i = 0; i < t.length; i++) {
            const p = clampP(sigmoid(s[i]!));
            a -= t[i]! ? Math.log(p) : Math.log(1 - p);
          }
          return a / t.length;
        },
      };
    case 'multiclass': {
      const k = cfg.numClass ?? 0;
      if (k < 2) throw new Error(`multiclass needs numClass ≥ 2, got ${k}`);
      return {
        name: 'multiclass',
        outputs: k,
        leafQuantile: null,
        unitHessian: false,
        initScore(t) {
          const c = new Array<number>(k).fill(0);
          for (const v of t) c[v]!++;
          return c.map((x) => Math.log(Math.max(x, 1) / t.length));
        },
        gradients(t, s, g, h) {
          const n = t.length;
          const p = new Float64Array(k);
          for (let i = 0; i < n; i++) {
            softmaxRow(s, i, n, k, p);
            for (let c = 0; c < k; c++) {
              const pc = p[c]!;
              g[c * n + i] = pc - (t[i] === c ? 1 : 0);
              h[c * n + i] = Math.max(2 * pc * (1 - pc), 1e-16);
            }
          }
          return null;
        },
        loss(t, s) {
          const n = t.length;
          const p = new Float64Array(k);
          let a = 0;
          for (let i = 0; i < n; i++) {
            softmaxRow(s, i, n, k, p);
            a -= Math.log(clampP(p[t[i]!]!));
          }
          return a / n;
        },
      };
    }
  }
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function clampP(p: number): number {
  return Math.min(1 - 1e-15, Math.max(1e-15, p));
}

/** Softmax of row i of an output-major score array (k·n + i) into out. */
export function softmaxRow(s: ArrayLike<number>, i: number, n: number, k: number, out: Float64Array): void {
  let m = -Infinity;
  for (let c = 0; c < k; c++) m = Math.max(m, s[c * n + i]!);
  let z = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(s[c * n + i]! - m);
    out[c] = e;
    z += e;
  }
  for (let c = 0; c < k; c++) out[c]! /= z;
}

export function mean(v: ArrayLike<number>): number {
  let a = 0;
  for (let i = 0; i < v.length; i++) a += v[i]!;
  return v.length ? a / v.length : 0;
}

/** Linear-interpolated quantile; sorts its argument in place. */
export function quantile(v: number[], q: number): number {
  if (v.length === 0) return 0;
  v.sort((a, b) => a - b);
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(v.length - 1, lo + 1);
  return v[lo]! + (v[hi]! - v[lo]!) * (pos - lo);
}
