import path from 'node:path';
import { DB_FILE } from '../../storage/db';
import type { Task } from '../../ml/manifest';
import type { ModelMetrics, TrainParams } from '../../ml/pipeline';
import type { ColumnType } from '../../ml/table';
import { executeTraining, type TrainJobInput } from '../../training/run';
import { CliUsageError, bool, num, str, type ParsedArgs } from '../args';
import type { CliCommand } from '../command';
import { MODEL_SPECS } from '../../../models';

const TASKS: Task[] = ['regression', 'binary', 'multiclass', 'quantile'];

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'Train a forecasting model (a spec on the plant history, or any CSV) and write model.onnx + manifest.json + metrics.json',
  usage: [
    'rakeplan train --spec NAME [--rounds N] [--depth D] [--out DIR] [--json]',
    `       rakeplan train --csv FILE --target COL [--task ${TASKS.join('|')}] [--alpha A] [--categorical A,B] [--date-column COL|none]`,
    '                      [--types COL=numeric|categorical|date,…]  (column types are inferred; this overrides them)',
    '                      [--rounds N] [--depth D] [--learning-rate R] [--seed S] [--name NAME] [--out DIR] [--threads 1|2] [--json]',
    `Specs: ${MODEL_SPECS.map((s) => s.name).join(', ')}. Without --out the model goes to <data dir>/models/<name>/<version>/.`,
  ].join('\n'),
  async run(args, env) {
    const params = readParams(args);
    const spec = str(args, 'spec');
    const csv = str(args, 'csv');
    if (!spec === !csv) throw new CliUsageError('give either --spec NAME or --csv FILE');
    const out = str(args, 'out');
    const threads = num(args, 'threads', 1);
    if (threads !== 1 && threads !== 2) throw new CliUsageError(`--threads must be 1 or 2, got ${threads}`);
    let input: TrainJobInput;
    if (spec) {
      if (!MODEL_SPECS.some((s) => s.name === spec)) throw new CliUsageError(`unknown spec '${spec}' (specs: ${MODEL_SPECS.map((s) => s.name).join(', ')})`);
      input = { kind: 'spec', spec, params, outDir: out, history: { dbPath: path.join(env.dataDir, DB_FILE) } };
    } else {
      const task = (str(args, 'task') ?? 'regression') as Task;
      if (!TASKS.includes(task)) throw new CliUsageError(`--task must be one of ${TASKS.join(', ')}, got '${task}'`);
      const dateColumn = str(args, 'date-column');
      input = {
        kind: 'csv', path: csv!, target: str(args, 'target', true)!, task, params, outDir: out,
        name: str(args, 'name') ?? path.basename(csv!).replace(/\.csv$/i, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-'),
        categorical: str(args, 'categorical')?.split(',').map((s) => s.trim()).filter(Boolean),
        alpha: num(args, 'alpha'),
        types: readTypes(str(args, 'types')),
        ...(dateColumn !== undefined ? { dateColumn: dateColumn === 'none' ? null : dateColumn } : {}),
      };
    }
    input.threads = threads;
    let lastLog = 0;
    const res = await executeTraining(input, env.dataDir, (p) => {
      if (p.stage !== 'training') env.err(p.message);
      else if (p.round === 1 || p.round === p.rounds || Date.now() - lastLog > 2000) {
        lastLog = Date.now();
        env.err(`  ${p.part} round ${p.round}/${p.rounds}: train loss ${fmt(p.trainLoss)}, validation loss ${p.validLoss === null ? '—' : fmt(p.validLoss)}, ${(p.elapsedMs / 1000).toFixed(1)} s elapsed`);
      }
    });
    if (bool(args, 'json')) env.out(JSON.stringify({ name: res.name, version: res.version, dir: res.dir, source: res.source, metrics: res.metrics }, null, 2));
    else for (const line of describeMetrics(res.metrics, res.manifest.task, spec ? MODEL_SPECS.find((s) => s.name === spec)!.unit : '')) env.out(line);
    env.out(`model: ${res.dir}`);
    env.out(`data: ${res.source}`);
    return 0;
  },
};

function readTypes(spec: string | undefined): Record<string, ColumnType> | undefined {
  if (!spec) return undefined;
  const out: Record<string, ColumnType> = {};
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [col, type] = part.split('=') as [string, string | undefined];
    if (!col || !type || !['numeric', 'categorical', 'date'].includes(type)) throw new CliUsageError(`--types expects COL=numeric|categorical|date, got '${part}'`);
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
  set('rounds', 'rounds', (v) => Number.isInteger(v) && v >= 1, 'a whole number ≥ 1');
  set('depth', 'maxDepth', (v) => Number.isInteger(v) && v >= 0 && v <= 16, 'a whole number 0–16');
  set('leaves', 'maxLeaves', (v) => Number.isInteger(v) && v >= 0, 'a whole number ≥ 0');
  set('learning-rate', 'learningRate', (v) => v > 0 && v <= 1, 'in (0, 1]');
  set('seed', 'seed', Number.isInteger, 'a whole number');
  set('bins', 'maxBins', (v) => Number.isInteger(v) && v >= 2 && v <= 255, 'a whole number 2–255');
  set('early-stopping', 'earlyStoppingRounds', (v) => Number.isInteger(v) && v >= 0, 'a whole number ≥ 0');
  return p;
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(4));
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/** Planner-readable metric lines: the holdout result, the baseline next to it, quantile coverage, top features. */
export function describeMetrics(m: ModelMetrics, task: Task, unit: string): string[] {
  const u = unit && unit !== 'probability' ? ` ${unit}` : '';
  const line = (x: Record<string, unknown>) => ('mae' in x
    ? `MAE ${fmt(x.mae as number)}${u} · RMSE ${fmt(x.rmse as number)}${u} · WAPE ${pct(x.wape as number)} · R² ${(x.r2 as number).toFixed(3)}`
    : `accuracy ${pct(x.accuracy as number)} · F1 ${(x.f1 as number).toFixed(3)} · AUC ${x.auc === null ? '—' : (x.auc as number).toFixed(3)} · log-loss ${(x.logloss as number).toFixed(4)}`);
  const out = [
    `task: ${task} on '${m.target}'; rows: train ${m.rows.train} · validation ${m.rows.valid} · test ${m.rows.test} (time-ordered)${m.rows.droppedMissingTarget ? `; ${m.rows.droppedMissingTarget} rows without a target dropped` : ''}`,
    `rounds kept: ${m.bestRound}${m.stoppedEarly ? ' (early stopping on validation loss)' : ''}; trained in ${(m.trainMs / 1000).toFixed(1)} s`,
    `holdout: ${line(m.test as unknown as Record<string, unknown>)}`,
  ];
  if (m.baseline) {
    const k = m.primary.name as 'mae';
    const a = (m.baseline.model as unknown as Record<string, number>)[k]!;
    const b = (m.baseline.baseline as unknown as Record<string, number>)[k]!;
    out.push(`baseline: ${m.baseline.name}, on ${m.baseline.rows} holdout rows:`);
    out.push(`  model    ${line(m.baseline.model as unknown as Record<string, unknown>)}`);
    out.push(`  baseline ${line(m.baseline.baseline as unknown as Record<string, unknown>)}`);
    out.push(`  ${m.baseline.beats ? 'model beats the baseline' : 'MODEL DOES NOT BEAT THE BASELINE'}: ${m.primary.name} ${fmt(a)} vs ${fmt(b)} (${((1 - a / b) * 100).toFixed(1)} % lower)`);
  }
  for (const q of m.quantiles) out.push(`${q.output}: pinball loss ${fmt(q.pinball)}${u}, ${pct(q.coverage)} of actuals at or below (target ${pct(q.alpha)})`);
  out.push(`top features (gain share): ${m.importance.slice(0, 6).map((i) => `${i.feature} ${pct(i.share)}`).join(' · ')}`);
  return out;
}
