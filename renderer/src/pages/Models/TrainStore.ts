import { create } from 'zustand';
import type { SyntheticHistory } from '../../../../core/contract/api/scenarios';
import type { SpecSummary, TrainingProgress, TrainingResult } from '../../../../core/contract/api/training';
import type { TrainStep } from '../../../../core/contract/train-steps';
import { api } from '../../api/client';

export interface TrainRun {
  /** This window's call; null for a training found running (started before a reload, or in another window). */
  ctrl: AbortController | null;
  jobId: string | null;
  /** Loss per round of the main model (train and validation). */
  history: { round: number; trainLoss: number; validLoss: number | null }[];
  last: Extract<TrainingProgress, { stage: 'training' }> | null;
  /** The main model's last round: the P10/P90 side models train after it and report their own rounds. */
  lastModel: TrainRun['last'];
  /** What the host last said it is doing (before the first round); null until it says. */
  step: TrainStep | null;
  /** The host's stage: after the last round it evaluates, saves and registers for seconds more. */
  stage: TrainingProgress['stage'] | null;
  /** The parts (model, P10, P90) finished before the current one took this long: each reports its own elapsed time. */
  partOffsetMs: number;
}

/** A run as it starts, or as a window finds it running. */
const newRun = (ctrl: AbortController | null, jobId: string | null): TrainRun => ({
  ctrl,
  jobId,
  history: [],
  last: null,
  lastModel: null,
  step: null,
  stage: null,
  partOffsetMs: 0,
});

/** The Models page's training half: the six specs, runs in flight with their loss curves, finished results. */
interface TrainState {
  specs: SpecSummary[];
  /** The history training reads is the demo's generated one (null: the plant's own, or none). */
  syntheticHistory: SyntheticHistory | null;
  runs: Record<string, TrainRun>;
  results: Record<string, TrainingResult>;
  /** The main model's last round reported before a run finished (a fast run may end between two repaints). */
  finalProgress: Record<string, TrainRun['last']>;
  outcome: Record<string, 'cancelled' | 'failed'>;
  errors: Record<string, unknown>;
  loadError: unknown;
  load(): Promise<void>;
  train(spec: string): Promise<void>;
  cancel(spec: string): void;
}

export const useTraining = create<TrainState>((set, get) => ({
  specs: [],
  syntheticHistory: null,
  runs: {},
  results: {},
  finalProgress: {},
  outcome: {},
  errors: {},
  loadError: null,
  async load() {
    try {
      const [specs, history] = await Promise.all([
        api.call('training.specs', {}),
        api.call('scenarios.historyInfo', {}),
      ]);
      set({ specs, syntheticHistory: history.synthetic, loadError: null });
      await adoptRunning(specs);
    } catch (loadError) {
      set({ loadError });
    }
  },
  async train(spec) {
    if (get().runs[spec]) return;
    const ctrl = new AbortController();
    const patch = (fn: (r: TrainRun) => Partial<TrainRun>) =>
      set((s) => (s.runs[spec] ? { runs: { ...s.runs, [spec]: { ...s.runs[spec], ...fn(s.runs[spec]) } } } : {}));
    set((s) => ({
      runs: { ...s.runs, [spec]: newRun(ctrl, null) },
      errors: { ...s.errors, [spec]: null },
      outcome: omit(s.outcome, spec),
    }));
    try {
      const result = await api.call(
        'training.start',
        { spec },
        {
          signal: ctrl.signal,
          onProgress: (p) => patch((r) => progressPatch(p, r)),
        },
      );
      set((s) => ({
        results: { ...s.results, [spec]: result },
        finalProgress: { ...s.finalProgress, [spec]: s.runs[spec]?.lastModel ?? null },
      }));
      await get().load();
    } catch (error) {
      const code = (error as { code?: string }).code;
      set((s) => ({
        outcome: { ...s.outcome, [spec]: code === 'CANCELLED' ? 'cancelled' : 'failed' },
        errors: code === 'CANCELLED' ? s.errors : { ...s.errors, [spec]: error },
      }));
    } finally {
      set((s) => ({ runs: omit(s.runs, spec) }));
    }
  },
  cancel(spec) {
    const run = get().runs[spec];
    if (run?.ctrl) run.ctrl.abort();
    else if (run?.jobId) void api.call('training.cancel', { jobId: run.jobId }).catch(() => undefined);
  },
}));

/** The progress line and loss curve of a round, as the call's own progress gives them. */
function progressPatch(p: TrainingProgress, r: TrainRun): Partial<TrainRun> {
  if (p.stage !== 'training') {
    const { jobId, stage, ...step } = p;
    return { jobId, step, stage };
  }
  const partOffsetMs = r.last && r.last.part !== p.part ? r.partOffsetMs + r.last.elapsedMs : r.partOffsetMs;
  const round = { jobId: p.jobId, last: p, step: null, stage: p.stage, partOffsetMs };
  if (p.part !== 'model') return round;
  return {
    ...round,
    lastModel: p,
    history: [...r.history, { round: p.round, trainLoss: p.trainLoss, validLoss: p.validLoss }],
  };
}

/**
 * Trainings outlive their window: those running when the page opens (started before a reload, or
 * in another window) are shown and followed through the host's broadcast progress, and can be
 * cancelled from here.
 */
async function adoptRunning(specs: SpecSummary[]): Promise<void> {
  follow();
  const names = new Set(specs.map((x) => x.name));
  const jobs = await api.call('training.jobs', { limit: 50 });
  useTraining.setState((s) => {
    const runs = { ...s.runs };
    for (const j of jobs)
      if (j.status === 'running' && names.has(j.name) && !runs[j.name]) runs[j.name] = newRun(null, j.jobId);
    return { runs };
  });
}

/**
 * A training another window started after this page loaded: its spec, when this window runs none
 * of that spec (its own call's progress names the job before the broadcast does).
 */
function startedElsewhere(name: string): string | undefined {
  const s = useTraining.getState();
  return s.specs.some((x) => x.name === name) && !s.runs[name] ? name : undefined;
}

let following = false;
function follow(): void {
  if (following) return;
  following = true;
  const adopted = (jobId: string) =>
    Object.entries(useTraining.getState().runs).find(([, r]) => r.ctrl === null && r.jobId === jobId)?.[0];
  // A round's progress can reach the page after its training ended (the worker's last message
  // overtakes the cancel): an ended job is never taken for a new one.
  const ended = new Set<string>();
  api.on('training.progress', (p) => {
    if (ended.has(p.jobId)) return;
    const spec = adopted(p.jobId) ?? startedElsewhere(p.name);
    if (spec)
      useTraining.setState((s) => {
        const run = s.runs[spec] ?? newRun(null, p.jobId);
        return { runs: { ...s.runs, [spec]: { ...run, ...progressPatch(p, run) } } };
      });
  });
  api.on('training.finished', (f) => {
    ended.add(f.jobId);
    const spec = adopted(f.jobId);
    // Not followed here (it ended between this page's two reads at load): the page still reads
    // the newest version from the host.
    if (!spec) {
      if (!useTraining.getState().runs[f.name]) void useTraining.getState().load();
      return;
    }
    useTraining.setState((s) =>
      f.status === 'succeeded'
        ? // Shown with its metrics and loss curve, as if this window had started it.
          {
            runs: omit(s.runs, spec),
            results: { ...s.results, [spec]: f.result },
            finalProgress: { ...s.finalProgress, [spec]: s.runs[spec]?.lastModel ?? null },
          }
        : {
            runs: omit(s.runs, spec),
            outcome: { ...s.outcome, [spec]: f.status },
            errors: f.status === 'failed' ? { ...s.errors, [spec]: new Error(f.error) } : s.errors,
          },
    );
    void useTraining.getState().load();
  });
}

function omit<T>(o: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _drop, ...rest } = o;
  void _drop;
  return rest;
}
