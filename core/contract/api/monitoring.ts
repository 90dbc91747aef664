import { z } from 'zod';
import { defineCall } from '../define';
import { label } from '../fields';
import type { ErrorReason } from '../refusals';

/** Metrics, alerts and drift. Latencies in ms, rates in calls/s, shares as 0–1. */
export type SeriesKind = 'call' | 'inference' | 'model-load' | 'optimizer' | 'training';
const seriesKind = z.enum(['call', 'inference', 'model-load', 'optimizer', 'training']);

export interface SeriesPoint {
  /** Minute start, epoch ms. */
  t: number;
  count: number;
  errors: number;
  /** Errors that are RakePlan's own failures (see `isFault`): refusals and cancels are not. */
  faults: number;
  /** Calls per second over the minute. */
  rate: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  meanMs: number | null;
  sumValue: number;
}

export interface SeriesSummary {
  kind: SeriesKind;
  key: string;
  count: number;
  errors: number;
  faults: number;
  errorRate: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  meanMs: number | null;
  sumValue: number;
}

/**
 * `scope` splits the call series: `interactive` calls answer a click and are judged in ms; `jobs`
 * (a solve, a training, a batch) run for minutes by design and have their own rule.
 */
/** The longest window a dashboard reads back [min]: a week (the series keep what retentionDays says). */
export const MAX_WINDOW_MINUTES = 7 * 24 * 60;
const windowMinutes = z.number().int().min(1).max(MAX_WINDOW_MINUTES).default(60);

const callScope = z.enum(['interactive', 'jobs']);
export type CallScope = z.infer<typeof callScope>;

const alertRule = z.discriminatedUnion('type', [
  z
    .object({
      id: label,
      type: z.literal('latency'),
      series: seriesKind,
      scope: callScope.optional(),
      quantile: z.enum(['p50', 'p95', 'p99']),
      thresholdMs: z.number().positive(),
      forMinutes: z.number().int().min(1).max(60),
      enabled: z.boolean(),
    })
    .strict(),
  z
    .object({
      id: label,
      type: z.literal('error-rate'),
      series: seriesKind,
      threshold: z.number().min(0).max(1),
      forMinutes: z.number().int().min(1).max(60),
      minCount: z.number().int().min(1),
      enabled: z.boolean(),
    })
    .strict(),
  z.object({ id: label, type: z.literal('model-not-loaded'), enabled: z.boolean() }).strict(),
  z.object({ id: label, type: z.literal('drift'), enabled: z.boolean() }).strict(),
]);
export type AlertRule = z.infer<typeof alertRule>;

const monitorConfig = z
  .object({
    /** Minute points older than this are deleted [days]. */
    retentionDays: z.number().min(1).max(365),
    /** Calls slower than this are logged with their duration [ms]. */
    slowCallMs: z.number().min(1),
    rules: z.array(alertRule).max(50),
  })
  .strict();
export type MonitorConfig = z.infer<typeof monitorConfig>;

export interface Alert {
  ruleId: string;
  severity: 'warning' | 'critical';
  /** Planner-readable: what is wrong, with the measured figure and the threshold. */
  message: string;
  /** For model and drift alerts: which model. */
  model?: string;
}

export interface ModelStatusRow {
  name: string;
  version: number | null;
  alias: string;
  status: 'loaded' | 'not-loaded' | 'error' | 'missing';
  loadMs: number | null;
  lastError: string | null;
}

export interface DriftFeature {
  feature: string;
  kind: 'numeric' | 'categorical';
  psi: number;
  /** Two-sample KS statistic and p-value against the reference (numeric features). */
  ks: { d: number; pValue: number } | null;
  status: 'ok' | 'warn' | 'drift';
  missingRate: { reference: number; current: number };
  /** The column compared in the feature's place: the values a moving average averages (its own rows are not independent). */
  comparedOn?: string;
  /**
   * The training rows compared with when they are not the report's: a lagged feature whose weeks
   * a year earlier read days before the history's first day, compared with the training rows
   * whose lags lie within the history.
   */
  reference?: { from: string; to: string };
}

/**
 * What a drift check compared with the training reference. A model trained from a spec is compared
 * on the plant's history recorded after its training rows (the forecasts ask it on what-if grids,
 * which are not the plant's operations); any other model on the inputs it was asked about.
 */
export type DriftCompared =
  | { kind: 'inputs' }
  | {
      kind: 'history';
      /** History table, e.g. trips. */
      table: string;
      /** The version's last training day: rows dated after it are new. */
      after: string;
      /** History rows recorded after it (the latest of them are compared). */
      recorded: number;
      /** Training rows of the same weeks a year before the compared rows; null: all training rows. */
      reference: { from: string; to: string } | null;
    };

export interface DriftReport {
  name: string;
  version: number | null;
  status: 'ok' | 'warn' | 'drift' | 'no-data';
  /** Rows compared (model inputs or rows built from history). */
  samples: number;
  /** Absent in reports stored before it was recorded, and when no reference was found. */
  compared?: DriftCompared;
  features: DriftFeature[];
  thresholds: DriftThresholds;
  trigger: 'schedule' | 'manual';
  createdAt: string;
  message: string;
  /** Why nothing was compared, as data for the interface's language (absent in older reports and on a comparison). */
  reasons?: ErrorReason[];
}

export interface DriftThresholds {
  psiWarn: number;
  psiDrift: number;
  ksPValue: number;
  minSamples: number;
}

export interface MonitorOverview {
  now: number;
  minutes: number;
  /** All calls merged, one point per minute. */
  calls: SeriesPoint[];
  /** Per call name over the window. */
  byCall: SeriesSummary[];
  inference: SeriesSummary[];
  /** Solves by outcome (solved, fallback, failed, cancelled); `runs` and the rate leave cancels out. */
  optimizer: { byOutcome: SeriesSummary[]; successRate: number | null; runs: number };
  training: SeriesSummary[];
  models: ModelStatusRow[];
  drift: DriftReport[];
  alerts: Alert[];
  rules: { rule: AlertRule; text: string }[];
}

export const monitoringContract = {
  'monitoring.overview': defineCall(
    z
      .object({
        minutes: windowMinutes,
      })
      .strict(),
  ).returns<MonitorOverview>(),
  'monitoring.series': defineCall(
    z
      .object({
        kind: seriesKind,
        key: label.optional(),
        minutes: windowMinutes,
      })
      .strict(),
  ).returns<SeriesPoint[]>(),
  /** `stored`: totals over the retained time series instead of since the host started. */
  'monitoring.prometheus': defineCall(z.object({ stored: z.boolean().default(false) }).strict()).returns<{
    text: string;
  }>(),
  'monitoring.getConfig': defineCall(z.object({}).strict()).returns<MonitorConfig>(),
  'monitoring.setConfig': defineCall(monitorConfig).returns<MonitorConfig>(),
  'monitoring.logs': defineCall(z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict()).returns<
    Record<string, unknown>[]
  >(),
  'drift.run': defineCall(z.object({ name: label.optional() }).strict()).returns<DriftReport[]>(),
  'drift.reports': defineCall(
    z.object({ name: z.string().min(1).optional(), limit: z.number().int().min(1).max(500).default(50) }).strict(),
  ).returns<DriftReport[]>(),
  'drift.getThresholds': defineCall(z.object({}).strict()).returns<DriftThresholds>(),
  'drift.setThresholds': defineCall(
    z
      .object({
        psiWarn: z.number().positive(),
        psiDrift: z.number().positive(),
        ksPValue: z.number().gt(0).lt(1),
        minSamples: z.number().int().min(10),
      })
      .strict()
      .refine((t) => t.psiDrift >= t.psiWarn, { message: 'psiDrift must be ≥ psiWarn', path: ['psiDrift'] }),
  ).returns<DriftThresholds>(),
};

export interface MonitoringEvents {
  'drift.report': DriftReport;
}
