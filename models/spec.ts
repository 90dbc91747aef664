import type { ObjectiveName } from '../core/ml/objectives';
import type { Task } from '../core/ml/manifest';
import type { BaselineFn } from '../core/ml/baseline-comparison';
import type { TrainParams } from '../core/ml/pipeline-types';
import type { Table } from '../core/ml/table';
import type { DemandRow, LoadingEventRow, RakePlacementRow, ShipmentRow, TripRow } from '../core/domain/history';

export interface HistoryData {
  demand: DemandRow[];
  rake_placements: RakePlacementRow[];
  trips: TripRow[];
  loading_events: LoadingEventRow[];
  shipments: ShipmentRow[];
}

/**
 * One forecasting model: which history table it learns from, how rows become features (every
 * feature computable at forecast time: lags only reach back past the horizon), the target and
 * objective, default parameters, and the naive forecast it must beat on the time-ordered holdout.
 */
export interface ModelSpec {
  name: string;
  title: string;
  description: string;
  /** Unit of the target, shown with every number. */
  unit: string;
  table: keyof HistoryData;
  target: string;
  task: Task;
  objective?: ObjectiveName;
  /** Extra quantile outputs, e.g. [0.1, 0.9] → p10, p90. */
  quantiles?: number[];
  /** Source columns of the built table used as features ('date' adds month, weekday, day of year). */
  features: string[];
  categorical?: string[];
  params: TrainParams;
  /** What the optimizer takes from this model. */
  feeds: string;
  build(h: HistoryData): Table;
  /**
   * The days before a row that its features read, as [nearest, farthest] day offsets (lags,
   * recent placements); none when a row's features come from that row alone. A reader that
   * builds the rows of a few weeks reads these days too.
   */
  lookback?: readonly (readonly [number, number])[];
  /**
   * Features that average a column's recent values per group (a moving average), each with that
   * column: drift compares the column's values in their place. Consecutive rows of a group share
   * all but one of the values such a feature averages, so a few weeks' rows hold only a handful of
   * independent values of it: its PSI and KS read the chance run of a few outliers as a shift.
   * The averaged values themselves are independent rows, and the average moves only if they do.
   */
  driftOn?: Readonly<Record<string, string>>;
  /**
   * The farthest day back each lagged feature reads (a lag of 364 days: 364). On the rows within
   * that many days of the history's first day the feature is missing because the history starts
   * there, not because the plant stopped recording: drift compares it only on rows whose lag lies
   * within the history, in the reference and in the rows recorded since.
   */
  lagReach?: Readonly<Record<string, number>>;
  /** Naive forecasts to beat; the model must beat each (the strongest is the one reported). */
  baseline: BaselineFn | BaselineFn[];
}
