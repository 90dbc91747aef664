import type { ExportResult } from '../contract/api/scenarios';
import { SCENARIO_TABLES, tableRows, type TableName } from '../domain/scenario-tables';
import type { Scenario } from '../domain/scenario';
import { writeCsv } from '../csv/write';
import { scenarioToSheets, sheetsToSectionedCsv } from '../importexport/scenario-file';
import { writeTable } from '../importexport/table-io';
import { writeXlsx } from '../importexport/xlsx';

const MIME = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
} as const;

/** A file name from a scenario name: letters, digits and dashes only. */
export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'scenario'
  );
}

function result(fileName: string, format: keyof typeof MIME, data: Buffer | string): ExportResult {
  const bytes = typeof data === 'string' ? Buffer.from(`\uFEFF${data}`, 'utf8') : data;
  return { fileName, mimeType: MIME[format], dataBase64: bytes.toString('base64') };
}

/** Export one table, or the whole scenario (`table` undefined), as CSV, xlsx or JSON. */
export async function exportScenario(
  s: Scenario,
  format: 'csv' | 'xlsx' | 'json',
  table?: TableName,
): Promise<ExportResult> {
  const base = slug(s.name);
  if (table) {
    const spec = SCENARIO_TABLES[table];
    const rows = tableRows(s, table);
    const name = `${base}-${table}.${format}`;
    if (format === 'json') return result(name, format, Buffer.from(JSON.stringify(rows, null, 2)));
    if (format === 'csv') return result(name, format, writeCsv(writeTable(spec, rows)));
    return result(name, format, await writeXlsx([{ name: spec.label, rows: writeTable(spec, rows) }]));
  }
  const name = `${base}.${format === 'csv' ? 'scenario.csv' : format}`;
  if (format === 'json') return result(name, format, Buffer.from(JSON.stringify(s, null, 2)));
  if (format === 'csv') return result(name, format, sheetsToSectionedCsv(scenarioToSheets(s)));
  return result(name, format, await writeXlsx(scenarioToSheets(s)));
}
