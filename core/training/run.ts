import path from 'node:path';
import { getSpec } from '../../models';
import type { RoundProgress } from '../ml/booster';
import { readCsvTable } from '../ml/csv';
import type { ModelManifest, Task } from '../ml/manifest';
import { modelsRoot, newVersionId, saveModelDir } from '../ml/model-dir';
import { SerialHistBuilder } from '../ml/gradient-histogram';
import { ParallelHistBuilder } from '../ml/parallel-hist';
import { trainTable, type ModelMetrics, type PipelineOptions, type TrainParams } from '../ml/pipeline';
import type { ColumnType } from '../ml/table';
import { loadHistory, type HistorySource } from './history-source';

/** Training sets from this many rows use both cores by default (measured: see below). */
const PARALLEL_MIN_ROWS = 50_000;

export type TrainJobInput =
  | { kind: 'spec'; spec: string; params?: TrainParams; history?: HistorySource; outDir?: string; threads?: 1 | 2 }
  | {
      kind: 'csv'; name: string; path: string; target: string; task: Task;
      categorical?: string[]; features?: string[]; dateColumn?: string | null; types?: Record<string, ColumnType>;
      quantiles?: number[]; alpha?: number; params?: TrainParams; outDir?: string; threads?: 1 | 2;
    };

export interface TrainJobResult {
  name: string;
  version: string;
  dir: string;
  /** Where the rows came from (database table, synthetic history, CSV file). */
  source: string;
  manifest: ModelManifest;
  metrics: ModelMetrics;
}

export type TrainProgress =
  | { stage: 'loading' | 'saving'; message: string }
  | ({ stage: 'training'; part: string } & RoundProgress);

/**
 * Load data, train, evaluate against the baseline, and save the model directory atomically
 * under <dataDir>/models/<name>/<version>/ (or outDir). Runs inside the training worker, and
 * inline in the CLI.
 */
export async function executeTraining(
  input: TrainJobInput, dataDir: string, progress: (p: TrainProgress) => void, opts: Pick<PipelineOptions, 'shouldStop' | 'makeBuilder'> = {},
): Promise<TrainJobResult> {
  const onRound: PipelineOptions['onRound'] = (p) => progress({ stage: 'training', ...p });
  // The second core takes half of every row (partitions, histograms, leaf values). On a quiet
  // machine it pays from about 30k rows (100 rounds: 30k × 20 0.70 against 0.75 s, 60k × 20 0.89
  // against 1.05 s, freight cost's 118k × 11 0.54 against 0.69 s); PARALLEL_MIN_ROWS leaves a
  // margin for a busy machine, where the helper waits for a core. `threads` forces either way;
  // the trees are identical.
  if (!opts.makeBuilder && input.threads !== 1) {
    const force = input.threads === 2;
    opts = { ...opts, makeBuilder: (s) => (force || s.nRows >= PARALLEL_MIN_ROWS ? new ParallelHistBuilder(s) : new SerialHistBuilder(s)) };
  }
  let outcome;
  let source: string;
  let name: string;
  if (input.kind === 'spec') {
    const spec = getSpec(input.spec);
    progress({ stage: 'loading', message: `Loading ${spec.table} history` });
    const hist = loadHistory(input.history ?? {}, spec.table);
    source = hist.source;
    name = spec.name;
    const table = spec.build(hist.data);
    progress({ stage: 'loading', message: `${table.nRows} rows from ${source}` });
    outcome = trainTable(table, {
      name: spec.name, title: spec.title, spec: spec.name, target: spec.target, task: spec.task, objective: spec.objective,
      quantiles: spec.quantiles, features: spec.features, categorical: spec.categorical, dateColumn: 'date',
      params: { ...spec.params, ...input.params }, baseline: spec.baseline,
    }, { ...opts, onRound });
  } else {
    progress({ stage: 'loading', message: `Reading ${input.path}` });
    const table = await readCsvTable(input.path, input.types);
    source = `CSV ${path.resolve(input.path)} (${table.nRows} rows)`;
    name = input.name;
    outcome = trainTable(table, {
      name: input.name, target: input.target, task: input.task, categorical: input.categorical, features: input.features,
      dateColumn: input.dateColumn, quantiles: input.quantiles, alpha: input.alpha, params: input.params,
    }, { ...opts, onRound });
  }
  const version = newVersionId();
  const dir = input.outDir ?? path.join(modelsRoot(dataDir), name, version);
  progress({ stage: 'saving', message: `Saving ${dir}` });
  saveModelDir(dir, outcome);
  return { name, version, dir, source, manifest: outcome.manifest, metrics: outcome.metrics };
}
