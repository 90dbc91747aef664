/** Holdout metrics. Regression: MAE, RMSE, WAPE, R². Classification: accuracy, macro F1, AUC (binary), log-loss. */
export type RegressionMetrics = { mae: number; rmse: number; wape: number; r2: number; n: number };
export type ClassMetrics = { accuracy: number; f1: number; auc: number | null; logloss: number; n: number };
export type Metrics = RegressionMetrics | ClassMetrics;

export function regressionMetrics(y: ArrayLike<number>, p: ArrayLike<number>): RegressionMetrics {
  const n = y.length;
  let ae = 0,
    se = 0,
    sy = 0,
    sumAbsY = 0;
  for (let i = 0; i < n; i++) {
    const e = p[i]! - y[i]!;
    ae += Math.abs(e);
    se += e * e;
    sy += y[i]!;
    sumAbsY += Math.abs(y[i]!);
  }
  const my = sy / Math.max(1, n);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (y[i]! - my) ** 2;
  return {
    mae: ae / n,
    rmse: Math.sqrt(se / n),
    wape: sumAbsY > 0 ? ae / sumAbsY : NaN,
    r2: ss > 0 ? 1 - se / ss : NaN,
    n,
  };
}

/** probs: row-major n × K class probabilities; y: class indices. */
export function classMetrics(y: ArrayLike<number>, probs: ArrayLike<number>, K: number): ClassMetrics {
  const n = y.length;
  let correct = 0,
    ll = 0;
  const tp = new Float64Array(K),
    fp = new Float64Array(K),
    fn = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (probs[i * K + k]! > probs[i * K + best]!) best = k;
    const t = y[i]!;
    if (best === t) {
      correct++;
      tp[t]!++;
    } else {
      fp[best]!++;
      fn[t]!++;
    }
    ll -= Math.log(Math.min(1 - 1e-15, Math.max(1e-15, probs[i * K + t]!)));
  }
  let f1 = 0;
  for (let k = 0; k < K; k++) {
    const d = 2 * tp[k]! + fp[k]! + fn[k]!;
    f1 += d > 0 ? (2 * tp[k]!) / d : 0;
  }
  const auc =
    K === 2
      ? binaryAuc(
          y,
          Float64Array.from({ length: n }, (_, i) => probs[i * 2 + 1]!),
        )
      : null;
  return { accuracy: correct / n, f1: f1 / K, auc, logloss: ll / n, n };
}

/** ROC AUC by the rank-sum formula, ties averaged. */
export function binaryAuc(y: ArrayLike<number>, score: ArrayLike<number>): number | null {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let rankSumPos = 0,
    nPos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && score[idx[j + 1]!] === score[idx[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++)
      if (y[idx[k]!] === 1) {
        rankSumPos += rank;
        nPos++;
      }
    i = j + 1;
  }
  const nNeg = y.length - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Pinball loss and the share of actuals below the prediction (should be ≈ α). */
export function quantileMetrics(
  y: ArrayLike<number>,
  p: ArrayLike<number>,
  alpha: number,
): { pinball: number; coverage: number } {
  let loss = 0,
    below = 0;
  for (let i = 0; i < y.length; i++) {
    const r = y[i]! - p[i]!;
    loss += r >= 0 ? alpha * r : (alpha - 1) * r;
    if (y[i]! <= p[i]!) below++;
  }
  return { pinball: loss / y.length, coverage: below / y.length };
}
