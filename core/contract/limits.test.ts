import { describe, expect, it } from 'vitest';
import { contract } from './index';
import {
  CALL_MESSAGE_LIMITS,
  callMessageLimit,
  exceedsCallLimit,
  LIST_CALL_BYTES,
  MAX_CALL_MESSAGE_BYTES,
  ONNX_BASE64_MAX,
  SCENARIO_FILE_BASE64_MAX,
  SMALL_CALL_BYTES,
} from './limits';

/** Bytes of the call on the wire: base64 needs no escaping, so the file adds its own length. */
const wireBytes = (name: string, payload: Record<string, unknown>, field: string) =>
  JSON.stringify({ type: 'call', id: 1, name, payload: { ...payload, [field]: '' } }).length +
  (payload[field] as string).length;

describe('wire limit of a call', () => {
  it('carries the largest scenario file and the largest model the contract accepts', () => {
    const scenario = { fileName: 'orders.xlsx', dataBase64: 'A'.repeat(SCENARIO_FILE_BASE64_MAX) };
    expect(contract['scenarios.import'].input.safeParse(scenario).success).toBe(true);
    expect(wireBytes('scenarios.import', scenario, 'dataBase64')).toBeLessThanOrEqual(
      callMessageLimit('scenarios.import'),
    );
    const model = {
      name: 'demand',
      onnxBase64: 'A'.repeat(ONNX_BASE64_MAX),
      task: 'regression',
      inputs: [{ name: 'x', type: 'numeric' }],
    };
    expect(contract['registry.import'].input.safeParse(model).success).toBe(true);
    expect(wireBytes('registry.import', model, 'onnxBase64')).toBeLessThanOrEqual(callMessageLimit('registry.import'));
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

/** Bytes of a call's message on the wire, as both transports measure it. */
const callBytes = (name: string, payload: unknown) =>
  new TextEncoder().encode(JSON.stringify({ type: 'call', id: 1, name, payload })).length;

describe('message limit of each call', () => {
  it('names every call of the contract and no other: a new call without a limit fails here', () => {
    expect(Object.keys(CALL_MESSAGE_LIMITS).sort()).toEqual(Object.keys(contract).sort());
    for (const limit of Object.values(CALL_MESSAGE_LIMITS)) {
      expect(limit).toBeGreaterThanOrEqual(SMALL_CALL_BYTES);
      expect(limit).toBeLessThanOrEqual(MAX_CALL_MESSAGE_BYTES);
    }
  });

  it('holds calls without a payload to a few KB, and an unknown name too', () => {
    for (const name of ['health.get', 'registry.list', 'plans.running', 'monitoring.getConfig'])
      expect(callMessageLimit(name)).toBe(SMALL_CALL_BYTES);
    expect(callMessageLimit('no.such.call')).toBe(SMALL_CALL_BYTES);
    expect(callMessageLimit('__proto__')).toBe(SMALL_CALL_BYTES);
  });

  it("fits each call's largest valid payload of realistic text", () => {
    const text = (n: number) => '₹'.repeat(n); // three bytes a character
    const code = (i: number) => `R-${String(i).padStart(62, '0')}`; // 64 characters
    const fits = (name: keyof typeof contract, payload: unknown) => {
      expect(contract[name].input.safeParse(payload).success, name).toBe(true);
      expect(callBytes(name, payload), name).toBeLessThanOrEqual(callMessageLimit(name));
    };
    fits('registry.promote', { name: 'demand', version: 1, override: { reason: text(2000) } });
    fits('scenarios.rename', { id: text(100), name: text(200) });
    fits('predict.demand', { destination: text(200), product: text(200), historyDays: 730 });
    const rule = (i: number) => ({ id: `${String(i).padStart(3, '0')}${text(197)}`, type: 'drift', enabled: true });
    fits('monitoring.setConfig', {
      retentionDays: 30,
      slowCallMs: 1,
      rules: Array.from({ length: 50 }, (_, i) => rule(i)),
    });
    const columns = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(4, '0')}${text(196)}`);
    fits('training.start', {
      csv: `/data/${text(4000)}`,
      name: 'demand',
      target: columns[0],
      task: 'regression',
      categorical: columns,
      types: Object.fromEntries(columns.map((c) => [c, 'categorical'])),
    });
    const move = (i: number) => ({
      op: 'move',
      order: code(i),
      from: `rake:${code(i)}`,
      to: `rake:${code(i + 1)}`,
      tonnes: 1234.5,
      stockyard: code(i),
    });
    fits('plans.edit', { id: code(0), edits: Array.from({ length: 10_000 }, (_, i) => move(i)) });
    expect(callMessageLimit('plans.edit')).toBe(LIST_CALL_BYTES);
  });
});
