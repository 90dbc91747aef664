import {
  DEFAULT_PARAMS,
  trainBooster,
  type BoostedModel,
  type BoostParams,
  type Matrix,
  type RoundProgress,
} from './booster';
import { compareBaselines } from './baseline-comparison';
import { MANIFEST_FORMAT, encodeTable, fitFeatures, type ModelManifest } from './manifest';
import { classMetrics, quantileMetrics, regressionMetrics, type Metrics } from './metrics';
import { objectiveNameOf, type ObjectiveConfig } from './objectives';
import { exportOnnx } from './onnx-export';
import type { ModelMetrics, PipelineOptions, TrainOutcome, TrainRequest } from './pipeline-types';
import { predictRowMajor } from './predict';
import { DEFAULT_TEST_FRACTION, DEFAULT_VALID_FRACTION, splitRows, type SplitMode } from './split';
import { getColumn, type Table } from './table';
import { checkTrainingValues, nonNumericTarget } from './training-values';

/**
 * Table → trained, evaluated, exported model. With a date column rows are split train /
 * validation / test in time order (the future never leaks into training); without one, at random
 * (seeded). The feature encoding is fitted on the training rows; the test metrics come from the
 * float32 predictor that matches onnxruntime, so they describe the exported model — or, with
 * `refit`, the same recipe before it was retrained on every row.
 */
export function trainTable(t: Table, req: TrainRequest, opts: PipelineOptions = {}): TrainOutcome {
  const started = performance.now();
  const targetCol = getColumn(t, req.target);
  if (!targetCol)
    throw new Error(
      `Target column '${req.target}' is not in the data (columns: ${t.columns.map((c) => c.name).join(', ')}).`,
    );
  const classifier = req.task === 'binary' || req.task === 'multiclass';
  const dateColumn =
    req.dateColumn === undefined ? (t.columns.find((c) => c.type === 'date')?.name ?? null) : req.dateColumn;
  if (dateColumn && !getColumn(t, dateColumn))
    throw new Error(
      `Date column '${dateColumn}' is not in the data (columns: ${t.columns.map((c) => c.name).join(', ')}).`,
    );
  if (dateColumn && getColumn(t, dateColumn)?.type !== 'date')
    throw new Error(`Date column '${dateColumn}' does not hold ISO dates.`);

  // Target → numbers (class index for classifiers); rows without a target are dropped and counted.
  let classes: string[] | null = null;
  const yAll = new Float64Array(t.nRows).fill(NaN);
  if (classifier) {
    const labels = Array.from(
      { length: t.nRows },
      (_, i) =>
        (targetCol.str ? targetCol.str[i] : Number.isNaN(targetCol.num![i]!) ? null : String(targetCol.num![i])) ??
        null,
    );
    classes = [...new Set(labels.filter((l): l is string => l !== null))].sort();
    if (classes.length < 2)
      throw new Error(`Target '${req.target}' has ${classes.length} class(es); a classifier needs at least 2.`);
    if (req.task === 'binary' && classes.length > 2)
      throw new Error(
        `Target '${req.target}' has ${classes.length} classes (${classes.slice(0, 5).join(', ')}…): use --task multiclass.`,
      );
    const idx = new Map(classes.map((c, k) => [c, k]));
    labels.forEach((l, i) => {
      if (l !== null) yAll[i] = idx.get(l)!;
    });
  } else {
    if (!targetCol.num || targetCol.type !== 'numeric') throw new Error(nonNumericTarget(t, req.target, req.task));
    yAll.set(targetCol.num);
  }
  const order: number[] = [];
  for (let i = 0; i < t.nRows; i++) if (!Number.isNaN(yAll[i]!)) order.push(i);
  const dropped = t.nRows - order.length;
  if (dateColumn) {
    const d = getColumn(t, dateColumn)!.num!;
    order.sort((a, b) => d[a]! - d[b]! || a - b);
  }
  const split: SplitMode = req.split ?? (dateColumn ? 'time' : 'random');
  if (split === 'time' && !dateColumn) throw new Error('A time split needs a date column (none given or found).');
  const seed = req.params?.seed ?? DEFAULT_PARAMS.seed;
  const parts = splitRows(order, {
    mode: split,
    seed,
    validFraction: req.validFraction ?? DEFAULT_VALID_FRACTION,
    testFraction: req.testFraction ?? DEFAULT_TEST_FRACTION,
  });
  const { train: trainIdx, valid: validIdx, test: testIdx } = parts;
  const nTrain = trainIdx.length,
    nValid = validIdx.length;
  const pick = (idx: number[]) => Float64Array.from(idx, (i) => yAll[i]!);
  const yTrain = pick(trainIdx),
    yValid = pick(validIdx),
    yTest = pick(testIdx);

  const sources = req.features ?? t.columns.map((c) => c.name).filter((n) => n !== req.target);
  checkTrainingValues(t, req.target, !classifier, sources);
  const fitOn = (idx: number[], y: Float64Array) =>
    fitFeatures(t, sources, new Set(req.categorical ?? []), idx, y, req.task !== 'multiclass');
  const evalFeatures = fitOn(trainIdx, yTrain);
  let xAll = encodeTable(evalFeatures, t);
  const F = evalFeatures.length;
  const matrix = (idx: number[]): Matrix => {
    const x = new Float32Array(idx.length * F);
    for (let k = 0; k < idx.length; k++) for (let f = 0; f < F; f++) x[f * idx.length + k] = xAll[idx[k]! * F + f]!;
    return { x, nRows: idx.length, nFeatures: F };
  };
  const mTrain = matrix(trainIdx),
    mValid = matrix(validIdx);
  const xTest = Float32Array.from(
    { length: testIdx.length * F },
    (_, j) => xAll[testIdx[Math.floor(j / F)]! * F + (j % F)]!,
  );

  const name = objectiveNameOf(req.task, req.objective);
  const objective: ObjectiveConfig =
    name === 'multiclass'
      ? { name, numClass: classes!.length }
      : name === 'quantile'
        ? { name, alpha: req.alpha ?? 0.5 }
        : { name };
  const params: BoostParams = { ...DEFAULT_PARAMS, ...req.params, objective };
  // Each booster run is one part (the model, each quantile, and each again when refit). The share
  // done counts the parts finished, so a job's progress never goes back when the next part starts.
  const quantileParts = classifier || req.task === 'quantile' ? 0 : (req.quantiles ?? []).length;
  const nParts = (1 + quantileParts) * (req.refit ? 2 : 1);
  let partsDone = 0;
  // The whole training's time left: this part's, and each part still to come at this part's pace
  // (the parts fit the same rows for the same rounds).
  const onRound = (part: string) => (p: RoundProgress) =>
    opts.onRound?.({
      ...p,
      part,
      done: Math.min(1, (partsDone + p.round / p.rounds) / nParts),
      etaAllMs: p.etaMs + Math.max(0, nParts - partsDone - 1) * p.roundMs * p.rounds,
    });
  const fit = (obj: ObjectiveConfig, part: string) => {
    const r = trainBooster(
      mTrain,
      yTrain,
      { ...params, objective: obj },
      {
        valid: { m: mValid, y: yValid },
        shouldStop: opts.shouldStop,
        makeBuilder: opts.makeBuilder,
        onRound: onRound(part),
      },
    );
    partsDone++;
    return r;
  };
  const main = fit(objective, 'model');
  const extra =
    classifier || req.task === 'quantile'
      ? []
      : (req.quantiles ?? []).map((a) => ({
          alpha: a,
          res: fit({ name: 'quantile', alpha: a }, `p${Math.round(a * 100)}`),
        }));
  const model = combineOutputs(
    main.model,
    extra.map((e) => e.res.model),
  );

  const outputs = classifier
    ? req.task === 'binary'
      ? [`p_${classes![1]}`]
      : classes!.map((c) => `p_${c}`)
    : ['prediction', ...extra.map((e) => `p${Math.round(e.alpha * 100)}`)];
  // Holdout evaluation with the exported model's arithmetic.
  const pred = predictRowMajor(model, xTest, testIdx.length);
  const K = model.outputs;
  const probs = (p: Float32Array): Float64Array =>
    req.task === 'binary'
      ? Float64Array.from({ length: testIdx.length * 2 }, (_, j) => (j % 2 ? p[(j - 1) / 2]! : 1 - p[j / 2]!))
      : Float64Array.from(p);
  const col0 = Float64Array.from({ length: testIdx.length }, (_, i) => pred[i * K]!);
  const test: Metrics = classifier ? classMetrics(yTest, probs(pred), classes!.length) : regressionMetrics(yTest, col0);
  const primaryValue = classifier ? (test as { logloss: number }).logloss : (test as { mae: number }).mae;
  // Finite losses can still give non-finite predictions (float32 overflow): never save such a model.
  if (testIdx.length > 0 && !Number.isFinite(primaryValue))
    throw new Error(
      `Training diverged: the holdout ${classifier ? 'log-loss' : 'MAE'} is ${primaryValue}. Check the data for extreme values.`,
    );
  const quantiles = extra.map((e, j) => {
    const q = quantileMetrics(
      yTest,
      Float64Array.from({ length: testIdx.length }, (_, i) => pred[i * K + 1 + j]!),
      e.alpha,
    );
    return { output: outputs[1 + j]!, alpha: e.alpha, ...q };
  });
  if (req.task === 'quantile')
    quantiles.push({
      output: 'prediction',
      alpha: req.alpha ?? 0.5,
      ...quantileMetrics(yTest, col0, req.alpha ?? 0.5),
    });
  const primary = classifier ? { name: 'logloss', lowerIsBetter: true } : { name: 'mae', lowerIsBetter: true };

  const baselines = compareBaselines(
    req.baseline === undefined ? [] : Array.isArray(req.baseline) ? req.baseline : [req.baseline],
    { t, trainIdx, testIdx, classes, classifier, yTest, pred, probs, col0, primary },
  );
  const baseline = baselines[0] ?? null;
  // Refit: the same recipe on every row with a target, each output with the rounds its
  // validation run kept; the encoding is refitted too, so categories seen only late are known.
  let exported = model;
  let features = evalFeatures;
  let refit: ModelMetrics['refit'] = null;
  if (req.refit) {
    const all = [...trainIdx, ...validIdx, ...testIdx];
    const yAllRows = pick(all);
    features = fitOn(all, yAllRows);
    xAll = encodeTable(features, t);
    const mAll = matrix(all);
    const again = (obj: ObjectiveConfig, rounds: number, part: string) => {
      const r = trainBooster(
        mAll,
        yAllRows,
        { ...params, objective: obj, rounds, earlyStoppingRounds: 0 },
        { shouldStop: opts.shouldStop, makeBuilder: opts.makeBuilder, onRound: onRound(`${part} (refit on all rows)`) },
      );
      partsDone++;
      return r.model;
    };
    const mainAll = again(objective, main.bestRound, 'model');
    exported = combineOutputs(
      mainAll,
      extra.map((e) => again({ name: 'quantile', alpha: e.alpha }, e.res.bestRound, `p${Math.round(e.alpha * 100)}`)),
    );
    refit = { rows: all.length, rounds: main.bestRound };
  }
  const manifest: ModelManifest = {
    format: MANIFEST_FORMAT,
    name: req.name,
    title: req.title ?? req.name,
    task: req.task,
    objective,
    target: req.target,
    ...(classes ? { classes } : {}),
    outputs,
    features,
    inputs: [...new Set(features.map((f) => f.source))].map((s) => ({ name: s, type: getColumn(t, s)!.type })),
    dateColumn,
    trainedAt: new Date().toISOString(),
    rows: { train: nTrain, valid: nValid, test: testIdx.length },
    split,
    ...(refit ? { refitRows: refit.rows } : {}),
    ...latestDate(t, dateColumn, refit ? [...trainIdx, ...validIdx, ...testIdx] : [...trainIdx, ...validIdx]),
    params: { ...params, objective: undefined, quantiles: req.quantiles ?? [] },
    spec: req.spec ?? null,
  };
  const gains = exported.gainImportance;
  const totalGain = gains.reduce((a, b) => a + b, 0) || 1;
  const importance = features
    .map((f, j) => ({ feature: f.name, gain: gains[j]!, share: gains[j]! / totalGain }))
    .sort((a, b) => b.gain - a.gain);
  const metrics: ModelMetrics = {
    task: req.task,
    target: req.target,
    primary,
    test,
    baseline,
    baselines,
    split,
    refit,
    quantiles,
    importance,
    history: main.history,
    bestRound: main.bestRound,
    stoppedEarly: main.stoppedEarly,
    rows: { train: nTrain, valid: nValid, test: testIdx.length, droppedMissingTarget: dropped },
    trainMs: Math.round(performance.now() - started),
  };
  const onnx = exportOnnx(exported, {
    name: req.name,
    doc: `${manifest.title}: ${req.task} on '${req.target}'`,
    metadata: { manifest_format: MANIFEST_FORMAT, outputs: outputs.join(',') },
  });
  return { model: exported, manifest, metrics, onnx };
}

/** The date text of the latest of `rows`, as the manifest's `trainedThrough`. */
function latestDate(t: Table, dateColumn: string | null, rows: readonly number[]): { trainedThrough?: string } {
  const d = dateColumn ? getColumn(t, dateColumn) : undefined;
  if (!d?.num || !d.str) return {};
  let last: number | null = null;
  for (const i of rows) if (!Number.isNaN(d.num[i]!) && (last === null || d.num[i]! > d.num[last]!)) last = i;
  const text = last === null ? null : d.str[last];
  return text ? { trainedThrough: text } : {};
}

/** Join a main regressor and its quantile companions into one multi-output model (one tree ensemble, one output column each). */
function combineOutputs(main: BoostedModel, extra: BoostedModel[]): BoostedModel {
  if (extra.length === 0) return main;
  return {
    ...main,
    outputs: 1 + extra.length,
    baseScore: [...main.baseScore, ...extra.map((m) => m.baseScore[0]!)],
    trees: [...main.trees, ...extra.flatMap((m, j) => m.trees.map((t) => ({ ...t, output: 1 + j })))],
  };
}
