import { z } from 'zod';
import { cellRow, filePath, label, labels } from '../fields';
import { defineCall } from '../define';
import { ONNX_BASE64_MAX } from '../limits';
import type { GateCheckCode, GateParams, GateSummaryCode } from '../gate-text';
import type { GateCellText } from '../gate-cells';
import type { ErrorReason } from '../refusals';

/**
 * Model registry and serving: versions, aliases (production, candidate), per-consumer pins,
 * promotion through the four gates, rollback, import of external ONNX, predictions that name
 * their source, batch scoring.
 */
export type Alias = 'production' | 'candidate';
export type PredictionSource = 'model' | 'fallback:previous' | 'fallback:baseline';

export interface ManifestInfo {
  title?: string;
  task: string;
  target: string;
  outputs: string[];
  classes?: string[];
  inputs: { name: string; type: string }[];
  features: { name: string; kind: string }[];
  /** Where the training rows came from (absent on versions trained before it was recorded). */
  trainingData?: { kind: 'plant-history' | 'synthetic-history' | 'csv'; source: string };
}

export interface ModelVersionInfo {
  name: string;
  version: number;
  origin: 'trained' | 'imported';
  spec: string | null;
  params: Record<string, unknown>;
  manifest: ManifestInfo;
  dataset: { hash: string; rows: number; from: string | null; to: string | null } | null;
  metrics: Record<string, unknown> | null;
  baselineMetrics: Record<string, unknown> | null;
  trainMs: number | null;
  parentVersion: number | null;
  note: string;
  sourceRef: string | null;
  fileSha256: string;
  fileBytes: number;
  hasHoldout: boolean;
  lastError: string | null;
  lastErrorAt: string | null;
  createdAt: string;
  aliases: Alias[];
  pins: string[];
  gate: GateReport | null;
}

export interface ModelEvent {
  id: number;
  name: string;
  version: number | null;
  kind:
    | 'register'
    | 'import'
    | 'promote'
    | 'override'
    | 'rollback'
    | 'candidate'
    | 'pin'
    | 'unpin'
    | 'load-error'
    | 'reload'
    | 'delete';
  fromVersion: number | null;
  detail: Record<string, unknown> | null;
  at: string;
}

export interface ModelSummary {
  name: string;
  /** The planner's name of the model (the spec's title), or `name` for an imported model. */
  title: string;
  /** The unit of its predictions and error metrics (the spec's, e.g. "h"); null for an imported model. */
  unit: string | null;
  versions: number;
  latest: number;
  production: number | null;
  candidate: number | null;
  /** The version a rollback would return production to; null when there is none. */
  rollbackTo: number | null;
  pins: { consumer: string; version: number }[];
  status: 'loaded' | 'not-loaded' | 'error' | 'missing';
  loadMs: number | null;
  lastError: string | null;
}

export type GateName = 'data-quality' | 'improvement' | 'stability' | 'consistency';

export interface GateCheck {
  /** English, for the command line and stored reports; `code` and `params` say it as data. */
  name: string;
  /** Absent from reports stored before checks carried codes: those show `name` as it is. */
  code?: GateCheckCode;
  params?: GateParams;
  passed: boolean;
  value: number | string | null;
  limit: number | string | null;
  detail?: string;
  /**
   * The text of `value`, `limit` and `detail` as data (core/contract/gate-cells.ts). Absent where
   * the cell is a bare figure, and from reports stored before cells carried codes: those show the
   * English as it is.
   */
  valueText?: GateCellText;
  limitText?: GateCellText;
  detailText?: GateCellText;
}

export interface GateResult {
  gate: GateName;
  passed: boolean;
  /** English, for the command line and stored reports; `code` and `params` say it as data. */
  summary: string;
  /** Absent from reports stored before gates carried codes: those show `summary` as it is. */
  code?: GateSummaryCode;
  params?: GateParams;
  checks: GateCheck[];
  /**
   * The gate could not be judged: the evidence it needs is missing. It does not pass (promotion
   * then needs an override with a reason), as a check without its figure fails in the other gates.
   */
  notEvaluated?: true;
}

/** The gates' limits, as `registry.setGateThresholds` validates them (schema below). */
export type GateThresholds = z.infer<typeof gateThresholds>;

export interface GateReport {
  name: string;
  version: number;
  against: number | null;
  passed: boolean;
  gates: GateResult[];
  thresholds: GateThresholds;
  metric: { name: string; lowerIsBetter: boolean };
  holdout: { rows: number; source: string };
  evaluatedAt: string;
}

export interface PredictAnswer {
  model: string;
  /** The version that produced the numbers (null for the baseline). */
  version: number | null;
  source: PredictionSource;
  /** Why a fallback answered, naming what failed, in English (the command line and logs). */
  fallbackReason?: string;
  /**
   * The same as reasons, for the interface to word, in the order `fallbackReason` tells them: what
   * failed, then the naive baseline that answered, named by its gate detail cell too.
   */
  fallbackReasons?: ErrorReason[];
  /** Output column → one value per row. */
  columns: Record<string, number[]>;
  label: string[] | null;
  ms: number;
  /** Which engine computed the numbers (absent for the naive baseline). */
  engine?: 'onnxruntime' | 'compiled-trees';
  /** Why a batch the compiled tree predictor would take was scored by onnxruntime. */
  engineNote?: string;
}

/** Rows of a batch one answer kind scored: the source, the version, and why a fallback answered. */
export interface BatchAnsweredBy {
  source: PredictionSource;
  version: number | null;
  rows: number;
  fallbackReason?: string;
  fallbackReasons?: ErrorReason[];
}

export interface BatchReport {
  jobId: string;
  model: string;
  /** The last chunk's version and source; `answeredBy` has every chunk's. */
  version: number | null;
  source: PredictionSource;
  /**
   * Rows by what answered them, in the order first met: more than one entry when a version was
   * promoted or failed mid-batch, each fallback with its reasons.
   */
  answeredBy: BatchAnsweredBy[];
  rows: number;
  scored: number;
  skipped: { row: number; reason: string }[];
  skippedCount: number;
  outCsv: string | null;
  cancelled: boolean;
  ms: number;
  /** Rows scored by each engine. */
  engines?: { onnxruntime?: number; 'compiled-trees'?: number };
  /** Why rows went to onnxruntime rather than the compiled tree predictor, if they did. */
  engineNote?: string;
}

const name = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, dot, dash or underscore');
const version = z.number().int().min(1);
const rows = z.array(cellRow).min(1).max(100_000);

/** The shortest reason an override of failed gates is recorded with. */
export const MIN_OVERRIDE_REASON = 5;
/** The history tables a batch can score (`registry.batch`'s `historyTable`). */
export const BATCH_HISTORY_TABLES = ['demand', 'rake_placements', 'trips', 'loading_events', 'shipments'] as const;
/** The most rows a batch scores per chunk. */
export const MAX_BATCH_CHUNK_ROWS = 65_536;

const gateThresholds = z
  .object({
    dataQuality: z
      .object({
        minRows: z.number().int().min(1),
        maxMissingRate: z.number().min(0).max(1),
        maxRangeExcess: z.number().min(0),
      })
      .strict(),
    improvement: z.object({ minRelativeGain: z.number().min(-1).max(1), mustBeatBaseline: z.boolean() }).strict(),
    stability: z
      .object({
        maxSegmentRegression: z.number().min(0),
        minSegmentRows: z.number().int().min(1),
        segmentColumns: labels(20),
      })
      .strict(),
    consistency: z
      .object({
        /** Classifiers: PSI of the predicted-class shares. */
        maxPsi: z.number().positive(),
        /** Regression: the P90 of |candidate − production| / |production| over paired predictions. */
        maxRelativeChange: z.number().positive(),
        minRows: z.number().int().min(1),
      })
      .strict(),
  })
  .strict();

export const registryContract = {
  'registry.list': defineCall(z.object({}).strict()).returns<ModelSummary[]>(),
  'registry.versions': defineCall(z.object({ name }).strict()).returns<ModelVersionInfo[]>(),
  'registry.show': defineCall(
    z.object({ name, version: version.optional(), alias: z.enum(['production', 'candidate']).optional() }).strict(),
  ).returns<ModelVersionInfo & { events: ModelEvent[]; gateReports: GateReport[] }>(),
  /** Register a trained model directory (model.onnx + manifest.json + metrics.json). */
  'registry.register': defineCall(
    z
      .object({
        dir: filePath,
        /** The training data, for reference statistics, baseline and holdout; spec models rebuild it from history. */
        dataCsv: filePath.optional(),
        note: z.string().max(2000).default(''),
        parentVersion: version.optional(),
        asCandidate: z.boolean().default(true),
      })
      .strict(),
  ).returns<ModelVersionInfo>(),
  'registry.import': defineCall(
    z
      .object({
        name,
        // 64 MiB of model: the registry's tree models are a few MiB at most.
        onnxBase64: z.string().min(1).max(ONNX_BASE64_MAX).optional(),
        path: filePath.optional(),
        task: z.enum(['regression', 'binary', 'multiclass']),
        target: label.default('target'),
        inputs: z
          .array(
            z.union([
              z.object({ name: label, type: z.literal('numeric') }).strict(),
              z
                .object({
                  name: label,
                  type: z.literal('categorical'),
                  categories: labels(100_000).min(1),
                })
                .strict(),
            ]),
          )
          .min(1)
          .max(500),
        classes: labels(1000).min(2).optional(),
        testRow: cellRow.optional(),
        note: z.string().max(2000).default(''),
      })
      .strict()
      .refine((p) => Boolean(p.onnxBase64) !== Boolean(p.path), {
        message: 'give exactly one of onnxBase64 or path',
        path: ['onnxBase64'],
      }),
  ).returns<ModelVersionInfo>(),
  'registry.evaluate': defineCall(z.object({ name, version, rows: rows.optional() }).strict()).returns<GateReport>(),
  'registry.promote': defineCall(
    z
      .object({
        name,
        version,
        override: z
          .object({
            reason: z
              .string()
              .trim()
              .min(MIN_OVERRIDE_REASON, `give a reason of at least ${MIN_OVERRIDE_REASON} characters`)
              .max(2000),
          })
          .strict()
          .optional(),
      })
      .strict(),
  ).returns<{ name: string; version: number; previous: number | null; gate: GateReport; overridden: boolean }>(),
  'registry.setCandidate': defineCall(z.object({ name, version }).strict()).returns<{
    name: string;
    version: number;
  }>(),
  'registry.rollback': defineCall(z.object({ name }).strict()).returns<{
    name: string;
    version: number;
    from: number;
  }>(),
  'registry.reload': defineCall(z.object({ name }).strict()).returns<{
    name: string;
    version: number;
    loadMs: number;
  }>(),
  'registry.pin': defineCall(
    z.object({ consumer: z.string().min(1).max(100), name, version: version.nullable() }).strict(),
  ).returns<{ consumer: string; name: string; version: number | null }>(),
  'registry.delete': defineCall(z.object({ name, version }).strict()).returns<{ name: string; version: number }>(),
  'registry.predict': defineCall(
    z
      .object({
        name,
        rows: z.array(cellRow).min(1).max(10_000),
        consumer: z.string().min(1).max(100).optional(),
      })
      .strict(),
  ).returns<PredictAnswer>(),
  'registry.batch': defineCall(
    z
      .object({
        name,
        consumer: z.string().min(1).max(100).optional(),
        csvPath: filePath.optional(),
        historyTable: z.enum(BATCH_HISTORY_TABLES).optional(),
        outCsv: filePath.optional(),
        chunkRows: z.number().int().min(1).max(MAX_BATCH_CHUNK_ROWS).default(2_000),
      })
      .strict()
      .refine((p) => Boolean(p.csvPath) !== Boolean(p.historyTable), {
        message: 'give exactly one of csvPath or historyTable',
        path: ['csvPath'],
      }),
  )
    .returns<BatchReport>()
    .withProgress<{ done: number; of: number; skipped: number }>(),
  'registry.getGateThresholds': defineCall(z.object({}).strict()).returns<GateThresholds>(),
  'registry.setGateThresholds': defineCall(gateThresholds).returns<GateThresholds>(),
};

export interface RegistryEvents {
  'registry.changed': { name: string; kind: ModelEvent['kind']; version: number | null };
}
