import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { SyntheticHistory } from '../contract/api/scenarios';
import { readCsvFile } from '../csv/read';
import { HISTORY_TABLES, type HistoryTable } from '../domain/history';
import type { HistoryTables } from '../synth/history';
import { HISTORY_TABLE_NAMES, historyColumns } from './history-store';

export interface HistoryRowProblem {
  table: HistoryTable;
  /** CSV line, header = 1. */
  line: number;
  field: string | null;
  reason: string;
}

/** Reading stops at this many problems: a folder of the wrong files would otherwise list every row. */
export const MAX_HISTORY_PROBLEMS = 200;

/**
 * The file `rakeplan demo-data` writes beside the history it generates: {seed, days}. A folder
 * holding it is imported as synthetic history (history-store.ts), never as the plant's.
 */
export const SYNTHETIC_MARK_FILE = 'synthetic-history.json';

/** The generated history's mark in a folder, or null when the folder holds the plant's own tables. */
export function syntheticMark(dir: string): SyntheticHistory | null {
  const file = path.join(dir, SYNTHETIC_MARK_FILE);
  if (!fs.existsSync(file)) return null;
  const bad = `${file}: expected {"seed": N, "days": N} (written by rakeplan demo-data)`;
  let mark: Partial<SyntheticHistory> | null;
  try {
    mark = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SyntheticHistory> | null;
  } catch (err) {
    throw new Error(`${bad}: ${(err as Error).message}`);
  }
  if (!Number.isInteger(mark?.seed) || !Number.isInteger(mark?.days)) throw new Error(bad);
  return { seed: mark!.seed!, days: mark!.days! };
}

/**
 * The plant's history from a folder of CSV files, one per table (`demand.csv`, `trips.csv`, …:
 * what `rakeplan demo-data` writes, or the plant's own with the same columns). Every row is
 * checked against its table's schema; the caller saves the tables only when nothing is wrong.
 */
export async function readHistoryDir(dir: string): Promise<{ tables: HistoryTables; problems: HistoryRowProblem[] }> {
  const missing = HISTORY_TABLE_NAMES.filter((t) => !fs.existsSync(path.join(dir, `${t}.csv`)));
  if (missing.length > 0)
    throw new Error(
      `${dir} lacks ${missing.map((t) => `${t}.csv`).join(', ')}: a history import needs all five tables (${HISTORY_TABLE_NAMES.join(', ')}).`,
    );
  const tables = {} as Record<HistoryTable, unknown[]>;
  const problems: HistoryRowProblem[] = [];
  for (const table of HISTORY_TABLE_NAMES) {
    tables[table] = [];
    const schema = HISTORY_TABLES[table] as unknown as z.ZodObject<Record<string, z.ZodType>>;
    const fields = historyColumns(table);
    let header: string[] | null = null;
    for await (const { cells, line } of readCsvFile(path.join(dir, `${table}.csv`))) {
      if (!cells.some((c) => c !== '')) continue;
      if (!header) {
        header = cells.map((c) => c.trim());
        const absent = fields.filter((f) => !header!.includes(f));
        if (absent.length)
          problems.push({ table, line, field: null, reason: `missing column(s) ${absent.join(', ')}` });
        continue;
      }
      const text = Object.fromEntries(fields.map((f) => [f, (cells[header!.indexOf(f)] ?? '').trim()]));
      const parsed = schema.safeParse(Object.fromEntries(fields.map((f) => [f, typed(schema.shape[f]!, text[f]!)])));
      if (parsed.success) tables[table].push(parsed.data);
      else
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? '');
          problems.push({
            table,
            line,
            field: field || null,
            reason: `'${text[field] ?? ''}' is not valid here (${issue.message})`,
          });
        }
      if (problems.length >= MAX_HISTORY_PROBLEMS) return { tables: tables as unknown as HistoryTables, problems };
    }
  }
  return { tables: tables as unknown as HistoryTables, problems };
}

/** A cell as its field wants it: empty → null, text where text is valid, otherwise a number. */
function typed(field: z.ZodType, v: string): unknown {
  if (v === '') return null;
  return field.safeParse(v).success ? v : Number(v);
}
