import fs from 'node:fs';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, type PDFPage } from 'pdf-lib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RakeplanClient } from '../contract/client';
import { ContractError, toErrorData } from '../contract/errors';
import { createMemoryPair } from '../contract/memory-transport';
import { createHost } from '../host/create-host';
import { tiny, tinyInput } from '../optimizer/__fixtures__/tiny';
import { insertScenario } from '../scenarios/store';
import { documentsPdf } from './documents';

/** The text a page draws: pdf-lib writes standard-font text as WinAnsi hex strings in flate-compressed content streams. */
function pageText(page: PDFPage): string {
  const c = page.node.Contents();
  const streams = c instanceof PDFArray ? c.asArray().map((r) => page.doc.context.lookup(r)) : [c];
  return streams
    .map((st) => {
      if (!(st instanceof PDFRawStream)) return '';
      const raw = Buffer.from(st.contents);
      const text = st.dict.get(PDFName.of('Filter'))
        ? zlib.inflateSync(raw).toString('latin1')
        : raw.toString('latin1');
      return [...text.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)]
        .map((m) => Buffer.from(m[1]!, 'hex').toString('latin1').replace(/\x97/g, '—').replace(/\x96/g, '–'))
        .join('\n');
    })
    .join('\n');
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-loop-'));
const host = createHost({ dataDir: dir, mode: 'test' });
afterAll(() => host.close());

describe('plans.edit / replan / issue / documents', () => {
  it('saves edits as a version with its parent, issues read-only, re-plans as a child, and writes the documents', async () => {
    const a = await host.app.invoke('plans.solve', { scenario: tinyInput(), timeLimitS: 10, name: 'tiny' });
    const rake = a.plan.rakes.find((r) => r.wagonType === 'BFNS')!;
    const preview = await host.app.invoke('plans.edit', {
      id: a.id,
      edits: [{ op: 'move', order: rake.lines[0]!.order, from: `rake:${rake.rakeId}`, to: 'unserved' }],
    });
    expect(preview.id).toBeUndefined();
    expect(preview.check.ok).toBe(true);
    expect(preview.costDelta.rs).toBeCloseTo(preview.plan.summary.totalCost - a.plan.summary.totalCost, 2);
    const saved = await host.app.invoke('plans.edit', {
      id: a.id,
      edits: [{ op: 'lock', target: `rake:${rake.rakeId}`, locked: true }],
      save: true,
    });
    const list = await host.app.invoke('plans.list', {});
    const child = list.find((p) => p.id === saved.id)!;
    expect(child).toMatchObject({ parentId: a.id, version: 2 });
    expect(saved.plan.rakes.find((r) => r.rakeId === rake.rakeId)!.locked).toBe(true);

    const { issuedAt } = await host.app.invoke('plans.issue', { id: saved.id });
    expect((await host.app.invoke('plans.list', {})).find((p) => p.id === saved.id)!.issuedAt).toBe(issuedAt);
    await expect(host.app.invoke('plans.delete', { id: saved.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    // A later change to an issued plan is a new version; the issued one is unchanged.
    const other = a.plan.rakes.find((r) => r.rakeId !== rake.rakeId);
    const re = await host.app.invoke('plans.replan', {
      id: saved.id,
      timeLimitS: 6,
      disruptions: other ? [{ kind: 'rake-delayed', rake: other.rakeId, hours: 10 }] : [],
    });
    expect(re.check.ok).toBe(true);
    // The planner's wait (every solve of the re-plan) is at least the returned solve's own time.
    expect(re.plan.solver.wallSeconds).toBeGreaterThanOrEqual(re.plan.solver.seconds - 0.001);
    expect((await host.app.invoke('plans.get', { id: re.id })).plan.solver.wallSeconds).toBe(
      re.plan.solver.wallSeconds,
    );
    expect(re.plan.rakes.find((r) => r.rakeId === rake.rakeId)).toEqual(
      saved.plan.rakes.find((r) => r.rakeId === rake.rakeId),
    );
    expect((await host.app.invoke('plans.get', { id: saved.id })).plan).toEqual(saved.plan);
    expect((await host.app.invoke('plans.list', {})).find((p) => p.id === re.id)).toMatchObject({
      parentId: saved.id,
      version: 3,
    });

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
    // Issued on the plant's clock: the stored instant is UTC, the title reads it in IST.
    const ist = new Date(Date.parse(issuedAt) + 5.5 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(doc.getTitle()).toContain(`issued ${ist} IST`);

    // The rake indent for the next 14 days of the plan's scenario is in both, the demand source named,
    // with the same figures forecasts.indent gives for that scenario.
    const ind = await host.app.invoke('forecasts.indent', { scenario: tinyInput(), demo: false, days: 14 });
    expect(ind.rows.length).toBeGreaterThan(0);
    const iw = wb.getWorksheet('Rake indent')!;
    expect(iw).toBeTruthy();
    expect(iw.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(iw.autoFilter).toBeTruthy();
    const ih = (iw.getRow(1).values as unknown[]).map(String);
    const iRows = [...Array(iw.rowCount - 2).keys()].map((i) => iw.getRow(i + 2));
    expect(iRows.length).toBe(ind.rows.length);
    iRows.forEach((r, i) => {
      expect(r.getCell(1).value).toBeInstanceOf(Date);
      expect((r.getCell(1).value as Date).toISOString().slice(0, 10)).toBe(ind.rows[i]!.date);
    });
    expect(iw.getRow(2).getCell(1).numFmt).toMatch(/yyyy/);
    const exp = ih.indexOf('Expected load [t]');
    expect(iw.getRow(2).getCell(exp).numFmt).toMatch(/0/);
    const iTotal = iw.getRow(iw.rowCount);
    expect(iTotal.getCell(1).value).toBe('Total');
    const iSum = iRows.reduce((a, r) => a + Number(r.getCell(exp).value), 0);
    expect(Number(iTotal.getCell(exp).value)).toBe(iSum);
    expect(iSum).toBe(ind.rows.reduce((a, r) => a + r.expectedT, 0));
    expect(iSum).toBe(ind.indentedT);
    expect(wb.getWorksheet('Rake indent notes')!.getRow(1).getCell(2).value).toBe(ind.demandSource);
    expect(iw.headerFooter.oddHeader).toContain(`demand: ${ind.demandSource}`);

    // The PDF grows by the indent's pages: titled, the demand source named, the rows and total printed.
    const without = await PDFDocument.load(await documentsPdf(saved.plan, 'x'));
    expect(doc.getPageCount()).toBeGreaterThan(without.getPageCount());
    const indentPages = doc
      .getPages()
      .map(pageText)
      .filter((t) => t.includes('Rake indent — next 14 days'));
    expect(indentPages.length).toBeGreaterThan(0);
    const firstIndent = indentPages[0]!;
    expect(firstIndent).toContain(`demand: ${ind.demandSource}`.replace(/[^\x20-\x7e\u00a0-\u00ff–—]/g, '?'));
    expect(firstIndent).toContain(ind.rows[0]!.date);
    expect(indentPages.join('\n')).toMatch(new RegExp(`Total\\n\\d+\\n${ind.indentedT}\\n`));
  }, 180_000);

  it("prints a demo scenario's plan with the indent forecasts.indent gives the demo scenario", async () => {
    const scenarioId = insertScenario(host.services.requireDb(), tiny(), { name: 'tiny demo', source: 'demo' });
    const a = await host.app.invoke('plans.solve', { scenarioId, timeLimitS: 5, name: 'tiny demo plan' });
    const demo = await host.app.invoke('forecasts.indent', { scenarioId, demo: false, days: 14 });
    const plant = await host.app.invoke('forecasts.indent', { scenario: tinyInput(), demo: false, days: 14 });
    // The demo may forecast from synthetic history; the plant's own scenario may not (it stops at
    // "no demand history", the demo gets past that to the model registry).
    expect(plant.demandSource).toMatch(/no demand history/);
    expect(demo.demandSource).not.toMatch(/no demand history/);
    // The same as codes, for the interface to word: no demand model is trained in this host.
    expect(plant.demandFrom).toMatchObject({
      code: 'none',
      noModel: false,
      why: expect.stringMatching(/no demand history/),
    });
    // The why as reasons too: the plant's has no history of its own, named by the history it read.
    if (plant.demandFrom.code !== 'none') throw new Error('the plant scenario has no demand forecast');
    expect(plant.demandFrom.reasons).toEqual([
      { code: 'demand-no-plant-history', params: { history: expect.stringMatching(/synthetic history/) } },
    ]);
    expect(plant.demandFrom.history).toMatchObject({ table: 'history_demand' });
    expect(demo.demandFrom).toEqual({
      code: 'none',
      noModel: true,
      why: expect.stringMatching(/no demand model/),
      reasons: [{ code: 'model-none-serving', params: { model: 'demand' } }],
    });
    const x = await host.app.invoke('plans.documents', { id: a.id, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Rake indent notes')!.getRow(1).getCell(2).value).toBe(demo.demandSource);
    const iw = wb.getWorksheet('Rake indent')!;
    expect(Number(iw.getRow(iw.rowCount).getCell(5).value)).toBe(demo.indentedT);
  }, 120_000);

  it('refuses to issue a saved plan the checker fails, naming its violations', async () => {
    const a = await host.app.invoke('plans.solve', { scenario: tinyInput(), timeLimitS: 5, name: 'tiny broken' });
    const rake = a.plan.rakes.find((r) => r.wagonType === 'BFNS')!;
    // HRC on the BCN rake R-2: the product–wagon matrix forbids it (rule 3).
    const saved = await host.app.invoke('plans.edit', {
      id: a.id,
      edits: [{ op: 'move', order: rake.lines[0]!.order, from: `rake:${rake.rakeId}`, to: 'rake:R-2', tonnes: 50 }],
      save: true,
    });
    expect(saved.check.ok).toBe(false);
    const check = await host.app.invoke('plans.check', { id: saved.id! });
    expect(check.violations).toEqual(saved.check.violations);
    const v = check.violations[0]!;
    const n = check.violations.length;
    expect(check.violations.some((x) => x.rule === 3 && x.where.startsWith('rake R-2'))).toBe(true);
    await expect(host.app.invoke('plans.issue', { id: saved.id! })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(
        `breaks ${n} rule checks and cannot be issued (rule ${v.rule} — ${v.where}: ${v.message}; `,
      ),
    });
    // The same refusal as data, for the interface to word: the first three violations as the checker gave them.
    const refused = await host.app.invoke('plans.issue', { id: saved.id! }).catch((e: unknown) => e as ContractError);
    expect(toErrorData(refused)).toMatchObject({
      reason: { code: 'issue-broken', params: { plan: 'tiny broken · v2', n, more: Math.max(0, n - 3) } },
      violations: check.violations.slice(0, 3),
    });
    expect((await host.app.invoke('plans.list', {})).find((p) => p.id === saved.id)!.issuedAt).toBeNull();
    // The plan it was edited from passes, and issues.
    expect((await host.app.invoke('plans.issue', { id: a.id })).issuedAt).toEqual(expect.any(String));
  }, 60_000);

  it('names an edit it cannot apply, and refuses bad edits at the boundary', async () => {
    const a = await host.app.invoke('plans.solve', { scenario: tinyInput(), timeLimitS: 5, name: 'tiny 2' });
    await expect(
      host.app.invoke('plans.edit', {
        id: a.id,
        edits: [{ op: 'move', order: 'O-1', from: 'rake:R-404', to: 'unserved' }],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_DATA', message: expect.stringMatching(/edits\[0\].*R-404/) });
    await expect(
      host.app.invoke('plans.edit', {
        id: a.id,
        edits: [{ op: 'move', order: 'O-1', from: 'truck', to: 'unserved' }],
      } as never),
    ).rejects.toMatchObject({ code: 'BAD_PAYLOAD' });
  }, 60_000);

  it("edits a robust plan on its P90s with risk read on the planner's transit, names sibling versions apart and tells every window", async () => {
    const pair = createMemoryPair();
    host.app.connect(pair.port);
    const saved: string[] = [];
    new RakeplanClient(pair.transport).on('plans.changed', (d) => d.kind === 'saved' && saved.push(d.id));
    const a = await host.app.invoke('plans.solve', {
      scenario: tinyInput(),
      timeLimitS: 5,
      robust: true,
      name: 'robust',
    });
    expect(a.plan.planning!.mode).toBe('robust');
    const rake = a.plan.rakes[0]!;
    const lock = [{ op: 'lock' as const, target: `rake:${rake.rakeId}`, locked: true }];
    const e1 = await host.app.invoke('plans.edit', { id: a.id, edits: lock, save: true });
    const e2 = await host.app.invoke('plans.edit', { id: a.id, edits: lock, save: true });
    // A lock changes no decision: the same P10/P50/P90, on-time chances and expected lateness.
    expect(e1.plan.planning).toEqual(a.plan.planning);
    expect(e1.plan.rakes.map((r) => r.onTimeP)).toEqual(a.plan.rakes.map((r) => r.onTimeP));
    expect(e1.plan.summary.expectedLatenessP90Rs).toBe(a.plan.summary.expectedLatenessP90Rs);
    expect(e1.check.ok).toBe(true);
    expect((await host.app.invoke('plans.check', { id: e1.id! })).ok).toBe(true);
    // And so does a version of the version (its planner's scenario was saved with it).
    const e3 = await host.app.invoke('plans.edit', { id: e1.id!, edits: [] });
    expect(e3.plan.planning).toEqual(a.plan.planning);
    const names = (await host.app.invoke('plans.list', {})).filter((p) => p.parentId === a.id).map((p) => p.name);
    expect(names.sort()).toEqual(['robust · v2', 'robust · v2 (2)']);
    await vi.waitFor(() => expect(saved).toEqual(expect.arrayContaining([e1.id, e2.id])), { timeout: 30_000 });
  }, 60_000);

  it('refuses an edit of a locked decision, and names a loading moved into an outage the plan was re-planned around', async () => {
    const a = await host.app.invoke('plans.solve', { scenario: tinyInput(), timeLimitS: 5, name: 'tiny 3' });
    const [r1] = a.plan.rakes;
    await expect(
      host.app.invoke('plans.edit', {
        id: a.id,
        edits: [
          { op: 'lock', target: `rake:${r1!.rakeId}`, locked: true },
          { op: 'rake', rake: r1!.rakeId, loadingStart: r1!.loadingEnd },
        ],
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_DATA',
      message: expect.stringMatching(/edits\[1\].*locked: unlock it first/),
    });
    const later = new Date(Date.parse(r1!.loadingEnd) + 3_600_000).toISOString();
    const re = await host.app.invoke('plans.replan', {
      id: a.id,
      timeLimitS: 6,
      disruptions: [
        {
          kind: 'siding-down',
          loadingPoint: r1!.loadingPoint,
          from: later,
          to: new Date(Date.parse(later) + 6 * 3_600_000).toISOString(),
        },
      ],
    });
    expect(re.plan.outages).toHaveLength(1);
    const moved = re.plan.rakes.find((r) => r.loadingPoint === r1!.loadingPoint) ?? r1!;
    const into = await host.app.invoke('plans.edit', {
      id: re.id,
      edits: [{ op: 'rake', rake: moved.rakeId, loadingPoint: r1!.loadingPoint, loadingStart: later }],
    });
    expect(into.check.ok).toBe(false);
    expect(into.check.violations).toContainEqual(
      expect.objectContaining({
        rule: 5,
        where: `rake ${moved.rakeId}`,
        message: expect.stringMatching(/inside its outage/),
      }),
    );
    // The edited version keeps the outages, not the re-plan's own account of what it changed.
    expect(into.plan.outages).toEqual(re.plan.outages);
    expect(into.plan.changes).toBeUndefined();
    expect(into.plan.stability).toBeUndefined();
  }, 90_000);
});
