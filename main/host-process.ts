import { utilityProcess, type UtilityProcess } from 'electron';
import type { ClientMessage, HostMessage } from '../core/contract/protocol';

type Envelope = { conn: number; msg?: HostMessage };

/**
 * The core host as a utilityProcess. Main only relays: it keeps which calls each window has in
 * flight so that, if the host dies, those calls fail at once with a clear error, and it restarts
 * the host with exponential backoff (0.5 s … 30 s; reset after a minute of good health).
 */
export class HostProcess {
  private child: UtilityProcess | null = null;
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
    const child = utilityProcess.fork(this.script, [], { serviceName: 'RakePlan host', env: { ...process.env, ...this.env }, stdio: 'inherit' });
    this.child = child;
    child.on('message', (data: Envelope | { ready: true }) => {
      if ('ready' in data) return;
      const { conn, msg } = data;
      if (!msg) return;
      if (msg.type === 'reply' || msg.type === 'error') this.inflight.get(conn)?.delete(msg.id);
      this.deliver(conn, msg);
    });
    child.on('exit', (code) => {
      this.child = null;
      this.failInflight(`The RakePlan host stopped (exit code ${code}); it is restarting. Try again in a moment.`);
      if (Date.now() - this.startedAt > 60_000) this.restarts = 0;
      const delay = Math.min(30_000, 500 * 2 ** this.restarts++);
      setTimeout(() => this.start(), delay);
    });
  }

  send(conn: number, msg: ClientMessage): void {
    if (!this.child) {
      if (msg.type === 'call') this.deliver(conn, { type: 'error', id: msg.id, error: { code: 'UNAVAILABLE', message: 'The RakePlan host is restarting; try again in a moment.' } });
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
