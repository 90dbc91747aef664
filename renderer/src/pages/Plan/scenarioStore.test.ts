import { describe, expect, it, vi } from 'vitest';

// The store's one way out is `api.call`: the list request waits here until the test answers it.
const pending: ((list: unknown[]) => void)[] = [];
const calls: string[] = [];
vi.mock('../../api/client', () => ({
  api: {
    call: (method: string) => {
      calls.push(method);
      return method === 'scenarios.list'
        ? new Promise((answer) => pending.push(answer))
        : Promise.reject(new Error(`unexpected ${method}`));
    },
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

  it('is asked for once when the Forecasts page opens, its two panels asking together, and not again once listed', async () => {
    useScenarios.setState({ list: [], listed: false, selectedId: null, error: null });
    calls.length = 0;
    // The indent panel and the operational forecasts each ask as they mount.
    const both = [useScenarios.getState().ensureListed(), useScenarios.getState().ensureListed()];
    expect(calls).toEqual(['scenarios.list']);
    pending.shift()!([]);
    await Promise.all(both);
    await useScenarios.getState().ensureListed();
    expect(calls).toEqual(['scenarios.list']);
    expect(useScenarios.getState().listed).toBe(true);
  });
});
