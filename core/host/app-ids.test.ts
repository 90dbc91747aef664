import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCall } from '../contract/define';
import { createMemoryPair } from '../contract/memory-transport';
import type { HostMessage } from '../contract/protocol';
import { HostApp } from './app';

// One call that waits until the test lets it finish, whatever its signal says.
const contract = { 'wait.release': defineCall(z.object({ tag: z.string() }).strict()).returns<{ tag: string }>() };

function setup() {
  const app = new HostApp(contract);
  const releases: (() => void)[] = [];
  app.handleAll({
    'wait.release': ({ tag }) => new Promise((resolve) => releases.push(() => resolve({ tag }))),
  });
  const pair = createMemoryPair();
  app.connect(pair.port);
  const got: HostMessage[] = [];
  pair.transport.onMessage((m) => got.push(m));
  const call = (id: number, tag: string) =>
    pair.transport.send({ type: 'call', id, name: 'wait.release', payload: { tag } });
  return { pair, got, call, releases };
}

/** Waits for what the connection has seen; a state that never comes fails the test here, by name. */
const settle = async (until: () => boolean) => {
  for (let i = 0; i < 1000 && !until(); i++) await new Promise((r) => setImmediate(r));
  if (!until()) throw new Error(`never came: ${until.toString()}`);
};

describe('call ids on one connection', () => {
  it('a cancel is answered at once and frees the id; the old call\u2019s late answer is dropped', async () => {
    const { pair, got, call, releases } = setup();
    call(500, 'first');
    await settle(() => releases.length === 1);
    pair.transport.send({ type: 'cancel', id: 500 });
    await settle(() => got.length === 1);
    expect(got[0]).toMatchObject({ type: 'error', id: 500, error: { code: 'CANCELLED' } });
    // The handler has not finished, yet the id takes a new call.
    call(500, 'second');
    await settle(() => releases.length === 2);
    // The first handler ends first: a late answer of it, were it sent, would come before the second's.
    releases[0]!();
    releases[1]!();
    await settle(() => got.some((m) => m.type === 'reply'));
    expect(got.slice(1)).toEqual([{ type: 'reply', id: 500, result: { tag: 'second' } }]);
  });

  it('a second call under an id in flight is a conflict, not a bad payload', async () => {
    const { got, call, releases } = setup();
    call(7, 'a');
    await settle(() => releases.length === 1);
    call(7, 'b');
    await settle(() => got.length === 1);
    expect(got[0]).toMatchObject({ type: 'error', id: 7, error: { code: 'CONFLICT' } });
    releases[0]!();
    await settle(() => got.length === 2);
    expect(got[1]).toEqual({ type: 'reply', id: 7, result: { tag: 'a' } });
  });
});
