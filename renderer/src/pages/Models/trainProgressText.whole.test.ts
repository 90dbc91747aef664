import { describe, expect, it, vi } from 'vitest';
import { trainStep } from '../../../../core/contract/train-steps';

// A training this window starts: the test plays the host's progress messages, then ends it.
let emit: (p: unknown) => void = () => undefined;
let finish: (r: unknown) => void = () => undefined;
vi.mock('../../api/client', () => ({
  api: {
    call: (method: string, _payload: unknown, opts?: { onProgress(p: unknown): void }) => {
      if (method !== 'training.start') throw new Error(`unexpected ${method}`);
      emit = opts!.onProgress;
      return new Promise((resolve) => (finish = resolve));
    },
    on: () => () => undefined,
  },
}));
const { useTraining } = await import('./TrainStore');
const { trainProgressText, trainShareDone } = await import('./trainProgressText');

const round = (part: string, r: number, done: number, elapsedMs: number, etaMs: number) => ({
  jobId: 'j1',
  stage: 'training',
  part,
  round: r,
  rounds: 100,
  done,
  trainLoss: 1,
  validLoss: 1,
  elapsedMs,
  etaMs,
});
const run = () => useTraining.getState().runs['transit-delay']!;

describe('the progress line of a training with P10/P90 side models', () => {
  it('gives the whole training’s elapsed time and estimate, not the current part’s', async () => {
    const started = useTraining.getState().train('transit-delay');
    emit(round('model', 100, 1 / 3, 10_000, 0));
    // The P10 model starts its own clock: 2 s into it, 10 % of it done, so 40 % of the whole.
    emit(round('p10', 10, 0.4, 2_000, 18_000));
    expect(trainProgressText(run())).toBe(
      'Quantile p10 · round 10 of 100 · elapsed 12 s · ETA 18 s (early stopping may end sooner)',
    );
    expect(trainShareDone(run())).toBeCloseTo(0.4);
    // Its last round: the P90 model, a third of the work, is still to come.
    emit(round('p10', 100, 2 / 3, 20_000, 0));
    expect(trainProgressText(run())).toContain('elapsed 30 s · ETA 15 s');
    emit(round('p90', 100, 1, 20_000, 0));
    finish({ name: 'transit-delay', metrics: { history: [] } });
    await started;
  });

  it('says the model is being saved and registered once the rounds are over, not the last round’s estimate', async () => {
    const started = useTraining.getState().train('transit-delay');
    emit(round('model', 60, 0.6, 6_000, 4_000));
    emit({ jobId: 'j1', stage: 'saving', ...trainStep('saving', { dir: '/data/models/transit-delay/v1' }) });
    expect(trainProgressText(run())).toBe('Rounds done · saving the model and adding it to the registry…');
    expect(trainShareDone(run())).toBe(1);
    finish({ name: 'transit-delay', metrics: { history: [] } });
    await started;
  });

  it("takes the host's estimate over the parts to come, timed from the rounds, when it sends one", async () => {
    const started = useTraining.getState().train('transit-delay');
    // 10 s in, mostly binning the rows: spread over 1 % done, that would read as 16 minutes.
    emit({ ...round('model', 1, 0.01, 10_000, 1_000), etaAllMs: 5_000 });
    expect(trainProgressText(run())).toContain('elapsed 10 s · ETA 5 s');
    finish({ name: 'transit-delay', metrics: { history: [] } });
    await started;
  });
});
