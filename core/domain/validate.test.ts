import { describe, expect, it } from 'vitest';
import { generateScenario } from '../synth/scenario';
import { checkScenario, hasErrors } from './validate';

const base = () => structuredClone(generateScenario({ seed: 2, size: 'day' }));

describe('checkScenario', () => {
  it('accepts the generated scenario', () => {
    const r = checkScenario(base());
    expect(r.scenario).not.toBeNull();
    expect(hasErrors(r.issues)).toBe(false);
  });

  it('names table, row and field for each cross-table error', () => {
    const s = base();
    s.orders[3]!.destination = 'NOWHERE';
    s.orders[5]!.dueDate = '2020-01-01T00:00:00+05:30';
    s.plant.loadingPoints[1]!.stockyards.push('SY-GHOST');
    s.plant.products[2]!.wagonTypes = ['XYZ'];
    s.rakes[0]!.wagonType = 'NOPE';
    s.inventory.push({ ...s.inventory[0]! });
    const { issues } = checkScenario(s);
    const find = (path: string) => issues.find((i) => i.path === path);
    expect(find('orders[3].destination')).toMatchObject({
      table: 'orders',
      row: 3,
      field: 'destination',
      rowKey: s.orders[3]!.id,
      severity: 'error',
      message: "unknown destination 'NOWHERE'",
    });
    expect(find('orders[5].dueDate')).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/more than 365 days before the plan start .*is the year right\?$/),
    });
    const late = base();
    late.orders[5]!.dueDate = new Date(Date.parse(late.horizon.start) - 3 * 86_400_000).toISOString();
    expect(checkScenario(late).issues.find((i) => i.path === 'orders[5].dueDate')).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/before the plan start .*: it is late already/),
    });
    expect(find('plant.loadingPoints[1].stockyards')?.message).toBe("serves unknown stockyard 'SY-GHOST'");
    expect(find('plant.products[2].wagonTypes')?.message).toBe("unknown wagon type 'XYZ'");
    expect(find('rakes[0].wagonType')).toMatchObject({ row: 0, field: 'wagonType' });
    expect(find(`inventory[${s.inventory.length - 1}].product`)?.message).toMatch(/duplicate stockyard\/product/);
  });

  it('warns of figures a real plant is unlikely to have, naming row and field', () => {
    const s = base();
    const wt = s.plant.wagonTypes.find((w) => w.code === s.rakes[0]!.wagonType)!;
    s.rakes[0]!.wagons = 1;
    s.rakes[1]!.expectedPlacement = new Date(Date.parse(s.horizon.start) - 180 * 86_400_000).toISOString();
    const lp = s.plant.loadingPoints[0]!;
    const yard = s.plant.stockyards.find((y) => lp.stockyards.includes(y.code))!;
    yard.loadingPoints = yard.loadingPoints.filter((l) => l !== lp.code);
    s.costs.effectiveFrom = '2030-01-01';
    s.costs.minWagonsPerDestination = 40;
    s.roadCapacity.push({ stockyard: yard.code, date: '2020-05-01', capacityT: 100 });
    const { issues } = checkScenario(s);
    const warn = (path: string) => issues.find((i) => i.path === path && i.severity === 'warning')?.message;
    expect(warn('rakes[0].wagons')).toBe(
      `1 wagons is less than half a full ${wt.code} rake (${wt.wagonsPerRake}): is the count right?`,
    );
    expect(warn('rakes[1].expectedPlacement')).toMatch(/more than 30 days before the plan start: .* demurrage/);
    expect(warn('plant.loadingPoints[0].stockyards')).toBe(
      `stockyard ${yard.code} does not list ${lp.code} among the loading points it feeds (the plan draws from it all the same)`,
    );
    expect(warn('costs.effectiveFrom')).toMatch(/take effect on 2030-01-01, after the horizon ends/);
    expect(warn('costs.minWagonsPerDestination')).toMatch(
      /^40 wagons a destination: no rake .* can serve two destinations$/,
    );
    expect(warn(`roadCapacity[${s.roadCapacity.length - 1}].date`)).toBe(
      '2020-05-01 is no planning day of the horizon: this capacity is not used',
    );
    // Warnings only: the scenario is still planned.
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('flags an order whose product no wagon type may carry', () => {
    const s = base();
    const i = s.orders.findIndex((o) => o.modes === 'rail');
    const product = s.plant.products.find((p) => p.code === s.orders[i]!.product)!;
    product.wagonTypes = ['GHOST'];
    const { issues } = checkScenario(s);
    expect(issues.find((x) => x.path === `orders[${i}].product`)?.message).toBe(
      `no wagon type may carry product '${product.code}'`,
    );
  });

  it('schema errors (negative, non-numeric, missing) name row and field', () => {
    const s = base() as unknown as { orders: Record<string, unknown>[] };
    s.orders[7]!.quantityT = -5;
    s.orders[8]!.quantityT = 'lots';
    delete s.orders[9]!.customer;
    const { scenario, issues } = checkScenario(s);
    expect(scenario).toBeNull();
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'orders[7].quantityT',
          table: 'orders',
          row: 7,
          field: 'quantityT',
          message: 'must be > 0',
        }),
        expect.objectContaining({ path: 'orders[8].quantityT', message: 'expected number, got string' }),
        expect.objectContaining({ path: 'orders[9].customer', message: 'is required' }),
      ]),
    );
    expect(issues.find((i) => i.path === 'orders[7].quantityT')?.rowKey).toBe(s.orders[7]!.id);
  });

  it('rejects a wrong format tag and a zero-day horizon', () => {
    const s = base() as unknown as Record<string, unknown>;
    s.format = 'rakeplan.scenario/0';
    (s.horizon as { days: number }).days = 0;
    const paths = checkScenario(s).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['format', 'horizon.days']));
  });
});

describe('docs/scenario-format.md', () => {
  it('its example is a valid scenario', async () => {
    const fs = await import('node:fs');
    const md = fs.readFileSync(new URL('../../docs/scenario-format.md', import.meta.url), 'utf8');
    const json = /```json\n([\s\S]*?)\n```/.exec(md)?.[1];
    const { scenario, issues } = checkScenario(JSON.parse(json!));
    expect(issues).toEqual([]);
    expect(scenario?.orders).toHaveLength(2);
  });
});
