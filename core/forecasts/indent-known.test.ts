import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Rake } from '../domain/entities';
import { tonnes } from '../domain/figures';
import type { Scenario } from '../domain/scenario';
import { generateScenario } from '../synth/scenario';
import { type DemandDay, rakeIndent } from './indent';
import { indentCsv, indentXlsx } from './indent-export';

const base = generateScenario({ seed: 4, size: 'day' });
// A product only one wagon type carries, and a wagon type that cannot carry it.
const product = base.plant.products.find((p) => p.wagonTypes.length === 1)!;
const type = base.plant.wagonTypes.find((w) => w.code === product.wagonTypes[0])!;
const other = base.plant.wagonTypes.find((w) => !product.wagonTypes.includes(w.code))!;
const cap = type.pccT * type.wagonsPerRake;
const dest = base.plant.destinations[0]!.code;
const start = Date.parse(base.horizon.start);

/** A full rake of `w` placed `day` days and two hours after the horizon start. */
const rake = (id: string, day: number, w = type, status: Rake['status'] = 'expected'): Rake => ({
  id,
  wagonType: w.code,
  wagons: w.wagonsPerRake,
  expectedPlacement: new Date(start + (day * 24 + 2) * 3_600_000).toISOString(),
  status,
});
const scenario = (rakes: Rake[], o: Partial<Scenario> = {}): Scenario => ({ ...base, orders: [], rakes, ...o });
const demand = (perDay: number[]): DemandDay[] =>
  perDay.map((t, day) => ({ day, destination: dest, product: product.code, tonnes: t }));
/** The indent's date of its day `day`: the horizon's first date onward. */
const dayOf = (day: number) =>
  new Date(Date.parse(`${base.horizon.start.slice(0, 10)}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
const asked = (ind: ReturnType<typeof rakeIndent>, day: number) =>
  ind.rows.filter((r) => r.date === dayOf(day)).reduce((s, r) => s + r.rakes, 0);

describe('rake indent net of the rakes already placed or expected', () => {
  const want = demand([2 * cap, 2 * cap, cap]);

  it('asks for no rake on a day the known rakes cover, fewer on a day they partly cover', () => {
    const gross = rakeIndent(scenario([]), want, 3);
    expect([0, 1, 2].map((d) => asked(gross, d))).toEqual([2, 2, 1]);
    const ind = rakeIndent(scenario([rake('K1', 0), rake('K2', 0), rake('K3', 1)]), want, 3);
    expect([0, 1, 2].map((d) => asked(ind, d))).toEqual([0, 1, 1]);
    // The covered day still shows, with what the known rakes carry and no rake asked for.
    const day0 = ind.rows.filter((r) => r.date === dayOf(0));
    expect(day0.map((r) => [r.rakes, r.coveredT])).toEqual([[0, 2 * cap]]);
    expect(ind.known).toEqual({
      rakes: 3,
      capacityT: 3 * cap,
      coveredT: 3 * cap,
      byType: [{ wagonType: type.code, rakes: 3, capacityT: 3 * cap, coveredT: 3 * cap }],
    });
    expect(ind.demandT).toBe(5 * cap);
    expect(ind.indentedT + ind.known.coveredT).toBe(ind.demandT);
  });

  it('does not net cancelled or dispatched rakes, nor a wagon type that cannot carry the product', () => {
    const ind = rakeIndent(
      scenario([rake('C1', 2, type, 'cancelled'), rake('D1', 2, type, 'dispatched'), rake('O1', 2, other)]),
      want,
      3,
    );
    expect([0, 1, 2].map((d) => asked(ind, d))).toEqual([2, 2, 1]);
    expect(ind.rows.every((r) => r.coveredT === 0)).toBe(true);
    expect(ind.known).toMatchObject({ rakes: 1, coveredT: 0, byType: [{ wagonType: other.code, coveredT: 0 }] });
    expect(ind.notes).toContainEqual(expect.stringMatching(new RegExp(`^${other.code}: .* is left with no tonnes`)));
  });

  it('fills a known rake with open orders wanted later, never with forecast demand not yet made', () => {
    const sy = base.plant.stockyards[0]!.code;
    const transitH = base.plant.destinations[0]!.railTransitH;
    const order = {
      id: 'SO-1',
      customer: 'C',
      destination: dest,
      product: product.code,
      quantityT: cap,
      // Must leave on day 2 to arrive by its due date.
      dueDate: new Date(start + (2 * 24 + 6 + transitH) * 3_600_000).toISOString(),
      priority: 2 as const,
      modes: 'rail' as const,
      splittable: true,
    };
    const o = {
      orders: [order],
      inventory: [{ stockyard: sy, product: product.code, onHandT: 10 * cap, safetyStockT: 0 }],
    };
    const open = rakeIndent(scenario([rake('K1', 0)], o), [], 3);
    expect(open.indentedT).toBe(0);
    expect(open.rows.map((r) => [r.date, r.rakes, r.coveredT])).toEqual([[dayOf(2), 0, cap]]);
    const made = rakeIndent(scenario([rake('K1', 0)]), demand([0, 0, cap]), 3);
    expect(asked(made, 2)).toBe(1);
    expect(made.known.coveredT).toBe(0);
  });

  it("lets a known rake take another wagon type's tonnes only after that type's own known rakes", () => {
    const multi = base.plant.products.find((p) => p.wagonTypes.length > 1)!;
    const [first, second] = multi.wagonTypes.map((c) => base.plant.wagonTypes.find((w) => w.code === c)!);
    const firstCap = first!.pccT * first!.wagonsPerRake;
    // The second type's rake is listed first: order in the scenario must not decide.
    const sc = scenario([rake('S1', 0, second), rake('F1', 0, first)]);
    const ind = rakeIndent(sc, [{ day: 0, destination: dest, product: multi.code, tonnes: firstCap }], 1);
    const lp = base.plant.loadingPoints.find((l) => l.code === ind.rows[0]!.loadingPoint)!;
    expect(ind.rows[0]!.wagonType).toBe(first!.code);
    expect(lp.wagonTypes).toContain(second!.code);
    expect(ind.known.byType.find((x) => x.wagonType === first!.code)!.coveredT).toBe(firstCap);
    expect(ind.known.byType.find((x) => x.wagonType === second!.code)!.coveredT).toBe(0);
  });

  it('nets no more on a day than the loading point can load in it', () => {
    const many = Array.from({ length: 8 }, (_, i) => rake(`K${i}`, 0));
    const ind = rakeIndent(scenario(many), demand([8 * cap]), 1);
    const row = ind.rows[0]!;
    const lp = base.plant.loadingPoints.find((l) => l.code === row.loadingPoint)!;
    const dayT = lp.maxRakes * (lp.workEndH - lp.workStartH) * lp.loadingRateTph;
    expect(dayT).toBeLessThan(8 * cap);
    expect([row.rakes, row.coveredT]).toEqual([0, Math.round(dayT)]);
  });

  it('says what it is net of in the CSV and the workbook', async () => {
    const ind = rakeIndent(scenario([rake('K1', 0), rake('K2', 0), rake('K3', 1)]), want, 3);
    const csv = indentCsv(ind).toString('utf8').split('\r\n');
    expect(csv[0]).toContain('On rakes placed or expected [t]');
    expect(csv[1]).toContain(`,${2 * cap},`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await indentXlsx(ind, 'none')) as unknown as ArrayBuffer);
    const notes = wb.getWorksheet('Notes')!.getSheetValues().flat().map(String);
    expect(notes).toContain(
      `net of 3 rakes already placed or expected (${type.code} 3): they carry ${tonnes(3 * cap)} of the tonnes wanting rail`,
    );
  });
});
