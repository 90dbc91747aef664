import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostMessage } from '../core/contract/protocol';
import { HostProcess, MAX_RESTARTS, type HostChild } from './host-process';

vi.mock('electron', () => ({ app: { isPackaged: false }, utilityProcess: {} }));

/** The host child as main sees it, driven by the test. */
class FakeChild implements HostChild {
  readonly sent: unknown[] = [];
  killed = false;
  private message: (data: unknown) => void = () => {};
  private exit: (code: number | null) => void = () => {};
  private stderr: (text: string) => void = () => {};
  postMessage(data: unknown): void {
    this.sent.push(data);
  }
  onMessage(fn: (data: unknown) => void): void {
    this.message = fn;
  }
  onExit(fn: (code: number | null) => void): void {
    this.exit = fn;
  }
  onStderr(fn: (text: string) => void): void {
    this.stderr = fn;
  }
  kill(): void {
    this.killed = true;
    this.exit(null);
  }
  fromHost(data: unknown): void {
    this.message(data);
  }
  exits(code: number | null): void {
    this.exit(code);
  }
  writesToStderr(text: string): void {
    this.stderr(text);
  }
}

function hostWithFakes() {
  const children: FakeChild[] = [];
  const delivered: { conn: number; msg: HostMessage }[] = [];
  const logged: { level: string; msg: string; fields: Record<string, unknown> }[] = [];
  const onGiveUp = vi.fn();
  const host = new HostProcess('host.js', {}, (conn, msg) => delivered.push({ conn, msg }), {
    log: (level, msg, fields) => logged.push({ level, msg, fields }),
    onGiveUp,
    spawn: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
  });
  host.start();
  return { host, children, delivered, logged, onGiveUp, child: () => children.at(-1)! };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('host process: quitting', () => {
  it('knows what heavy work the host runs, and that none runs once it has exited', () => {
    const { host, child } = hostWithFakes();
    expect(host.running()).toEqual({});
    child().fromHost({ running: { solve: 0, training: 1, import: 0 } });
    expect(host.running()).toEqual({ solve: 0, training: 1, import: 0 });
    child().exits(1);
    expect(host.running()).toEqual({});
  });

  it('asks the host to shut down, fails calls still in flight, and never restarts it', async () => {
    const { host, children, child, delivered } = hostWithFakes();
    host.send(3, { type: 'call', id: 9, name: 'plans.solve', payload: {} });
    const stopped = host.stop();
    expect(child().sent.at(-1)).toEqual({ shutdown: true });
    child().exits(0);
    await stopped;
    expect(delivered).toEqual([
      { conn: 3, msg: { type: 'error', id: 9, error: { code: 'INTERNAL', message: 'RakePlan is closing.' } } },
    ]);
    await vi.runAllTimersAsync();
    expect(children).toHaveLength(1);
    expect(child().killed).toBe(false);
  });

  it('kills a host that has not exited when the time is up', async () => {
    const { host, child } = hostWithFakes();
    const stopped = host.stop(5000);
    await vi.advanceTimersByTimeAsync(4999);
    expect(child().killed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(child().killed).toBe(true);
    await stopped;
  });

  it('does not restart a host that died before the quit, once the quit began', async () => {
    const { host, children, child } = hostWithFakes();
    child().exits(134); // a restart is now scheduled
    await host.stop();
    await vi.runAllTimersAsync();
    expect(children).toHaveLength(1);
  });
});

describe('host process: failures', () => {
  it('fails the calls in flight at once when the host dies, and restarts it after 0.5 s, then 1 s', async () => {
    const { host, children, child, delivered } = hostWithFakes();
    host.send(2, { type: 'call', id: 1, name: 'plans.solve', payload: {} });
    host.send(2, { type: 'call', id: 2, name: 'health.get', payload: {} });
    child().fromHost({ conn: 2, msg: { type: 'reply', id: 2, result: {} } });
    child().exits(134);
    expect(delivered.at(-1)).toEqual({
      conn: 2,
      msg: {
        type: 'error',
        id: 1,
        error: {
          code: 'INTERNAL',
          message: 'The RakePlan host stopped (exit code 134); it is restarting. Try again in a moment.',
        },
      },
    });
    expect(delivered).toHaveLength(2); // the answered call is not failed again
    host.send(2, { type: 'call', id: 3, name: 'health.get', payload: {} });
    expect(delivered.at(-1)).toMatchObject({ msg: { type: 'error', id: 3, error: { code: 'UNAVAILABLE' } } });
    await vi.advanceTimersByTimeAsync(499);
    expect(children).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(children).toHaveLength(2);
    child().exits(134);
    await vi.advanceTimersByTimeAsync(999);
    expect(children).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(children).toHaveLength(3);
  });

  it('starts the backoff again after a minute of good health', async () => {
    const { children, child } = hostWithFakes();
    child().exits(1);
    await vi.advanceTimersByTimeAsync(500);
    child().exits(1); // the next wait would be 1 s …
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(60_001);
    child().exits(1); // … but after a good minute it is 0.5 s again
    await vi.advanceTimersByTimeAsync(500);
    expect(children).toHaveLength(4);
  });

  it("logs each exit with the end of the host's stderr", () => {
    const { child, logged } = hostWithFakes();
    vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    child().writesToStderr('loading\nError: better_sqlite3.node was compiled against a different Node.js version\n');
    child().exits(1);
    expect(logged).toEqual([
      {
        level: 'error',
        msg: 'host exited; restarting it',
        fields: {
          code: 1,
          restartInMs: 500,
          stderr: ['loading', 'Error: better_sqlite3.node was compiled against a different Node.js version'],
        },
      },
    ]);
  });

  it('gives up after repeated failed restarts: tells the planner once and answers calls at once', async () => {
    const { host, children, child, delivered, onGiveUp, logged } = hostWithFakes();
    for (let i = 0; i < MAX_RESTARTS; i++) {
      child().exits(1);
      await vi.runAllTimersAsync();
    }
    expect(children).toHaveLength(MAX_RESTARTS + 1);
    expect(onGiveUp).not.toHaveBeenCalled();
    child().exits(1);
    await vi.runAllTimersAsync();
    expect(children).toHaveLength(MAX_RESTARTS + 1);
    expect(onGiveUp).toHaveBeenCalledOnce();
    expect(logged.at(-1)).toMatchObject({ level: 'error', msg: 'host exited; not restarting it again' });
    host.send(1, { type: 'call', id: 4, name: 'health.get', payload: {} });
    expect(delivered.at(-1)).toMatchObject({ conn: 1, msg: { type: 'error', id: 4, error: { code: 'UNAVAILABLE' } } });
  });
});
