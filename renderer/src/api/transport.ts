import type { PreloadApi } from '../../../core/contract/preload-api';
import { callTooLarge } from '../../../core/contract/call-gate';
import { callMessageLimit, exceedsCallLimit } from '../../../core/contract/limits';
import type { ClientMessage, HostMessage, Transport } from '../../../core/contract/protocol';

declare global {
  interface Window {
    rakeplan?: PreloadApi;
  }
}

/** `no-token`: the page was opened without the launch's key, so no connection is tried. */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorised' | 'no-token';

/** Electron: the preload object carries the contract's messages over IPC. */
export function ipcTransport(api: PreloadApi): Transport {
  return { send: (m) => api.send(m), onMessage: (fn) => api.onMessage(fn) };
}

/** The per-launch token arrives in the URL fragment; keep it for reloads and take it off the address bar. */
export function takeToken(): string | null {
  const token = /(?:^#|&)token=([0-9a-f]+)/.exec(window.location.hash)?.[1];
  if (token) {
    sessionStorage.setItem('rakeplan.token', token);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return sessionStorage.getItem('rakeplan.token');
}

/**
 * Browser mode: the same messages over a WebSocket to the host that served this page. Messages
 * sent while connecting are queued; a dropped socket fails pending calls (the client does that
 * through onClose) and reconnects with backoff.
 */
export function wsTransport(token: string | null, onState: (s: ConnectionState) => void): Transport {
  const listeners = new Set<(m: HostMessage) => void>();
  const closers = new Set<(reason: string) => void>();
  let queue: ClientMessage[] = [];
  let ws: WebSocket | null = null;
  let attempt = 0;

  const connect = () => {
    if (!token) {
      onState('no-token');
      return;
    }
    onState('connecting');
    const url = `ws://${window.location.host}/ws?token=${encodeURIComponent(token)}`;
    const sock = new WebSocket(url);
    ws = sock;
    let opened = false;
    sock.onopen = () => {
      opened = true;
      attempt = 0;
      onState('open');
      for (const m of queue) sock.send(JSON.stringify(m));
      queue = [];
    };
    sock.onmessage = (e) => {
      const msg = JSON.parse(String(e.data)) as HostMessage;
      listeners.forEach((fn) => fn(msg));
    };
    sock.onclose = () => {
      ws = null;
      closers.forEach((fn) => fn(opened ? 'the connection closed' : 'the host refused the connection'));
      if (!opened && attempt >= 2) {
        onState('unauthorised');
        return;
      }
      onState('closed');
      setTimeout(connect, Math.min(10_000, 300 * 2 ** attempt++));
    };
  };
  connect();

  return {
    send(msg) {
      const text = JSON.stringify(msg);
      // The host would refuse a call past its limit (or drop the connection on a frame past the
      // largest): answer it here, as the host would, instead of sending it.
      if (msg.type === 'call' && exceedsCallLimit(text, callMessageLimit(msg.name))) {
        const refusal = callTooLarge(msg.id, msg.name, new TextEncoder().encode(text).length);
        listeners.forEach((fn) => fn(refusal));
      } else if (ws && ws.readyState === WebSocket.OPEN) ws.send(text);
      else queue.push(msg);
    },
    onMessage: (fn) => (listeners.add(fn), () => void listeners.delete(fn)),
    onClose: (fn) => (closers.add(fn), () => void closers.delete(fn)),
  };
}
