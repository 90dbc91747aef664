import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../ml/manifest';
import type { Cell } from '../ml/table';
import { DEFAULT_GATE_THRESHOLDS, runGates } from './gates';
import type { VersionRecord } from './store';
import { versionRecord } from '../../tests/fixtures/version-record';

type Rows = readonly Record<string, Cell>[];

function version(v: number, o: Partial<VersionRecord> & { refitRows?: number } = {}): VersionRecord {
  const manifest = {
    name: 'm',
    target: 'y',
    outputs: ['prediction'],
    inputs: [{ name: 'x', type: 'numeric' }],
    ...(o.refitRows ? { refitRows: o.refitRows } : {}),
  } as unknown as ModelManifest;
  return versionRecord('m', v, manifest, {
    dataset: { rows: 1000 } as VersionRecord['dataset'],
    metrics: { test: { mae: 12 } },
    baseline: { kind: 'mean', description: 'mean y', overall: 50, segment: null },
    ...o,
  });
}

// y = 2x; a refit model knows these rows by heart (its error on them is 0).
const rows = Array.from({ length: 100 }, (_, i) => ({ x: i, y: 2 * i }));
const exact = async (_v: VersionRecord, r: Rows) => ({
  columns: { prediction: r.map((x) => Number(x.y)) },
  label: null,
});
const off = (by: number) => async (_v: VersionRecord, r: Rows) => ({
  columns: { prediction: r.map((x) => Number(x.y) + by) },
  label: null,
});

const gates = (cand: VersionRecord, prod: VersionRecord | null, predict = exact, stored = true) =>
  runGates({
    cand,
    prod,
    holdout: { rows, source: 'test holdout', stored },
    recent: [],
    predict,
    thresholds: DEFAULT_GATE_THRESHOLDS,
  });

describe('gates on a model refit on its own holdout', () => {
  it('judge the candidate by the held-out figure of the fit without those rows, not by its training error', async () => {
    const r = await gates(version(1, { refitRows: 1000 }), null);
    const imp = r.gates.find((g) => g.gate === 'improvement')!;
    expect(imp.summary).toMatch(/MAE 12 on the fit without the held-back rows \(m@1 was refit on all 1000 rows/);
    expect(r.gates.find((g) => g.gate === 'stability')!.summary).toMatch(/not evaluated: m@1 was refit/);
  });

  it('refuse to compare with production when either side trained on the holdout', async () => {
    for (const [cand, prod] of [
      [version(2, { refitRows: 1000 }), version(1)],
      [version(2), version(1, { refitRows: 1000 })],
    ] as const) {
      const r = await gates(cand, prod);
      const check = r.gates.find((g) => g.gate === 'improvement')!.checks.find((c) => /production/.test(c.name))!;
      expect(check).toMatchObject({ passed: false, value: null });
      expect(check.detail).toMatch(/not comparable: m@\d was refit on all 1000 rows, its holdout included/);
    }
  });

  it('score a refit model on rows a caller gives, which it never saw', async () => {
    const r = await gates(version(1, { refitRows: 1000 }), null, off(3), false);
    expect(r.gates.find((g) => g.gate === 'improvement')!.summary).toMatch(/MAE 3 on 100 holdout rows/);
  });
});

describe('the improvement gate and the naive baseline', () => {
  it('uses the baseline training compared with, the one planning enforces', async () => {
    const cand = version(1, {
      baselineMetrics: { name: 'lane median', rows: 100, model: { mae: 9.1 }, baseline: { mae: 7.9 }, beats: false },
    });
    // Against the registry's mean the model looks far better; against the spec's baseline it is not.
    const r = await gates(cand, null, off(3), false);
    const imp = r.gates.find((g) => g.gate === 'improvement')!;
    expect(imp.passed).toBe(false);
    expect(imp.checks).toContainEqual(
      expect.objectContaining({ name: 'MAE vs naive baseline', passed: false, value: '9.1 vs 7.9' }),
    );
  });

  it('names the registry baseline as such when training compared with none', async () => {
    const r = await gates(version(1), null, off(3), false);
    expect(r.gates.find((g) => g.gate === 'improvement')!.checks).toContainEqual(
      expect.objectContaining({ name: 'MAE vs registry baseline', passed: true, detail: 'mean y' }),
    );
  });
});
