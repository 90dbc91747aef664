import { app, utilityProcess } from 'electron';
import { fork } from 'node:child_process';
import type { ClientMessage, HostMessage } from '../core/contract/protocol';

type Envelope = { conn: number; msg?: HostMessage };

/** Heavy work the host runs now, by kind (solve, training, import); it reports each change. */
export type RunningWork = Readonly<Record<string, number>>;

/** What main needs of the host child, whichever way it was started. */
export interface HostChild {
  postMessage(data: unknown): void;
  onMessage(fn: (data: unknown) => void): void;
  onExit(fn: (code: number | null) => void): void;
  /** What the host writes to stderr (a start-up failure says why there, before any log exists). */
  onStderr(fn: (text: string) => void): void;
  kill(): void;
}

/** How long the host gets to stop cleanly on quit before it is killed [ms]. */
export const STOP_TIMEOUT_MS = 5000;
/** Restarts in a row, each within a minute of the last start, before main stops trying. */
export const MAX_RESTARTS = 5;
/** Lines of the host's stderr kept for the log line of its exit. */
const STDERR_LINES = 20;

export interface HostProcessOptions {
  /** One line in main's log (JSON lines beside the host's): exits, restarts, giving up. */
  log?(level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown>): void;
  /** The host failed MAX_RESTARTS times in a row: tell the planner once, instead of restarting. */
  onGiveUp?(): void;
  /** The child to run (tests pass a fake). */
  spawn?(script: string, env: NodeJS.ProcessEnv): HostChild;
}

/**
 * Packaged: a utilityProcess (native modules rebuilt for Electron at packaging). Development:
 * the system Node (RAKEPLAN_NODE, set by scripts/start.mjs), because node_modules holds native
 * modules built for Node's ABI — the one the tests use.
 */
function spawnHost(script: string, env: NodeJS.ProcessEnv): HostChild {
  const devNode = process.env.RAKEPLAN_NODE;
  if (!app.isPackaged && devNode) {
    const child = fork(script, [], { execPath: devNode, env, stdio: ['inherit', 'inherit', 'pipe', 'ipc'] });
    return {
      postMessage: (d) => void (child.connected && child.send(d as object)),
      onMessage: (fn) => void child.on('message', fn),
      onExit: (fn) => void child.on('exit', fn),
      onStderr: (fn) => void child.stderr?.on('data', (d: Buffer) => fn(d.toString())),
      kill: () => void child.kill('SIGKILL'),
    };
  }
  const child = utilityProcess.fork(script, [], {
    serviceName: 'RakePlan host',
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  return {
    postMessage: (d) => child.postMessage(d),
    onMessage: (fn) => void child.on('message', fn),
    onExit: (fn) => void child.on('exit', fn),
    onStderr: (fn) => void child.stderr?.on('data', (d: Buffer) => fn(d.toString())),
    kill: () => void child.kill(),
  };
}

/**
 * The core host as a child process. Main only relays: it keeps which calls each window has in
 * flight so that, if the host dies, those calls fail at once with a clear error, and it restarts
 * the host with exponential backoff (0.5 s … 30 s; reset after a minute of good health), giving up
 * after MAX_RESTARTS failures in a row. On quit it asks the host to stop cleanly and does not
 * restart it.
 */
export class HostProcess {
  private child: HostChild | null = null;
  private restarts = 0;
  private startedAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | null = null;
  private stopped: (() => void) | null = null;
  private gaveUp = false;
  private work: RunningWork = {};
  private stderr: string[] = [];
  private readonly inflight = new Map<number, Set<number>>();

  constructor(
    private readonly script: string,
    private readonly env: Record<string, string>,
    private readonly deliver: (conn: number, msg: HostMessage) => void,
    private readonly opts: HostProcessOptions = {},
  ) {}

  start(): void {
    this.startedAt = Date.now();
    this.stderr = [];
    const child = (this.opts.spawn ?? spawnHost)(this.script, { ...process.env, ...this.env });
    this.child = child;
    child.onStderr((text) => {
      process.stderr.write(text);
      this.stderr.push(...text.split('\n').filter(Boolean));
      this.stderr.splice(0, this.stderr.length - STDERR_LINES);
    });
    child.onMessage((raw) => {
      const data = raw as Envelope | { ready: true } | { running: RunningWork };
      if ('ready' in data) return;
      if ('running' in data) {
        this.work = data.running;
        return;
      }
      const { conn, msg } = data;
      if (!msg) return;
      if (msg.type === 'reply' || msg.type === 'error') this.inflight.get(conn)?.delete(msg.id);
      this.deliver(conn, msg);
    });
    child.onExit((code) => {
      this.child = null;
      this.work = {};
      if (this.stopping) {
        this.opts.log?.('info', 'host stopped', { code });
        this.failInflight('RakePlan is closing.');
        this.stopped?.();
        return;
      }
      if (Date.now() - this.startedAt > 60_000) this.restarts = 0;
      const stderr = this.stderr;
      if (this.restarts >= MAX_RESTARTS) {
        this.gaveUp = true;
        this.opts.log?.('error', 'host exited; not restarting it again', { code, restarts: this.restarts, stderr });
        this.failInflight(`The RakePlan host stopped (exit code ${code}) and could not be restarted.`);
        this.opts.onGiveUp?.();
        return;
      }
      const delay = Math.min(30_000, 500 * 2 ** this.restarts++);
      this.opts.log?.('error', 'host exited; restarting it', { code, restartInMs: delay, stderr });
      this.failInflight(`The RakePlan host stopped (exit code ${code}); it is restarting. Try again in a moment.`);
      this.restartTimer = setTimeout(() => this.start(), delay);
    });
  }

  /** Heavy work the host runs now: main asks the planner before quitting while any runs. */
  running(): RunningWork {
    return this.work;
  }

  /**
   * On quit: never restart again, ask the host to stop cleanly (it aborts its work and closes the
   * database), and kill it if it has not exited within `timeoutMs`. Resolves once it is gone.
   */
  stop(timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
    if (this.stopping) return this.stopping;
    clearTimeout(this.restartTimer);
    const child = this.child;
    this.stopping = new Promise((resolve) => {
      if (!child) return resolve();
      const timer = setTimeout(() => child.kill(), timeoutMs);
      this.stopped = () => {
        clearTimeout(timer);
        resolve();
      };
      child.postMessage({ shutdown: true });
    });
    return this.stopping;
  }

  send(conn: number, msg: ClientMessage): void {
    if (!this.child) {
      const message = this.gaveUp
        ? 'The RakePlan host could not be started. Close RakePlan and start it again.'
        : 'The RakePlan host is restarting; try again in a moment.';
      if (msg.type === 'call')
        this.deliver(conn, { type: 'error', id: msg.id, error: { code: 'UNAVAILABLE', message } });
      return;
    }
    if (msg.type === 'call') {
      let set = this.inflight.get(conn);
      if (!set) this.inflight.set(conn, (set = new Set()));
      set.add(msg.id);
    }
    this.child.postMessage({ conn, msg });
  }

  closeConnection(conn: number): void {
    this.inflight.delete(conn);
    this.child?.postMessage({ conn, closed: true });
  }

  private failInflight(message: string): void {
    for (const [conn, ids] of this.inflight) {
      for (const id of ids) this.deliver(conn, { type: 'error', id, error: { code: 'INTERNAL', message } });
      ids.clear();
    }
  }
}
