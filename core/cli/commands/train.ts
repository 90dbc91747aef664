import { availableParallelism } from 'node:os';
import path from 'node:path';
import { MAX_TRAINING_ROUNDS } from '../../contract/api/training';
import { DB_FILE } from '../../storage/db';
import type { Task } from '../../ml/manifest';
import type { ModelMetrics, TrainParams } from '../../ml/pipeline-types';
import type { ColumnType } from '../../ml/table';
import type { TrainJobInput, TrainJobResult, TrainProgress } from '../../training/run';
import { runInterruptible } from '../interruptible-worker';
import { CliUsageError, bool, num, str, type ParsedArgs } from '../args';
import { EXIT, type CliCommand, type CliEnv } from '../command';
import { MODEL_SPECS } from '../../../models';
import {
  MANIFEST_FILE,
  METRICS_FILE,
  MODEL_FILE,
  removeLeftoverModelDirs,
  removeModelDir,
  undoInterruptedSave,
  UNREGISTERED_FILE,
} from '../../ml/model-dir';
import { registeredIdentical } from '../../training/identical';
import { checkOutFolder } from '../out-file';

const TASKS: Task[] = ['regression', 'binary', 'multiclass', 'quantile'];
const CSV_ONLY_OPTIONS = ['target', 'task', 'alpha', 'categorical', 'types', 'time-column', 'date-column', 'name'];

/** Every option of `train`, as `--help` lists it (a test checks none is missing). */
export const TRAIN_OPTION_HELP: readonly (readonly [flag: string, value: string, what: string])[] = [
  ['spec', 'NAME', `train a model spec on the plant history (${MODEL_SPECS.map((s) => s.name).join(', ')})`],
  ['csv', 'FILE', 'train on any CSV (header row; column types inferred)'],
  ['target', 'COL', 'the column to predict (--csv)'],
  ['task', TASKS.join('|'), 'what kind of target (--csv; default regression)'],
  ['alpha', 'A', 'quantile task: the quantile to predict (default 0.5)'],
  ['categorical', 'A,B', 'treat these numeric-looking columns as categories'],
  ['types', 'COL=numeric|categorical|date,…', 'override inferred column types'],
  [
    'time-column',
    'COL|none',
    'hold back the latest rows by this date column; default: the first date column, and with none a seeded random split',
  ],
  ['date-column', 'COL|none', 'the same as --time-column'],
  ['valid-fraction', 'F', 'share of rows for early stopping (default 0.15)'],
  ['test-fraction', 'F', 'share of rows for the reported holdout metrics (default 0.15)'],
  [
    'no-refit',
    '',
    '--csv: export the model trained without the held-back rows (default: refit on all rows with the rounds early stopping chose)',
  ],
  ['refit', '', '--spec: refit on all rows too (default off: the registry re-scores a spec model on its holdout)'],
  ['rounds', 'N', "boosting rounds, the most early stopping may keep (default 300 or the spec's)"],
  ['early-stopping', 'N', 'stop after N rounds without a better validation loss (default 30; 0 = never)'],
  ['depth', 'D', 'maximum tree depth 0–16 (default 6)'],
  ['leaves', 'N', 'maximum leaves per tree (default 0 = no limit)'],
  ['min-rows-per-leaf', 'N', 'minimum training rows in a leaf (default 20)'],
  ['learning-rate', 'R', 'shrinkage per round in (0, 1] (default 0.1)'],
  ['bins', 'N', 'histogram bins per feature 2–255 (default 255)'],
  ['seed', 'S', 'seed for the random split and sampling (default 42)'],
  // No number here: the help text is generated at build time, on another machine.
  [
    'threads',
    'N',
    'at most N threads (default: every core of the machine it runs on; the trainer uses up to 2, from 50,000 rows)',
  ],
  ['name', 'NAME', 'model name (--csv; default from the file name)'],
  [
    'out',
    'DIR',
    "write the model here instead of <data dir>/models/<name>/<version>/ (a new or empty folder, or an earlier model's, which is replaced)",
  ],
  ['json', '', 'print the result as JSON'],
];

export const trainCommand: CliCommand = {
  name: 'train',
  summary:
    'Train a forecasting model (a spec on the plant history, or any CSV) and write model.onnx + manifest.json + metrics.json',
  usage: [
    'rakeplan train --spec NAME [options]',
    '       rakeplan train --csv FILE --target COL [options]',
    '',
    'Options:',
    ...TRAIN_OPTION_HELP.map(([flag, value, what]) => `  --${flag}${value ? ` ${value}` : ''}\n      ${what}`),
    '  --data-dir DIR\n      the data directory (RAKEPLAN_DATA_DIR wins)',
    '  --progress, --no-progress\n      show the stages and rounds on stderr, or not (default: only when stderr is a terminal)',
  ].join('\n'),
  reportsProgress: true,
  async run(args, env) {
    const input = readTrainInput(args, env.dataDir);
    // A train killed while saving left a temporary folder beside the versions: never read as one, removed here.
    removeLeftoverModelDirs(env.dataDir, { unregistered: false });
    const spec = input.kind === 'spec' ? input.spec : undefined;
    const res = await trainInWorker(input, env);
    if (res === null) return EXIT.interrupted;
    // As in the app: a retrain on unchanged history and settings keeps no folder that would read as
    // a new model. A folder given with --out is the caller's to keep.
    const identicalTo =
      input.outDir === undefined
        ? await registeredIdentical(path.join(env.dataDir, DB_FILE), res.name, path.join(res.dir, MODEL_FILE))
        : null;
    if (identicalTo !== null) removeModelDir(res.dir);
    const dir = identicalTo === null ? res.dir : null;
    if (bool(args, 'json'))
      env.out(
        JSON.stringify(
          { name: res.name, version: res.version, dir, identicalTo, source: res.source, metrics: res.metrics },
          null,
          2,
        ),
      );
    else
      for (const line of describeMetrics(
        res.metrics,
        res.manifest.task,
        spec ? MODEL_SPECS.find((s) => s.name === spec)!.unit : '',
      ))
        env.out(line);
    // The JSON already carries both; printed after it, they made the output invalid JSON.
    if (!bool(args, 'json')) {
      env.out(
        identicalTo === null
          ? `model: ${res.dir}`
          : `model: identical to ${res.name}@${identicalTo}, already in the registry: the history and settings have not changed since, so no new folder was kept`,
      );
      env.out(`data: ${res.source}`);
    }
    return 0;
  },
};

/**
 * The training runs in the training worker, as in the app: the main thread stays free to take
 * Ctrl-C, which terminates the worker, undoes a save it cut short and answers null.
 */
async function trainInWorker(input: TrainJobInput, env: CliEnv): Promise<TrainJobResult | null> {
  let saving: string | undefined;
  let lastLog = 0;
  const res = await runInterruptible<{ input: TrainJobInput; dataDir: string }, TrainJobResult, TrainProgress>(
    'training',
    { input, dataDir: env.dataDir },
    (p) => {
      if (p.stage === 'saving') saving = String(p.params.dir);
      if (p.stage !== 'training') env.progress?.(p.message);
      else if (p.round === 1 || p.round === p.rounds || Date.now() - lastLog > 2000) {
        lastLog = Date.now();
        env.progress?.(
          `${p.part} round ${p.round}/${p.rounds}: train loss ${fmt(p.trainLoss)}, validation loss ${p.validLoss === null ? '—' : fmt(p.validLoss)}, ${(p.elapsedMs / 1000).toFixed(1)} s elapsed`,
        );
      }
    },
  );
  if (res !== null) return res;
  // A folder --out named is the caller's: only a new version's folder is removed whole.
  if (saving !== undefined) undoInterruptedSave(saving, input.outDir === undefined);
  env.err('interrupted: training stopped by Ctrl-C; no model saved');
  return null;
}

/** The command line → a training job, with every default filled in (what `train` would run). */
export function readTrainInput(args: ParsedArgs, dataDir: string): TrainJobInput & { threads: number } {
  const params = readParams(args);
  const spec = str(args, 'spec');
  const csv = str(args, 'csv');
  if (!spec === !csv) throw new CliUsageError('give either --spec NAME or --csv FILE');
  const out = str(args, 'out');
  // The model folder is replaced whole: only an earlier model's folder may be written over.
  if (out !== undefined) checkOutFolder(out, [MODEL_FILE, MANIFEST_FILE, METRICS_FILE, UNREGISTERED_FILE]);
  const threads = num(args, 'threads', availableParallelism())!;
  if (!Number.isInteger(threads) || threads < 1)
    throw new CliUsageError(`--threads must be a whole number ≥ 1, got ${threads}`);
  const fraction = (v: number | undefined, flag: string) => {
    if (v !== undefined && !(v > 0 && v < 0.5))
      throw new CliUsageError(`--${flag} must be above 0 and below 0.5, got ${v}`);
    return v;
  };
  if (bool(args, 'refit') && bool(args, 'no-refit')) throw new CliUsageError('give --refit or --no-refit, not both');
  const held = {
    validFraction: fraction(num(args, 'valid-fraction'), 'valid-fraction'),
    testFraction: fraction(num(args, 'test-fraction'), 'test-fraction'),
    ...(bool(args, 'no-refit') ? { refit: false } : bool(args, 'refit') ? { refit: true } : {}),
  };
  if (spec) {
    if (!MODEL_SPECS.some((s) => s.name === spec))
      throw new CliUsageError(`unknown spec '${spec}' (specs: ${MODEL_SPECS.map((s) => s.name).join(', ')})`);
    // A spec fixes its target, features and date column: these would be ignored without a word.
    const csvOnly = CSV_ONLY_OPTIONS.filter((f) => args.flags[f] !== undefined);
    if (csvOnly.length)
      throw new CliUsageError(
        `${csvOnly.map((f) => `--${f}`).join(', ')} ${csvOnly.length > 1 ? 'apply' : 'applies'} to --csv only: a spec sets its own target, features and date column`,
      );
    return {
      kind: 'spec',
      spec,
      params,
      outDir: out,
      history: { dbPath: path.join(dataDir, DB_FILE) },
      threads,
      ...held,
    };
  }
  const task = (str(args, 'task') ?? 'regression') as Task;
  if (!TASKS.includes(task)) throw new CliUsageError(`--task must be one of ${TASKS.join(', ')}, got '${task}'`);
  const timeColumn = str(args, 'time-column');
  const dateColumn = str(args, 'date-column');
  if (timeColumn !== undefined && dateColumn !== undefined && timeColumn !== dateColumn)
    throw new CliUsageError('--time-column and --date-column name different columns; give one');
  const time = timeColumn ?? dateColumn;
  return {
    kind: 'csv',
    path: csv!,
    target: str(args, 'target', true)!,
    task,
    params,
    outDir: out,
    threads,
    ...held,
    name:
      str(args, 'name') ??
      path
        .basename(csv!)
        .replace(/\.csv$/i, '')
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-'),
    categorical: str(args, 'categorical')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    alpha: num(args, 'alpha'),
    types: readTypes(str(args, 'types')),
    ...(time !== undefined ? { dateColumn: time === 'none' ? null : time } : {}),
  };
}

function readTypes(spec: string | undefined): Record<string, ColumnType> | undefined {
  if (!spec) return undefined;
  const out: Record<string, ColumnType> = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [col, type] = part.split('=') as [string, string | undefined];
    if (!col || !type || !['numeric', 'categorical', 'date'].includes(type))
      throw new CliUsageError(`--types expects COL=numeric|categorical|date, got '${part}'`);
    out[col] = type as ColumnType;
  }
  return out;
}

function readParams(args: ParsedArgs): TrainParams {
  const p: TrainParams = {};
  const set = (flag: string, key: keyof TrainParams, check: (v: number) => boolean, what: string) => {
    const v = num(args, flag);
    if (v === undefined) return;
    if (!check(v)) throw new CliUsageError(`--${flag} must be ${what}, got ${v}`);
    (p as Record<string, number>)[key] = v;
  };
  const rounds = (v: number) => Number.isInteger(v) && v >= 1 && v <= MAX_TRAINING_ROUNDS;
  set('rounds', 'rounds', rounds, `a whole number 1–${MAX_TRAINING_ROUNDS}`);
  set('depth', 'maxDepth', (v) => Number.isInteger(v) && v >= 0 && v <= 16, 'a whole number 0–16');
  set('leaves', 'maxLeaves', (v) => Number.isInteger(v) && v >= 0, 'a whole number ≥ 0');
  set('learning-rate', 'learningRate', (v) => v > 0 && v <= 1, 'in (0, 1]');
  set('seed', 'seed', Number.isInteger, 'a whole number');
  set('bins', 'maxBins', (v) => Number.isInteger(v) && v >= 2 && v <= 255, 'a whole number 2–255');
  set('early-stopping', 'earlyStoppingRounds', (v) => Number.isInteger(v) && v >= 0, 'a whole number ≥ 0');
  set('min-rows-per-leaf', 'minDataInLeaf', (v) => Number.isInteger(v) && v >= 1, 'a whole number ≥ 1');
  return p;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(4));
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/** Planner-readable metric lines: the holdout result, the baseline next to it, quantile coverage, top features. */
/** One set of holdout metrics with the target's unit: "MAE 8.106 h · RMSE 15.17 h · WAPE 10.7 % · R² 0.812". */
export function metricLine(x: Record<string, unknown>, unit: string): string {
  const u = unit && unit !== 'probability' ? ` ${unit}` : '';
  const num = (v: unknown, f: (n: number) => string) => (typeof v === 'number' ? f(v) : '—');
  return 'mae' in x
    ? `MAE ${num(x.mae, fmt)}${u} · RMSE ${num(x.rmse, fmt)}${u} · WAPE ${num(x.wape, pct)} · R² ${num(x.r2, (v) => v.toFixed(3))}`
    : `accuracy ${num(x.accuracy, pct)} · F1 ${num(x.f1, (v) => v.toFixed(3))} · AUC ${num(x.auc, (v) => v.toFixed(3))} · log-loss ${num(x.logloss, (v) => v.toFixed(4))}`;
}

export function describeMetrics(m: ModelMetrics, task: Task, unit: string): string[] {
  const u = unit && unit !== 'probability' ? ` ${unit}` : '';
  const line = (x: Record<string, unknown>) => metricLine(x, unit);
  const out = [
    `task: ${task} on '${m.target}'; rows: train ${m.rows.train} · validation ${m.rows.valid} · test ${m.rows.test} (${m.split === 'random' ? 'random split, seeded' : 'time-ordered'})${m.rows.droppedMissingTarget ? `; ${m.rows.droppedMissingTarget} rows without a target dropped` : ''}`,
    `rounds kept: ${m.bestRound}${m.stoppedEarly ? ' (early stopping on validation loss)' : ''}; trained in ${(m.trainMs / 1000).toFixed(1)} s`,
    m.refit
      ? `exported model: refit on all ${m.refit.rows} rows with ${m.refit.rounds} rounds (holdout figures below are from the fit without the held-back rows)`
      : 'exported model: the fit without the held-back rows (no refit)',
    `holdout: ${line(m.test as unknown as Record<string, unknown>)}`,
  ];
  if (m.baseline) {
    const k = m.primary.name as 'mae';
    const a = (m.baseline.model as unknown as Record<string, number>)[k]!;
    const b = (m.baseline.baseline as unknown as Record<string, number>)[k]!;
    out.push(
      `baseline (the strongest of ${(m.baselines ?? [m.baseline]).length}): ${m.baseline.name}, on ${m.baseline.rows} holdout rows:`,
    );
    out.push(`  model    ${line(m.baseline.model as unknown as Record<string, unknown>)}`);
    out.push(`  baseline ${line(m.baseline.baseline as unknown as Record<string, unknown>)}`);
    // The primary metric is an error: a model worse than its baseline has the higher one.
    const change = b > 0 ? ` (${(Math.abs(a / b - 1) * 100).toFixed(1)} % ${a > b ? 'higher' : 'lower'})` : '';
    out.push(
      `  ${m.baseline.beats ? 'model beats the baseline' : 'MODEL DOES NOT BEAT THE BASELINE — planning uses the baseline'}: ${m.primary.name} ${fmt(a)} vs ${fmt(b)}${change}`,
    );
    for (const o of (m.baselines ?? []).slice(1))
      out.push(
        `  ${o.beats ? 'also beats' : 'does NOT beat'}: ${o.name}, ${m.primary.name} ${fmt((o.baseline as unknown as Record<string, number>)[k]!)}`,
      );
  }
  for (const q of m.quantiles)
    out.push(
      `${q.output}: pinball loss ${fmt(q.pinball)}${u}, ${pct(q.coverage)} of actuals at or below (target ${pct(q.alpha)})`,
    );
  out.push(
    `top features (gain share): ${m.importance
      .slice(0, 6)
      .map((i) => `${i.feature} ${pct(i.share)}`)
      .join(' · ')}`,
  );
  return out;
}
