import { describe, expect, it } from 'vitest';
import { runAsSingleInstance } from './single-instance';

/** A stand-in for Electron's app: records what main asked of it, in order. */
function fakeApp(lock: boolean) {
  const calls: string[] = [];
  return {
    calls,
    app: {
      requestSingleInstanceLock: () => {
        calls.push('lock');
        return lock;
      },
      quit: () => {
        calls.push('quit');
      },
    },
  };
}

describe('single instance', () => {
  it('a second instance quits and exits without starting anything', () => {
    const { app, calls } = fakeApp(false);
    const ran = runAsSingleInstance(
      app,
      () => calls.push('start'),
      (code) => calls.push(`exit ${code}`),
    );
    expect(ran).toBe(false);
    expect(calls).toEqual(['lock', 'quit', 'exit 0']);
  });

  it('the first instance starts, and neither quits nor exits', () => {
    const { app, calls } = fakeApp(true);
    const ran = runAsSingleInstance(
      app,
      () => calls.push('start'),
      (code) => calls.push(`exit ${code}`),
    );
    expect(ran).toBe(true);
    expect(calls).toEqual(['lock', 'start']);
  });
});
