import type { z } from 'zod';

/**
 * A call's declaration: its payload schema (validated at the host boundary), its result type
 * and the type of the progress events it may push. Declared beside the feature, joined in
 * contract/index.ts, and used by both the host (to type handlers) and clients (to type calls).
 */
export interface CallDef<I extends z.ZodType = z.ZodType, O = unknown, P = never> {
  readonly input: I;
  /** Phantom fields: carry the result and progress types, never set at runtime. */
  readonly _output?: O;
  readonly _progress?: P;
}

export function defineCall<I extends z.ZodType>(input: I) {
  return {
    returns<O>() {
      const def: CallDef<I, O, never> & { withProgress<P>(): CallDef<I, O, P> } = {
        input,
        withProgress<P>() {
          return { input } as CallDef<I, O, P>;
        },
      };
      return def;
    },
  };
}

export type CallTable = Record<string, CallDef<z.ZodType, unknown, unknown>>;
export type PayloadOf<D> = D extends CallDef<infer I, unknown, unknown> ? z.input<I> : never;
export type ParsedPayloadOf<D> = D extends CallDef<infer I, unknown, unknown> ? z.output<I> : never;
export type ResultOf<D> = D extends CallDef<z.ZodType, infer O, unknown> ? O : never;
export type ProgressOf<D> = D extends CallDef<z.ZodType, unknown, infer P> ? P : never;
