import type Database from 'better-sqlite3';
import type { ImportResult, RejectedImportRow } from '../contract/api/scenarios';
import { ContractError } from '../contract/errors';
import { SCENARIO_TABLES, issueTable, rowsField, tableRows, type TableName } from '../domain/scenario-tables';
import type { Scenario } from '../domain/scenario';
import { checkScenario, validateScenario, type DataIssue } from '../domain/validate';
import type { ReadTable } from '../importexport/table-io';
import type { SheetsRead } from '../importexport/scenario-file';
import { planLimitError } from '../optimizer/limits';
import { deleteRows, insertRows, requireScenario, touch, updateRow } from './store';

const keyOf = (table: TableName, row: Record<string, unknown>) =>
  SCENARIO_TABLES[table].key.map((k) => String(row[k])).join('/');

interface Plan {
  /** The table after the import: existing rows (with rid) and imported rows (with line). */
  merged: { row: Record<string, unknown>; rid?: number; line?: number }[];
  rejected: RejectedImportRow[];
  candidate: Scenario;
}

function plan(
  base: Scenario,
  rowIds: number[],
  table: TableName,
  read: ReadTable,
  mode: 'merge' | 'replace',
  dropLines: Set<number>,
): Plan {
  const spec = SCENARIO_TABLES[table];
  const rejected: RejectedImportRow[] = [];
  const merged: Plan['merged'] =
    mode === 'replace' ? [] : tableRows(base, table).map((row, i) => ({ row, rid: rowIds[i] }));
  const byKey = new Map(merged.map((m, i) => [keyOf(table, m.row), i]));
  const firstLine = new Map<string, number>();
  read.rows.forEach((row, i) => {
    // readTable records the line of every row it accepts: lines is parallel to rows.
    const line = read.lines[i]!;
    if (dropLines.has(line)) return;
    const key = keyOf(table, row);
    const seen = firstLine.get(key);
    if (seen !== undefined) {
      rejected.push({
        line,
        field: spec.columns.find((c) => c.field === spec.key[spec.key.length - 1])!.label,
        reason: `duplicate ${spec.key.join('/')} '${key}' (also on line ${seen})`,
        key,
      });
      return;
    }
    firstLine.set(key, line);
    const at = byKey.get(key);
    // byKey holds only indices of merged, which never shrinks.
    if (at !== undefined) merged[at] = { row, rid: merged[at]!.rid, line };
    else {
      byKey.set(key, merged.length);
      merged.push({ row, line });
    }
  });
  const candidate = structuredClone(base);
  const holder =
    spec.path.length === 2
      ? (candidate.plant as unknown as Record<string, unknown>)
      : (candidate as unknown as Record<string, unknown>);
  holder[rowsField(spec)] = merged.map((m) => m.row);
  // Cross-table errors on imported rows reject those rows; others stay warnings for the editor.
  for (const issue of validateScenario(candidate)) {
    if (issue.severity !== 'error' || issue.table !== issueTable(table) || issue.row === null) continue;
    const line = merged[issue.row]?.line;
    if (line === undefined) continue;
    const c = spec.columns.find((col) => col.field === issue.field);
    rejected.push({
      line,
      field: c ? c.label : issue.field,
      reason: issue.message,
      ...(issue.rowKey ? { key: issue.rowKey } : {}),
    });
  }
  return { merged, rejected, candidate };
}

/** What an accepted table import writes: rows that replace existing ones (by rid) and new rows. */
export interface TableWrites {
  replace: boolean;
  updates: { rid: number; row: Record<string, unknown> }[];
  inserts: Record<string, unknown>[];
}

/**
 * Plan importing one table's rows into a scenario, without touching the database (so it can run
 * in the import worker). Rejected rows (unreadable cells, schema failures, duplicates, unknown
 * references) are all reported; by default any rejection means nothing is written. With
 * `skipInvalid` the remaining rows are imported.
 */
export function planTableImport(
  loaded: { scenario: Scenario; rowIds: Record<TableName, number[]> },
  scenarioId: string,
  table: TableName,
  read: ReadTable,
  opts: { mode: 'merge' | 'replace'; skipInvalid: boolean },
): { result: ImportResult; writes: TableWrites | null } {
  const first = plan(loaded.scenario, loaded.rowIds[table], table, read, opts.mode, new Set());
  const rejected = sortRejected([...read.rejected, ...first.rejected]);
  const base = { scenarioId, ignoredColumns: read.ignoredHeaders, mapping: read.mapping };
  if (rejected.length > 0 && !opts.skipInvalid)
    return { result: { ...base, status: 'rejected', imported: 0, rejected, warnings: [] }, writes: null };
  // Dropping bad rows can expose new duplicates/references only among the remaining ones: re-plan once.
  const final =
    rejected.length > 0
      ? plan(loaded.scenario, loaded.rowIds[table], table, read, opts.mode, new Set(rejected.map((r) => r.line)))
      : first;
  if (final.rejected.length > 0)
    return {
      result: {
        ...base,
        status: 'rejected',
        imported: 0,
        rejected: sortRejected([...rejected, ...final.rejected]),
        warnings: [],
      },
      writes: null,
    };
  // A scenario no plan can be made of is not saved (250,000 imported orders made a 49 MB scenario).
  const over = planLimitError(final.candidate);
  if (over) throw over;
  const imported = final.merged.filter((m) => m.line !== undefined);
  return {
    result: {
      ...base,
      status: 'imported',
      imported: imported.length,
      rejected,
      warnings: validateScenario(final.candidate),
    },
    writes: {
      replace: opts.mode === 'replace',
      updates: imported.filter((m) => m.rid !== undefined).map((m) => ({ rid: m.rid!, row: m.row })),
      inserts: imported.filter((m) => m.rid === undefined).map((m) => m.row),
    },
  };
}

/**
 * Write a planned table import in one transaction, unless the scenario changed since it was
 * loaded for planning (`updatedAt`): the plan merged into the rows as they were then, and would
 * overwrite an edit made meanwhile.
 */
export function applyTableImport(
  db: Database.Database,
  scenarioId: string,
  table: TableName,
  w: TableWrites,
  updatedAt: string,
): void {
  db.transaction(() => {
    if (requireScenario(db, scenarioId).updated_at !== updatedAt) {
      throw new ContractError(
        'CONFLICT',
        'The scenario changed while the file was being read: nothing was imported. Import it again.',
      );
    }
    if (w.replace) deleteRows(db, scenarioId, table);
    for (const u of w.updates) updateRow(db, scenarioId, table, u.rid, u.row);
    insertRows(db, scenarioId, table, w.inserts);
    touch(db, scenarioId);
  }).immediate();
}

/**
 * Plan importing a whole scenario as a new one, without touching the database. Any rejected row
 * or scenario-level error → nothing to save (`scenario` null).
 */
export function planScenarioImport(
  read: SheetsRead,
  opts: { skipInvalid: boolean },
): { result: ImportResult; scenario: Scenario | null } {
  const rejected: RejectedImportRow[] = [...read.rejected];
  const checked = checkScenario(read.scenario);
  const issues: DataIssue[] = checked.issues;
  const lineOf = (i: DataIssue) => (i.row === null ? 1 : (read.lines[i.table]?.[i.row] ?? i.row + 1));
  for (const i of issues) {
    if (i.severity !== 'error') continue;
    rejected.push({
      table: i.table,
      line: lineOf(i),
      field: i.field,
      reason: i.row === null ? `${i.path}: ${i.message}` : i.message,
      ...(i.rowKey ? { key: i.rowKey } : {}),
    });
  }
  const base = { ignoredColumns: [], mapping: [] };
  const refused = (rows: RejectedImportRow[]) => ({
    result: {
      ...base,
      scenarioId: null,
      status: 'rejected' as const,
      imported: 0,
      rejected: sortRejected(rows),
      warnings: [],
    },
    scenario: null,
  });
  if (rejected.length > 0 && (!opts.skipInvalid || !checked.scenario)) return refused(rejected);
  let scenario = checked.scenario!;
  if (rejected.length > 0) {
    // Keep the rows that passed: drop those named by cross-table errors, and check once more.
    const drop = new Set(
      issues.filter((i) => i.severity === 'error' && i.row !== null).map((i) => `${i.table}#${i.row}`),
    );
    scenario = structuredClone(scenario);
    for (const t of Object.keys(SCENARIO_TABLES) as TableName[]) {
      const spec = SCENARIO_TABLES[t];
      const holder =
        spec.path.length === 2
          ? (scenario.plant as unknown as Record<string, unknown>)
          : (scenario as unknown as Record<string, unknown>);
      const key = rowsField(spec);
      holder[key] = (holder[key] as unknown[]).filter((_, i) => !drop.has(`${issueTable(t)}#${i}`));
    }
    const again = validateScenario(scenario).filter((i) => i.severity === 'error');
    if (again.length > 0)
      return refused([
        ...rejected,
        ...again.map((i) => ({ table: i.table, line: lineOf(i), field: i.field, reason: i.message })),
      ]);
  }
  const count = Object.keys(SCENARIO_TABLES).reduce((s, t) => s + tableRows(scenario, t as TableName).length, 0);
  // scenarioId is filled in by whoever saves it.
  return {
    result: {
      ...base,
      scenarioId: null,
      status: 'imported',
      imported: count,
      rejected: sortRejected(rejected),
      warnings: validateScenario(scenario),
    },
    scenario,
  };
}

function sortRejected(rows: RejectedImportRow[]): RejectedImportRow[] {
  return [...rows].sort((a, b) => (a.table ?? '').localeCompare(b.table ?? '') || a.line - b.line);
}
