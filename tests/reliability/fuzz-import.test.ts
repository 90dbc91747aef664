import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../core/contract/errors';
import { createHost, type Host } from '../../core/host/create-host';
import { parseCsv } from '../../core/csv/read';
import { tempDir } from '../helpers/tmp';
import {
  buildFaultyTable,
  faultyScenario,
  faultyTable,
  SCENARIO_FAULTS,
  unreadableFiles,
  zipBomb,
  zipOfManyParts,
  type BadFile,
  type Row,
} from './bad-files';
import { snapshotSaved, diffSnapshots } from './snapshot';

/**
 * Broken import files through `scenarios.import`, the way the planner's window sends them:
 * faulty cells in CSV (UTF-8, UTF-16, ; and tab), .xlsx and JSON; wrong encodings; binary and
 * truncated files; zip bombs; faulty whole scenarios. Each must be answered `rejected` (with a
 * line, column and reason per row) or with a specific error — in time — and nothing saved changes.
 * `RAKEPLAN_FUZZ_FILES` raises the count (npm run test:reliability).
 */
const GENERATED = Number(process.env.RAKEPLAN_FUZZ_FILES ?? 600);
const LIMIT_MS = 20_000;
const SPECIFIC = new Set(['INVALID_DATA', 'LIMIT_EXCEEDED', 'BAD_PAYLOAD']);

let host: Host;
let tmp: ReturnType<typeof tempDir>;
let scenarioId: string;
let header: string[];
let rows: Row[];
let validCsv: string;
let validXlsx: Buffer;
let validScenario: unknown;

beforeAll(async () => {
  tmp = tempDir();
  host = createHost({ dataDir: tmp.dir, mode: 'test' });
  const created = await host.app.invoke('scenarios.create', { template: 'day', seed: 7 });
  scenarioId = created.id;
  const csv = await host.app.invoke('scenarios.export', { id: scenarioId, table: 'orders', format: 'csv' });
  validCsv = Buffer.from(csv.dataBase64, 'base64').toString('utf8');
  const matrix = parseCsv(validCsv);
  header = matrix[0]!;
  rows = matrix
    .slice(1)
    .filter((r) => r.length === header.length)
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!])));
  validXlsx = Buffer.from(
    (await host.app.invoke('scenarios.export', { id: scenarioId, table: 'orders', format: 'xlsx' })).dataBase64,
    'base64',
  );
  validScenario = (await host.app.invoke('scenarios.get', { id: scenarioId })).scenario;
});
afterAll(() => {
  host.close();
  tmp.cleanup();
});

type Outcome = {
  kind: string;
  verdict: 'rejected' | 'error' | 'IMPORTED' | 'HANG' | 'THROWN';
  code?: string;
  detail: string;
};

async function importFile(f: BadFile): Promise<Outcome> {
  const payload = {
    fileName: f.fileName,
    dataBase64: f.bytes.toString('base64'),
    ...(f.table ? { table: f.table, id: scenarioId } : {}),
  };
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((r) => {
    timer = setTimeout(() => r('hang'), LIMIT_MS);
  });
  try {
    const res = await Promise.race([host.app.invoke('scenarios.import', payload), hang]);
    if (res === 'hang') return { kind: f.kind, verdict: 'HANG', detail: `no answer in ${LIMIT_MS} ms` };
    if (res.status === 'imported') return { kind: f.kind, verdict: 'IMPORTED', detail: `${res.imported} rows` };
    const vague = res.rejected.filter((r) => !(r.line >= 1) || r.reason.trim().length < 5);
    if (res.rejected.length === 0 || vague.length > 0)
      return {
        kind: f.kind,
        verdict: 'THROWN',
        detail: `rejected without a reason per row: ${JSON.stringify(res.rejected).slice(0, 200)}`,
      };
    return { kind: f.kind, verdict: 'rejected', detail: res.rejected.map((r) => r.reason).join(' | ') };
  } catch (err) {
    if (err instanceof ContractError)
      return {
        kind: f.kind,
        verdict: SPECIFIC.has(err.code) ? 'error' : 'THROWN',
        code: err.code,
        detail: err.message,
      };
    return { kind: f.kind, verdict: 'THROWN', detail: String(err) };
  } finally {
    clearTimeout(timer);
  }
}

function check(f: BadFile, o: Outcome): string | null {
  if (o.verdict !== 'rejected' && o.verdict !== 'error')
    return `${o.kind}: ${o.verdict} ${o.code ?? ''} ${o.detail.slice(0, 300)}`;
  if (f.expect?.code && o.code !== f.expect.code)
    return `${o.kind}: expected ${f.expect.code}, got ${o.verdict} ${o.code ?? ''}: ${o.detail.slice(0, 200)}`;
  if (f.expect?.reason && !f.expect.reason.test(o.detail))
    return `${o.kind}: answer does not say ${f.expect.reason}: ${o.detail.slice(0, 200)}`;
  return null;
}

describe('import fuzz', () => {
  it(`refuses ${GENERATED} generated faulty table files and faulty scenarios, changing nothing saved`, async () => {
    const db = host.services.requireDb();
    const before = snapshotSaved(db);
    const specs = fc.sample(faultyTable, { numRuns: GENERATED, seed: 7_2026 });
    const scenarios = fc.sample(fc.subarray(SCENARIO_FAULTS, { minLength: 1, maxLength: 3 }), {
      numRuns: Math.ceil(GENERATED / 8),
      seed: 11,
    });
    const files: BadFile[] = [];
    for (const spec of specs) files.push(await buildFaultyTable(rows, header, spec));
    for (const names of scenarios) files.push(faultyScenario(validScenario, names));
    const failures: string[] = [];
    const verdicts = new Map<string, number>();
    for (const f of files) {
      const o = await importFile(f);
      verdicts.set(o.verdict, (verdicts.get(o.verdict) ?? 0) + 1);
      const bad = check(f, o);
      if (bad && failures.length < 15) failures.push(bad);
    }
    console.log(`import fuzz: ${files.length} faulty files → ${JSON.stringify(Object.fromEntries(verdicts))}`);
    expect(failures).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(diffSnapshots(before, snapshotSaved(db))).toEqual([]);
  }, 600_000);

  it('refuses unreadable files — wrong encodings, binary, truncated — by what they are', async () => {
    const db = host.services.requireDb();
    const before = snapshotSaved(db);
    const failures: string[] = [];
    for (const f of unreadableFiles(validCsv, validXlsx)) {
      const bad = check(f, await importFile(f));
      if (bad) failures.push(bad);
    }
    expect(failures).toEqual([]);
    expect(diffSnapshots(before, snapshotSaved(db))).toEqual([]);
  });

  it('reads UTF-16 files with a byte-order mark (Excel "Unicode text")', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(validCsv.replace(/^\uFEFF/, '').replaceAll(',', '\t'), 'utf16le'),
    ]);
    const res = await host.app.invoke('scenarios.import', {
      id: scenarioId,
      table: 'orders',
      fileName: 'orders.txt',
      dataBase64: bytes.toString('base64'),
    });
    expect(res.rejected).toEqual([]);
    expect(res).toMatchObject({ status: 'imported', imported: rows.length });
  });

  it('refuses zip bombs before exceljs inflates them — honest, lying and many-part', async () => {
    const db = host.services.requireDb();
    const before = snapshotSaved(db);
    const bombs: BadFile[] = [
      {
        kind: 'bomb-1GiB',
        fileName: 'orders.xlsx',
        table: 'orders',
        bytes: zipBomb(1024),
        expect: { code: 'LIMIT_EXCEEDED', reason: /zip bomb/ },
      },
      {
        kind: 'bomb-lying-header',
        fileName: 'orders.xlsx',
        table: 'orders',
        bytes: zipBomb(512, true),
        expect: { code: 'LIMIT_EXCEEDED', reason: /inflate to more than 256 MB/ },
      },
      { kind: 'bomb-whole-scenario', fileName: 'plant.xlsx', bytes: zipBomb(400), expect: { code: 'LIMIT_EXCEEDED' } },
      {
        kind: 'bomb-many-parts',
        fileName: 'orders.xlsx',
        table: 'orders',
        bytes: zipOfManyParts(5_000),
        expect: { code: 'LIMIT_EXCEEDED', reason: /5000 parts/ },
      },
    ];
    for (const b of bombs) expect(b.bytes.length).toBeLessThan(2 << 20); // tiny on disk
    const failures: string[] = [];
    for (const b of bombs) {
      const bad = check(b, await importFile(b));
      if (bad) failures.push(bad);
    }
    expect(failures).toEqual([]);
    expect(diffSnapshots(before, snapshotSaved(db))).toEqual([]);
  }, 120_000);
});
