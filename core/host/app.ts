import type { z } from 'zod';
import type { CallDef, CallTable, ParsedPayloadOf, ProgressOf, ResultOf } from '../contract/define';

type AnyCallDef = CallDef<z.ZodType, unknown, unknown>;
import { ContractError, toErrorData, zodIssues, type ContractErrorData } from '../contract/errors';
import { isClientMessage, type HostMessage, type HostPort } from '../contract/protocol';
import { assertPayloadBounds } from '../contract/payload-bounds';

/**
 * The abort reason of calls cut off because their connection closed (a page reload, a dropped
 * socket), so a job can say so instead of reading as cancelled by the planner.
 */
export const CONNECTION_CLOSED = 'connection closed';

export interface CallContext<P = unknown> {
  /** Aborted when the caller cancels or its connection closes. */
  signal: AbortSignal;
  /** Push a progress event to the caller of this call. */
  progress(data: P): void;
  /** Broadcast an event to every connected client. */
  emit(name: string, data: unknown): void;
  /** Which call this is; for logs and metrics. */
  name: string;
}

export type Handler<D> = (
  payload: ParsedPayloadOf<D>,
  ctx: CallContext<ProgressOf<D>>,
) => Promise<ResultOf<D>> | ResultOf<D>;

export interface CallObserver {
  /** Called once per finished call: for metrics and logs. */
  (event: { name: string; ms: number; ok: boolean; code?: string }): void;
}

/**
 * The host's handler table. Each contract name gets exactly one handler; registering a name twice
 * or starting with a name unhandled fails at start-up rather than at the planner's first click.
 */
export class HostApp<C extends CallTable> {
  private readonly handlers = new Map<string, Handler<AnyCallDef>>();
  private readonly ports = new Set<HostPort>();
  private readonly observers = new Set<CallObserver>();

  constructor(private readonly contract: C) {}

  handle<K extends keyof C & string>(name: K, handler: Handler<C[K]>): this {
    if (!(name in this.contract)) throw new Error(`Handler for '${name}' has no declaration in the contract.`);
    if (this.handlers.has(name)) throw new Error(`Handler for '${name}' is registered twice.`);
    this.handlers.set(name, handler as unknown as Handler<AnyCallDef>);
    return this;
  }

  /** Register a feature's handlers at once: `app.handleAll({ 'a.b': fn, … })`. */
  handleAll(table: { [K in keyof C & string]?: Handler<C[K]> }): this {
    for (const [name, fn] of Object.entries(table))
      if (fn) this.handle(name as keyof C & string, fn as Handler<C[keyof C & string]>);
    return this;
  }

  /** Throws listing every contract call that has no handler. */
  assertComplete(): void {
    const missing = Object.keys(this.contract).filter((n) => !this.handlers.has(n));
    if (missing.length > 0) throw new Error(`No handler registered for: ${missing.join(', ')}`);
  }

  observe(fn: CallObserver): () => void {
    this.observers.add(fn);
    return () => this.observers.delete(fn);
  }

  emit(name: string, data: unknown): void {
    const msg: HostMessage = { type: 'push', name, data };
    for (const port of this.ports) safeSend(port, msg);
  }

  /** Serve one connection until it closes; its in-flight calls are cancelled on close. */
  connect(port: HostPort): () => void {
    this.ports.add(port);
    const inflight = new Map<number, AbortController>();
    const offMsg = port.onMessage((msg) => {
      if (!isClientMessage(msg)) return; // malformed frames are dropped; transports report them
      if (msg.type === 'cancel') {
        // Answered and its id freed at once: the handler winds down on its own time, and whatever
        // it answers after this is dropped (the id may already name the caller's next call).
        const ac = inflight.get(msg.id);
        if (!ac) return;
        ac.abort();
        inflight.delete(msg.id);
        safeSend(port, { type: 'error', id: msg.id, error: CANCELLED });
        return;
      }
      if (inflight.has(msg.id)) {
        safeSend(port, {
          type: 'error',
          id: msg.id,
          error: { code: 'CONFLICT', message: `Call id ${msg.id} is already in flight.` },
        });
        return;
      }
      const ac = new AbortController();
      inflight.set(msg.id, ac);
      const reply = (m: HostMessage) => {
        if (inflight.get(msg.id) === ac) safeSend(port, m);
      };
      void this.dispatch(reply, msg.id, msg.name, msg.payload, ac.signal).finally(() => {
        if (inflight.get(msg.id) === ac) inflight.delete(msg.id);
      });
    });
    const close = () => {
      offMsg();
      offClose();
      for (const ac of inflight.values()) ac.abort(CONNECTION_CLOSED);
      this.ports.delete(port);
    };
    const offClose = port.onClose(close);
    return close;
  }

  /** Run one call in-process (the CLI and tests use this; no transport involved). */
  async invoke<K extends keyof C & string>(name: K, payload: unknown, signal?: AbortSignal): Promise<ResultOf<C[K]>> {
    const handler = this.handlers.get(name);
    const def = this.contract[name] as AnyCallDef | undefined;
    if (!handler || !def) throw new ContractError('UNKNOWN_CALL', `There is no call named '${name}'.`);
    const parsed = parsePayload(name, def, payload);
    const ctx: CallContext = {
      signal: signal ?? new AbortController().signal,
      progress: () => {},
      emit: (n, d) => this.emit(n, d),
      name,
    };
    return (await handler(parsed.data as never, ctx)) as ResultOf<C[K]>;
  }

  private async dispatch(
    reply: (msg: HostMessage) => void,
    id: number,
    name: string,
    payload: unknown,
    signal: AbortSignal,
  ): Promise<void> {
    const started = performance.now();
    let code: string | undefined;
    try {
      const handler = this.handlers.get(name);
      const def = (Object.hasOwn(this.contract, name) ? this.contract[name] : undefined) as AnyCallDef | undefined;
      if (!handler || !def) throw new ContractError('UNKNOWN_CALL', `There is no call named '${name}'.`);
      const parsed = parsePayload(name, def, payload);
      const ctx: CallContext = {
        signal,
        name,
        progress: (data) => {
          if (!signal.aborted) reply({ type: 'progress', id, data });
        },
        emit: (n, d) => this.emit(n, d),
      };
      const result = await handler(parsed.data as never, ctx);
      if (signal.aborted) throw new ContractError('CANCELLED', 'The call was cancelled.');
      reply({ type: 'reply', id, result: result === undefined ? null : result });
    } catch (err) {
      const error =
        signal.aborted && !(err instanceof ContractError && err.code !== 'CANCELLED') ? CANCELLED : toErrorData(err);
      code = error.code;
      reply({ type: 'error', id, error });
    } finally {
      const ms = performance.now() - started;
      for (const fn of this.observers) {
        try {
          fn({ name, ms, ok: code === undefined, code });
        } catch {
          /* an observer must not break a call */
        }
      }
    }
  }
}

const CANCELLED: ContractErrorData = { code: 'CANCELLED', message: 'The call was cancelled.' };

/**
 * Zod words an unknown-keys issue by quoting every key, which `describeIssue` never reads (it names
 * the first few itself): across thousands of objects of a large call that was half the validation.
 */
const UNKNOWN_KEYS_UNLISTED = {
  error: (issue: { code?: string }) => (issue.code === 'unrecognized_keys' ? 'unknown field(s)' : undefined),
};

/** The boundary check every call passes: bounded nesting and object widths, then the call's schema. */
function parsePayload(name: string, def: AnyCallDef, payload: unknown): { data: unknown } {
  assertPayloadBounds(name, payload);
  const parsed = def.input.safeParse(payload, UNKNOWN_KEYS_UNLISTED);
  if (!parsed.success)
    throw new ContractError('BAD_PAYLOAD', `Invalid payload for '${name}'.`, zodIssues(parsed.error as z.ZodError));
  return parsed;
}

function safeSend(port: HostPort, msg: HostMessage): void {
  try {
    port.send(msg);
  } catch {
    // The peer is gone or the result is not serialisable; the connection's close handler cleans up.
  }
}
