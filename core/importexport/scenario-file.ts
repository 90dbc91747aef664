import { costParametersSchema } from '../domain/entities';
import {
  SCENARIO_TABLES,
  TABLE_NAMES,
  issueTable,
  rowsField,
  tableRows,
  type TableName,
} from '../domain/scenario-tables';
import { SCENARIO_FORMAT, type Scenario } from '../domain/scenario';
import { cellText, describeFault, isFault, type CellValue } from './cells';
import { parseCsv } from '../csv/read';
import { writeCsv, type CsvCell as Cell } from '../csv/write';
import { normalizeHeader, readTable, writeTable, type RejectedRow } from './table-io';
import type { Sheet } from './xlsx';

/**
 * A whole scenario as sheets: `Scenario` (name, plant, horizon), `Costs` (one parameter a row)
 * and one sheet per table. The same sheets make the .xlsx workbook and the sectioned CSV
 * (each sheet introduced by a `#sheet,<name>` line), so both read back to the same scenario.
 */
export function scenarioToSheets(s: Scenario): Sheet[] {
  const meta: Cell[][] = [
    ['Field', 'Value'],
    ['format', SCENARIO_FORMAT],
    ['name', s.name],
    ['plant', s.plant.name],
    ['horizon start', s.horizon.start],
    ['horizon days', s.horizon.days],
  ];
  const costs: Cell[][] = [
    ['Parameter', 'Value'],
    ...flatten(s.costs as unknown as Record<string, unknown>).map(([k, v]) => [k, v] as Cell[]),
  ];
  return [
    { name: 'Scenario', rows: meta },
    { name: 'Costs', rows: costs },
    ...TABLE_NAMES.map((t) => ({
      name: SCENARIO_TABLES[t].label,
      rows: writeTable(SCENARIO_TABLES[t], tableRows(s, t)),
    })),
  ];
}

function flatten(o: Record<string, unknown>, prefix = ''): [string, Cell][] {
  return Object.entries(o).flatMap(([k, v]) =>
    v !== null && typeof v === 'object'
      ? flatten(v as Record<string, unknown>, `${prefix}${k}.`)
      : [[`${prefix}${k}`, v as Cell]],
  );
}

export interface RejectedTableRow extends RejectedRow {
  /** `orders`, `plant.destinations`, or `Scenario`/`Costs` for the key–value sheets. */
  table: string;
}

export interface SheetsRead {
  /** Not yet validated as a whole: the caller runs checkScenario on it. */
  scenario: Record<string, unknown>;
  rejected: RejectedTableRow[];
  /** Sheet line of each accepted row, by issue table (`orders`, `plant.destinations`). */
  lines: Record<string, number[]>;
}

/** Sheets (from a workbook or a sectioned CSV) → scenario object, with every unreadable row listed. */
export function scenarioFromSheets(sheets: readonly { name: string; rows: CellValue[][] }[]): SheetsRead {
  const byName = new Map(sheets.map((s) => [normalizeHeader(s.name), s]));
  const find = (...names: string[]) => names.map((n) => byName.get(normalizeHeader(n))).find(Boolean);
  const rejected: RejectedTableRow[] = [];
  const lines: Record<string, number[]> = {};
  const metaSheet = find('Scenario');
  if (!metaSheet)
    throw new Error(
      `No 'Scenario' sheet: a whole scenario needs sheets Scenario, Costs and one per table (found: ${sheets.map((s) => s.name).join(', ') || 'none'}).`,
    );
  const meta = keyValues(metaSheet.rows, 'Scenario', rejected);
  const costsSheet = find('Costs');
  const costs: Record<string, unknown> = {};
  if (costsSheet) {
    for (const [k, v] of Object.entries(keyValues(costsSheet.rows, 'Costs', rejected))) {
      let target = costs;
      // Objects without a prototype: a dotted key walks only what the sheet itself wrote.
      for (const p of k.split('.').slice(0, -1))
        target = (target[p] ??= Object.create(null) as Record<string, unknown>) as Record<string, unknown>;
      target[k.slice(k.lastIndexOf('.') + 1)] =
        typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
    }
  }
  const days = Number(meta['horizon days']);
  const scenario: Record<string, unknown> = {
    format: meta.format ?? SCENARIO_FORMAT,
    name: meta.name,
    horizon: {
      start:
        meta['horizon start'] instanceof Date ? (meta['horizon start'] as Date).toISOString() : meta['horizon start'],
      days: Number.isFinite(days) ? days : meta['horizon days'],
    },
    plant: { name: meta.plant },
    costs: costsSheet
      ? costs
      : costParametersSchema.parse({ effectiveFrom: String(meta['horizon start'] ?? '').slice(0, 10) || '2026-01-01' }),
  };
  for (const t of TABLE_NAMES) {
    const spec = SCENARIO_TABLES[t];
    const sheet = find(spec.label, spec.name);
    const holder = spec.path.length === 2 ? (scenario.plant as Record<string, unknown>) : scenario;
    const key = rowsField(spec);
    if (!sheet) {
      holder[key] = [];
      continue;
    }
    try {
      const read = readTable(spec, sheet.rows);
      holder[key] = read.rows;
      lines[issueTable(t)] = read.lines;
      rejected.push(...read.rejected.map((r) => ({ ...r, table: issueTable(t as TableName) })));
    } catch (err) {
      holder[key] = [];
      rejected.push({ table: issueTable(t), line: 1, field: null, reason: (err as Error).message });
    }
  }
  return { scenario, rejected, lines };
}

/** Field → value rows; a value that is a formula with no result or an error cell is rejected on its line. */
/** Names that would reach an object's prototype if used as keys: never a field of a scenario. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function keyValues(rows: CellValue[][], table: string, rejected: RejectedTableRow[]): Record<string, CellValue> {
  const out: Record<string, CellValue> = Object.create(null) as Record<string, CellValue>;
  rows.forEach((r, i) => {
    if (i === 0 || r[0] === null || r[0] === undefined || cellText(r[0]).trim() === '') return;
    const key = cellText(r[0]).trim();
    const v = r[1] ?? null;
    if (key.split('.').some((p) => PROTOTYPE_KEYS.has(p)))
      rejected.push({ table, line: i + 1, field: key, reason: `'${key}' is not a ${table.toLowerCase()} field` });
    else if (isFault(v)) rejected.push({ table, line: i + 1, field: key, reason: describeFault(v) });
    else out[key] = v;
  });
  return out;
}

const SECTION = '#sheet';

export function sheetsToSectionedCsv(sheets: readonly Sheet[]): string {
  return sheets.map((s) => writeCsv([[SECTION, s.name], ...s.rows])).join('\r\n');
}

export function sectionedCsvToSheets(text: string): { name: string; rows: CellValue[][] }[] {
  const sheets: { name: string; rows: CellValue[][] }[] = [];
  for (const row of parseCsv(text)) {
    if (row[0] === SECTION) {
      sheets.push({ name: row[1] ?? '', rows: [] });
      continue;
    }
    const current = sheets.at(-1);
    if (!current)
      throw new Error(`A whole-scenario CSV starts with a '${SECTION},<name>' line (see docs/scenario-format.md).`);
    current.rows.push(row);
  }
  return sheets;
}
