import { describe, expect, it, vi } from 'vitest';
import { guardQuit, quitQuestion, type QuitDeps } from './quit';

describe('quit question', () => {
  it('asks only while heavy work runs, naming it', () => {
    expect(quitQuestion({})).toBeNull();
    expect(quitQuestion({ solve: 0, training: 0, import: 0 })).toBeNull();
    expect(quitQuestion({ solve: 0, training: 1 })).toBe('A training is still running. Quitting RakePlan stops it.');
    expect(quitQuestion({ solve: 2, training: 1, import: 0 })).toBe(
      '2 solves and a training are still running. Quitting RakePlan stops them.',
    );
    expect(quitQuestion({ history: 1, batch: 0 })).toBe(
      'A history export or generation is still running. Quitting RakePlan stops it.',
    );
    // A forecast read of a second or two is not worth a question.
    expect(quitQuestion({ indent: 1, demandSeries: 2 })).toBeNull();
  });
});

function quitWith(running: Record<string, number>, answer: boolean) {
  let beforeQuit: (event: { preventDefault(): void }) => void = () => {};
  let hostStopped!: () => void;
  const deps = {
    onBeforeQuit: (fn) => void (beforeQuit = fn),
    running: () => running,
    confirm: vi.fn(() => answer),
    stopHost: vi.fn(() => new Promise<void>((r) => (hostStopped = r))),
    quit: vi.fn(),
    stay: vi.fn(),
  } satisfies QuitDeps;
  guardQuit(deps);
  /** One before-quit event; true when it was let through (the app really quits). */
  const attempt = () => {
    let prevented = false;
    beforeQuit({ preventDefault: () => (prevented = true) });
    return !prevented;
  };
  return { deps, attempt, hostStopped: () => hostStopped() };
}

describe('quit guard', () => {
  it('stops the host cleanly before the app quits, asking nothing when nothing runs', async () => {
    const { deps, attempt, hostStopped } = quitWith({ training: 0 }, false);
    expect(attempt()).toBe(false);
    expect(deps.confirm).not.toHaveBeenCalled();
    expect(deps.stopHost).toHaveBeenCalledOnce();
    expect(attempt()).toBe(false); // a second quit while the host stops waits for it too
    expect(deps.stopHost).toHaveBeenCalledOnce();
    hostStopped();
    await vi.waitFor(() => expect(deps.quit).toHaveBeenCalledOnce());
    expect(attempt()).toBe(true);
  });

  it('keeps RakePlan open, with a window, when the planner declines to stop a running training', () => {
    const { deps, attempt } = quitWith({ training: 1 }, false);
    expect(attempt()).toBe(false);
    expect(deps.confirm).toHaveBeenCalledWith('A training is still running. Quitting RakePlan stops it.');
    expect(deps.stay).toHaveBeenCalledOnce();
    expect(deps.stopHost).not.toHaveBeenCalled();
  });

  it('stops the host when the planner confirms', () => {
    const { deps, attempt } = quitWith({ solve: 1 }, true);
    expect(attempt()).toBe(false);
    expect(deps.stopHost).toHaveBeenCalledOnce();
    expect(deps.stay).not.toHaveBeenCalled();
  });
});
