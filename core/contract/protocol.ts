import type { ContractErrorData } from './errors';

/**
 * The wire messages. Electron IPC and the WebSocket carry exactly these shapes, so one client and
 * one dispatcher serve both transports.
 */
export type ClientMessage =
  { type: 'call'; id: number; name: string; payload: unknown } | { type: 'cancel'; id: number };

export type HostMessage =
  | { type: 'reply'; id: number; result: unknown }
  | { type: 'error'; id: number; error: ContractErrorData }
  | { type: 'progress'; id: number; data: unknown }
  | { type: 'push'; name: string; data: unknown };

/** Client side of a transport: send calls, receive replies and pushes. */
export interface Transport {
  send(msg: ClientMessage): void;
  onMessage(listener: (msg: HostMessage) => void): () => void;
  /** Called when the transport drops; pending calls fail with INTERNAL. */
  onClose?(listener: (reason: string) => void): () => void;
}

/** Host side of one connection. */
export interface HostPort {
  send(msg: HostMessage): void;
  onMessage(listener: (msg: ClientMessage) => void): () => void;
  onClose(listener: () => void): () => void;
}

/** Cheap structural check for messages arriving from an untrusted peer. */
export function isClientMessage(value: unknown): value is ClientMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (!Number.isSafeInteger(m.id)) return false;
  if (m.type === 'cancel') return true;
  return m.type === 'call' && typeof m.name === 'string' && m.name.length <= 128;
}
