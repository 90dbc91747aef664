import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RakeplanClient } from './client';
import { defineCall } from './define';
import { ContractError, toErrorData } from './errors';
import { createMemoryPair } from './memory-transport';
import { HostApp } from '../host/app';

// A self-contained contract so the test exercises the machinery, not the real features.
const testContract = {
  'math.add': defineCall(z.object({ a: z.number(), b: z.number() }).strict()).returns<{ sum: number }>(),
  'orders.check': defineCall(
    z.object({ orders: z.array(z.object({ id: z.string(), quantityT: z.number().positive() }).strict()) }).strict(),
  ).returns<{ count: number }>(),
  'boom.throw': defineCall(z.object({}).strict()).returns<never>(),
  'slow.count': defineCall(z.object({ steps: z.number().int() }).strict())
    .returns<{ done: number }>()
    .withProgress<{ step: number }>(),
};

function setup() {
  const app = new HostApp(testContract);
  let sawCancel: () => void = () => {};
  const handlerSawCancel = new Promise<void>((r) => (sawCancel = r));
  app.handleAll({
    'math.add': ({ a, b }) => ({ sum: a + b }),
    'orders.check': ({ orders }) => ({ count: orders.length }),
    'boom.throw': () => {
      throw new Error('solver exploded');
    },
    'slow.count': async ({ steps }, ctx) => {
      for (let step = 1; step <= steps; step++) {
        if (ctx.signal.aborted) {
          sawCancel();
          throw new ContractError('CANCELLED', 'stopped');
        }
        ctx.progress({ step });
        await new Promise((r) => setTimeout(r, 10));
      }
      return { done: steps };
    },
  });
  app.assertComplete();
  const pair = createMemoryPair();
  app.connect(pair.port);
  // The typed client is typed against the real contract; this test talks to its own table.
  const client = new RakeplanClient(pair.transport) as unknown as {
    call(
      name: string,
      payload: unknown,
      opts?: { signal?: AbortSignal; onProgress?: (p: unknown) => void },
    ): Promise<unknown>;
  };
  return { app, client, pair, handlerSawCancel };
}

async function rejection(p: Promise<unknown>): Promise<ContractError> {
  try {
    await p;
  } catch (err) {
    return err as ContractError;
  }
  throw new Error('expected the call to fail');
}

describe('contract over an in-memory transport', () => {
  it('answers a call with its result', async () => {
    const { client } = setup();
    await expect(client.call('math.add', { a: 2, b: 40 })).resolves.toEqual({ sum: 42 });
  });

  it('rejects a bad payload naming each bad field by path', async () => {
    const { client } = setup();
    const err = await rejection(
      client.call('orders.check', {
        orders: [
          { id: 'A', quantityT: 5 },
          { id: 'B', quantityT: -1 },
          { id: 7, quantityT: 3 },
        ],
      }),
    );
    expect(err).toBeInstanceOf(ContractError);
    expect(err.code).toBe('BAD_PAYLOAD');
    expect(err.issues).toEqual(
      expect.arrayContaining([
        { path: 'orders[1].quantityT', message: 'must be > 0' },
        { path: 'orders[2].id', message: 'expected string, got number' },
      ]),
    );
  });

  it('rejects unknown fields and missing ones', async () => {
    const { client } = setup();
    const err = await rejection(client.call('math.add', { a: 1, c: 2 }));
    expect(err.issues?.map((i) => `${i.path}: ${i.message}`)).toEqual(
      expect.arrayContaining(['b: is required', '(root): unknown field(s): c']),
    );
  });

  it('answers an unknown call name with UNKNOWN_CALL', async () => {
    const { client } = setup();
    const err = await rejection(client.call('nope.nothing', {}));
    expect(err.code).toBe('UNKNOWN_CALL');
    expect(err.message).toContain('nope.nothing');
  });

  it('does not treat inherited object keys as call names', async () => {
    const { client } = setup();
    expect((await rejection(client.call('toString', {}))).code).toBe('UNKNOWN_CALL');
    expect((await rejection(client.call('__proto__', {}))).code).toBe('UNKNOWN_CALL');
  });

  it('cuts an error message past 4,000 characters short, saying how much is left out', () => {
    const long = 'a'.repeat(9_000_000);
    for (const err of [new ContractError('INVALID_DATA', long), new Error(long)]) {
      const data = toErrorData(err);
      expect(data.message.startsWith('a'.repeat(4_000))).toBe(true);
      expect(data.message.slice(4_000)).toBe('… (8996000 more characters)');
    }
    expect(toErrorData(new ContractError('NOT_FOUND', 'short'))).toEqual({ code: 'NOT_FOUND', message: 'short' });
  });

  it('sends at most 1,000 issues, each cut short, and counts the rest', () => {
    const issues = Array.from({ length: 5_000 }, (_, i) => ({ path: `rows[${i}]`, message: 'bad' }));
    issues[0] = { path: 'p'.repeat(2_000), message: `unknown field(s): ${'k, '.repeat(1_000_000)}` };
    const data = toErrorData(new ContractError('BAD_PAYLOAD', 'Invalid payload.', issues));
    expect(data.issues).toHaveLength(1_001);
    expect(data.issues![0]!.path).toBe(`${'p'.repeat(500)}… (1500 more characters)`);
    expect(data.issues![0]!.message).toHaveLength(500 + '… (2999518 more characters)'.length);
    expect(data.issues![999]).toEqual({ path: 'rows[999]', message: 'bad' });
    expect(data.issues![1_000]).toEqual({ path: '(more)', message: '… and 4,000 more issue(s)' });
  });

  it('turns a throwing handler into HANDLER_ERROR and keeps serving', async () => {
    const { client } = setup();
    const err = await rejection(client.call('boom.throw', {}));
    expect(err.code).toBe('HANDLER_ERROR');
    expect(err.message).toBe('solver exploded');
    await expect(client.call('math.add', { a: 1, b: 1 })).resolves.toEqual({ sum: 2 });
  });

  it('streams progress events for a call', async () => {
    const { client } = setup();
    const seen: unknown[] = [];
    const res = await client.call('slow.count', { steps: 3 }, { onProgress: (p) => seen.push(p) });
    expect(res).toEqual({ done: 3 });
    expect(seen).toEqual([{ step: 1 }, { step: 2 }, { step: 3 }]);
  });

  it('cancels a call: the handler sees the abort and the caller gets CANCELLED', async () => {
    const { client, handlerSawCancel } = setup();
    const ac = new AbortController();
    const seen: unknown[] = [];
    const p = client.call(
      'slow.count',
      { steps: 1000 },
      {
        signal: ac.signal,
        onProgress: (x) => {
          seen.push(x);
          if (seen.length === 2) ac.abort();
        },
      },
    );
    const err = await rejection(p);
    expect(err.code).toBe('CANCELLED');
    expect(seen.length).toBeLessThan(10);
    // The caller's CANCELLED comes first; the handler sees the abort at its next step.
    await handlerSawCancel;
  });

  it('fails pending calls when the connection drops', async () => {
    const { client, pair } = setup();
    const p = client.call('slow.count', { steps: 1000 }, { onProgress: () => pair.close() });
    expect((await rejection(p)).code).toBe('INTERNAL');
  });

  it('refuses to register a name twice or a name the contract does not declare', () => {
    const app = new HostApp(testContract);
    app.handle('math.add', () => ({ sum: 0 }));
    expect(() => app.handle('math.add', () => ({ sum: 1 }))).toThrow(/registered twice/);
    expect(() => app.handle('math.sub' as never, (() => ({})) as never)).toThrow(/no declaration/);
  });

  it('refuses to start with a declared call left unhandled', () => {
    const app = new HostApp(testContract);
    app.handle('math.add', () => ({ sum: 0 }));
    expect(() => app.assertComplete()).toThrow(/orders\.check, boom\.throw, slow\.count/);
  });

  it('reports every finished call to observers with its duration and outcome', async () => {
    const { app, client } = setup();
    const events: { name: string; ok: boolean; code?: string }[] = [];
    app.observe((e) => events.push({ name: e.name, ok: e.ok, code: e.code }));
    await client.call('math.add', { a: 1, b: 2 });
    await rejection(client.call('boom.throw', {}));
    expect(events).toEqual([
      { name: 'math.add', ok: true, code: undefined },
      { name: 'boom.throw', ok: false, code: 'HANDLER_ERROR' },
    ]);
  });

  it('broadcasts pushed events to listeners', async () => {
    const { app, pair } = setup();
    const client = new RakeplanClient(pair.transport);
    const got = new Promise((r) => client.on('host.ready', r));
    app.emit('host.ready', { appVersion: '9.9.9' });
    expect(await got).toEqual({ appVersion: '9.9.9' });
  });
});

describe('joining feature contracts', () => {
  it('refuses a call name declared by two features', async () => {
    const { joinContracts } = await import('./join');
    const a = { 'x.get': defineCall(z.object({})).returns<number>() };
    const b = { 'x.get': defineCall(z.object({})).returns<string>() };
    expect(() => joinContracts(a, b)).toThrow(/'x\.get' is declared by two features/);
    expect(Object.keys(joinContracts(a, { 'y.get': b['x.get'] }))).toEqual(['x.get', 'y.get']);
  });
});

describe('payload nesting', () => {
  it('refuses a payload nested thousands of levels deep with BAD_PAYLOAD, not a stack overflow', async () => {
    const { client } = setup();
    let deep: unknown = 1;
    for (let i = 0; i < 1_000; i++) deep = [deep];
    const err = await rejection(client.call('math.add', { a: deep, b: 1 }));
    expect(err.code).toBe('BAD_PAYLOAD');
    expect(err.message).toMatch(/nested deeper than 64 levels/);
  });
});

describe('payload width', () => {
  it('refuses an object wider than any the contract declares before its schema lists each unknown key', async () => {
    const { client } = setup();
    const wide = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, 0]));
    const err = await rejection(client.call('math.add', { a: 1, b: 2, ...wide } as never));
    expect(err.code).toBe('BAD_PAYLOAD');
    expect(err.message).toBe(
      "Invalid payload for 'math.add': an object holds 200,002 fields; no object may hold more than 1,000.",
    );
    expect(err.issues).toBeUndefined();
  });

  it('names the first 5 unknown keys of an object it reads, each cut short, and counts the rest', async () => {
    const { client } = setup();
    const keys = Array.from({ length: 998 }, (_, i) => `${'k'.repeat(100)}${i}`);
    const err = await rejection(
      client.call('math.add', { a: 1, b: 2, ...Object.fromEntries(keys.map((k) => [k, 0])) } as never),
    );
    expect(err.issues).toHaveLength(1);
    const shown = keys.slice(0, 5).map((k) => `${k.slice(0, 60)}…`);
    expect(err.issues![0]).toEqual({ path: '(root)', message: `unknown field(s): ${shown.join(', ')} … and 993 more` });
  });
});

describe('payload nesting in-process', () => {
  it('refuses 100,000 levels of nesting without overflowing the stack', async () => {
    const { app } = setup();
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    await expect(app.invoke('math.add', { a: deep, b: 1 })).rejects.toMatchObject({ code: 'BAD_PAYLOAD' });
  });
});
