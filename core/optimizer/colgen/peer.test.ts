import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dualsKey, portPeer, type HalfRound } from './peer';

const half = (round: number, i: number): HalfRound => ({ round, key: 7, rakes: [{ i, rc: -5, patterns: [] }] });

describe('portPeer (the two large workers swapping halves of a pricing round)', () => {
  let ch = new MessageChannel();
  beforeEach(() => {
    ch = new MessageChannel();
  });
  afterEach(() => {
    ch.port1.close();
    ch.port2.close();
  });

  it('returns the half the other side posted and hands it ours; after it leaves, null at once', () => {
    const signal = new Int32Array(new SharedArrayBuffer(8));
    const a = portPeer(ch.port1, signal, 0, 2_000);
    // The other side (index 1) posted its half first and bumped its counter.
    ch.port2.postMessage(half(3, 1));
    Atomics.add(signal, 1, 1);
    expect(a.exchange(half(3, 0))).toEqual(half(3, 1));
    expect(receiveMessageOnPort(ch.port2)?.message).toEqual(half(3, 0));
    expect(signal[0]).toBe(1);
    ch.port2.postMessage({ leaving: true });
    Atomics.add(signal, 1, 1);
    expect(a.exchange(half(4, 0))).toBeNull();
    expect(receiveMessageOnPort(ch.port2)?.message).toEqual(half(4, 0));
    // Once it has left, nothing more is posted to it: no half, no leaving note after a wait.
    expect(a.exchange(half(5, 0))).toBeNull();
    expect(receiveMessageOnPort(ch.port2)).toBeUndefined();
    expect(signal[0]).toBe(2);
  });

  it('gives up on a silent peer after its wait and tells it so', () => {
    const signal = new Int32Array(new SharedArrayBuffer(8));
    const a = portPeer(ch.port1, signal, 0, 50);
    expect(a.exchange(half(1, 0))).toBeNull();
    expect(receiveMessageOnPort(ch.port2)?.message).toEqual(half(1, 0));
    expect(receiveMessageOnPort(ch.port2)?.message).toEqual({ leaving: true });
  });
});

describe('dualsKey', () => {
  it('is equal for equal duals and differs when one dual moves by one unit in the last place', () => {
    const pi = Float64Array.from([1.5, -2.25, 1e6, 0]);
    expect(dualsKey(Float64Array.from(pi))).toBe(dualsKey(pi));
    const moved = Float64Array.from(pi);
    new BigInt64Array(moved.buffer)[2]! += 1n;
    expect(moved[2]).not.toBe(pi[2]);
    expect(dualsKey(moved)).not.toBe(dualsKey(pi));
  });
});
