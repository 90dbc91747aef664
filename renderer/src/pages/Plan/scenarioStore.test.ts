import { describe, expect, it, vi } from 'vitest';

// The store's one way out is `api.call`: the list request waits here until the test answers it.
const pending: ((list: unknown[]) => void)[] = [];
vi.mock('../../api/client', () => ({
  api: {
    call: (method: string) =>
      method === 'scenarios.list'
        ? new Promise((answer) => pending.push(answer))
        : Promise.reject(new Error(`unexpected ${method}`)),
  },
}));
const { useScenarios } = await import('./scenarioStore');

describe('scenario list', () => {
  it('is not "listed" until its first answer arrives, so "no scenarios yet" is never a guess', async () => {
    const done = useScenarios.getState().refresh();
    expect(useScenarios.getState().listed).toBe(false);
    pending.shift()!([]);
    await done;
    expect(useScenarios.getState().listed).toBe(true);
    expect(useScenarios.getState().list).toEqual([]);
    expect(useScenarios.getState().selectedId).toBeNull();
  });
});
