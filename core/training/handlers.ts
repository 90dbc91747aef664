import fs from 'node:fs';
import path from 'node:path';
import type { Contract } from '../contract';
import type {
  DemandForecast,
  TrainingJob,
  TrainingMetrics,
  TrainingProgress,
  TrainingResult,
} from '../contract/api/training';
import { ContractError, refusal } from '../contract/errors';
import { because, ReasonError, reasonsOf } from '../contract/reason-error';
import { reasonText, type ErrorReason } from '../contract/refusals';
import { CONNECTION_CLOSED, type HostApp } from '../host/app';
import type { HostServices } from '../host/services';
import {
  markRegistered,
  MODEL_FILE,
  removeLeftoverModelDirs,
  removeUnregisteredModelDir,
  resolveModelDir,
} from '../ml/model-dir';
import { MODEL_SPECS } from '../../models';
import { registerTrainedDir } from '../registry/add-version';
import { runWorker } from '../workers/run';
import { demandForecast, demandSeriesList } from './demand-forecast';
import { ModelCache } from './model-cache';
import { operationalForecasts, type Predictor } from './operational-forecasts';
import { registryFor } from '../registry/context';
import { sourceDirOf } from '../registry/trained-version';
import { answer } from '../forecasts/model-access';
import { modelAccess } from '../forecasts/service';
import { fromWindow, readablePayloadPath } from '../host/payload-file';
import type { TrainJobInput, TrainJobResult, TrainProgress } from './run';
import { objectiveNameOf } from '../ml/objectives';

/** A runaway training fails its own job instead of exhausting the host (240,000-row trainings peak near 1 GB). */
const TRAINING_LIMITS = { maxOldGenerationSizeMb: 4096 };

/** The columns of `training_runs` this module reads. */
interface TrainingRunRow {
  name: string | null;
  kind: string | null;
  version: string | null;
  source: string | null;
  metrics: string | null;
  history: string | null;
}

/** Host handlers for `training.*` and `predict.*`. Training runs in the `training` worker. */
export function registerTraining(app: HostApp<Contract>, s: HostServices): void {
  // Nothing trains yet at start-up: a half-saved or never-registered model folder is a crash's leftover.
  removeLeftoverModelDirs(s.dataDir);
  const running = new Map<string, AbortController>();
  const models = new ModelCache();

  const runRow = (jobId: string) =>
    s.requireDb().prepare(`SELECT * FROM training_runs WHERE job_id = ?`).get(jobId) as TrainingRunRow | undefined;
  const toJob = (jobId: string): TrainingJob => {
    const job = s.requireJobs().get(jobId);
    const run = runRow(jobId);
    if (!job || !run) throw refusal('NOT_FOUND', { code: 'training-job-unknown', params: { id: jobId } });
    const m = run.metrics ? (JSON.parse(run.metrics) as TrainingMetrics) : null;
    const key = m?.primary.name;
    return {
      jobId,
      name: run.name!,
      kind: run.kind as 'spec' | 'csv',
      status: job.status,
      progress: job.progress,
      error: job.error,
      version: run.version,
      source: run.source,
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      summary:
        m && key
          ? {
              metric: key,
              model: (m.test[key] ?? null) as number | null,
              baseline: (m.baseline?.baseline[key] ?? null) as number | null,
              beats: m.baseline?.beats ?? null,
            }
          : null,
    };
  };

  /** Consumers read models through the registry: their pin, else production, else its named fallbacks. */
  // The Forecasts page shows what planning would take: the same rules (forecasts/model-access.ts),
  // so a model trained on synthetic history shows only over synthetic history, as in the demo.
  const viaRegistry =
    (consumer: string): Predictor =>
    async (name, rows, demo) => {
      const a = await answer(modelAccess(s, consumer), name, rows, demo);
      if (a.values === null) {
        // A name the registry never held has its own wording on the page (training/no-model.ts).
        const never = a.noModel && registryFor(s).store.versionNumbers(name).length === 0;
        if (never) throw refusal('NOT_FOUND', { code: 'model-unknown', params: { model: name } });
        throw refusal('UNAVAILABLE', a.reasons, a.why);
      }
      const label = a.source.replace(/^model /, '');
      return { columns: a.values, from: a.why ? `${label}: ${a.why}` : label, label, reasons: a.reasons };
    };

  app.handleAll({
    'training.specs': () =>
      MODEL_SPECS.map((spec) => {
        let latest = null;
        try {
          const dir = resolveModelDir(spec.name, s.dataDir);
          const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
            trainedAt: string;
          };
          latest = { version: path.basename(dir), trainedAt: manifest.trainedAt, dir };
        } catch {
          /* no trained version yet */
        }
        return {
          name: spec.name,
          title: spec.title,
          description: spec.description,
          unit: spec.unit,
          table: spec.table,
          target: spec.target,
          task: spec.task,
          objective: objectiveNameOf(spec.task, spec.objective),
          feeds: spec.feeds,
          latest,
        };
      }),

    'training.start': async (payload, ctx) => {
      const jobs = s.requireJobs();
      const input: TrainJobInput =
        'spec' in payload
          ? {
              kind: 'spec',
              spec: payload.spec,
              params: payload.params,
              history: { dbPath: s.dbPath },
              unregistered: true,
            }
          : {
              kind: 'csv',
              unregistered: true,
              name: payload.name,
              path: payload.csv,
              target: payload.target,
              task: payload.task,
              categorical: payload.categorical,
              dateColumn: payload.dateColumn,
              types: payload.types,
              params: payload.params,
            };
      const name = input.kind === 'spec' ? input.spec : input.name;
      if (input.kind === 'spec' && !MODEL_SPECS.some((m) => m.name === input.spec)) {
        throw refusal('NOT_FOUND', {
          code: 'spec-unknown',
          params: { spec: input.spec, specs: MODEL_SPECS.map((m) => m.name).join(', ') },
        });
      }
      // A window may only name a CSV under the data folder (core/host/payload-file.ts); the
      // worker then reads the checked real path, off the host's thread.
      if (input.kind === 'csv') input.path = await readablePayloadPath(s, input.path, 'csv', 'training-csv');
      return s.slots.run('training', async () => {
        const job = jobs.create('training', `Train ${name}`, { name });
        const db = s.requireDb();
        db.prepare(`INSERT INTO training_runs (job_id, name, kind, request, created_at) VALUES (?, ?, ?, ?, ?)`).run(
          job.id,
          name,
          input.kind,
          JSON.stringify(payload),
          new Date().toISOString(),
        );
        const ac = new AbortController();
        // A training outlives the window that started it: a reload or a dropped connection leaves
        // it running (every window finds it in training.jobs and follows its broadcast progress);
        // only the planner's cancel, from any window, stops it.
        const abort = () => {
          if (ctx.signal.reason !== CONNECTION_CLOSED) ac.abort(ctx.signal.reason);
        };
        ctx.signal.addEventListener('abort', abort, { once: true });
        // Quitting RakePlan stops it, after the planner confirmed (main asks while one runs).
        const stopOnQuit = () => ac.abort();
        s.slots.stopping.addEventListener('abort', stopOnQuit, { once: true });
        running.set(job.id, ac);
        const history: { round: number; trainLoss: number; validLoss: number | null }[] = [];
        let lastWrite = 0;
        const onProgress = (p: TrainProgress) => {
          const msg = { jobId: job.id, ...p } as TrainingProgress;
          ctx.progress(msg);
          app.emit('training.progress', { ...msg, name });
          if (p.stage === 'training' && p.part === 'model')
            history.push({ round: p.round, trainLoss: p.trainLoss, validLoss: p.validLoss });
          // Throttled: a durable write per round would cost an fsync each.
          if (p.stage === 'training' && Date.now() - lastWrite > 1000) {
            lastWrite = Date.now();
            jobs.update(job.id, { progress: p.done });
          }
        };
        // The worker's saved folder, until it is registered: a cancel before then removes it.
        let saved: string | undefined;
        try {
          const result = await runWorker<{ input: TrainJobInput; dataDir: string }, TrainJobResult, TrainProgress>(
            'training',
            { input, dataDir: s.dataDir },
            { signal: ac.signal, onProgress, resourceLimits: TRAINING_LIMITS },
          );
          saved = result.dir;
          db.prepare(
            `UPDATE training_runs SET version = ?, dir = ?, source = ?, history = ?, metrics = ? WHERE job_id = ?`,
          ).run(
            result.version,
            result.dir,
            result.source,
            JSON.stringify(result.metrics.history),
            JSON.stringify(result.metrics),
            job.id,
          );
          // Every finished training becomes a registry candidate, ready for Evaluate → Promote.
          const known = new Set(registryFor(s).store.versionNumbers(name));
          const registered = await registerTrainedDir(s, result.dir, {
            note: `Trained in RakePlan (job ${job.id}) on ${result.source}`,
            dataCsv: input.kind === 'csv' ? input.path : undefined,
            hideFileContent: fromWindow(s),
            // A cancel is honoured until the version is recorded (the job ends cancelled, its folder
            // removed); from then on it is answered as too late, since the candidate exists.
            beforeRecord: () => {
              if (ac.signal.aborted) throw new ContractError('CANCELLED', 'Cancelled before the model was registered.');
              running.delete(job.id);
            },
          });
          const registryNew = !known.has(registered.version);
          // A retrain on unchanged history and settings adds no version: its folder would only
          // read as the newest model (the page's Latest) while the registry holds the same file, so
          // the answer names the earlier training's folder instead, when it is still there.
          const earlier = registryNew ? null : earlierFolder(registered.sourceRef);
          if (earlier) removeUnregisteredModelDir(result.dir);
          else markRegistered(result.dir);
          const dir = earlier ?? result.dir;
          if (earlier) db.prepare(`UPDATE training_runs SET dir = ? WHERE job_id = ?`).run(dir, job.id);
          app.emit('registry.changed', { name: registered.name, kind: 'register', version: registered.version });
          jobs.update(job.id, {
            status: 'succeeded',
            progress: 1,
            detail: { name, version: result.version, dir, registryVersion: registered.version },
          });
          models.forget(result.dir);
          const out: TrainingResult = {
            jobId: job.id,
            name,
            version: result.version,
            dir,
            source: result.source,
            history: result.history,
            metrics: result.metrics,
            registryVersion: registered.version,
            registryNew,
          };
          app.emit('training.finished', { jobId: job.id, name, status: 'succeeded', result: out });
          return out;
        } catch (err) {
          const cancelled = err instanceof ContractError && err.code === 'CANCELLED';
          // The trainer's messages quote the CSV (its header, a cell, a class): a window must not
          // read a file's content that way. The CLI shows them; so do spec trainings (our tables).
          const raw = err instanceof Error ? err.message : String(err);
          // Data errors are the ones that quote (a worker's plain Error arrives as HANDLER_ERROR);
          // cancellation and a crashed worker (INTERNAL) say nothing of the file and stay as they are.
          const dataError =
            !(err instanceof ContractError) || err.code === 'HANDLER_ERROR' || err.code === 'INVALID_DATA';
          const hide = fromWindow(s) && input.kind === 'csv' && dataError;
          const hidden: ErrorReason = { code: 'training-csv-hidden', params: {} };
          const message = hide ? reasonText(hidden) : raw;
          db.prepare(`UPDATE training_runs SET history = ? WHERE job_id = ?`).run(JSON.stringify(history), job.id);
          if (cancelled && saved) {
            removeUnregisteredModelDir(saved);
            db.prepare(`UPDATE training_runs SET version = NULL, dir = NULL, metrics = NULL WHERE job_id = ?`).run(
              job.id,
            );
          }
          jobs.update(job.id, {
            status: cancelled ? 'cancelled' : 'failed',
            error: cancelled ? 'Cancelled by the planner.' : message,
          });
          app.emit('training.finished', {
            jobId: job.id,
            name,
            status: cancelled ? 'cancelled' : 'failed',
            error: message,
          });
          if (err instanceof ContractError && !hide) throw err;
          throw refusal(
            'INVALID_DATA',
            because({ code: 'training-failed', params: { model: name } }, hide ? new ReasonError(hidden) : err),
            `Training ${name} failed: ${message}`,
          );
        } finally {
          running.delete(job.id);
          ctx.signal.removeEventListener('abort', abort);
          s.slots.stopping.removeEventListener('abort', stopOnQuit);
        }
      });
    },

    'training.cancel': ({ jobId }) => {
      const ac = running.get(jobId);
      if (!ac) {
        if (!s.requireJobs().get(jobId))
          throw refusal('NOT_FOUND', { code: 'training-job-unknown', params: { id: jobId } });
        return { cancelled: false };
      }
      ac.abort();
      return { cancelled: true };
    },

    'training.jobs': ({ limit }) => {
      const ids = s
        .requireDb()
        .prepare(`SELECT job_id FROM training_runs ORDER BY created_at DESC LIMIT ?`)
        .all(limit) as { job_id: string }[];
      return ids.map((r) => toJob(r.job_id));
    },

    'training.get': ({ jobId }) => {
      const job = toJob(jobId);
      const run = runRow(jobId)!;
      const metrics = run.metrics ? (JSON.parse(run.metrics) as TrainingMetrics) : null;
      return { ...job, metrics, history: run.history ? JSON.parse(run.history) : [] };
    },

    'predict.rows': async ({ model, rows }) => {
      let dir: string;
      // From a window, a model given as a folder must lie under the data folder; a name never
      // looks outside it.
      const asFolder = fromWindow(s) && /[/\\]|^\.\.?$/.test(model);
      if (asFolder) model = await readablePayloadPath(s, model, 'model', 'model-dir');
      try {
        dir = resolveModelDir(model, s.dataDir, { folders: !fromWindow(s) || asFolder });
      } catch (err) {
        throw new ContractError('NOT_FOUND', (err as Error).message);
      }
      const m = await models.get(dir);
      let pred;
      try {
        pred = await m.predict(rows);
      } catch (err) {
        throw refusal('INVALID_DATA', reasonsOf(err), (err as Error).message);
      }
      const columns = [...(pred.label ? ['label'] : []), ...Object.keys(pred.columns).sort()];
      const out = rows.map((_, i) => {
        const r: Record<string, number | string | null> = {};
        if (pred.label) r.label = pred.label[i]!;
        for (const c of Object.keys(pred.columns)) r[c] = pred.columns[c]![i]!;
        return r;
      });
      return { model: m.manifest.name, version: path.basename(dir), columns, rows: out };
    },

    'predict.operational': ({ date }) =>
      operationalForecasts({ dbPath: s.dbPath, date, predict: viaRegistry('optimizer') }),

    // Seconds on the host's thread: in turns, a burst bounded (core/host/job-slots.ts).
    'predict.demandSeries': () => s.slots.runInTurn('demandSeries', () => demandSeriesList(s.dbPath)),

    'predict.demand': async ({ destination, product, historyDays }): Promise<DemandForecast> =>
      demandForecast({ dbPath: s.dbPath, destination, product, historyDays, predict: viaRegistry('forecasts') }),
  });
}

/** The folder a registered version was trained into (its source, before any data note), if it still holds the model. */
function earlierFolder(sourceRef: string | null): string | null {
  const dir = sourceRef && sourceDirOf(sourceRef);
  return dir && fs.existsSync(path.join(dir, MODEL_FILE)) ? dir : null;
}
