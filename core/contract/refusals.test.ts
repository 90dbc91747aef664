import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { at, violation } from '../domain/violations';
import { RakeplanClient } from './client';
import { defineCall } from './define';
import { ContractError, toErrorData, type ContractErrorData } from './errors';
import { createMemoryPair } from './memory-transport';
import { HostApp } from '../host/app';
import { reasonText, refusalDetailSchema, type RefusalDetail } from './refusals';

const early = violation(5, at.rake('R-2'), 'loading-before-placement', { hours: 3.5 });
const detail: RefusalDetail = {
  reason: { code: 'replan-no-candidate', params: { candidate: 'keep', more: 0 } },
  violations: [early],
  causes: [{ code: 'kept-rake-locked', params: { rake: 'R-2', orders: 'O-1, O-3' } }],
};

/** A host that refuses with `thrown`, and a client over an in-memory transport. */
function refusing(thrown: ContractError) {
  const contract = { 'plans.refuse': defineCall(z.object({}).strict()).returns<never>() };
  const app = new HostApp(contract);
  app.handleAll({
    'plans.refuse': () => {
      throw thrown;
    },
  });
  const pair = createMemoryPair();
  app.connect(pair.port);
  const client = new RakeplanClient(pair.transport) as unknown as { call(n: string, p: unknown): Promise<unknown> };
  return client.call('plans.refuse', {}).then(
    () => Promise.reject(new Error('expected a refusal')),
    (err: unknown) => err as ContractError,
  );
}

describe('a refusal as data', () => {
  it('writes a violation’s English place and sentence from its ids and figures', () => {
    expect(early).toEqual({
      rule: 5,
      where: 'rake R-2',
      message: 'loading starts 3.5 h before the rake is placed',
      at: [{ kind: 'rake', id: 'R-2' }],
      code: 'loading-before-placement',
      params: { hours: 3.5 },
    });
    expect(
      violation(2, at.road('SY-1', '2026-11-23', 'O-7'), 'order-over-shipped', { shipped: 1234.567, ordered: 1000 }),
    ).toMatchObject({
      where: 'road SY-1 2026-11-23, order O-7',
      message: '1,234.57 t shipped exceeds the 1,000 t ordered',
    });
    expect(reasonText({ code: 'issue-broken', params: { plan: 'P', n: 1 } })).toBe(
      "Plan 'P' breaks 1 rule check and cannot be issued",
    );
  });

  it('carries its reason, violations and causes to the client beside the English message', async () => {
    const err = await refusing(new ContractError('INVALID_DATA', 'no re-planned candidate passes…', undefined, detail));
    expect(err).toBeInstanceOf(ContractError);
    expect(err.message).toBe('no re-planned candidate passes…');
    expect(toErrorData(err)).toEqual({ code: 'INVALID_DATA', message: 'no re-planned candidate passes…', ...detail });
    expect(refusalDetailSchema.parse(err.detail)).toEqual(detail);
  });

  it('drops a detail its schema refuses, on sending and on receiving; the English message stands', async () => {
    const bad = {
      ...detail,
      violations: [{ ...early, code: 'no-such-rule' }],
    } as unknown as RefusalDetail;
    const sent = toErrorData(new ContractError('CONFLICT', 'refused', undefined, bad));
    expect(sent).toEqual({ code: 'CONFLICT', message: 'refused' });
    const received = ContractError.fromData({
      code: 'CONFLICT',
      message: 'refused',
      reason: { code: 'issue-broken', params: { plan: 'P', n: 2 } },
      causes: [{ code: 'kept-rake-locked', params: { rake: { nested: true } } }],
    } as unknown as ContractErrorData);
    expect(received.detail).toBeUndefined();
    expect(received.message).toBe('refused');
    const client = await refusing(new ContractError('CONFLICT', 'refused', undefined, bad));
    expect(toErrorData(client)).toEqual({ code: 'CONFLICT', message: 'refused' });
  });

  it('refuses a violation without its place ids or code, or with a place kind it does not know', () => {
    const { at: _at, ...noPlace } = early;
    for (const v of [noPlace, { ...early, code: undefined }, { ...early, at: [{ kind: 'moon', id: 'x' }] }])
      expect(refusalDetailSchema.safeParse({ violations: [v] }).success).toBe(false);
  });
});
