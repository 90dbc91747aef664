import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../host/create-host';
import { appRoot } from '../host/paths';
import { tinyInput } from '../optimizer/__fixtures__/tiny';

// Solves run in dist/workers/solve.js: build the node bundles once.
beforeAll(() => { execFileSync(process.execPath, ['scripts/build.mjs', '--node-only'], { cwd: appRoot() }); });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-loop-'));
const host = createHost({ dataDir: dir, mode: 'test' });
afterAll(() => host.close());

describe('plans.edit / replan / issue / documents', () => {
  it('saves edits as a version with its parent, issues read-only, re-plans as a child, and writes the documents', async () => {
    const a = await host.app.invoke('plans.solve', { scenario: tinyInput(), timeLimitS: 10, name: 'tiny' });
    const rake = a.plan.rakes.find((r) => r.wagonType === 'BFNS')!;
    const preview = await host.app.invoke('plans.edit', { id: a.id, edits: [{ op: 'move', order: rake.lines[0]!.order, from: `rake:${rake.rakeId}`, to: 'unserved' }] });
    expect(preview.id).toBeUndefined();
    expect(preview.check.ok).toBe(true);
    expect(preview.costDelta.rs).toBeCloseTo(preview.plan.summary.totalCost - a.plan.summary.totalCost, 2);
    const saved = await host.app.invoke('plans.edit', { id: a.id, edits: [{ op: 'lock', target: `rake:${rake.rakeId}`, locked: true }], save: true });
    const list = await host.app.invoke('plans.list', {});
    const child = list.find((p) => p.id === saved.id)!;
    expect(child).toMatchObject({ parentId: a.id, version: 2 });
    expect(saved.plan.rakes.find((r) => r.rakeId === rake.rakeId)!.locked).toBe(true);

    const { issuedAt } = await host.app.invoke('plans.issue', { id: saved.id });
    expect((await host.app.invoke('plans.list', {})).find((p) => p.id === saved.id)!.issuedAt).toBe(issuedAt);
    await expect(host.app.invoke('plans.delete', { id: saved.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    // A later change to an issued plan is a new version; the issued one is unchanged.
    const other = a.plan.rakes.find((r) => r.rakeId !== rake.rakeId);
    const re = await host.app.invoke('plans.replan', { id: saved.id, timeLimitS: 6, disruptions: other ? [{ kind: 'rake-delayed', rake: other.rakeId, hours: 10 }] : [] });
    expect(re.check.ok).toBe(true);
    expect(re.plan.rakes.find((r) => r.rakeId === rake.rakeId)).toEqual(saved.plan.rakes.find((r) => r.rakeId === rake.rakeId));
    expect((await host.app.invoke('plans.get', { id: saved.id })).plan).toEqual(saved.plan);
    expect((await host.app.invoke('plans.list', {})).find((p) => p.id === re.id)).toMatchObject({ parentId: saved.id, version: 3 });

    // Documents: the .xlsx has real dates and totals that add up; the PDF opens with a page per loading point and stockyard-day.
    const x = await host.app.invoke('plans.documents', { id: saved.id, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Loading instructions')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    const rows = [...Array(ws.rowCount - 2).keys()].map((i) => ws.getRow(i + 2));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.getCell(col('Slot start')).value).toBeInstanceOf(Date);
    expect(ws.getRow(2).getCell(col('Slot start')).numFmt).toMatch(/yyyy/);
    const tonnes = rows.reduce((a, r) => a + Number(r.getCell(col('Tonnes [t]')).value), 0);
    const total = ws.getRow(ws.rowCount);
    expect(total.getCell(1).value).toBe('Total');
    expect(Number(total.getCell(col('Tonnes [t]')).value)).toBeCloseTo(tonnes, 3);
    expect(tonnes).toBeCloseTo(saved.plan.summary.railT, 2);
    const wagons = rows.reduce((a, r) => a + Number(r.getCell(col('Wagons')).value), 0);
    expect(wagons).toBe(saved.plan.rakes.reduce((a, r) => a + r.wagonsUsed, 0));
    const roadWs = wb.getWorksheet('Road dispatch')!;
    const roadRows = [...Array(roadWs.rowCount - 2).keys()].map((i) => roadWs.getRow(i + 2));
    for (const r of roadRows) expect(r.getCell(2).value).toBeInstanceOf(Date);
    expect(Number(roadWs.getRow(roadWs.rowCount).getCell(6).value)).toBeCloseTo(saved.plan.summary.roadT, 2);

    const pdf = await host.app.invoke('plans.documents', { id: saved.id, format: 'pdf' });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    const lps = new Set(saved.plan.rakes.map((r) => r.loadingPoint)).size;
    const days = new Set(saved.plan.road.map((r) => `${r.stockyard}|${r.date}`)).size;
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(lps + days);
    expect(doc.getTitle()).toMatch(/issued/);
  }, 180_000);

  it('names an edit it cannot apply, and refuses bad edits at the boundary', async () => {
    const a = await host.app.invoke('plans.solve', { scenario: tinyInput(), timeLimitS: 5, name: 'tiny 2' });
    await expect(host.app.invoke('plans.edit', { id: a.id, edits: [{ op: 'move', order: 'O-1', from: 'rake:R-404', to: 'unserved' }] })).rejects.toMatchObject({ code: 'INVALID_DATA', message: expect.stringMatching(/edits\[0\].*R-404/) });
    await expect(host.app.invoke('plans.edit', { id: a.id, edits: [{ op: 'move', order: 'O-1', from: 'truck', to: 'unserved' }] } as never)).rejects.toMatchObject({ code: 'BAD_PAYLOAD' });
  }, 60_000);
});
