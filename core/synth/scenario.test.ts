import { describe, expect, it } from 'vitest';
import { checkScenario, hasErrors } from '../domain/validate';
import { scenarioSchema } from '../domain/scenario';
import { generateScenario, SCENARIO_SIZES, type ScenarioSize } from './scenario';

describe('generateScenario', () => {
  for (const size of ['day', 'week', 'large'] as ScenarioSize[]) {
    it(`${size}: valid, the promised size, and supply balanced with demand`, () => {
      const s = generateScenario({ seed: 11, size });
      expect(scenarioSchema.safeParse(s).success).toBe(true);
      const { issues } = checkScenario(s);
      expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(hasErrors(issues)).toBe(false);
      const spec = SCENARIO_SIZES[size];
      expect(s.orders).toHaveLength(spec.orders);
      expect(s.rakes).toHaveLength(spec.rakes);
      expect(s.horizon.days).toBe(spec.days);
      if (size === 'large') {
        expect(s.plant.stockyards).toHaveLength(20);
        expect(s.plant.destinations).toHaveLength(150);
      } else {
        expect(s.plant.products).toHaveLength(8);
        expect(s.plant.stockyards).toHaveLength(6);
        expect(s.plant.loadingPoints).toHaveLength(8);
        expect(s.plant.destinations).toHaveLength(40);
        expect(s.plant.corridors).toHaveLength(6);
      }

      const pcc = new Map(s.plant.wagonTypes.map((w) => [w.code, w.pccT]));
      const railCap = s.rakes.reduce((a, r) => a + r.wagons * pcc.get(r.wagonType)!, 0);
      const roadCap = s.plant.stockyards.reduce((a, y) => a + y.roadCapacityTPerDay, 0) * s.horizon.days;
      const ordered = s.orders.reduce((a, o) => a + o.quantityT, 0);
      const railOnly = s.orders.filter((o) => o.modes === 'rail').reduce((a, o) => a + o.quantityT, 0);
      const usable = s.inventory.reduce((a, r) => a + r.onHandT - r.safetyStockT, 0);
      // Tight but not absurd: a little more asked than can move; stock covers most of it.
      expect(ordered / (railCap + roadCap)).toBeGreaterThan(0.85);
      expect(ordered / (railCap + roadCap)).toBeLessThan(1.3);
      expect(railOnly).toBeLessThan(railCap * 1.1);
      expect(usable / ordered).toBeGreaterThan(0.9);
      expect(usable / ordered).toBeLessThan(1.4);
      // A full rake carries 2,500–3,700 t; loading rates 250–500 t/h.
      for (const w of s.plant.wagonTypes) expect(w.pccT * w.wagonsPerRake).toBeGreaterThanOrEqual(2400);
      for (const lp of s.plant.loadingPoints) expect(lp.loadingRateTph).toBeGreaterThanOrEqual(250);
      // Road only for shorter hauls.
      for (const d of s.plant.destinations) if (d.roadPossible) expect(d.roadDistanceKm).toBeLessThanOrEqual(700);
      for (const o of s.orders) expect(Date.parse(o.dueDate)).toBeGreaterThanOrEqual(Date.parse(s.horizon.start));
    });
  }

  it('is deterministic for a seed and differs between seeds', () => {
    const a = JSON.stringify(generateScenario({ seed: 5, size: 'day' }));
    const b = JSON.stringify(generateScenario({ seed: 5, size: 'day' }));
    const c = JSON.stringify(generateScenario({ seed: 6, size: 'day' }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('derives the plan start from the seed, at 06:00 IST', () => {
    expect(generateScenario({ seed: 0, size: 'day' }).horizon.start).toBe('2026-01-01T06:00:00+05:30');
    expect(generateScenario({ seed: 31, size: 'day' }).horizon.start).toBe('2026-02-01T06:00:00+05:30');
  });

  it('rejects an unknown size', () => {
    expect(() => generateScenario({ seed: 1, size: 'huge' as ScenarioSize })).toThrow(/Unknown scenario size 'huge'/);
  });
});
