import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../ml/manifest';
import type { Cell } from '../ml/table';
import type { GateReport } from '../contract/api/registry';
import { cellEnglish } from '../contract/gate-cells';
import { fillEnglish, GATE_CHECK_EN, GATE_SUMMARY_EN } from '../contract/gate-text';
import { DEFAULT_GATE_THRESHOLDS, runGates } from './gates';
import type { VersionRecord } from './version-record';
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
    expect(imp.summary).toMatch(/MAE 12 on the fit without the held-back rows \(m@1 was refit on all 1,000 rows/);
    expect(r.gates.find((g) => g.gate === 'stability')!.summary).toMatch(/not evaluated: m@1 was refit/);
  });

  it('do not count the stability gate they cannot judge there as passed', async () => {
    const r = await gates(version(1, { refitRows: 1000 }), null);
    const stab = r.gates.find((g) => g.gate === 'stability')!;
    expect(stab).toMatchObject({ passed: false, notEvaluated: true });
    expect(stab.summary).toMatch(/evaluate it on rows it never trained on, or promote with an override$/);
    expect(r.passed).toBe(false);
  });

  it('refuse to compare with production when either side trained on the holdout', async () => {
    for (const [cand, prod] of [
      [version(2, { refitRows: 1000 }), version(1)],
      [version(2), version(1, { refitRows: 1000 })],
    ] as const) {
      const r = await gates(cand, prod);
      const check = r.gates.find((g) => g.gate === 'improvement')!.checks.find((c) => /production/.test(c.name))!;
      expect(check).toMatchObject({ passed: false, value: null });
      expect(check.detail).toMatch(/not comparable: m@\d was refit on all 1,000 rows, its holdout included/);
    }
  });

  it('score a refit model on rows a caller gives, which it never saw', async () => {
    const r = await gates(version(1, { refitRows: 1000 }), null, off(3), false);
    expect(r.gates.find((g) => g.gate === 'improvement')!.summary).toMatch(/MAE 3 on 100 holdout rows/);
    expect(r.gates.find((g) => g.gate === 'stability')).not.toHaveProperty('notEvaluated');
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

describe('the stability gate where the reference is nearly exact', () => {
  // Lane A always takes 10 h, so the lane-mean baseline is exact there; lane B varies.
  const laneRows = Array.from({ length: 100 }, (_, i) => ({ x: i, lane: i < 50 ? 'A' : 'B', y: i < 50 ? 10 : 2 * i }));
  const laneMean = (lane: string) =>
    laneRows.filter((r) => r.lane === lane).reduce((s, r) => s + r.y, 0) /
    laneRows.filter((r) => r.lane === lane).length;
  const cand = version(1, {
    baseline: {
      kind: 'mean',
      description: 'mean y by lane',
      overall: 50,
      segment: { column: 'lane', values: { A: laneMean('A'), B: laneMean('B') } },
    },
  });
  // The candidate is off by `inA` in lane A and by 1 in lane B.
  const offInA = (inA: number) => async (_v: VersionRecord, r: Rows) => ({
    columns: { prediction: r.map((x) => Number(x.y) + (x.lane === 'A' ? inA : 1)) },
    label: null,
  });
  const laneCheck = async (inA: number) => {
    const r = await runGates({
      cand,
      prod: null,
      holdout: { rows: laneRows, source: 'given rows' },
      recent: [],
      predict: offInA(inA),
      thresholds: DEFAULT_GATE_THRESHOLDS,
    });
    return r.gates.find((g) => g.gate === 'stability')!.checks.find((c) => c.name === 'lane=A')!;
  };
  // The baseline's error over all rows: 0 in lane A, |y − mean| in lane B.
  const overall = laneRows.reduce((s, r) => s + Math.abs(r.y - laneMean(r.lane)), 0) / laneRows.length;

  it('does not turn a difference far below the typical error into a huge relative regression', async () => {
    const check = await laneCheck(0.01);
    expect(check.passed).toBe(true);
    expect(check.value).toBe('0.01 vs 0 (+0.01)');
    expect(check.limit).toBe(
      `≤ +${Math.round(0.1 * overall * 1000) / 1000} (10 % of the registry baseline's MAE ${Math.round(overall * 1000) / 1000} over all rows)`,
    );
  });

  it('still fails a segment made materially worse than the reference', async () => {
    expect((await laneCheck(0.2 * overall)).passed).toBe(false);
  });
});

describe('the consistency gate for a regression model', () => {
  // Production predicts in tight clusters (as tree ensembles do): its deciles are narrow.
  const inputs = Array.from({ length: 200 }, (_, i) => ({ x: i, y: 300 + (i % 5) * 0.5 }));
  const scaled = (factor: number) => async (v: VersionRecord, r: Rows) => ({
    columns: { prediction: r.map((x) => Number(x.y) * (v.version === 1 ? 1 : factor)) },
    label: null,
  });
  const consistencyOf = async (factor: number) => {
    const r = await runGates({
      cand: version(2),
      prod: version(1),
      holdout: { rows: inputs, source: 'given rows' },
      recent: [],
      predict: scaled(factor),
      thresholds: DEFAULT_GATE_THRESHOLDS,
    });
    return r.gates.find((g) => g.gate === 'consistency')!;
  };

  it('passes predictions that move 2 % and says by how much against which limit', async () => {
    const gate = await consistencyOf(1.02);
    expect(gate.passed).toBe(true);
    expect(gate.checks).toEqual([
      {
        name: 'P90 change of predictions vs production @1',
        code: 'prediction-change',
        params: { share: 90, version: 1 },
        passed: true,
        value: '2.0 %',
        limit: '≤ 20.0 %',
        detail: '200 holdout inputs',
        valueText: { code: 'percent', params: { pct: '2.0' } },
        limitText: { code: 'percent-at-most', params: { pct: '20.0' } },
        detailText: { code: 'holdout-inputs', params: { n: 200 } },
      },
    ]);
  });

  it('fails predictions that move far from production', async () => {
    const gate = await consistencyOf(1.3);
    expect(gate.passed).toBe(false);
    expect(gate.checks[0]).toMatchObject({ value: '30.0 %', limit: '≤ 20.0 %' });
  });
});

describe('the improvement gate on a holdout the registry stored only in part', () => {
  const cand = (split: 'time' | 'random') =>
    version(1, {
      manifest: {
        ...version(1).manifest,
        dateColumn: 'date',
        split,
        rows: { train: 100_000, valid: 10_000, test: 23_384 },
      },
    });

  it('says the figure comes from the latest of the holdout rows, and of how many', async () => {
    const r = await gates(cand('time'), null, off(3));
    expect(r.gates.find((g) => g.gate === 'improvement')!.summary).toBe(
      'MAE 3 on the latest 100 of 23,384 holdout rows',
    );
  });

  it('does not call rows of a random holdout the latest', async () => {
    const r = await gates(cand('random'), null, off(3));
    expect(r.gates.find((g) => g.gate === 'improvement')!.summary).toBe('MAE 3 on 100 of 23,384 holdout rows');
  });
});

describe('the data-quality range check', () => {
  const withRange = (v: number, min: number, max: number) =>
    version(v, {
      datasetStats: {
        features: [{ name: 'x', kind: 'numeric', min, max, missingRate: 0 }],
      } as unknown as VersionRecord['datasetStats'],
    });
  const rangeCheck = async (cand: VersionRecord, prod: VersionRecord) => {
    const r = await gates(cand, prod, exact, false);
    return r.gates.find((g) => g.gate === 'data-quality')!.checks.find((c) => c.name === 'x range')!;
  };

  it('does not set a negative lower limit for a feature production never saw below 0', async () => {
    const check = await rangeCheck(withRange(2, 0, 100), withRange(1, 10, 3000));
    expect(check.limit).toBe('0 … 4495');
    expect((await rangeCheck(withRange(2, -5, 100), withRange(1, 10, 3000))).passed).toBe(false);
  });

  it('keeps the slack below a minimum that is already negative', async () => {
    expect((await rangeCheck(withRange(2, -20, 10), withRange(1, -10, 10))).limit).toBe('-20 … 20');
  });
});

describe('gate results as data', () => {
  /** Every summary, check name and check cell in words is its code's English filled with its parameters. */
  const expectCoded = (r: GateReport) => {
    for (const g of r.gates) {
      expect(g.code, g.summary).toBeDefined();
      expect(fillEnglish(GATE_SUMMARY_EN[g.code!], g.params!)).toBe(g.summary);
      for (const c of g.checks) {
        expect(c.code, c.name).toBeDefined();
        expect(fillEnglish(GATE_CHECK_EN[c.code!], c.params!)).toBe(c.name);
        for (const cell of ['value', 'limit', 'detail'] as const) {
          const text = c[`${cell}Text`];
          if (typeof c[cell] === 'string') expect(text, `${c.name} ${cell}: ${c[cell]}`).toBeDefined();
          if (text) expect(cellEnglish(text)).toBe(c[cell]);
        }
      }
    }
  };

  it('carry a code and the figures behind each summary and check name', async () => {
    const r = await runGates({
      cand: version(2),
      prod: version(1),
      holdout: { rows, source: 'given rows' },
      recent: [],
      predict: off(1),
      thresholds: DEFAULT_GATE_THRESHOLDS,
      unit: 't/day',
    });
    expectCoded(r);
    const [quality, improvement] = r.gates;
    expect(quality).toMatchObject({ code: 'checks-passed', params: { n: 3 } });
    expect(quality!.checks.map((c) => c.code)).toEqual(['inputs-match', 'training-rows', 'holdout-rows']);
    expect(improvement!.checks[0]).toMatchObject({ code: 'vs-production-at', params: { metric: 'MAE', version: 1 } });
  });

  it('carry them where a gate cannot judge or a refit model is scored', async () => {
    expectCoded(await gates(version(2, { refitRows: 1000 }), version(1)));
    expectCoded(await gates(version(1, { baseline: null }), null, off(1), false));
    const r = await gates(version(1, { refitRows: 1000 }), null, exact, false);
    expectCoded(r);
    expect(r.gates[1]).toMatchObject({
      code: 'figure-on-holdout',
      params: { metric: 'MAE', value: 0, unit: '', rows: 100 },
    });
    expect(r.gates[3]).toMatchObject({ code: 'no-production', params: {} });
  });

  it('carry them for every value, limit and detail in words, failing or passing', async () => {
    const lanes = rows.map((r, i) => ({ ...r, lane: i % 2 ? 'rail' : 'road' }));
    const stats = (min: number, max: number) =>
      ({
        features: [{ name: 'x', kind: 'numeric', min, max, missingRate: 0.3, definedSince: '2024-01-01' }],
      }) as unknown as VersionRecord['datasetStats'];
    const cand = version(2, { datasetStats: stats(0, 5000), dataset: null });
    const prod = version(1, { datasetStats: stats(0, 100), origin: 'imported' });
    const run = (p: VersionRecord, predict: typeof exact, stored: boolean) =>
      runGates({
        cand,
        prod: p,
        holdout: { rows: lanes, source: 'test holdout', stored },
        recent: lanes,
        predict,
        thresholds: { ...DEFAULT_GATE_THRESHOLDS, consistency: { maxPsi: 0.25, maxRelativeChange: 0.2, minRows: 50 } },
        unit: 't/day',
      });
    const worse = async (v: VersionRecord, r: Rows) => (v.version === 2 ? off(5)(v, r) : exact(v, r));
    const failing = async (v: VersionRecord, r: Rows) => {
      if (v.version === 1) throw new Error('no session');
      return exact(v, r);
    };
    const reports = [await run(prod, worse, false), await run(prod, worse, true), await run(prod, failing, false)];
    reports.forEach(expectCoded);
    const cells = reports.flatMap((r) =>
      r.gates.flatMap((g) => g.checks.flatMap((c) => [c.valueText?.code, c.limitText?.code, c.detailText?.code])),
    );
    for (const code of ['span', 'no-dataset', 'rows-since', 'versus-worse', 'segment-rows', 'not-comparable-imported'])
      expect(cells).toContain(code);
    expect(cells).toContain('production-cannot-score');
  });
});
