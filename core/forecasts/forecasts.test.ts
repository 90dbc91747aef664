import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PredictAnswer } from '../contract/api/registry';
import { baselineName } from '../contract/baseline-names';
import { inputSourceSchema } from '../domain/input-sources';
import { checkPlan } from '../checker/check';
import type { Scenario } from '../domain/scenario';
import type { ModelManifest } from '../ml/manifest';
import type { Cell } from '../ml/table';
import { ruleBasedPlan } from '../optimizer/rule-based-plan';
import type { VersionRecord } from '../registry/version-record';
import { generateScenario } from '../synth/scenario';
import { addHours, applyForecasts, undoForecasts } from './apply';
import { rakeIndent, RAKE_FILL_TO_INDENT } from './indent';
import { indentCsv, indentXlsx } from './indent-export';
import { productionWithForecast } from './production';
import { specBaseline } from './spec-baseline';
import { generateHistory } from '../synth/history';
import type { ModelAccess } from './model-access';
import { annotatePlanRisk, DEFAULT_SPREAD_BASIS, robustScenario, transitQuantiles } from './plan-risk';
import { transitCdf, transitQuantile } from './transit-distribution';
import { versionRecord } from '../../tests/fixtures/version-record';

const sc0 = (): Scenario => generateScenario({ seed: 4, size: 'day' });

function version(
  name: string,
  v: number,
  o: { beats?: boolean; data?: 'plant-history' | 'synthetic-history' } = {},
): VersionRecord {
  return versionRecord(
    name,
    v,
    { trainingData: { kind: o.data ?? 'plant-history', source: 'test' } } as Partial<ModelManifest>,
    { spec: name, baselineMetrics: { beats: o.beats ?? true } },
  );
}

/** A registry stand-in: each model answers a fixed function of its row; the baseline answers 7. */
function access(versions: Record<string, VersionRecord>, calls: string[] = []): ModelAccess {
  const f: Record<string, (r: Record<string, Cell>) => Record<string, number>> = {
    'transit-delay': (r) => ({
      prediction: 10 + Number(r.distanceKm) / 50,
      p10: 8 + Number(r.distanceKm) / 60,
      p90: 20 + Number(r.distanceKm) / 40,
    }),
    'loading-throughput': (r) => ({ prediction: r.product === 'HRC' ? 300 : 450 }),
    'rake-availability': () => ({ prediction: 5 }),
  };
  return {
    serving: (name) => versions[name] ?? null,
    predict: async (name, rows) => {
      calls.push(name);
      const out = rows.map((r) => f[name]!(r));
      const columns = Object.fromEntries(Object.keys(out[0]!).map((k) => [k, out.map((o) => o[k]!)]));
      return {
        model: name,
        version: versions[name]!.version,
        source: 'model',
        columns,
        label: null,
        ms: 0,
      } satisfies PredictAnswer;
    },
    baseline: (_name, rows) => ({ values: { prediction: rows.map(() => 7) }, name: 'lane mean (test)', spread: false }),
  };
}

const all = (o: Parameters<typeof version>[2] = {}) => ({
  'transit-delay': version('transit-delay', 3, o),
  'loading-throughput': version('loading-throughput', 2, o),
  'rake-availability': version('rake-availability', 5, o),
});

describe('transit distribution through P10/P50/P90', () => {
  it('passes through the three quantiles, is bounded in [0, 1] and never decreases', () => {
    const q = { p10H: 30, p50H: 40, p90H: 70 };
    expect(transitCdf(q, 30)).toBeCloseTo(0.1, 5);
    expect(transitCdf(q, 40)).toBeCloseTo(0.5, 5);
    expect(transitCdf(q, 70)).toBeCloseTo(0.9, 5);
    expect(transitQuantile(q, 0.9)).toBeCloseTo(70, 6);
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: -50, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (p50, lo, hi, h, dh) => {
          const qq = { p10H: p50 / (1 + lo), p50H: p50, p90H: p50 * (1 + hi) };
          const a = transitCdf(qq, h),
            b = transitCdf(qq, h + dh);
          return a >= 0 && b <= 1 && b >= a;
        },
      ),
    );
  });
});

describe('update from forecasts', () => {
  it('sets transit, loading rate and placement from the serving versions and names each in sources', async () => {
    const sc = sc0();
    const r = await applyForecasts(sc, access(all()), { demo: false });
    const d = sc.plant.destinations[0]!;
    const t = r.sources.find((s) => s.field === 'railTransitH' && s.entity === d.code)!;
    expect(t).toMatchObject({
      source: 'model transit-delay@3',
      before: d.railTransitH,
      used: Math.round((10 + d.railDistanceKm / 50) * 10) / 10,
    });
    expect(t.p90H!).toBeGreaterThan(t.p50H!);
    expect(r.scenario.plant.destinations[0]!.railTransitH).toBe(t.used);
    for (const l of r.sources.filter((s) => s.field === 'loadingRateTph')) {
      expect(l.source).toBe('model loading-throughput@2');
      // The blend lies between the per-product rates.
      expect(Number(l.used)).toBeGreaterThanOrEqual(300);
      expect(Number(l.used)).toBeLessThanOrEqual(450);
    }
    const rake = sc.rakes.find((x) => x.status === 'expected')!;
    const p = r.sources.find((s) => s.field === 'expectedPlacement' && s.entity === rake.id)!;
    expect(p).toMatchObject({
      source: 'model rake-availability@5',
      delayH: 5,
      before: rake.expectedPlacement,
      used: addHours(rake.expectedPlacement, 5),
    });
    expect(Date.parse(String(p.used)) - Date.parse(rake.expectedPlacement)).toBe(5 * 3_600_000);
    expect(r.changes.length).toBeGreaterThan(0);
    expect(r.changes.every((c) => c.before !== c.used)).toBe(true);

    // A second update starts from the promised time again: the delay is added once.
    const again = await applyForecasts(r.scenario, access(all()), { demo: false });
    expect(again.scenario.rakes).toEqual(r.scenario.rakes);
    expect(again.changes).toHaveLength(0);
    // Undo sets every figure back.
    const back = undoForecasts(again.scenario);
    expect(back.plant.destinations).toEqual(sc.plant.destinations);
    expect(back.rakes).toEqual(sc.rakes);
    expect(back.sources).toBeUndefined();
  });

  it('uses the baseline, named as such, when a model does not beat it', async () => {
    const sc = sc0();
    const calls: string[] = [];
    const r = await applyForecasts(
      sc,
      access({ ...all(), 'transit-delay': version('transit-delay', 3, { beats: false }) }, calls),
      { demo: false },
    );
    const t = r.sources.filter((s) => s.field === 'railTransitH');
    expect(
      t.every(
        (s) => s.source === 'baseline transit-delay' && s.used === 7 && /does not beat its baseline/.test(s.why ?? ''),
      ),
    ).toBe(true);
    expect(calls).not.toContain('transit-delay');
    expect(r.sources.find((s) => s.field === 'loadingRateTph')!.source).toBe('model loading-throughput@2');
  });

  it('carries the baseline used as codes beside its English, for the interface to word', async () => {
    const nameText = { code: 'lane-median-transit', kind: 'median', keys: ['destination'] } as const;
    const withNamed: ModelAccess = {
      ...access({ ...all(), 'transit-delay': version('transit-delay', 3, { beats: false }) }),
      baseline: (_name, rows) => ({
        values: { prediction: rows.map(() => 7), p10: rows.map(() => 5), p90: rows.map(() => 9) },
        name: baselineName(nameText),
        nameText,
        spread: true,
      }),
    };
    const t = (await applyForecasts(sc0(), withNamed, { demo: false })).sources.find(
      (s) => s.field === 'railTransitH',
    )!;
    expect(t.why).toBe(
      'transit-delay@3 does not beat its baseline on the holdout: its baseline (lane median transit time ' +
        '(training-period median; overall median for unseen destination); ' +
        "P10/P90: the destination's empirical quantiles) is used",
    );
    expect(t.reasons).toEqual([
      { code: 'model-beaten', params: { model: 'transit-delay', version: 3 } },
      {
        code: 'baseline-used-spread',
        params: {
          name: baselineName(nameText),
          baseline: 'lane-median-transit',
          baselineKind: 'median',
          keys: 'destination',
        },
      },
    ]);
    // Saved with the scenario: the row reads back as it was written.
    expect(inputSourceSchema.parse(t)).toEqual(t);
  });

  it("carries the registry's naive baseline as codes when no spec baseline is at hand", async () => {
    const beaten = version('transit-delay', 3, { beats: false });
    const stored: VersionRecord = {
      ...beaten,
      manifest: { ...beaten.manifest, target: 'transitH', outputs: ['prediction'] },
      baseline: {
        kind: 'mean',
        description: 'mean transitH by destination',
        overall: 40,
        segment: { column: 'destination', values: {} },
      },
    };
    const r = await applyForecasts(
      sc0(),
      { ...access({ ...all(), 'transit-delay': stored }), baseline: () => null },
      { demo: false },
    );
    const t = r.sources.find((s) => s.field === 'railTransitH')!;
    expect(t).toMatchObject({ source: 'baseline transit-delay', used: 40 });
    expect(t.why).toBe(
      "transit-delay@3 does not beat its baseline on the holdout: the registry's naive baseline (mean transitH by destination) is used",
    );
    expect(t.reasons).toEqual([
      { code: 'model-beaten', params: { model: 'transit-delay', version: 3 } },
      {
        code: 'registry-baseline-used',
        params: {
          name: 'mean transitH by destination',
          nameCell: 'baseline-mean-by',
          target: 'transitH',
          column: 'destination',
        },
      },
    ]);
    expect(inputSourceSchema.parse(t)).toEqual(t);
  });

  it('refuses models trained on synthetic history for a real scenario, and uses them for the demo', async () => {
    const sc = sc0();
    const real = await applyForecasts(sc, access(all({ data: 'synthetic-history' })), { demo: false });
    for (const s of real.sources) {
      expect(s.source).toBe(
        `baseline ${s.field === 'railTransitH' ? 'transit-delay' : s.field === 'loadingRateTph' ? 'loading-throughput' : 'rake-availability'}`,
      );
      expect(s.why).toMatch(/synthetic demo history/);
    }
    const noBaseline = { ...access(all({ data: 'synthetic-history' })), baseline: () => null };
    const kept = await applyForecasts(sc, noBaseline, { demo: false });
    expect(
      kept.sources.every((s) => s.source === 'scenario' && s.before === s.used && /synthetic/.test(s.why ?? '')),
    ).toBe(true);
    expect(kept.changes).toHaveLength(0);
    // The registry's own baseline was fitted on the same synthetic rows: it does not stand in either.
    const withStored = Object.fromEntries(
      Object.entries(all({ data: 'synthetic-history' })).map(([k, v]) => [
        k,
        { ...v, baseline: { description: 'mean by corridor' } as unknown as VersionRecord['baseline'] },
      ]),
    );
    const stored = await applyForecasts(sc, { ...access(withStored), baseline: () => null }, { demo: false });
    expect(stored.changes).toHaveLength(0);
    expect(
      stored.sources.every((s) => s.source === 'scenario' && /fitted on the same synthetic history/.test(s.why ?? '')),
    ).toBe(true);
    const demo = await applyForecasts(sc, access(all({ data: 'synthetic-history' })), { demo: true });
    expect(demo.sources.every((s) => s.source.startsWith('model '))).toBe(true);
  });

  it('keeps the scenario value, saying why, when there is no model at all', async () => {
    const r = await applyForecasts(sc0(), access({}), { demo: false });
    expect(r.changes).toHaveLength(0);
    expect(r.sources.every((s) => s.source === 'scenario' && /no .* model in the registry/.test(s.why ?? ''))).toBe(
      true,
    );
  });
});

describe('plan risk', () => {
  it('gives every rake line an on-time probability in [0, 1], the rake its lowest, and lower odds for a later loading end', async () => {
    const sc = (await applyForecasts(sc0(), access(all()), { demo: false })).scenario;
    const plan = annotatePlanRisk(ruleBasedPlan(sc), sc, 'normal');
    expect(plan.rakes.length).toBeGreaterThan(0);
    for (const r of plan.rakes) {
      for (const l of r.lines) {
        expect(l.onTimeP!).toBeGreaterThanOrEqual(0);
        expect(l.onTimeP!).toBeLessThanOrEqual(1);
      }
      expect(r.onTimeP).toBe(Math.min(...r.lines.map((l) => l.onTimeP!)));
    }
    expect(plan.summary.expectedLatenessP90Rs!).toBeGreaterThanOrEqual(plan.summary.expectedLatenessP50Rs!);
    expect(plan.inputSources).toEqual(sc.sources);
    // A figure edited after the update is the scenario's own in the plan's sources.
    const edited: Scenario = {
      ...sc,
      plant: {
        ...sc.plant,
        destinations: sc.plant.destinations.map((d, i) => (i === 0 ? { ...d, railTransitH: 99 } : d)),
      },
    };
    const row = annotatePlanRisk(ruleBasedPlan(edited), edited, 'normal').inputSources!.find(
      (x) => x.field === 'railTransitH' && x.entity === sc.plant.destinations[0]!.code,
    )!;
    expect(row).toMatchObject({
      used: 99,
      source: 'scenario',
      why: expect.stringMatching(/edited after the forecast update .*model transit-delay@3/),
    });
    expect(plan.planning!.transit.every((t) => t.basis === 'model transit-delay@3')).toBe(true);
    expect(checkPlan(sc, plan).ok).toBe(true);
    // The same rake loaded a day later is never more likely on time.
    const later = { ...plan, rakes: plan.rakes.map((r) => ({ ...r, loadingEnd: addHours(r.loadingEnd, 24) })) };
    const re = annotatePlanRisk(later, sc, 'normal');
    re.rakes.forEach((r, i) => expect(r.onTimeP!).toBeLessThanOrEqual(plan.rakes[i]!.onTimeP!));
  });

  it('robust planning uses P90 transit, passes the checker on that scenario, and costs at least the normal plan', () => {
    const sc = sc0();
    expect(transitQuantiles(sc).get(sc.plant.destinations[0]!.code)!.basis).toBe(DEFAULT_SPREAD_BASIS);
    // A baseline's P50 without a spread of its own: the basis names both.
    const d0 = sc.plant.destinations[0]!;
    const fromBaseline = {
      ...sc,
      sources: [
        {
          field: 'railTransitH' as const,
          entity: d0.code,
          before: 1,
          used: d0.railTransitH,
          source: 'baseline transit-delay',
        },
      ],
    };
    expect(transitQuantiles(fromBaseline).get(d0.code)!.basis).toBe(
      `P50 from baseline transit-delay, ${DEFAULT_SPREAD_BASIS}`,
    );
    const robust = robustScenario(sc);
    robust.plant.destinations.forEach((d, i) =>
      expect(d.railTransitH).toBeGreaterThan(sc.plant.destinations[i]!.railTransitH),
    );
    const normal = annotatePlanRisk(ruleBasedPlan(sc), sc, 'normal');
    const safe = annotatePlanRisk(ruleBasedPlan(robust), sc, 'robust');
    expect(checkPlan(robust, safe).ok).toBe(true);
    expect(safe.planning!.mode).toBe('robust');
    expect(safe.summary.totalCost).toBeGreaterThanOrEqual(normal.summary.totalCost);
    expect(safe.summary.costs.latenessRs).toBeGreaterThanOrEqual(normal.summary.costs.latenessRs);
  });
});

describe('rake indent', () => {
  it('puts every tonne wanting rail on a suggested rake or names what is left; exports CSV with a BOM and xlsx with real dates', async () => {
    const sc = sc0();
    const demand = sc.plant.destinations.slice(0, 3).flatMap((d) =>
      Array.from({ length: 14 }, (_, day) => ({
        day,
        destination: d.code,
        product: sc.plant.products[0]!.code,
        tonnes: 900,
      })),
    );
    const ind = rakeIndent(sc, demand, 14);
    expect(ind.rows.length).toBeGreaterThan(0);
    const cap = new Map(sc.plant.wagonTypes.map((w) => [w.code, w.pccT * w.wagonsPerRake]));
    for (const r of ind.rows) {
      expect(r.expectedT).toBeLessThanOrEqual(r.rakes * cap.get(r.wagonType)! + 1);
      expect(r.expectedT).toBeGreaterThan((r.rakes - 1 + RAKE_FILL_TO_INDENT) * cap.get(r.wagonType)! - 1);
      expect(r.openOrdersT + r.forecastT).toBe(r.expectedT);
    }
    const forecastT = ind.rows.reduce((s, r) => s + r.forecastT, 0);
    expect(forecastT).toBeLessThanOrEqual(3 * 14 * 900 + 1);
    // Tonnes in the notes carry the digit grouping of every other figure ("1,450 t").
    const left = ind.notes
      .filter((n) => / t left after day /.test(n))
      .map((n) => Number(/: ([\d,]+) t left/.exec(n)![1]!.replaceAll(',', '')));
    expect(ind.notes.filter((n) => /\d{4} t/.test(n))).toEqual([]);
    expect(left.some((t) => t >= 1000)).toBe(true);
    // Every tonne goes on a suggested rake, on one of the scenario's rakes placed or expected, or is named as left.
    expect(ind.known.coveredT).toBeGreaterThan(0);
    expect(ind.leftT).toBeGreaterThan(0);
    expect(Math.abs(ind.leftT - left.reduce((a, b) => a + b, 0))).toBeLessThanOrEqual(left.length);
    expect(Math.abs(ind.indentedT + ind.known.coveredT + ind.leftT - ind.demandT)).toBeLessThanOrEqual(
      ind.rows.length + 2,
    );
    // No loading point is asked for more rakes in a day than its berths load in its working hours.
    const byDay = new Map<string, number>();
    for (const r of ind.rows) {
      const lp = sc.plant.loadingPoints.find((l) => l.code === r.loadingPoint)!;
      const k = `${r.date}|${lp.code}`;
      byDay.set(k, (byDay.get(k) ?? 0) + (r.rakes * cap.get(r.wagonType)!) / lp.loadingRateTph);
    }
    for (const [k, h] of byDay) {
      const lp = sc.plant.loadingPoints.find((l) => l.code === k.split('|')[1])!;
      expect(h, k).toBeLessThanOrEqual(lp.maxRakes * (lp.workEndH - lp.workStartH) + 1e-6);
    }
    // A one-day indent asks for no more rakes than that day can load, and leaves later orders to a later indent.
    const one = rakeIndent(sc, demand, 1);
    expect(one.rows.every((r) => r.date === ind.rows[0]!.date)).toBe(true);
    expect(one.notes).toContainEqual(expect.stringMatching(/t of open orders need not leave within these 1 days/));
    const csv = indentCsv(ind);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').split('\r\n')[1]!.startsWith(ind.rows[0]!.date)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await indentXlsx(ind, 'model demand@1')) as unknown as ArrayBuffer);
    const cell = wb.getWorksheet('Rake indent')!.getRow(2).getCell(1).value;
    expect(cell).toBeInstanceOf(Date);
    expect((cell as Date).toISOString().slice(0, 10)).toBe(ind.rows[0]!.date);
  });
});

describe('rake indent: tonnes on no rake', () => {
  it('counts tonnes no loading point can load as on no rake, and names them with grouped digits', () => {
    const sc = sc0();
    const p = sc.plant.products[0]!;
    const noLp = { ...sc, plant: { ...sc.plant, products: [{ ...p, wagonTypes: ['NO-SUCH-TYPE'] }] } };
    const dest = sc.plant.destinations[0]!.code;
    const ind = rakeIndent(noLp, [{ day: 0, destination: dest, product: p.code, tonnes: 1450 }], 3);
    expect(ind.notes).toContain(`${p.code}: no loading point handles any of its wagon types; 1,450 t not indented`);
    expect(ind.leftT).toBe(ind.demandT - ind.indentedT - ind.known.coveredT);
    expect(ind.leftT).toBeGreaterThanOrEqual(1450);
  });
});

describe('production suggestion with the demand forecast', () => {
  it('adds forecast demand beyond the stock left after open orders, and only that', () => {
    const sc = sc0();
    const product = sc.plant.products[0]!.code;
    const stock = sc.inventory
      .filter((i) => i.product === product)
      .reduce((s, i) => s + Math.max(0, i.onHandT - i.safetyStockT), 0);
    const open = sc.orders.filter((o) => o.product === product).reduce((s, o) => s + o.quantityT, 0);
    const left = Math.max(0, stock - open);
    // Enough a day that the stock left runs out about halfway through the fortnight.
    const perDay = Math.ceil(left / 7) + 500;
    const demand = Array.from({ length: 14 }, (_, day) => ({
      day,
      destination: sc.plant.destinations[0]!.code,
      product,
      tonnes: perDay,
    }));
    const short = 14 * perDay - left;
    const line = productionWithForecast([], sc, demand, 14, 'model demand@1').find((p) => p.product === product)!;
    expect(line.tonnes).toBeCloseTo(short, 3);
    expect(line.because).toMatch(/forecast demand over the next 14 days .*model demand@1/);
    expect(line.neededBy.slice(0, 10)).toBe(
      new Date(Date.parse(`${sc.horizon.start.slice(0, 10)}T00:00:00Z`) + Math.floor(left / perDay) * 86_400_000)
        .toISOString()
        .slice(0, 10),
    );
    // An existing suggestion for the product grows by the forecast shortfall; no forecast, no change.
    const merged = productionWithForecast(
      [{ product, tonnes: 500, neededBy: sc.horizon.start, because: 'open orders' }],
      sc,
      demand,
      14,
      'model demand@1',
    );
    expect(merged.find((p) => p.product === product)!.tonnes).toBeCloseTo(500 + short, 3);
    expect(productionWithForecast([], sc, [], 14, 'none')).toEqual([]);
  });
});

describe('the baseline planning falls back to', () => {
  it("is the spec's own baseline fitted on the history (the lane median), with the lane's empirical P10/P90 for transit", () => {
    const h = generateHistory({ seed: 3, days: 60 });
    const dest = h.trips.find((t) => t.transitH !== null)!.destination;
    const lane = h.trips.filter((t) => t.destination === dest && t.transitH !== null).map((t) => t.transitH!);
    const b = specBaseline('transit-delay', h, [
      { date: '2026-01-01', destination: dest, corridor: 'X', distanceKm: 100, wagonType: 'BOXN', loadT: 3000 },
    ])!;
    const sorted = [...lane].sort((x, y) => x - y);
    const m = sorted.length >> 1;
    expect(b.values.prediction![0]).toBeCloseTo(sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2, 6);
    expect(b.values.p10![0]).toBeLessThanOrEqual(b.values.p90![0]!);
    expect(b.values.p10![0]).toBeGreaterThanOrEqual(Math.min(...lane));
    expect(b).toMatchObject({
      name: expect.stringMatching(/^lane median transit time/),
      nameText: { code: 'lane-median-transit' },
      spread: true,
    });
    // The baseline the model was judged against is the one used, by name.
    const other = specBaseline(
      'transit-delay',
      h,
      [{ date: '2026-01-01', destination: dest, corridor: 'X', distanceKm: 100, wagonType: 'BOXN', loadT: 3000 }],
      'lane × wagon type median transit time (training-period median; overall median for unseen destination × wagonType)',
    )!;
    expect(other.name).toMatch(/^lane × wagon type median/);
  });
});
