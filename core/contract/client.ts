import type { ContractErrorData } from './errors';
import { ContractError } from './errors';
import type { Contract, Events } from './index';
import type { PayloadOf, ProgressOf, ResultOf } from './define';
import type { HostMessage, Transport } from './protocol';

export interface CallOptions<P> {
  /** Aborting sends a cancel; the call then rejects with CANCELLED. */
  signal?: AbortSignal;
  onProgress?: (progress: P) => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: ContractError): void;
  onProgress?: (data: unknown) => void;
  cleanup(): void;
}

/**
 * The typed client: `call('health.get', {})` is checked against the contract at compile time,
 * so a renamed call breaks the build, not the planner's screen.
 */
export class RakeplanClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<(data: unknown) => void>>();

  constructor(private readonly transport: Transport) {
    transport.onMessage((msg) => this.receive(msg));
    transport.onClose?.((reason) =>
      this.failAll({ code: 'INTERNAL', message: `Connection to the RakePlan host lost: ${reason}` }),
    );
  }

  call<K extends keyof Contract & string>(
    name: K,
    payload: PayloadOf<Contract[K]>,
    options: CallOptions<ProgressOf<Contract[K]>> = {},
  ): Promise<ResultOf<Contract[K]>> {
    const id = this.nextId++;
    const { signal, onProgress } = options;
    if (signal?.aborted)
      return Promise.reject(new ContractError('CANCELLED', 'The call was cancelled before it started.'));
    return new Promise<ResultOf<Contract[K]>>((resolve, reject) => {
      const onAbort = () => this.transport.send({ type: 'cancel', id });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        onProgress: onProgress as ((d: unknown) => void) | undefined,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      this.transport.send({ type: 'call', id, name, payload });
    });
  }

  on<E extends keyof Events & string>(event: E, listener: (data: Events[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const fn = listener as (data: unknown) => void;
    set.add(fn);
    return () => set.delete(fn);
  }

  private receive(msg: HostMessage): void {
    if (msg.type === 'push') {
      for (const fn of this.listeners.get(msg.name) ?? []) fn(msg.data);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.data);
      return;
    }
    this.pending.delete(msg.id);
    p.cleanup();
    if (msg.type === 'reply') p.resolve(msg.result);
    else p.reject(ContractError.fromData(msg.error));
  }

  private failAll(error: ContractErrorData): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.cleanup();
      p.reject(ContractError.fromData(error));
    }
  }
}
