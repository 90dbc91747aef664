import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Pattern } from './loading';

/** One side's half of a shared pricing round: each of its rakes' lowest reduced cost and loadings. */
export interface HalfRound {
  round: number;
  /** Hash of the duals priced: both sides must have priced the same ones for the bound to hold. */
  key: number;
  rakes: Array<{ i: number; rc: number; patterns: Pattern[] }>;
}

/**
 * The other column generation run on the same master (the large size's two workers run the same
 * rounds on identical masters until the diving one stops). Each prices half the rakes and the
 * halves are swapped, so a round costs one LP and half a pricing on each core.
 */
export interface PricingPeer {
  /** Which rakes this side prices: those whose index has this parity. */
  readonly me: 0 | 1;
  /** Send this side's half, wait for the peer's; null once the peer has left (price alone from then on). */
  exchange(half: HalfRound): HalfRound | null;
  /** This side prices no more shared rounds. */
  leave(): void;
}

/** Longest wait for the peer's half [ms]: a half takes ~1 s on large, the LPs before it run in step. */
const WAIT_MS = 10_000;

/**
 * A peer over a MessagePort to the other worker. The colgen loop is synchronous (HiGHS blocks),
 * so messages are read with receiveMessageOnPort and the wait is Atomics.wait on a counter the
 * sender bumps after each post (signal[me] counts this side's posts).
 */
export function portPeer(port: MessagePort, signal: Int32Array, me: 0 | 1, waitMs = WAIT_MS): PricingPeer {
  const other = 1 - me;
  let gone = false;
  const post = (msg: HalfRound | { leaving: true }) => {
    port.postMessage(msg);
    Atomics.add(signal, me, 1);
    Atomics.notify(signal, me);
  };
  const leave = () => {
    if (!gone) post({ leaving: true });
    gone = true;
  };
  return {
    me,
    leave,
    exchange(half) {
      if (gone) return null;
      post(half);
      const until = Date.now() + waitMs;
      for (;;) {
        const seen = Atomics.load(signal, other);
        const got = receiveMessageOnPort(port)?.message as HalfRound | { leaving: true } | undefined;
        if (got) {
          if ('leaving' in got) {
            gone = true;
            return null;
          }
          return got;
        }
        const wait = until - Date.now();
        if (wait <= 0) {
          leave();
          return null;
        }
        Atomics.wait(signal, other, seen, wait);
      }
    },
  };
}

/** FNV-1a over the duals' bytes: equal on both sides exactly when they priced the same duals. */
export function dualsKey(pi: Float64Array): number {
  const w = new Uint32Array(pi.buffer, pi.byteOffset, pi.length * 2);
  let h = 2166136261;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w[i]!, 16777619) >>> 0;
  return h;
}
