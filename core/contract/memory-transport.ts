import type { ClientMessage, HostMessage, HostPort, Transport } from './protocol';

/**
 * A connected client/host pair in one process. Messages are cloned and delivered on a later
 * microtask, as they would be across a real boundary, so tests see the same ordering and no
 * shared object references.
 */
export function createMemoryPair(): { transport: Transport; port: HostPort; close(): void } {
  const toHost = new Set<(m: ClientMessage) => void>();
  const toClient = new Set<(m: HostMessage) => void>();
  const closeHost = new Set<() => void>();
  const closeClient = new Set<(reason: string) => void>();
  let open = true;
  const deliver = <M>(listeners: Set<(m: M) => void>, msg: M) => {
    if (!open) return;
    const copy = structuredClone(msg);
    queueMicrotask(() => listeners.forEach((fn) => fn(copy)));
  };
  const sub = <F>(set: Set<F>, fn: F) => {
    set.add(fn);
    return () => void set.delete(fn);
  };
  return {
    transport: {
      send: (m) => deliver(toHost, m),
      onMessage: (fn) => sub(toClient, fn),
      onClose: (fn) => sub(closeClient, fn),
    },
    port: {
      send: (m) => deliver(toClient, m),
      onMessage: (fn) => sub(toHost, fn),
      onClose: (fn) => sub(closeHost, fn),
    },
    close() {
      if (!open) return;
      open = false;
      closeHost.forEach((fn) => fn());
      closeClient.forEach((fn) => fn('closed'));
    },
  };
}
