import { describe, expect, it, vi } from 'vitest';

// The host as a page sees it that opened before any training started: nothing runs at load.
const handlers = new Map<string, (data: unknown) => void>();
const calls: string[] = [];
let latest: { version: string } | null = null;
vi.mock('../../api/client', () => ({
  api: {
    call: async (method: string) => {
      calls.push(method);
      if (method === 'training.specs')
        return [
          { name: 'demand', latest },
          { name: 'transit-delay', latest: null },
        ];
      if (method === 'scenarios.historyInfo') return { synthetic: null };
      if (method === 'training.jobs') return [];
      throw new Error(`unexpected ${method}`);
    },
    on: (name: string, fn: (data: unknown) => void) => {
      handlers.set(name, fn);
      return () => handlers.delete(name);
    },
  },
}));
const { useTraining } = await import('./TrainStore');

describe('a training another window starts after this page loaded', () => {
  it('is followed from its first broadcast round, so this page shows it and cannot start a second', async () => {
    await useTraining.getState().load();
    expect(useTraining.getState().runs).toEqual({});
    const round = { jobId: 'j2', name: 'transit-delay', stage: 'training', part: 'model', round: 3, rounds: 300 };
    handlers.get('training.progress')!({ ...round, done: 0.01, trainLoss: 5, validLoss: 6, elapsedMs: 30, etaMs: 1 });
    expect(useTraining.getState().runs['transit-delay']).toMatchObject({ ctrl: null, jobId: 'j2', last: { round: 3 } });
    // A model this page does not list is not made up.
    handlers.get('training.progress')!({ ...round, jobId: 'j3', name: 'unknown-model', done: 0.01 });
    expect(useTraining.getState().runs['unknown-model']).toBeUndefined();
    const result = { jobId: 'j2', name: 'transit-delay', version: 'v1', registryVersion: 1, metrics: { history: [] } };
    handlers.get('training.finished')!({ jobId: 'j2', name: 'transit-delay', status: 'succeeded', result });
    expect(useTraining.getState().runs['transit-delay']).toBeUndefined();
    expect(useTraining.getState().results['transit-delay']).toBe(result);
    // A round that arrives after the end does not bring the ended training back.
    handlers.get('training.progress')!({ ...round, round: 4, done: 0.02 });
    expect(useTraining.getState().runs['transit-delay']).toBeUndefined();
  });

  it('that ended before this page could follow it still updates the newest version shown', async () => {
    await useTraining.getState().load();
    latest = { version: 'v20260101-000000-000' };
    calls.length = 0;
    handlers.get('training.finished')!({ jobId: 'j4', name: 'demand', status: 'succeeded', result: {} });
    await vi.waitFor(() => expect(useTraining.getState().specs[0]!.latest).toEqual(latest));
    expect(calls).toContain('training.specs');
  });
});
