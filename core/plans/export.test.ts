import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../domain/plan';
import type { Scenario } from '../domain/scenario';
import { exportPlanCsv, exportPlanXlsx } from './export';

const line = (order: string, tonnes: number) => ({
  order,
  product: 'HRC',
  destination: 'HWH',
  wagons: 10,
  tonnes,
  sources: [{ stockyard: 'SY-1', tonnes }],
  eta: '2026-02-14T10:00:00+05:30',
  lateDays: 0,
  latenessRs: 0,
});
const plan = {
  format: 'rakeplan.plan/1',
  scenario: { name: 'T', hash: 'h', horizonStart: '2026-02-12T06:00:00+05:30', horizonDays: 7 },
  createdAt: '2026-02-12T00:00:00Z',
  rakes: [
    {
      rakeId: 'RK-1',
      wagonType: 'BOXN',
      wagons: 58,
      wagonsUsed: 20,
      capacityT: 3800,
      loadT: 1500,
      utilisation: 0.39,
      placement: '2026-02-12T06:00:00+05:30',
      loadingPoint: 'LP-1',
      loadingStart: '2026-02-12T08:30:00+05:30',
      loadingEnd: '2026-02-12T14:00:00+05:30',
      destinations: ['HWH'],
      lines: [line('SO-1', 1000), line('SO-2', 500)],
      railFreightRs: 2_50_00_000,
      idleFreightRs: 0,
      twoPointRs: 0,
      demurrageRs: 1200,
      loadingRs: 0,
    },
  ],
  road: [
    {
      order: 'SO-3',
      product: 'HRC',
      destination: 'HWH',
      stockyard: 'SY-1',
      date: '2026-02-13',
      dispatch: '2026-02-13T08:00:00+05:30',
      tonnes: 30,
      trucks: 1,
      freightRs: 9000,
      eta: '2026-02-14T08:00:00+05:30',
      lateDays: 0,
      latenessRs: 0,
    },
  ],
  unserved: [
    {
      order: 'SO-4',
      product: 'HRC',
      destination: 'HWH',
      priority: 2,
      tonnes: 80,
      penaltyRs: 40000,
      deferredFreightRs: 1000,
      reason: 'no stock',
    },
  ],
  production: [],
  summary: {
    costs: {
      railFreightRs: 1,
      idleFreightRs: 0,
      twoPointRs: 0,
      roadFreightRs: 0,
      demurrageRs: 0,
      loadingRs: 0,
      latenessRs: 0,
      unservedRs: 0,
      deferredFreightRs: 0,
    },
    totalCost: 1,
    ruleBasedCost: 2,
    saving: 1,
    savingPct: 50,
    orderedT: 1610,
    railT: 1500,
    roadT: 30,
    unservedT: 80,
    costPerT: 1,
    rakesUsed: 1,
    avgUtilisation: 0.39,
    onTimeShare: 1,
  },
  solver: { method: 'milp', status: 'Optimal', objective: 1, bound: 1, gap: 0, seconds: 1 },
  notes: [],
} as Plan;
const scenario = {
  orders: [
    { id: 'SO-1', customer: 'Tata Motors' },
    { id: 'SO-4', customer: 'Om Tubes' },
  ],
} as unknown as Scenario;

describe('plan export', () => {
  it('writes dates as Excel dates on the plant clock, formats with units, frozen header, autofilter, totals and customers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportPlanXlsx(plan, scenario)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Rakes')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const start = ws.getRow(2).getCell(col('Loading start'));
    expect(start.value).toBeInstanceOf(Date);
    expect((start.value as Date).toISOString()).toBe('2026-02-12T08:30:00.000Z');
    expect(start.numFmt).toBe('dd mmm yyyy hh:mm');
    expect(ws.getRow(2).getCell(col('Customer')).value).toBe('Tata Motors');
    expect(ws.getRow(3).getCell(col('Customer')).value).toBe('');
    // Lakh and crore sections (exceljs drops the format's backslashes when reading it back).
    expect(ws.getRow(2).getCell(col('Rail freight [₹]')).numFmt).toContain('[>=100000]"₹"');
    expect(ws.getRow(2).getCell(col('Tonnes [t]')).numFmt).toContain('" t"');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const totals = ws.getRow(4);
    expect(totals.getCell(1).value).toBe('Total');
    expect(totals.getCell(col('Tonnes [t]')).value).toMatchObject({
      formula: expect.stringMatching(/^SUBTOTAL\(109,/),
      result: 1500,
    });
    const road = wb.getWorksheet('Road')!;
    expect(road.getRow(2).getCell(1).value).toBeInstanceOf(Date);
  });
  it('starts the CSV with a UTF-8 BOM and names the customer', () => {
    const csv = exportPlanCsv(plan, 'unserved', scenario);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[1]).toBe('SO-4,Om Tubes,HRC,HWH,2,80,40000,1000,no stock');
  });
});
