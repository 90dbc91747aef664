import type Database from 'better-sqlite3';
import type { scenariosContract } from '../contract/api/scenarios';
import type { ParsedPayloadOf } from '../contract/define';
import { ContractError, type FieldIssue } from '../contract/errors';
import { SCENARIO_TABLES, issueTable, type TableName } from '../domain/scenario-tables';
import { parseCell } from '../importexport/cells';
import { describeZodIssue } from '../importexport/zod-message';
import {
  deleteRows,
  insertRows,
  loadScenario,
  readRows,
  requireScenario,
  tableRowIds,
  touch,
  updateRow,
  type LoadedScenario,
} from './store';

type RowChange = ParsedPayloadOf<(typeof scenariosContract)['scenarios.editRows']>['changes'][number];

interface CheckedChanges {
  updates: { rid: number; row: Record<string, unknown> }[];
  inserts: Record<string, unknown>[];
  deletes: number[];
}

/**
 * Apply the editor's changes to one table in one transaction, every change checked against the
 * row schema first: any refusal throws INVALID_DATA naming each row (its index in the table) and
 * field, and nothing is written. Only the edited rows are read to check them; the scenario is read
 * whole once, after the writes and inside the transaction, for the cross-table issues the caller
 * reports — a scenario that no longer reads back is rolled back, as a refused edit is.
 */
export function editScenarioRows(
  db: Database.Database,
  id: string,
  table: TableName,
  changes: readonly RowChange[],
): { after: LoadedScenario; insertedRids: number[] } {
  requireScenario(db, id);
  const { updates, inserts, deletes } = checkChanges(db, id, table, changes);
  return db.transaction(() => {
    for (const u of updates) updateRow(db, id, table, u.rid, u.row);
    deleteRows(db, id, table, deletes);
    const insertedRids = insertRows(db, id, table, inserts);
    touch(db, id);
    return { after: loadScenario(db, id), insertedRids };
  })();
}

function checkChanges(db: Database.Database, id: string, table: TableName, changes: readonly RowChange[]) {
  const spec = SCENARIO_TABLES[table];
  const rids = tableRowIds(db, id, table);
  // Row id → index, once: a pasted range of 20,000 changes scanned every row for each.
  const indexOf = new Map(rids.map((rid, i) => [rid, i]));
  const stored = readRows(
    db,
    id,
    table,
    new Set(changes.flatMap((ch) => (ch.op === 'update' && indexOf.has(ch.rid) ? [ch.rid] : []))),
  );
  const issues: FieldIssue[] = [];
  const out: CheckedChanges = { updates: [], inserts: [], deletes: [] };
  const missing = (k: number, rid: number) =>
    issues.push({ path: `changes[${k}]`, message: `${spec.label}: there is no row ${rid} (it may have been deleted)` });
  changes.forEach((ch, k) => {
    if (ch.op === 'delete') {
      if (!indexOf.has(ch.rid)) missing(k, ch.rid);
      out.deletes.push(ch.rid);
      return;
    }
    const index = ch.op === 'update' ? (indexOf.get(ch.rid) ?? -1) : rids.length + out.inserts.length;
    if (ch.op === 'update' && index < 0) return void missing(k, ch.rid);
    const base = ch.op === 'update' ? { ...stored.get(ch.rid) } : {};
    const prefix = `${issueTable(table)}[${index}]`;
    for (const [field, raw] of Object.entries(ch.values)) {
      const col = spec.columns.find((c) => c.field === field);
      if (!col) {
        issues.push({ path: `${prefix}.${field}`, message: `unknown field '${field}' in ${spec.label}` });
        continue;
      }
      // The editor sends what the planner typed; read it the way an import would.
      const parsed =
        typeof raw === 'string' && col.kind !== 'text' ? parseCell(col, raw) : { ok: true as const, value: raw };
      if (!parsed.ok) issues.push({ path: `${prefix}.${field}`, message: parsed.reason });
      else if (parsed.value === undefined || parsed.value === null) delete base[field];
      else base[field] = parsed.value;
    }
    const res = spec.schema.safeParse(base);
    if (!res.success) {
      for (const zi of res.error.issues)
        issues.push({ path: `${prefix}.${zi.path.map(String).join('.')}`, message: describeZodIssue(zi) });
      return;
    }
    if (ch.op === 'update') out.updates.push({ rid: ch.rid, row: res.data as Record<string, unknown> });
    else out.inserts.push(res.data as Record<string, unknown>);
  });
  const [first] = issues;
  if (first)
    throw new ContractError(
      'INVALID_DATA',
      `${spec.label}: ${issues.length} value(s) rejected, nothing changed: ${first.path} ${first.message}`,
      issues,
    );
  return out;
}
