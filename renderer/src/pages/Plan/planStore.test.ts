import { describe, expect, it, vi } from 'vitest';

// The store's one way out is `api.call`: each list request waits here until the test answers it.
const pending: { scenarioId: string; answer: (plans: unknown[]) => void }[] = [];
const handlers = new Map<string, (data: unknown) => void>();
let answerRunning: (r: { solves: { solveId: string; scenarioId: string | null }[] }) => void = () => {};
vi.mock('../../api/client', () => ({
  api: {
    on: (name: string, fn: (data: unknown) => void) => {
      handlers.set(name, fn);
      return () => handlers.delete(name);
    },
    call: (method: string, payload: { scenarioId: string }) =>
      method === 'plans.list'
        ? new Promise((answer) => pending.push({ scenarioId: payload.scenarioId, answer }))
        : method === 'plans.running'
          ? new Promise((answer) => (answerRunning = answer))
          : Promise.reject(new Error(`unexpected ${method}`)),
  },
}));
const { followPlans, usePlans } = await import('./planStore');

const item = (id: string, scenarioId: string) => ({ id, scenarioId, name: id });

describe('plan list of the selected scenario', () => {
  it('is not "listed" until its answer arrives, so the page never says "no plans" while reading', async () => {
    const done = usePlans.getState().refresh('a');
    expect(usePlans.getState().listedFor).toBeNull();
    expect(usePlans.getState().plans).toEqual([]);
    pending.shift()!.answer([item('p1', 'a'), item('p2', 'a')]);
    await done;
    expect(usePlans.getState().listedFor).toBe('a');
    expect(usePlans.getState().plans.map((p) => p.id)).toEqual(['p1', 'p2']);
  });

  it("another scenario's list is unknown until its own answer; a late answer for the old one writes nothing", async () => {
    const toA = usePlans.getState().refresh('a');
    const toB = usePlans.getState().refresh('b');
    expect(usePlans.getState().listedFor).toBeNull();
    const [forA, forB] = [pending.shift()!, pending.shift()!];
    forA.answer([item('p1', 'a')]);
    await toA;
    expect(usePlans.getState().listedFor).toBeNull();
    expect(usePlans.getState().plans).toEqual([]);
    forB.answer([]);
    await toB;
    expect(usePlans.getState().listedFor).toBe('b');
    expect(usePlans.getState().plans).toEqual([]);
  });

  it("learns of other windows' solves already running when it opens; an end told meanwhile wins", async () => {
    followPlans();
    // 'ended' finished while the answer was on its way; 'started' began after it was asked.
    handlers.get('plans.solving')!({ solveId: 'ended', scenarioId: 'a', running: false });
    handlers.get('plans.solving')!({ solveId: 'started', scenarioId: 'c', running: true });
    answerRunning({
      solves: [
        { solveId: 'long', scenarioId: 'b' },
        { solveId: 'ended', scenarioId: 'a' },
      ],
    });
    await vi.waitFor(() => expect(usePlans.getState().othersSolving).toEqual({ long: 'b', started: 'c' }));
    handlers.get('plans.solving')!({ solveId: 'long', scenarioId: 'b', running: false });
    expect(usePlans.getState().othersSolving).toEqual({ started: 'c' });
  });

  it('drops the plan shown when another window deletes it, and says so', () => {
    const plan = {} as never;
    usePlans.setState({ current: { id: 'p9', scenarioId: 'b', plan }, plans: [item('p9', 'b') as never] });
    handlers.get('plans.changed')!({ id: 'other', scenarioId: 'z', kind: 'deleted' });
    expect(usePlans.getState().current?.id).toBe('p9');
    handlers.get('plans.changed')!({ id: 'p9', scenarioId: 'z', kind: 'deleted' });
    expect(usePlans.getState().current).toBeNull();
    expect(usePlans.getState().error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('p9') });
  });
});
