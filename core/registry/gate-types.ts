// What the gates are given (the versions, holdout and recent rows, a way to predict) and the shapes
// their checks share: rows, a version's predictions, a gate's summary.
import type { GateThresholds } from '../contract/api/registry';
import type { said } from '../contract/gate-text';
import type { Cell } from '../ml/table';
import type { VersionRecord } from './version-record';

export type Rows = readonly Record<string, Cell>[];
export type Out = { columns: Record<string, number[]>; label: string[] | null };

export interface GateInputs {
  cand: VersionRecord;
  prod: VersionRecord | null;
  /**
   * Time-ordered holdout rows with the target column. `stored`: the version's own holdout, which a
   * model refit on every row has trained on, and production in part when it held back fewer rows
   * or trained on later data; rows a caller gives are taken as new.
   */
  holdout: { rows: Rows; source: string; stored?: boolean } | null;
  /** Recent inputs the models saw (drift samples); the holdout is used when too few. */
  recent: Rows;
  /** Predictions of one version, straight from its session (no fallback). */
  predict(v: VersionRecord, rows: Rows): Promise<Out>;
  thresholds: GateThresholds;
  /** The target's unit (t/day, h, ₹/t): regression errors are written with it. */
  unit?: string | null;
}

export type Said = ReturnType<typeof said>;
