import { z } from 'zod';
import { defineCall } from '../define';
import { cellRow, checkedRecord, filePath, label, labels } from '../fields';
import type { TrainStep } from '../train-steps';
import type { BaselineNameText } from '../baseline-names';
import type { ErrorReason } from '../refusals';

/** Contract for in-app model training (`training.*`) and inference (`predict.*`). */

/** The most boosting rounds a training may ask for, in the app and on the command line alike. */
export const MAX_TRAINING_ROUNDS = 5000;

const params = z
  .object({
    rounds: z.number().int().min(1).max(MAX_TRAINING_ROUNDS).optional(),
    learningRate: z.number().positive().max(1).optional(),
    maxDepth: z.number().int().min(0).max(16).optional(),
    maxLeaves: z.number().int().min(0).max(4096).optional(),
    lambda: z.number().min(0).optional(),
    minChildWeight: z.number().min(0).optional(),
    minDataInLeaf: z.number().int().min(1).optional(),
    subsample: z.number().gt(0).max(1).optional(),
    colsample: z.number().gt(0).max(1).optional(),
    seed: z.number().int().optional(),
    maxBins: z.number().int().min(2).max(255).optional(),
    earlyStoppingRounds: z.number().int().min(0).optional(),
  })
  .strict();

const task = z.enum(['regression', 'quantile', 'binary', 'multiclass']);

export interface SpecSummary {
  name: string;
  title: string;
  description: string;
  unit: string;
  table: string;
  target: string;
  task: string;
  feeds: string;
  /** The loss it trains on, which the loss chart plots (core/ml/objectives.ts). */
  objective: 'squared' | 'absolute' | 'huber' | 'quantile' | 'binary' | 'multiclass';
  /** The newest trained version in the data directory, if any. */
  latest: { version: string; trainedAt: string; dir: string } | null;
}

export type TrainingProgress =
  | ({ jobId: string; stage: 'loading' | 'saving' } & TrainStep)
  | {
      jobId: string;
      stage: 'training';
      part: string;
      round: number;
      rounds: number;
      /** Share of the whole training done (0–1) over its parts: the model, each quantile, a refit. */
      done: number;
      trainLoss: number;
      validLoss: number | null;
      elapsedMs: number;
      etaMs: number;
      /** The whole training's time left, over the parts still to come [ms]; absent from older hosts. */
      etaAllMs?: number;
    };

export interface TrainingResult {
  jobId: string;
  name: string;
  version: string;
  dir: string;
  source: string;
  /** The history table a spec trained on, as a code the interface words; null for a CSV (`source` names it). */
  history: HistoryFrom | null;
  /** ModelMetrics (core/ml/pipeline-types.ts): holdout metrics, baseline comparison, importance, loss history. */
  metrics: TrainingMetrics;
  /** The registry version this training was registered as (a candidate). */
  registryVersion: number;
  /**
   * False when the trained file is byte-identical to a version the registry already holds (same
   * history and settings): that version is `registryVersion`, no new one was added, and `dir` is
   * the earlier training's folder (the new one, holding the same model, was removed).
   */
  registryNew: boolean;
}

/** A structural copy of ModelMetrics for the renderer (the contract imports only zod). */
export interface TrainingMetrics {
  task: string;
  target: string;
  primary: { name: string; lowerIsBetter: boolean };
  test: Record<string, number | null>;
  baseline: {
    name: string;
    /** The name as data (baseline-names.ts); absent from versions trained before it was kept. */
    nameText?: BaselineNameText;
    rows: number;
    model: Record<string, number | null>;
    baseline: Record<string, number | null>;
    beats: boolean;
  } | null;
  quantiles: { output: string; alpha: number; pinball: number; coverage: number }[];
  importance: { feature: string; gain: number; share: number }[];
  history: { round: number; trainLoss: number; validLoss: number | null }[];
  bestRound: number;
  stoppedEarly: boolean;
  rows: { train: number; valid: number; test: number; droppedMissingTarget: number };
  trainMs: number;
}

export interface TrainingJob {
  jobId: string;
  name: string;
  kind: 'spec' | 'csv';
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number | null;
  error: string | null;
  version: string | null;
  source: string | null;
  createdAt: string;
  updatedAt: string;
  /** Summary once succeeded: the primary metric and the baseline's. */
  summary: { metric: string; model: number | null; baseline: number | null; beats: boolean | null } | null;
}

export interface PredictResult {
  model: string;
  version: string;
  /** Output columns, in order: prediction (+ p10/p90) or label + p_<class>. */
  columns: string[];
  rows: Record<string, number | string | null>[];
}

export interface DemandForecast {
  destination: string;
  product: string;
  /** `version`: what answered and why, in English (RegistryFrom's `from`), with its `label` and `reasons`. */
  model: { name: string; version: string; label?: string; reasons?: ErrorReason[] } | null;
  /** Why no model forecast is shown (no trained model…); the naive forecast is used instead. */
  fallback: string | null;
  /** The same, as a code and parameters. */
  fallbackWhy: NoModelWhy | null;
  actuals: { date: string; tonnes: number | null }[];
  forecast: { date: string; tonnes: number; naive: number | null }[];
  unit: 't/day';
}

/** What the optimizer takes from the models for a planning day (see core/training/operational-forecasts.ts). */
/**
 * Why no model answered, for the interface to word in its language: the registry holds no model of
 * that name, or `error`, the host's own text of what failed (free-form, shown as it comes).
 */
export type NoModelWhy = { code: 'not-in-registry'; model: string } | { code: 'error'; model: string; error: string };

/**
 * What answered from the registry: `from`, in English, the version (or baseline) and why a fallback
 * or baseline answered; `label`, the version alone, and `reasons`, that why as codes, for the
 * interface to word.
 */
export type RegistryFrom = { from: string; label?: string; reasons?: ErrorReason[] };

/** Where a forecast came from: the registry's answer or the historical mean, and why. */
export type ForecastFrom = ({ code: 'registry' } & RegistryFrom) | { code: 'historical-mean'; why: NoModelWhy };

/** Which history figures were read from, with what the interface words it by (`source` is the English). */
export type HistoryFrom =
  | { code: 'table'; table: string; rows: number; demo: { seed: number; days: number } | null }
  | {
      code: 'generated';
      seed: number;
      days: number;
      why: 'no-database' | 'database-missing' | 'table-empty' | 'no-table';
      table: string;
    };

export interface OperationalForecastsResult {
  date: string;
  /** Rail transit time per destination [h]: model median with P10/P90, and the lane mean it must beat. */
  transit: {
    destination: string;
    corridor: string;
    distanceKm: number;
    p10H: number | null;
    medianH: number;
    p90H: number | null;
    laneMeanH: number;
    from: string;
  }[];
  /** Loading rate per loading point × product [t/h]. */
  loading: { loadingPoint: string; product: string; rateTph: number; meanTph: number; from: string }[];
  /** Expected placement delay per loading point × wagon type [h]. */
  placement: { loadingPoint: string; wagonType: string; delayH: number; meanH: number; from: string }[];
  /** Which model version produced each kind, or why the historical mean was used. */
  sources: { transit: string; loading: string; placement: string };
  /** The same, as codes and parameters. */
  sourceCodes: { transit: ForecastFrom; loading: ForecastFrom; placement: ForecastFrom };
}

export const trainingContract = {
  'training.specs': defineCall(z.object({}).strict()).returns<SpecSummary[]>(),
  /**
   * Train one model (a spec on the plant history, or a CSV); progress per round; cancel by aborting
   * the call or `training.cancel`. A closed connection leaves it running (`training.jobs` finds it).
   */
  'training.start': defineCall(
    z.union([
      z.object({ spec: label, params: params.optional() }).strict(),
      z
        .object({
          csv: filePath,
          name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lowercase letters, digits and dashes'),
          target: label,
          task,
          categorical: labels(1000).optional(),
          dateColumn: label.nullable().optional(),
          /** Override inferred column types. */
          types: checkedRecord(label, z.enum(['numeric', 'categorical', 'date']), {
            keys: 1000,
            what: 'columns',
          }).optional(),
          params: params.optional(),
        })
        .strict(),
    ]),
  )
    .returns<TrainingResult>()
    .withProgress<TrainingProgress>(),
  'training.cancel': defineCall(z.object({ jobId: label }).strict()).returns<{ cancelled: boolean }>(),
  'training.jobs': defineCall(z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict()).returns<
    TrainingJob[]
  >(),
  'training.get': defineCall(z.object({ jobId: label }).strict()).returns<
    TrainingJob & { metrics: TrainingMetrics | null; history: TrainingMetrics['history'] }
  >(),
  /** Score one row or a batch (≤ 10,000 rows) with `model` = NAME, NAME@VERSION or a model directory. */
  'predict.rows': defineCall(
    z.object({ model: filePath, rows: z.array(cellRow).min(1).max(10_000) }).strict(),
  ).returns<PredictResult>(),
  /** Transit time, loading rate and placement delay forecasts for a planning day, each with its model version or named fallback. */
  'predict.operational': defineCall(
    z.object({ date: z.iso.date('must be a date YYYY-MM-DD') }).strict(),
  ).returns<OperationalForecastsResult>(),
  /** Destination × product demand series in the history, largest first (for the Forecasts page pickers). */
  'predict.demandSeries': defineCall(z.object({}).strict()).returns<
    { destination: string; product: string; corridor: string; meanT: number; source: string; history: HistoryFrom }[]
  >(),
  /** Demand forecast for the next 14 days of one destination × product, with the actuals behind it. */
  'predict.demand': defineCall(
    z
      .object({
        destination: label,
        product: label,
        historyDays: z.number().int().min(7).max(730).default(90),
      })
      .strict(),
  ).returns<DemandForecast>(),
};

export interface TrainingEvents {
  /**
   * Every round of every running training, for pages other than the one that started it; named,
   * so a page open before the training started knows which model it is.
   */
  'training.progress': TrainingProgress & { name: string };
  /** A success carries its result, so a window that followed a training it did not start shows its metrics. */
  'training.finished':
    | { jobId: string; name: string; status: 'succeeded'; result: TrainingResult }
    | { jobId: string; name: string; status: 'failed' | 'cancelled'; error: string };
}
