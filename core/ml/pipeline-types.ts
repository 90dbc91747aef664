/**
 * What a training run is asked for and what it gives back: the request, the caller's options, and
 * the trained model with its manifest, holdout metrics and ONNX bytes.
 */
import type { BoostedModel, BoostParams, RoundProgress, TrainOptions } from './booster';
import type { ModelManifest, Task } from './manifest';
import type { TrainingMetrics } from '../contract/api/training';
import type { BaselineFn, BaselineResult } from './baseline-comparison';
import type { Metrics } from './metrics';
import type { ObjectiveName } from './objectives';
import type { SplitMode } from './split';

export type TrainParams = Partial<Omit<BoostParams, 'objective'>>;

export interface TrainRequest {
  name: string;
  title?: string;
  spec?: string | null;
  target: string;
  task: Task;
  /** Source columns used as features; default: every column but the target (dates become month/weekday/day-of-year). */
  features?: string[];
  /** Treat these numeric-looking columns as categories. */
  categorical?: string[];
  /** Orders the time split; default: the first date column; null: no time column. */
  dateColumn?: string | null;
  /** Default: `time` with a date column, else `random` (seeded by params.seed). */
  split?: SplitMode;
  /**
   * After early stopping picked the number of rounds on the validation rows, train again on every
   * row with that many rounds and export that model (the holdout metrics stay those of the model
   * that never saw the held-back rows). Default false.
   */
  refit?: boolean;
  /** quantile task: which quantile (default 0.5). */
  alpha?: number;
  /** Regression: extra quantile outputs, e.g. [0.1, 0.9] → columns p10, p90. */
  quantiles?: number[];
  objective?: ObjectiveName;
  params?: TrainParams;
  validFraction?: number;
  testFraction?: number;
  /**
   * Naive forecasts to beat; with several, the model must beat each of them on its holdout rows,
   * and the one it beats by the least (the strongest) is reported as `baseline`.
   */
  baseline?: BaselineFn | BaselineFn[];
}

/** The contract's TrainingMetrics with the trainer's precise task and metric types. */
export interface ModelMetrics extends TrainingMetrics {
  task: Task;
  test: Metrics;
  baseline: BaselineResult | null;
  /** Every baseline tried, strongest first (the first is `baseline`). */
  baselines: BaselineResult[];
  /** How the held-back rows were chosen. */
  split: SplitMode;
  /** The exported model was retrained on all rows with the chosen rounds; null when it was not. */
  refit: { rows: number; rounds: number } | null;
}

export interface TrainOutcome {
  model: BoostedModel;
  manifest: ModelManifest;
  metrics: ModelMetrics;
  onnx: Uint8Array;
}

export interface PipelineOptions extends Pick<TrainOptions, 'shouldStop' | 'makeBuilder'> {
  /** Each boosting round; `done` is the share of the whole training done (0–1), over all its parts. */
  onRound?: (p: RoundProgress & { part: string; done: number; etaAllMs: number }) => void;
}
