import { app, utilityProcess } from 'electron';
import { fork } from 'node:child_process';
import type { ClientMessage, HostMessage } from '../core/contract/protocol';

type Envelope = { conn: number; msg?: HostMessage };

/** What main needs of the host child, whichever way it was started. */
interface HostChild {
  postMessage(data: unknown): void;
  onMessage(fn: (data: unknown) => void): void;
  onExit(fn: (code: number | null) => void): void;
}

/**
 * Packaged: a utilityProcess (native modules rebuilt for Electron at packaging). Development:
 * the system Node (RAKEPLAN_NODE, set by scripts/start.mjs), because node_modules holds native
 * modules built for Node's ABI — the one the tests use.
 */
function spawnHost(script: string, env: NodeJS.ProcessEnv): HostChild {
  const devNode = process.env.RAKEPLAN_NODE;
  if (!app.isPackaged && devNode) {
    const child = fork(script, [], { execPath: devNode, env, stdio: 'inherit' });
    return {
      postMessage: (d) => void (child.connected && child.send(d as object)),
      onMessage: (fn) => void child.on('message', fn),
      onExit: (fn) => void child.on('exit', fn),
    };
  }
  const child = utilityProcess.fork(script, [], { serviceName: 'RakePlan host', env, stdio: 'inherit' });
  return {
    postMessage: (d) => child.postMessage(d),
    onMessage: (fn) => void child.on('message', fn),
    onExit: (fn) => void child.on('exit', fn),
  };
}

/**
 * The core host as a child process. Main only relays: it keeps which calls each window has in
 * flight so that, if the host dies, those calls fail at once with a clear error, and it restarts
 * the host with exponential backoff (0.5 s … 30 s; reset after a minute of good health).
 */
export class HostProcess {
  private child: HostChild | null = null;
  private restarts = 0;
  private startedAt = 0;
  private readonly inflight = new Map<number, Set<number>>();

  constructor(
    private readonly script: string,
    private readonly env: Record<string, string>,
    private readonly deliver: (conn: number, msg: HostMessage) => void,
  ) {}

  start(): void {
    this.startedAt = Date.now();
    const child = spawnHost(this.script, { ...process.env, ...this.env });
    this.child = child;
    child.onMessage((raw) => {
      const data = raw as Envelope | { ready: true };
      if ('ready' in data) return;
      const { conn, msg } = data;
      if (!msg) return;
      if (msg.type === 'reply' || msg.type === 'error') this.inflight.get(conn)?.delete(msg.id);
      this.deliver(conn, msg);
    });
    child.onExit((code) => {
      this.child = null;
      this.failInflight(`The RakePlan host stopped (exit code ${code}); it is restarting. Try again in a moment.`);
      if (Date.now() - this.startedAt > 60_000) this.restarts = 0;
      const delay = Math.min(30_000, 500 * 2 ** this.restarts++);
      setTimeout(() => this.start(), delay);
    });
  }

  send(conn: number, msg: ClientMessage): void {
    if (!this.child) {
      if (msg.type === 'call')
        this.deliver(conn, {
          type: 'error',
          id: msg.id,
          error: { code: 'UNAVAILABLE', message: 'The RakePlan host is restarting; try again in a moment.' },
        });
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
