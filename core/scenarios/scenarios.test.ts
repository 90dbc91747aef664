import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { contract, type Contract } from '../contract';
import { ContractError } from '../contract/errors';
import { HostApp } from '../host/app';
import { createServices, type HostServices } from '../host/services';
import { generateScenario } from '../synth/scenario';
import { registerScenarios } from './handlers';
import { INLINE_IMPORT_MAX, readsInline } from './import-job';
import { DEMO_HISTORY_DAYS, DEMO_SEED, seedDemoIfEmpty } from './seed';
import { insertHistory } from './history-store';
import { runHistoryJob } from './history-job';
import { readXlsx } from '../importexport/xlsx';
import Database from 'better-sqlite3';
import { generateHistory } from '../synth/history';
import { loadHistory } from '../training/history-source';
import { demandSeriesList } from '../training/demand-forecast';
import { grouped } from '../domain/figures';
import type { Plan } from '../domain/plan';
import { addForecastProduction, modelAccess } from '../forecasts/service';

let dir: string;
let s: HostServices;
let app: HostApp<Contract>;
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
const fromB64 = (data: string) => Buffer.from(data, 'base64');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-sc-'));
  s = createServices({ dataDir: dir, mode: 'test' });
  app = new HostApp(contract);
  registerScenarios(app, s);
});
afterEach(() => {
  s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function importJson(scenario: unknown) {
  const r = await app.invoke('scenarios.import', { fileName: 'x.json', dataBase64: b64(JSON.stringify(scenario)) });
  expect(r.rejected).toEqual([]);
  expect(r.status).toBe('imported');
  return r.scenarioId!;
}

describe('scenarios: lifecycle', () => {
  it('creates, lists, copies as what-if, renames and deletes', async () => {
    const created = await app.invoke('scenarios.create', { template: 'day', seed: 4, name: 'Monday' });
    expect(created.counts.orders).toBe(120);
    const copy = await app.invoke('scenarios.copy', { id: created.id });
    expect(copy).toMatchObject({ parentId: created.id, name: 'Monday (what-if)', source: 'copy' });
    expect(copy.counts).toEqual(created.counts);
    await app.invoke('scenarios.rename', { id: copy.id, name: 'More rakes' });
    expect((await app.invoke('scenarios.list', {})).map((x) => x.name)).toEqual(['Monday', 'More rakes']);
    await app.invoke('scenarios.delete', { id: created.id });
    const left = await app.invoke('scenarios.list', {});
    expect(left).toHaveLength(1);
    expect(left[0]!.parentId).toBeNull(); // the parent is gone; the copy stays
    await expect(app.invoke('scenarios.get', { id: created.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an empty scenario has no rows and no errors', async () => {
    const e = await app.invoke('scenarios.create', { template: 'empty', name: 'Blank' });
    const d = await app.invoke('scenarios.get', { id: e.id });
    expect(d.scenario.orders).toEqual([]);
    expect(d.issues).toEqual([]);
  });
});

describe('scenarios: round trips', () => {
  const original = generateScenario({ seed: 8, size: 'day' });
  original.orders[0]!.customer = '=HYPERLINK("http://x")';
  original.orders[1]!.customer = '@SUM(1+1)';

  it('JSON → DB → JSON is lossless', async () => {
    const id = await importJson(original);
    const got = await app.invoke('scenarios.get', { id });
    expect(got.scenario).toEqual(original);
    const ex = await app.invoke('scenarios.export', { id, format: 'json' });
    expect(JSON.parse(fromB64(ex.dataBase64).toString())).toEqual(original);
    expect(ex.fileName).toMatch(/\.json$/);
  });

  for (const format of ['xlsx', 'csv'] as const) {
    it(`whole scenario DB → ${format} → DB is lossless`, async () => {
      const id = await importJson(original);
      const ex = await app.invoke('scenarios.export', { id, format });
      const back = await app.invoke('scenarios.import', { fileName: ex.fileName, dataBase64: ex.dataBase64 });
      expect(back.rejected).toEqual([]);
      const got = await app.invoke('scenarios.get', { id: back.scenarioId! });
      expect(got.scenario).toEqual(original);
    });
  }

  for (const format of ['csv', 'xlsx', 'json'] as const) {
    it(`each table DB → ${format} → DB (replace) is lossless`, async () => {
      const id = await importJson(original);
      for (const table of ['orders', 'inventory', 'rakes', 'loadingPoints', 'destinations'] as const) {
        const ex = await app.invoke('scenarios.export', { id, table, format });
        if (format === 'csv') {
          const text = fromB64(ex.dataBase64).toString();
          if (table === 'orders') expect(text).toContain(`'=HYPERLINK(""http://x"")`);
        }
        const r = await app.invoke('scenarios.import', {
          id,
          table,
          fileName: ex.fileName,
          dataBase64: ex.dataBase64,
          mode: 'replace',
        });
        expect(r.rejected, table).toEqual([]);
        expect(r.imported).toBeGreaterThan(0);
      }
      expect((await app.invoke('scenarios.get', { id })).scenario).toEqual(original);
    });
  }
});

describe('scenarios: import reports', () => {
  const header = 'Order No,Customer,Destination,Product,Qty,Due date,Priority,Mode,Split';
  it('rejects a CSV with two bad rows, names both, and changes nothing', async () => {
    const id = await importJson(generateScenario({ seed: 8, size: 'day' }));
    const before = await app.invoke('scenarios.get', { id });
    const csv = [
      header,
      'NEW-1,Acme,GZB,HRC,500,2026-03-20 18:00,1,rail,yes',
      'NEW-2,Acme,ATLANTIS,HRC,500,2026-03-20 18:00,1,rail,yes',
      'NEW-3,Acme,GZB,HRC,-20,2026-03-20 18:00,2,rail,yes',
      'NEW-4,Acme,HWH,CRC,300,2026-03-21,3,either,no',
    ].join('\n');
    const r = await app.invoke('scenarios.import', {
      id,
      table: 'orders',
      fileName: 'orders.csv',
      dataBase64: b64(csv),
    });
    expect(r.status).toBe('rejected');
    expect(r.rejected).toEqual([
      { line: 3, field: 'Destination', reason: "unknown destination 'ATLANTIS'", key: 'NEW-2' },
      { line: 4, field: 'Quantity [t]', reason: 'must be > 0', key: 'NEW-3' },
    ]);
    expect((await app.invoke('scenarios.get', { id })).scenario).toEqual(before.scenario);

    const ok = await app.invoke('scenarios.import', {
      id,
      table: 'orders',
      fileName: 'orders.csv',
      dataBase64: b64(csv),
      skipInvalid: true,
    });
    expect(ok.status).toBe('imported');
    expect(ok.imported).toBe(2);
    const after = await app.invoke('scenarios.get', { id });
    expect(after.scenario.orders.length).toBe(before.scenario.orders.length + 2);
    expect(after.scenario.orders.at(-1)).toMatchObject({
      id: 'NEW-4',
      dueDate: '2026-03-21T00:00:00+05:30',
      modes: 'either',
      splittable: false,
    });
  });

  it('refuses a CSV with an unterminated quote, naming its line, and changes nothing', async () => {
    const id = await importJson(generateScenario({ seed: 8, size: 'day' }));
    const before = await app.invoke('scenarios.get', { id });
    // The hand-written reader took NEW-3's line into NEW-2's product cell and never named the quote.
    const csv = [
      header,
      'NEW-1,Acme,GZB,HRC,500,2026-03-20 18:00,1,rail,yes',
      'NEW-2,Acme,GZB,"HRC,500,2026-03-20 18:00,1,rail,yes',
      'NEW-3,Acme,GZB,HRC,20,2026-03-20 18:00,2,rail,yes',
    ].join('\n');
    await expect(
      app.invoke('scenarios.import', { id, table: 'orders', fileName: 'orders.csv', dataBase64: b64(csv) }),
    ).rejects.toMatchObject({
      code: 'INVALID_DATA',
      message: expect.stringMatching(/^line 3: a quoted field is never closed/),
    });
    expect((await app.invoke('scenarios.get', { id })).scenario).toEqual(before.scenario);
  });

  it('refuses an import that would leave more orders than a plan can hold, keeping the scenario as it was', async () => {
    const sc = generateScenario({ seed: 8, size: 'day' });
    const id = await importJson(sc);
    const before = await app.invoke('scenarios.get', { id });
    // Merged onto the day's 120 orders: 49,900 new ones make 50,020, past the 50,000 a plan holds.
    const rows = Array.from({ length: 49_900 }, (_, i) => `N-${i + 1},Acme,GZB,HRC,500,2026-03-20 18:00,1,rail,yes`);
    await expect(
      app.invoke('scenarios.import', {
        id,
        table: 'orders',
        fileName: 'orders.csv',
        dataBase64: b64([header, ...rows].join('\n')),
        mode: 'merge',
      }),
    ).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringMatching(/^The scenario has 50,020 orders; the optimizer plans at most 50,000/),
    });
    expect((await app.invoke('scenarios.get', { id })).scenario).toEqual(before.scenario);
    const whole = {
      ...sc,
      orders: Array.from({ length: 50_001 }, (_, i) => ({ ...sc.orders[i % sc.orders.length]!, id: `W-${i}` })),
    };
    await expect(
      app.invoke('scenarios.import', { fileName: 'big.json', dataBase64: b64(JSON.stringify(whole)) }),
    ).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(await app.invoke('scenarios.list', {})).toHaveLength(1);
  });

  it('reads a file too large for the host thread in the import worker, with the same report', async () => {
    const id = await importJson(generateScenario({ seed: 8, size: 'day' }));
    const rows = Array.from(
      { length: 8000 },
      (_, i) => `BIG-${i + 1},Acme,GZB,HRC,${i === 2999 ? 'lots' : 500},2026-03-20 18:00,1,rail,yes`,
    );
    const csv = [header, ...rows].join('\n');
    expect(b64(csv).length).toBeGreaterThan(INLINE_IMPORT_MAX);
    const r = await app.invoke('scenarios.import', {
      id,
      table: 'orders',
      fileName: 'orders.csv',
      dataBase64: b64(csv),
      mode: 'replace',
    });
    expect(r).toMatchObject({
      status: 'rejected',
      imported: 0,
      rejected: [{ line: 3001, field: 'Quantity [t]', reason: "'lots' is not a number", key: 'BIG-3000' }],
    });
    const ok = await app.invoke('scenarios.import', {
      id,
      table: 'orders',
      fileName: 'orders.csv',
      dataBase64: b64(csv),
      mode: 'replace',
      skipInvalid: true,
    });
    expect(ok).toMatchObject({ status: 'imported', imported: 7999 });
    expect((await app.invoke('scenarios.get', { id })).scenario.orders).toHaveLength(7999);
  });

  it('merges inventory by key and reads an Excel sheet with typed cells', async () => {
    const id = await importJson(generateScenario({ seed: 8, size: 'day' }));
    const before = (await app.invoke('scenarios.get', { id })).scenario.inventory;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Stock');
    ws.addRow(['Stock Yard', 'Product Code', 'On hand (t)', 'Safety stock']);
    ws.addRow([before[0]!.stockyard, before[0]!.product, 4321, 100]);
    ws.addRow(['SY-PM', 'HRPL', 'n/a', 0]);
    const bad = await app.invoke('scenarios.import', {
      id,
      table: 'inventory',
      fileName: 'stock.xlsx',
      dataBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    });
    expect(bad.rejected).toEqual([
      { line: 3, field: 'On hand [t]', reason: "'n/a' is not a number", key: 'SY-PM/HRPL' },
    ]);
    ws.getRow(3).getCell(3).value = 999;
    const good = await app.invoke('scenarios.import', {
      id,
      table: 'inventory',
      fileName: 'stock.xlsx',
      dataBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    });
    expect(good.status).toBe('imported');
    const after = (await app.invoke('scenarios.get', { id })).scenario.inventory;
    expect(after).toHaveLength(before.length); // merged by stockyard/product, nothing added
    expect(after[0]).toMatchObject({ onHandT: 4321, safetyStockT: 100 });
  });

  it('names a cell in another unit, a formula with no saved result and an error cell; refuses a repeated column', async () => {
    const id = await importJson(generateScenario({ seed: 8, size: 'day' }));
    const first = (await app.invoke('scenarios.get', { id })).scenario.inventory[0]!;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Inventory');
    ws.addRow(['Stockyard', 'Product', 'On hand [t]', 'Safety stock [t]']);
    ws.addRow([first.stockyard, first.product, '5 km', { formula: 'C2*0.1' }]);
    ws.addRow(['SY-PM', 'HRPL', { error: '#DIV/0!' }, 0]);
    const r = await app.invoke('scenarios.import', {
      id,
      table: 'inventory',
      fileName: 'stock.xlsx',
      dataBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    });
    expect(r.status).toBe('rejected');
    const key = `${first.stockyard}/${first.product}`;
    expect(r.rejected).toEqual([
      { line: 2, field: 'On hand [t]', reason: "'5 km' has unit km; this column is in t", key },
      {
        line: 2,
        field: 'Safety stock [t]',
        reason: 'holds a formula (=C2*0.1) with no saved result; open the file in Excel and save it again',
        key,
      },
      { line: 3, field: 'On hand [t]', reason: 'holds the error #DIV/0!', key: 'SY-PM/HRPL' },
    ]);
    const twice = 'Stockyard,Product,On hand [t],Stock\r\nSY-PM,HRPL,10,20\r\n';
    await expect(
      app.invoke('scenarios.import', { id, table: 'inventory', fileName: 'stock.csv', dataBase64: b64(twice) }),
    ).rejects.toMatchObject({
      code: 'INVALID_DATA',
      message:
        "Inventory: column D 'Stock' repeats column C 'On hand [t]' (both are On hand [t], line 1); keep one of them.",
    });
  });

  it('names a formula with no saved result on the Costs sheet of a whole-scenario workbook', async () => {
    const id = await importJson(generateScenario({ seed: 8, size: 'day' }));
    const ex = await app.invoke('scenarios.export', { id, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fromB64(ex.dataBase64) as unknown as ArrayBuffer);
    const costs = wb.getWorksheet('Costs')!;
    const field = String(costs.getCell('A3').value);
    costs.getCell('B3').value = { formula: 'B2*2', date1904: false };
    const r = await app.invoke('scenarios.import', {
      fileName: 'plant.xlsx',
      dataBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
    });
    expect(r.status).toBe('rejected');
    expect(r.rejected).toContainEqual({
      table: 'Costs',
      line: 3,
      field,
      reason: 'holds a formula (=B2*2) with no saved result; open the file in Excel and save it again',
    });
  });

  it('rejects a whole scenario with errors, naming table and line', async () => {
    const bad = structuredClone(generateScenario({ seed: 8, size: 'day' }));
    bad.orders[4]!.destination = 'MARS';
    const r = await app.invoke('scenarios.import', { fileName: 'bad.json', dataBase64: b64(JSON.stringify(bad)) });
    expect(r.status).toBe('rejected');
    expect(r.rejected).toEqual([
      expect.objectContaining({ table: 'orders', line: 5, field: 'destination', reason: "unknown destination 'MARS'" }),
    ]);
    expect(await app.invoke('scenarios.list', {})).toEqual([]);
  });

  it('refuses an unknown file type and broken JSON clearly', async () => {
    await expect(app.invoke('scenarios.import', { fileName: 'x.pdf', dataBase64: b64('x') })).rejects.toThrow(
      /Cannot tell the format of 'x.pdf'/,
    );
    await expect(
      app.invoke('scenarios.import', { fileName: 'x.json', dataBase64: b64('{oops') }),
    ).rejects.toMatchObject({ code: 'INVALID_DATA' });
  });
});

describe('scenarios: hostile files', () => {
  it('reads a small workbook on the host only when it also inflates small', async () => {
    const { zipBomb } = await import('../../tests/reliability/bad-files');
    const bomb = zipBomb(64);
    expect(bomb.length).toBeLessThan(INLINE_IMPORT_MAX);
    expect(await readsInline('xlsx', bomb.toString('base64'))).toBe(false);
    const ex = await app.invoke('scenarios.export', {
      id: (await app.invoke('scenarios.create', { template: 'day', seed: 1 })).id,
      format: 'xlsx',
    });
    expect(await readsInline('xlsx', ex.dataBase64)).toBe(true);
    expect(await readsInline('csv', b64('a,b\n1,2\n'))).toBe(true);
    expect(await readsInline('csv', 'x'.repeat(INLINE_IMPORT_MAX + 1))).toBe(false);
  });

  it("refuses prototype keys in a whole scenario's key–value sheets, and every call still works after", async () => {
    const csv = [
      '#sheet,Scenario',
      'field,value',
      'name,x',
      '__proto__.name,y',
      '#sheet,Costs',
      'field,value',
      '__proto__.polluted,1',
      'latenessRsPerTDay.constructor.prototype.polluted,1',
    ].join('\r\n');
    const r = await app.invoke('scenarios.import', { fileName: 'evil.csv', dataBase64: b64(csv) });
    expect(r.status).toBe('rejected');
    expect(r.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          table: 'Costs',
          field: '__proto__.polluted',
          reason: "'__proto__.polluted' is not a costs field",
        }),
        expect.objectContaining({ table: 'Costs', field: 'latenessRsPerTDay.constructor.prototype.polluted' }),
        expect.objectContaining({ table: 'Scenario', field: '__proto__.name' }),
      ]),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Strict schemas list inherited keys as unknown fields: a polluted prototype broke every call.
    await expect(app.invoke('scenarios.list', {})).resolves.toEqual([]);
  });
});

describe('scenarios: editing', () => {
  it('rejects an invalid value naming row and field, then accepts the fix', async () => {
    const id = await importJson(generateScenario({ seed: 8, size: 'day' }));
    const d = await app.invoke('scenarios.get', { id });
    const rid = d.rowIds.orders[2];
    const err = await app
      .invoke('scenarios.editRows', {
        id,
        table: 'orders',
        changes: [{ op: 'update', rid, values: { quantityT: '-40' } }],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).code).toBe('INVALID_DATA');
    expect((err as ContractError).issues).toEqual([{ path: 'orders[2].quantityT', message: 'must be > 0' }]);
    const ok = await app.invoke('scenarios.editRows', {
      id,
      table: 'orders',
      changes: [{ op: 'update', rid, values: { quantityT: '1,200' } }],
    });
    expect(ok.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect((await app.invoke('scenarios.get', { id })).scenario.orders[2]!.quantityT).toBe(1200);
  });

  it('inserts and deletes rows in one transaction and reports cross-table issues', async () => {
    const id = await importJson(generateScenario({ seed: 8, size: 'day' }));
    const d = await app.invoke('scenarios.get', { id });
    const o = d.scenario.orders[0];
    const r = await app.invoke('scenarios.editRows', {
      id,
      table: 'orders',
      changes: [
        { op: 'delete', rid: d.rowIds.orders[1] },
        { op: 'insert', values: { ...o, id: 'X-1', destination: 'NOWHERE' } },
      ],
    });
    expect(r.insertedRids).toHaveLength(1);
    expect(r.summary.counts.orders).toBe(d.summary.counts.orders);
    expect(r.issues).toEqual([expect.objectContaining({ table: 'orders', field: 'destination', rowKey: 'X-1' })]);
  });

  it('edits costs and horizon', async () => {
    const id = await importJson(generateScenario({ seed: 8, size: 'day' }));
    const r = await app.invoke('scenarios.editMeta', {
      id,
      costs: { demurrageRsPerWagonH: 200 },
      horizon: { start: '2026-01-09T06:00:00+05:30', days: 5 },
    });
    expect(r.summary.horizonDays).toBe(5);
    const got = await app.invoke('scenarios.get', { id });
    expect(got.scenario.costs.demurrageRsPerWagonH).toBe(200);
    expect(got.scenario.costs.railRsPerTKm).toBe(1.45);
    await expect(app.invoke('scenarios.editMeta', { id, costs: { freeTimeH: -1 } })).rejects.toMatchObject({
      code: 'BAD_PAYLOAD',
    });
  });
});

describe('scenarios: demo seed and history', () => {
  it('seeds the Bokaro demo and two years of history once', async () => {
    expect(seedDemoIfEmpty(s.requireDb()).seeded).toBe(true);
    expect(seedDemoIfEmpty(s.requireDb()).seeded).toBe(false);
    const list = await app.invoke('scenarios.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'Bokaro demo', source: 'demo' });
    const info = await app.invoke('scenarios.historyInfo', {});
    expect(info.tables.demand.rows).toBeGreaterThan(100_000);
    expect(info.tables.trips.rows).toBeGreaterThan(2000);
    const ex = await app.invoke('scenarios.exportHistory', { table: 'trips', format: 'csv' });
    const lines = fromB64(ex.dataBase64).toString().trim().split('\r\n');
    expect(lines[0]).toBe('date,rakeId,corridor,destination,distanceKm,wagonType,month,loadT,transitH');
    expect(lines.length - 1).toBe(info.tables.trips.rows);
    // The workbook is written row by row: the same header, rows and values as the CSV.
    const wx = await app.invoke('scenarios.exportHistory', { table: 'trips', format: 'xlsx' });
    const [sheet] = await readXlsx(fromB64(wx.dataBase64));
    expect(sheet!.name).toBe('trips');
    const width = lines[0]!.split(',').length;
    expect(sheet!.rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? '').join(','))).toEqual(lines);
  });

  it("counts the seeded demo history as synthetic until the plant's own history replaces it", async () => {
    seedDemoIfEmpty(s.requireDb());
    expect((await app.invoke('scenarios.historyInfo', {})).synthetic).toEqual({
      seed: DEMO_SEED,
      days: DEMO_HISTORY_DAYS,
    });
    // Training reads the tables, and names them as the demo's: a model trained on them feeds only the demo.
    const seeded = loadHistory({ dbPath: s.dbPath }, 'trips');
    expect(seeded.synthetic).toBe(true);
    expect(seeded.source).toMatch(
      /^database table history_trips \([\d,]+ rows\): the demo's synthetic history \(seed 42, 730 days\), not the plant's$/,
    );
    expect(seeded.data.trips.length).toBeGreaterThan(2000);
    expect(demandSeriesList(s.dbPath)[0]!.source).toMatch(/synthetic history/);

    // Nor does the demand model forecast from it for a real plan's production suggestion.
    const sc = generateScenario({ seed: 1, size: 'day' });
    const bare = { notes: [] } as unknown as Plan;
    expect((await addForecastProduction(s, bare, sc, false)).notes).toEqual([
      "Production suggestion from open orders only: the stored demand history is the demo's synthetic history, which feeds only the demo (--demo, or the demo scenario).",
    ]);
    expect((await addForecastProduction(s, bare, sc, true)).notes).toEqual([
      expect.stringMatching(
        /^Production suggestion from open orders only: no demand forecast — no demand model in the registry/,
      ),
    ]);

    // A baseline fitted on it answers the demo only, and is the lane median a plant would get.
    const t0 = seeded.data.trips[0]!;
    const trip = { ...t0, date: '2026-01-10' };
    const access = modelAccess(s);
    expect(access.baseline!('transit-delay', [trip], undefined, false)).toBeNull();
    const lane = seeded.data.trips.filter((t) => t.destination === t0.destination).map((t) => t.transitH!);
    const demoBaseline = access.baseline!('transit-delay', [trip], undefined, true)!;
    expect(demoBaseline.name).toMatch(/^lane median transit time/);
    const [p10, p50, p90] = (['p10', 'prediction', 'p90'] as const).map((k) => demoBaseline.values[k]![0]!);
    expect(p10).toBeLessThan(p50!);
    expect(p50).toBeLessThan(p90!);
    expect(p50).toBeGreaterThanOrEqual(Math.min(...lane));
    expect(p50).toBeLessThanOrEqual(Math.max(...lane));

    // The plant's rows beside the demo's: still not the plant's history.
    const plant = generateHistory({ seed: 77, days: 20 });
    insertHistory(s.requireDb(), plant, { replace: false });
    expect(loadHistory({ dbPath: s.dbPath }, 'trips')).toMatchObject({ synthetic: true });

    // The plant's history replacing it (rakeplan history import): the plant's, read as such.
    insertHistory(s.requireDb(), plant, { replace: true });
    expect((await app.invoke('scenarios.historyInfo', {})).synthetic).toBeNull();
    const own = loadHistory({ dbPath: s.dbPath }, 'trips');
    expect(own).toMatchObject({
      synthetic: false,
      source: `database table history_trips (${grouped(plant.trips.length)} rows)`,
    });
    // The Forecasts page's demand series, kept between calls, follow the import.
    expect(demandSeriesList(s.dbPath)[0]!.source).toBe(
      `database table history_demand (${grouped(plant.demand.length)} rows)`,
    );

    // Generated history never replaces the plant's own …
    await expect(app.invoke('scenarios.loadHistory', { seed: 3, days: 10 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^The stored history is the plant's own \([\d,]+ rows\)/),
    });
    expect(loadHistory({ dbPath: s.dbPath }, 'trips').synthetic).toBe(false);
    // … added beside it on request, the whole is synthetic again; more of it keeps the first seed.
    await app.invoke('scenarios.loadHistory', { seed: 3, days: 10, replace: false });
    await app.invoke('scenarios.loadHistory', { seed: 4, days: 5, replace: false });
    expect((await app.invoke('scenarios.historyInfo', {})).synthetic).toEqual({ seed: 3, days: 10 });
  });

  it('runs one history job at a time: another export or generation meanwhile is refused, nothing changes', async () => {
    await app.invoke('scenarios.loadHistory', { seed: 3, days: 10 });
    const before = await app.invoke('scenarios.historyInfo', {});
    const first = app.invoke('scenarios.exportHistory', { table: 'trips', format: 'csv' });
    const refusal = {
      code: 'LIMIT_EXCEEDED',
      message: expect.stringMatching(/^1 history job \(an export or generated demo history\) is running already/),
    };
    await expect(app.invoke('scenarios.exportHistory', { table: 'demand', format: 'xlsx' })).rejects.toMatchObject(
      refusal,
    );
    await expect(app.invoke('scenarios.loadHistory', { seed: 9, days: 5 })).rejects.toMatchObject(refusal);
    expect(
      fromB64((await first).dataBase64)
        .toString()
        .trim()
        .split('\r\n'),
    ).toHaveLength(before.tables.trips.rows + 1);
    expect(await app.invoke('scenarios.historyInfo', {})).toEqual(before);
    // The slot is free again once the first has answered.
    await expect(app.invoke('scenarios.exportHistory', { table: 'trips', format: 'csv' })).resolves.toMatchObject({
      fileName: 'history-trips.csv',
    });
  });

  it('answers CONFLICT, changing nothing, when another program holds the history past the wait', async () => {
    await app.invoke('scenarios.loadHistory', { seed: 3, days: 10 });
    const before = await app.invoke('scenarios.historyInfo', {});
    // `rakeplan history import` on the same data folder, mid-transaction.
    const other = new Database(s.dbPath);
    other.exec('BEGIN IMMEDIATE');
    try {
      await expect(
        runHistoryJob({ kind: 'generate', dbPath: s.dbPath, seed: 4, days: 5, replace: true }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/^The history is being written by another request/),
      });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await app.invoke('scenarios.historyInfo', {})).toEqual(before);
  });
});
