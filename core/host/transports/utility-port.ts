import type { ClientMessage, HostMessage, HostPort } from '../../contract/protocol';

/**
 * Electron's utilityProcess gives the child `process.parentPort`. Main multiplexes every window
 * over it as `{conn, msg}` envelopes; each window is one connection of the host.
 */
export interface ParentPort {
  on(event: 'message', fn: (e: { data: unknown }) => void): void;
  postMessage(data: unknown): void;
}

export type Envelope = { conn: number; msg?: ClientMessage; closed?: true };

/** Serve each window's connection; the returned function closes them all (the host is stopping). */
export function servePerConnection(parentPort: ParentPort, connect: (port: HostPort) => void): () => void {
  const conns = new Map<number, { listeners: Set<(m: ClientMessage) => void>; closers: Set<() => void> }>();
  parentPort.on('message', ({ data }) => {
    const env = data as Envelope;
    if (typeof env?.conn !== 'number') return;
    let c = conns.get(env.conn);
    if (env.closed) {
      c?.closers.forEach((fn) => fn());
      conns.delete(env.conn);
      return;
    }
    if (!c) {
      const entry = { listeners: new Set<(m: ClientMessage) => void>(), closers: new Set<() => void>() };
      conns.set(env.conn, (c = entry));
      connect({
        send: (msg: HostMessage) => parentPort.postMessage({ conn: env.conn, msg }),
        onMessage: (fn) => (entry.listeners.add(fn), () => void entry.listeners.delete(fn)),
        onClose: (fn) => (entry.closers.add(fn), () => void entry.closers.delete(fn)),
      });
    }
    if (env.msg) c.listeners.forEach((fn) => fn(env.msg!));
  });
  return () => {
    for (const c of conns.values()) c.closers.forEach((fn) => fn());
    conns.clear();
  };
}
