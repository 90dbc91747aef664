import { ContractError } from '../contract/errors';
import type { TableSpec } from '../domain/scenario-tables';
import { parseCsv } from '../csv/read';
import { scenarioFromSheets, sectionedCsvToSheets, type SheetsRead } from '../importexport/scenario-file';
import { normalizeHeader, readTable, type ReadTable } from '../importexport/table-io';
import { decodeText } from '../importexport/text-decode';
import { describeZodIssue } from '../importexport/zod-message';

/** An uploaded file's format (its bytes come base64 in the payload: the browser has no paths). */
export type FileFormat = 'csv' | 'xlsx' | 'json';

export function uploadFormat(fileName: string, format?: FileFormat): FileFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const f =
    format ?? (ext === 'xlsx' ? 'xlsx' : ext === 'json' ? 'json' : ext === 'csv' || ext === 'txt' ? 'csv' : undefined);
  if (!f)
    throw new ContractError('BAD_PAYLOAD', `Cannot tell the format of '${fileName}': use a .csv, .xlsx or .json file.`);
  if (ext === 'xls')
    throw new ContractError(
      'INVALID_DATA',
      `'${fileName}' is an old .xls workbook: save it as .xlsx in Excel and import again.`,
    );
  return f;
}

/** exceljs takes 0.4 s to load: only a workbook upload pays for it (the import worker starts sooner). */
const loadXlsx = () => import('../importexport/xlsx');

/** A file holding one table. A workbook's sheet is the one named like the table, else the first. */
export async function readTableFile(
  spec: TableSpec,
  format: FileFormat,
  bytes: Buffer,
  fileName = 'the file',
): Promise<ReadTable> {
  const text = (b: Buffer) => decodeText(b, fileName);
  try {
    if (format === 'csv') return readTable(spec, parseCsv(text(bytes)));
    if (format === 'xlsx') {
      const sheets = await (await loadXlsx()).readXlsx(bytes);
      const sheet =
        sheets.find((s) => [spec.label, spec.name].some((n) => normalizeHeader(n) === normalizeHeader(s.name))) ??
        sheets[0];
      if (!sheet) throw new Error('The workbook has no sheets.');
      return readTable(spec, sheet.rows);
    }
    const data = parseJson(text(bytes));
    const rows = Array.isArray(data) ? data : (data as Record<string, unknown>)?.[spec.name];
    if (!Array.isArray(rows)) throw new Error(`Expected a JSON array of ${spec.label.toLowerCase()} rows.`);
    const out: ReadTable = { rows: [], lines: [], rejected: [], ignoredHeaders: [], mapping: [] };
    rows.forEach((row, i) => {
      const res = spec.schema.safeParse(row);
      if (res.success) {
        out.rows.push(res.data as Record<string, unknown>);
        out.lines.push(i + 1);
        return;
      }
      for (const issue of res.error.issues) {
        const c = spec.columns.find((col) => col.field === issue.path[0]);
        out.rejected.push({
          line: i + 1,
          field: c ? c.label : issue.path.length ? String(issue.path[0]) : null,
          reason: describeZodIssue(issue),
        });
      }
    });
    return out;
  } catch (err) {
    if (err instanceof ContractError) throw err;
    throw new ContractError('INVALID_DATA', (err as Error).message);
  }
}

/** A file holding a whole scenario: JSON (`rakeplan.scenario/1`), a workbook, or a sectioned CSV. */
export async function readScenarioFile(format: FileFormat, bytes: Buffer, fileName = 'the file'): Promise<SheetsRead> {
  const text = (b: Buffer) => decodeText(b, fileName);
  try {
    if (format === 'json')
      return { scenario: parseJson(text(bytes)) as Record<string, unknown>, rejected: [], lines: {} };
    if (format === 'xlsx') return scenarioFromSheets(await (await loadXlsx()).readXlsx(bytes));
    return scenarioFromSheets(sectionedCsvToSheets(text(bytes)));
  } catch (err) {
    if (err instanceof ContractError) throw err;
    throw new ContractError('INVALID_DATA', (err as Error).message);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ContractError('INVALID_DATA', `The file is not valid JSON: ${(err as Error).message}`);
  }
}
