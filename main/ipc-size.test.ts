import { describe, expect, it } from 'vitest';
import { MAX_CALL_MESSAGE_BYTES } from '../core/contract/limits';
import { oversizeRefusal } from './ipc-size';

describe('desktop IPC message size', () => {
  const call = (payload: unknown) => ({ type: 'call' as const, id: 7, name: 'scenarios.import', payload });

  it('passes the largest call the contract takes and refuses one byte more with LIMIT_EXCEEDED', () => {
    const envelope = JSON.stringify(call({ dataBase64: '' })).length;
    const largest = call({ dataBase64: 'A'.repeat(MAX_CALL_MESSAGE_BYTES - envelope) });
    expect(oversizeRefusal(largest)).toBeNull();
    const over = call({ dataBase64: 'A'.repeat(MAX_CALL_MESSAGE_BYTES - envelope + 1) });
    expect(oversizeRefusal(over)).toEqual({
      type: 'error',
      id: 7,
      error: { code: 'LIMIT_EXCEEDED', message: 'The request is larger than the 86 MiB the host accepts.' },
    });
  });

  it('counts bytes, not characters: text of three-byte characters is refused at a third of the length', () => {
    expect(oversizeRefusal(call({ name: '₹'.repeat(400) }), 1000)).toMatchObject({
      error: { code: 'LIMIT_EXCEEDED' },
    });
    expect(oversizeRefusal(call({ name: 'a'.repeat(400) }), 1000)).toBeNull();
  });

  it('refuses a payload that is not plain data, and passes cancels', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(oversizeRefusal(call(cyclic))).toMatchObject({ id: 7, error: { code: 'BAD_PAYLOAD' } });
    expect(oversizeRefusal({ type: 'cancel', id: 7 })).toBeNull();
  });
});
