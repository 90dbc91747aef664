import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/db';
import { tempDir } from '../../tests/helpers/tmp';
import { evaluateRules, DEFAULT_RULES, type AlertRule } from './alerts';
import { bucketIndex, BUCKET_BOUNDS_MS, Histogram } from './latency-histogram';
import { JsonLog, logLine } from './log';
import { renderPrometheus } from './prometheus';
import { SeriesStore, type SeriesKind, type SeriesPoint } from './series';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
function db() {
  const t = tempDir('rp-mon-');
  const { db } = openDatabase(t.dir);
  cleanups.push(() => {
    db.close();
    t.cleanup();
  });
  return { db, dir: t.dir };
}

describe('latency histogram', () => {
  it('puts a value in the first bucket whose bound holds it', () => {
    for (const [i, b] of BUCKET_BOUNDS_MS.entries()) {
      expect(bucketIndex(b)).toBe(i);
      expect(bucketIndex(b * 1.0001)).toBe(i + 1);
    }
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(1e9)).toBe(BUCKET_BOUNDS_MS.length);
  });

  it('estimates percentiles within one bucket of the exact value', () => {
    const h = new Histogram();
    const values = Array.from({ length: 10_000 }, (_, i) => 1 + (i % 1000) / 10); // 1 … 100.9 ms uniform
    for (const v of values) h.add(v);
    const exact = (q: number) => [...values].sort((a, b) => a - b)[Math.ceil(q * values.length) - 1]!;
    for (const q of [0.5, 0.95, 0.99]) {
      const est = h.quantile(q)!;
      expect(est / exact(q)).toBeGreaterThan(1 / Math.SQRT2);
      expect(est / exact(q)).toBeLessThan(Math.SQRT2);
    }
    expect(new Histogram().quantile(0.5)).toBeNull();
  });

  it('reads one call as its own latency at every percentile, stored or not', () => {
    const h = new Histogram();
    h.add(113_250); // one large solve
    for (const q of [0.5, 0.95, 0.99]) expect(h.quantile(q)).toBe(113_250);
    const stored = Histogram.fromSparse(h.toSparse(), h.sumMs);
    for (const q of [0.5, 0.95, 0.99]) expect(stored.quantile(q)).toBe(113_250);
    // Percentiles stay within the calls seen; merged with a stored minute of several calls, within their buckets.
    const two = new Histogram();
    two.add(40);
    two.add(45);
    expect(two.quantile(0.99)).toBeLessThanOrEqual(45);
    expect(two.quantile(0.01)).toBeGreaterThanOrEqual(40);
    const merged = Histogram.fromSparse(two.toSparse(), two.sumMs);
    merged.merge(h);
    expect(merged.minMs).toBeNull();
    expect(merged.quantile(0.99)).toBeGreaterThan(BUCKET_BOUNDS_MS[bucketIndex(113_250) - 1]!);
  });
});

describe('time series in SQLite', () => {
  const t0 = Date.UTC(2026, 10, 22, 10, 0, 0);

  it('flushes per-minute deltas, merges them with stored rows, and answers queries with unflushed points too', () => {
    const { db: d } = db();
    const s = new SeriesStore();
    for (let i = 0; i < 10; i++) s.record('call', 'health.get', { ms: 2, ok: true }, t0 + i * 1000);
    s.record('call', 'health.get', { ms: 800, ok: false, code: 'INTERNAL' }, t0 + 61_000);
    s.flush(d, 7 * 1440, t0 + 61_000);
    s.record('call', 'health.get', { ms: 3, ok: true }, t0 + 62_000); // not flushed yet
    const pts = s.series(d, { kind: 'call', fromMs: t0, toMs: t0 + 120_000 });
    expect(pts.map((p) => [p.count, p.errors])).toEqual([
      [10, 0],
      [2, 1],
      [0, 0],
    ]);
    s.flush(d, 7 * 1440, t0 + 62_000);
    const stored = d
      .prepare('SELECT count, errors FROM metric_points WHERE minute = ?')
      .get(Math.floor((t0 + 61_000) / 60_000)) as { count: number; errors: number };
    expect(stored).toEqual({ count: 2, errors: 1 });
    // A second store (a restarted host) adds to the same minute instead of overwriting it.
    const s2 = new SeriesStore();
    s2.record('call', 'health.get', { ms: 4, ok: true }, t0 + 63_000);
    s2.flush(d, 7 * 1440, t0 + 63_000);
    expect(s2.summary(d, { kind: 'call', fromMs: t0, toMs: t0 + 120_000 })[0]).toMatchObject({
      key: 'health.get',
      count: 13,
      errors: 1,
    });
  });

  it('deletes points older than the retention', () => {
    const { db: d } = db();
    const s = new SeriesStore();
    s.record('inference', 'm@1', { ms: 1, ok: true }, t0);
    s.flush(d, 60, t0);
    s.record('inference', 'm@1', { ms: 1, ok: true }, t0 + 61 * 60_000);
    s.flush(d, 60, t0 + 61 * 60_000);
    expect((d.prepare('SELECT COUNT(*) AS n FROM metric_points').get() as { n: number }).n).toBe(1);
  });
});

describe('alert rules', () => {
  const pt = (count: number, p95: number, faults = 0, refusals = 0): SeriesPoint => ({
    t: 0,
    count,
    errors: faults + refusals,
    faults,
    rate: count / 60,
    p50: p95 / 2,
    p95,
    p99: p95,
    meanMs: p95 / 2,
    sumValue: 0,
  });
  const src = (pts: SeriesPoint[]) => ({
    series: (_k: string, n: number) => pts.slice(-n),
    models: () => [],
    drift: () => [],
  });
  const p95Rule = DEFAULT_RULES.find((r) => r.id === 'call-p95')!;
  const errRule = DEFAULT_RULES.find((r) => r.id === 'call-errors')!;

  it('"p95 > 500 ms for 5 min" fires only when all five minutes breach', () => {
    expect(
      evaluateRules([p95Rule], src([pt(10, 600), pt(10, 700), pt(10, 650), pt(10, 900), pt(10, 510)])),
    ).toHaveLength(1);
    expect(
      evaluateRules([p95Rule], src([pt(10, 600), pt(10, 700), pt(10, 300), pt(10, 900), pt(10, 510)])),
    ).toHaveLength(0);
    expect(evaluateRules([p95Rule], src([pt(10, 600), pt(0, 0), pt(10, 650), pt(10, 900), pt(10, 510)]))).toHaveLength(
      0,
    );
  });

  it('"failure rate > 1 %" fires above the threshold with enough calls, counting faults only', () => {
    expect(evaluateRules([errRule], src([pt(100, 5, 2), pt(100, 5, 1)]))[0]!.message).toMatch(
      /failure rate 1\.5 %.*3 of 200/,
    );
    // Cancels and refused payloads are answers the caller asked for, not failures of the app.
    expect(evaluateRules([errRule], src([pt(100, 5, 0, 40), pt(100, 5, 1, 30)]))).toHaveLength(0);
    expect(evaluateRules([errRule], src([pt(100, 5, 1), pt(100, 5, 1)]))).toHaveLength(0); // exactly 1 %
    expect(evaluateRules([errRule], src([pt(5, 5, 5)]))).toHaveLength(0); // too few calls to judge
  });

  it('separates long jobs from clicks: a 2-minute solve does not raise the interactive p95 alert', () => {
    const store = new SeriesStore();
    const t0 = Date.UTC(2026, 0, 5, 10, 0);
    for (let m = 0; m < 5; m++) {
      for (let i = 0; i < 10; i++) store.record('call', 'scenarios.get', { ms: 20, ok: true }, t0 + m * 60_000 + i);
      store.record('call', 'plans.solve', { ms: 120_000, ok: true }, t0 + m * 60_000 + 30_000);
      store.record('call', 'scenarios.editRows', { ms: 5, ok: false, code: 'INVALID_DATA' }, t0 + m * 60_000 + 31_000);
      store.record('call', 'plans.solve', { ms: 900, ok: false, code: 'CANCELLED' }, t0 + m * 60_000 + 32_000);
    }
    const now = t0 + 4 * 60_000 + 59_000;
    const series = (kind: SeriesKind, n: number, scope?: 'interactive' | 'jobs') =>
      store.series(null, { kind, scope, fromMs: now - (n - 1) * 60_000, toMs: now });
    const source = { series, models: () => [], drift: () => [] };
    expect(evaluateRules(DEFAULT_RULES, source)).toEqual([]);
    // Everything together is what the old single rule judged: p95 far above 500 ms.
    expect(series('call', 5).every((p) => (p.p95 ?? 0) > 500)).toBe(true);
    expect(series('call', 5, 'jobs').every((p) => p.count === 2)).toBe(true);
    // A real fault still counts: handler failures on one call in five.
    for (let m = 0; m < 5; m++)
      for (let i = 0; i < 3; i++)
        store.record(
          'call',
          'scenarios.get',
          { ms: 20, ok: false, code: 'HANDLER_ERROR' },
          t0 + m * 60_000 + 40_000 + i,
        );
    expect(evaluateRules(DEFAULT_RULES, source).map((a) => a.ruleId)).toEqual(['call-errors']);
  });

  it('"model not loaded" names the model and its error; disabled rules stay quiet', () => {
    const models = () => [
      {
        name: 'transit-delay',
        version: 7,
        alias: 'production' as const,
        status: 'error' as const,
        lastError: 'file damaged',
      },
      { name: 'demand', version: 2, alias: 'production' as const, status: 'not-loaded' as const, lastError: null },
      // A candidate is not a production model: its load failure raises no alert.
      {
        name: 'huge',
        version: 1,
        alias: 'candidate' as const,
        status: 'error' as const,
        lastError: 'smoke prediction failed',
      },
    ];
    const rule: AlertRule = { id: 'm', type: 'model-not-loaded', enabled: true };
    const a = evaluateRules([rule], { series: () => [], models, drift: () => [] });
    expect(a).toEqual([
      {
        ruleId: 'm',
        severity: 'critical',
        model: 'transit-delay',
        message: 'model transit-delay@7 not loaded: file damaged',
      },
    ]);
    expect(evaluateRules([{ ...rule, enabled: false }], { series: () => [], models, drift: () => [] })).toEqual([]);
  });
});

describe('Prometheus exposition', () => {
  it('renders counters by code and cumulative histograms in seconds', () => {
    const s = new SeriesStore();
    s.record('call', 'plans.solve', { ms: 3, ok: true });
    s.record('call', 'plans.solve', { ms: 1500, ok: false, code: 'CANCELLED' });
    s.record('optimizer', 'solved', { ms: 900, ok: true, value: 0.01 });
    const text = renderPrometheus({
      appVersion: '0.1.0',
      uptimeS: 5,
      totals: s.allTotals(),
      models: [{ name: 'transit-delay', version: 3, alias: 'production', loaded: true }],
      drift: [{ name: 'transit-delay', feature: 'distance"Km', psi: 0.3 }],
    });
    expect(text).toContain('rakeplan_calls_total{call="plans.solve",code="ok"} 1');
    expect(text).toContain('rakeplan_calls_total{call="plans.solve",code="CANCELLED"} 1');
    expect(text).toContain('rakeplan_call_duration_seconds_bucket{call="plans.solve",le="+Inf"} 2');
    expect(text).toContain('rakeplan_call_duration_seconds_count{call="plans.solve"} 2');
    expect(text).toContain('rakeplan_call_duration_seconds_sum{call="plans.solve"} 1.503');
    expect(text).toContain('rakeplan_optimizer_gap_sum{outcome="solved"} 0.01');
    expect(text).toContain('rakeplan_model_loaded{model="transit-delay",version="3",alias="production"} 1');
    expect(text).toContain('rakeplan_drift_psi{model="transit-delay",feature="distance\\"Km"} 0.3');
    // Buckets are cumulative and never decrease.
    const buckets = [
      ...text.matchAll(/rakeplan_call_duration_seconds_bucket\{call="plans\.solve",le="([^"]+)"\} (\d+)/g),
    ].map((m) => Number(m[2]));
    expect(buckets.every((v, i) => i === 0 || v >= buckets[i - 1]!)).toBe(true);
    expect(buckets[0]).toBe(0);
    // Every sample line is `name{labels} value`.
    for (const line of text.trim().split('\n'))
      if (!line.startsWith('#')) expect(line).toMatch(/^[a-z_]+(\{.*\})? [-+0-9.eInfNa]+$/);
  });
});

describe('JSON log', () => {
  it('writes one JSON object per line and rotates by size, keeping N files', () => {
    const { dir } = db();
    const log = new JsonLog(dir, { maxBytes: 400, keep: 2 });
    for (let i = 0; i < 30; i++) {
      log.log('info', 'call', { i });
      log.flush();
    }
    const files = fs.readdirSync(`${dir}/logs`).sort();
    expect(files).toEqual(['rakeplan.log', 'rakeplan.log.1', 'rakeplan.log.2']);
    for (const f of files) expect(fs.statSync(`${dir}/logs/${f}`).size).toBeLessThanOrEqual(400);
    const tail = log.tail(3);
    expect(tail.map((e) => e.i)).toEqual([27, 28, 29]);
    expect(tail[0]).toMatchObject({ level: 'info', msg: 'call' });
  });

  it("keeps the Electron main process's log beside the host's, in a file of its own", () => {
    const { dir } = db();
    const host = new JsonLog(dir);
    const main = new JsonLog(dir, { name: 'main.log' });
    main.log('error', 'renderer gone', { reason: 'oom' });
    main.flush();
    expect(path.dirname(main.file)).toBe(path.dirname(host.file));
    expect(main.tail(1)).toEqual([expect.objectContaining({ level: 'error', msg: 'renderer gone', reason: 'oom' })]);
    expect(host.tail(1)).toEqual([]);
  });

  it('stderr lines and file lines share one format: t (ISO time), level, msg, then the fields', () => {
    const line = JSON.parse(logLine('error', 'uncaught exception', { error: 'boom' }));
    expect(Object.keys(line)).toEqual(['t', 'level', 'msg', 'error']);
    expect(new Date(line.t).toISOString()).toBe(line.t);
    expect(line).toMatchObject({ level: 'error', msg: 'uncaught exception', error: 'boom' });
  });
});
