import { describe, expect, it } from 'vitest';
import { contract } from './index';
import { exceedsCallLimit, MAX_CALL_MESSAGE_BYTES, ONNX_BASE64_MAX, SCENARIO_FILE_BASE64_MAX } from './limits';

/** Bytes of the call on the wire: base64 needs no escaping, so the file adds its own length. */
const wireBytes = (name: string, payload: Record<string, unknown>, field: string) =>
  JSON.stringify({ type: 'call', id: 1, name, payload: { ...payload, [field]: '' } }).length +
  (payload[field] as string).length;

describe('wire limit of a call', () => {
  it('carries the largest scenario file and the largest model the contract accepts', () => {
    const scenario = { fileName: 'orders.xlsx', dataBase64: 'A'.repeat(SCENARIO_FILE_BASE64_MAX) };
    expect(contract['scenarios.import'].input.safeParse(scenario).success).toBe(true);
    expect(wireBytes('scenarios.import', scenario, 'dataBase64')).toBeLessThanOrEqual(MAX_CALL_MESSAGE_BYTES);
    const model = {
      name: 'demand',
      onnxBase64: 'A'.repeat(ONNX_BASE64_MAX),
      task: 'regression',
      inputs: [{ name: 'x', type: 'numeric' }],
    };
    expect(contract['registry.import'].input.safeParse(model).success).toBe(true);
    expect(wireBytes('registry.import', model, 'onnxBase64')).toBeLessThanOrEqual(MAX_CALL_MESSAGE_BYTES);
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(exceedsCallLimit('A'.repeat(100), 100)).toBe(false);
    expect(exceedsCallLimit('A'.repeat(101), 100)).toBe(true);
    // '₹' is three bytes: 34 of them are 102 bytes, under a 100-byte limit in characters only.
    expect(exceedsCallLimit('₹'.repeat(34), 100)).toBe(true);
    expect(exceedsCallLimit('₹'.repeat(33), 100)).toBe(false);
    expect(exceedsCallLimit('₹'.repeat(33) + 'A', 100)).toBe(false);
  });
});
