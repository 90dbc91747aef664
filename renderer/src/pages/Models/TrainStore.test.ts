import { describe, expect, it, vi } from 'vitest';

// The host as the store sees it: one running demand training found at load, and its events.
const handlers = new Map<string, (data: unknown) => void>();
vi.mock('../../api/client', () => ({
  api: {
    call: async (method: string) => {
      if (method === 'training.specs') return [{ name: 'demand' }];
      if (method === 'scenarios.historyInfo') return { synthetic: null };
      if (method === 'training.jobs') return [{ jobId: 'j1', name: 'demand', status: 'running' }];
      throw new Error(`unexpected ${method}`);
    },
    on: (name: string, fn: (data: unknown) => void) => {
      handlers.set(name, fn);
      return () => handlers.delete(name);
    },
  },
}));
const { useTraining } = await import('./TrainStore');

describe('a training this window did not start', () => {
  it('is followed while it runs and, when it succeeds, shows its result like one started here', async () => {
    await useTraining.getState().load();
    expect(useTraining.getState().runs.demand).toMatchObject({ ctrl: null, jobId: 'j1' });
    const last = { jobId: 'j1', stage: 'training', part: 'model', round: 40, rounds: 40, trainLoss: 1, validLoss: 2 };
    handlers.get('training.progress')!(last);
    expect(useTraining.getState().runs.demand?.history).toEqual([{ round: 40, trainLoss: 1, validLoss: 2 }]);
    // The P90 side model trains after the main one: its rounds are not the main model's.
    handlers.get('training.progress')!({ ...last, part: 'p90', round: 162, rounds: 300 });
    const result = { jobId: 'j1', name: 'demand', version: 'v9', registryVersion: 3, metrics: { history: [] } };
    handlers.get('training.finished')!({ jobId: 'j1', name: 'demand', status: 'succeeded', result });
    const s = useTraining.getState();
    expect(s.runs.demand).toBeUndefined();
    expect(s.results.demand).toBe(result);
    expect(s.finalProgress.demand).toMatchObject({ part: 'model', round: 40, rounds: 40 });
    expect(s.outcome.demand).toBeUndefined();
  });
});
