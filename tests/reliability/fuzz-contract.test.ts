import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type CallName } from '../../core/contract';
import { ContractError, type ErrorCode } from '../../core/contract/errors';
import { createHost, type Host } from '../../core/host/create-host';
import { tempDir } from '../helpers/tmp';
import { anyValue, shapedPayload } from './nasty';
import { diffSnapshots, snapshotSaved } from './snapshot';

/**
 * 10,000 malformed payloads across every call of the contract. Each must be answered — a result
 * or a specific error — never a crash, a hang or an unexplained HANDLER_ERROR; and nothing saved
 * before the run may change.
 */
const TOTAL = 10_000;
const SPECIFIC: ErrorCode[] = ['BAD_PAYLOAD', 'INVALID_DATA', 'NOT_FOUND', 'CONFLICT', 'LIMIT_EXCEEDED', 'UNAVAILABLE'];
const PER_CALL_LIMIT_MS = 20_000;

let host: Host;
let tmp: ReturnType<typeof tempDir>;

function keysOf(name: CallName): string[] {
  const schema = contract[name].input as unknown as { shape?: Record<string, unknown> };
  return schema.shape ? Object.keys(schema.shape) : [];
}

async function answer(
  name: CallName,
  payload: unknown,
): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), PER_CALL_LIMIT_MS);
  try {
    await host.app.invoke(name, payload, ac.signal);
    return { ok: true };
  } catch (err) {
    if (err instanceof ContractError) return { ok: false, code: err.code, message: err.message };
    return { ok: false, code: 'THROWN', message: String(err) };
  } finally {
    clearTimeout(timer);
  }
}

beforeAll(async () => {
  tmp = tempDir();
  // Browser mode seeds the demo plant and its history: real saved data for the run to leave alone.
  host = createHost({ dataDir: tmp.dir, mode: 'browser' });
});
afterAll(() => {
  host.close();
  tmp.cleanup();
});

describe('contract fuzz', () => {
  it(`answers ${TOTAL} malformed payloads with specific errors, changing nothing saved`, async () => {
    const db = host.services.requireDb();
    const before = snapshotSaved(db);
    const names = Object.keys(contract) as CallName[];
    const perCall = Math.ceil(TOTAL / names.length);
    const failures: string[] = [];
    const codes = new Map<string, number>();
    let count = 0;
    for (const name of names) {
      const payloads = fc.sample(fc.oneof(anyValue, shapedPayload(keysOf(name))), {
        numRuns: perCall,
        seed: 20261122 + name.length,
      });
      for (const payload of payloads) {
        count++;
        const res = await answer(name, payload);
        const code = res.ok ? 'ok' : res.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (!res.ok && !SPECIFIC.includes(res.code as ErrorCode) && failures.length < 20) {
          failures.push(
            `${name}: ${res.code}: ${res.message.slice(0, 200)} ← ${JSON.stringify(payload)?.slice(0, 200)}`,
          );
        }
      }
    }
    console.log(
      `contract fuzz: ${count} payloads over ${names.length} calls → ${JSON.stringify(Object.fromEntries(codes))}`,
    );
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThanOrEqual(TOTAL);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // New rows are fine (a fuzzed payload may be a valid create); nothing saved before may change.
    expect(diffSnapshots(before, snapshotSaved(db), { allowAdded: true })).toEqual([]);
  }, 600_000);
});
