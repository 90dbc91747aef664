import { availableParallelism } from 'node:os';
import path from 'node:path';
import { getSpec } from '../../models';
import type { HistoryFrom } from '../contract/api/training';
import { trainStep, type TrainStep } from '../contract/train-steps';
import { grouped } from '../domain/figures';
import type { RoundProgress } from '../ml/booster';
import { fingerprint } from '../drift/reference';
import { readCsvTable } from '../ml/csv';
import { fileSha256 } from '../ml/file-hash';
import type { ModelManifest, Task } from '../ml/manifest';
import { modelsRoot, newVersionId, saveModelDir } from '../ml/model-dir';
import { SerialHistBuilder } from '../ml/serial-hist';
import { ParallelHistBuilder } from '../ml/parallel-hist';
import { trainTable } from '../ml/pipeline';
import type { ModelMetrics, PipelineOptions, TrainParams } from '../ml/pipeline-types';
import type { ColumnType } from '../ml/table';
import { syntheticMark } from '../scenarios/history-import';
import { loadHistory, type HistorySource } from './history-source';
import { specTrainOptions } from './spec-options';

/** Training sets from this many rows use both cores by default (measured: see below). */
const PARALLEL_MIN_ROWS = 50_000;

/** How rows are held back and whether the exported model is retrained on all of them. */
export interface SplitSettings {
  /** Share of rows for early stopping (default 0.15) and for the reported test metrics (default 0.15). */
  validFraction?: number;
  testFraction?: number;
  /** Default: true for CSV training, false for specs (the registry re-scores a spec model's holdout). */
  refit?: boolean;
}

/** Where the model goes. `unregistered`: the host registers the saved folder and marks it done (model-dir.ts). */
export interface SaveSettings {
  unregistered?: boolean;
}

/** `threads`: at most this many (default: every core the machine has; the trainer uses up to 2). */
export type TrainJobInput =
  | ({
      kind: 'spec';
      spec: string;
      params?: TrainParams;
      history?: HistorySource;
      outDir?: string;
      threads?: number;
    } & SplitSettings &
      SaveSettings)
  | ({
      kind: 'csv';
      name: string;
      path: string;
      target: string;
      task: Task;
      categorical?: string[];
      features?: string[];
      dateColumn?: string | null;
      types?: Record<string, ColumnType>;
      quantiles?: number[];
      alpha?: number;
      params?: TrainParams;
      outDir?: string;
      threads?: number;
    } & SplitSettings &
      SaveSettings);

export interface TrainJobResult {
  name: string;
  version: string;
  dir: string;
  /** Where the rows came from (database table, synthetic history, CSV file). */
  source: string;
  /** The same for a spec's history, as a code; null for a CSV. */
  history: HistoryFrom | null;
  manifest: ModelManifest;
  metrics: ModelMetrics;
}

export type TrainProgress =
  ({ stage: 'loading' | 'saving' } & TrainStep) | ({ stage: 'training'; part: string; done: number } & RoundProgress);

/**
 * Load data, train, evaluate against the baseline, and save the model directory atomically
 * under <dataDir>/models/<name>/<version>/ (or outDir). Runs inside the training worker, and
 * inline in the CLI.
 */
export async function executeTraining(
  input: TrainJobInput,
  dataDir: string,
  progress: (p: TrainProgress) => void,
  opts: Pick<PipelineOptions, 'shouldStop' | 'makeBuilder'> = {},
): Promise<TrainJobResult> {
  const onRound: PipelineOptions['onRound'] = (p) => progress({ stage: 'training', ...p });
  // The second core takes half of every row (partitions, histograms, leaf values). On a quiet
  // machine it pays from about 30k rows (100 rounds: 30k × 20 0.70 against 0.75 s, 60k × 20 0.89
  // against 1.05 s, freight cost's 118k × 11 0.54 against 0.69 s); PARALLEL_MIN_ROWS leaves a
  // margin for a busy machine, where the helper waits for a core. `threads: 1` keeps one core;
  // the trees are identical either way.
  const threads = input.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a whole number ≥ 1, got ${threads}`);
  if (!opts.makeBuilder && threads >= 2) {
    opts = {
      ...opts,
      makeBuilder: (s) => (s.nRows >= PARALLEL_MIN_ROWS ? new ParallelHistBuilder(s) : new SerialHistBuilder(s)),
    };
  }
  const held = { validFraction: input.validFraction, testFraction: input.testFraction };
  let outcome;
  let source: string;
  let history: HistoryFrom | null = null;
  let name: string;
  let trainingData: NonNullable<ModelManifest['trainingData']>;
  if (input.kind === 'spec') {
    const spec = getSpec(input.spec);
    progress({ stage: 'loading', ...trainStep('loading-history', { table: spec.table }) });
    const hist = loadHistory(input.history ?? {}, spec.table);
    source = hist.source;
    history = hist.from;
    name = spec.name;
    const table = spec.build(hist.data);
    trainingData = {
      kind: hist.synthetic ? 'synthetic-history' : 'plant-history',
      source,
      identity: { of: 'history-table', sha256: fingerprint(table, 'date').hash, rows: table.nRows },
    };
    progress({
      stage: 'loading',
      ...trainStep('training-rows', { rows: grouped(table.nRows), source }, hist.from),
    });
    outcome = trainTable(
      table,
      { ...specTrainOptions(spec, input.params), ...held, refit: input.refit ?? false },
      { ...opts, onRound },
    );
  } else {
    progress({ stage: 'loading', ...trainStep('reading-csv', { path: input.path }) });
    const table = await readCsvTable(input.path, input.types);
    source = `CSV ${path.resolve(input.path)} (${grouped(table.nRows)} rows)`;
    // A CSV beside the demo's mark (rakeplan demo-data) is generated history, whatever it is named.
    const mark = syntheticMark(path.dirname(path.resolve(input.path)));
    const identity = { of: 'csv-file' as const, sha256: await fileSha256(input.path), rows: table.nRows };
    trainingData = mark
      ? {
          kind: 'synthetic-history',
          source: `${source}: generated history (seed ${mark.seed}, ${mark.days} days)`,
          identity,
        }
      : { kind: 'csv', source, identity };
    name = input.name;
    outcome = trainTable(
      table,
      {
        name: input.name,
        target: input.target,
        task: input.task,
        categorical: input.categorical,
        features: input.features,
        dateColumn: input.dateColumn,
        quantiles: input.quantiles,
        alpha: input.alpha,
        params: input.params,
        ...held,
        refit: input.refit ?? true,
      },
      { ...opts, onRound },
    );
  }
  // Recorded in the manifest, so every registry version says what it learned from.
  outcome.manifest.trainingData = trainingData;
  const version = newVersionId();
  const dir = input.outDir ?? path.join(modelsRoot(dataDir), name, version);
  progress({ stage: 'saving', ...trainStep('saving', { dir }) });
  saveModelDir(dir, outcome, { unregistered: input.unregistered });
  return { name, version, dir, source, history, manifest: outcome.manifest, metrics: outcome.metrics };
}
