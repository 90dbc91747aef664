import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ScenarioSummary } from '../contract/api/scenarios';
import { ContractError } from '../contract/errors';
import { costParametersSchema } from '../domain/entities';
import {
  SCENARIO_TABLES,
  TABLE_NAMES,
  rowsField,
  tableRows,
  type TableName,
  type TableSpec,
} from '../domain/scenario-tables';
import { SCENARIO_FORMAT, scenarioSchema, type Scenario } from '../domain/scenario';
import { columnList, fromSqlRow, toSqlValues } from './rows';

export type ScenarioSource = ScenarioSummary['source'];

interface ScenarioRow {
  id: string;
  name: string;
  plant_name: string;
  horizon_start: string;
  horizon_days: number;
  costs: string;
  parent_id: string | null;
  source: ScenarioSource;
  created_at: string;
  updated_at: string;
}

const now = () => new Date().toISOString();

/** Insert a whole scenario (the caller holds the transaction). Returns the new id. */
export function insertScenario(
  db: Database.Database,
  s: Scenario,
  opts: { name?: string; source: ScenarioSource; parentId?: string | null },
): string {
  const id = `sc-${randomUUID()}`;
  const t = now();
  db.prepare(
    `INSERT INTO scenarios (id, name, plant_name, horizon_start, horizon_days, costs, parent_id, source, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    opts.name ?? s.name,
    s.plant.name,
    s.horizon.start,
    s.horizon.days,
    JSON.stringify(s.costs),
    opts.parentId ?? null,
    opts.source,
    t,
    t,
  );
  for (const table of TABLE_NAMES) insertRows(db, id, table, tableRows(s, table));
  if (s.sources) saveSources(db, id, s.sources);
  return id;
}

/** Replace a saved scenario's provenance table (the caller holds the transaction); null clears it. */
export function saveSources(db: Database.Database, scenarioId: string, sources: Scenario['sources'] | null): void {
  db.prepare('DELETE FROM scenario_sources WHERE scenario_id = ?').run(scenarioId);
  if (sources)
    db.prepare('INSERT INTO scenario_sources (scenario_id, sources, updated_at) VALUES (?, ?, ?)').run(
      scenarioId,
      JSON.stringify(sources),
      now(),
    );
}

export function insertRows(
  db: Database.Database,
  scenarioId: string,
  table: TableName,
  rows: readonly Record<string, unknown>[],
): number[] {
  const spec = SCENARIO_TABLES[table];
  const stmt = db.prepare(
    `INSERT INTO ${spec.sqlTable} (scenario_id, ${columnList(spec)}) VALUES (?, ${spec.columns.map(() => '?').join(', ')})`,
  );
  return rows.map((r) => Number(stmt.run(scenarioId, ...toSqlValues(spec, r)).lastInsertRowid));
}

export function requireScenario(db: Database.Database, id: string): ScenarioRow {
  const row = db.prepare('SELECT * FROM scenarios WHERE id = ?').get(id) as ScenarioRow | undefined;
  if (!row) throw new ContractError('NOT_FOUND', `There is no scenario with id '${id}'.`);
  return row;
}

export interface LoadedScenario {
  summary: ScenarioSummary;
  /** The scenario as stored (passes the row schemas; cross-table issues are reported separately). */
  scenario: Scenario;
  /** Row handles per table, in the same order as the scenario's arrays. */
  rowIds: Record<TableName, number[]>;
}

export function loadScenario(db: Database.Database, id: string): LoadedScenario {
  const meta = requireScenario(db, id);
  const raw: Record<string, unknown> = {
    format: SCENARIO_FORMAT,
    name: meta.name,
    horizon: { start: meta.horizon_start, days: meta.horizon_days },
    plant: { name: meta.plant_name },
    costs: JSON.parse(meta.costs),
  };
  const rowIds = {} as Record<TableName, number[]>;
  for (const table of TABLE_NAMES) {
    const spec = SCENARIO_TABLES[table];
    const sqlRows = db.prepare(`${selectRows(spec)} ORDER BY rid`).all(id) as Record<string, unknown>[];
    rowIds[table] = sqlRows.map((r) => r.rid as number);
    const rows = sqlRows.map((r) => fromSqlRow(spec, r));
    const holder = spec.path.length === 2 ? (raw.plant as Record<string, unknown>) : raw;
    holder[rowsField(spec)] = rows;
  }
  const src = db.prepare('SELECT sources FROM scenario_sources WHERE scenario_id = ?').get(id) as
    { sources: string } | undefined;
  if (src) raw.sources = JSON.parse(src.sources);
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success)
    throw new ContractError(
      'INTERNAL',
      `Scenario '${meta.name}' in the database does not parse: ${parsed.error.issues[0]?.message ?? 'unknown'}`,
    );
  return { summary: summarize(db, meta), scenario: parsed.data, rowIds };
}

const selectRows = (spec: TableSpec) => `SELECT rid, ${columnList(spec)} FROM ${spec.sqlTable} WHERE scenario_id = ?`;

/** One table's row handles in the scenario's order (loadScenario's `rowIds[table]`), without its rows. */
export function tableRowIds(db: Database.Database, scenarioId: string, table: TableName): number[] {
  return db
    .prepare(`SELECT rid FROM ${SCENARIO_TABLES[table].sqlTable} WHERE scenario_id = ? ORDER BY rid`)
    .pluck()
    .all(scenarioId) as number[];
}

/** The stored rows of one table with these handles, as loadScenario reads them; a handle not there is left out. */
export function readRows(
  db: Database.Database,
  scenarioId: string,
  table: TableName,
  rids: Iterable<number>,
): Map<number, Record<string, unknown>> {
  const spec = SCENARIO_TABLES[table];
  const stmt = db.prepare(`${selectRows(spec)} AND rid = ?`);
  const out = new Map<number, Record<string, unknown>>();
  for (const rid of rids) {
    const r = stmt.get(scenarioId, rid) as Record<string, unknown> | undefined;
    if (r) out.set(rid, fromSqlRow(spec, r));
  }
  return out;
}

function summarize(db: Database.Database, meta: ScenarioRow): ScenarioSummary {
  const counts = {} as Record<TableName, number>;
  for (const table of TABLE_NAMES) {
    counts[table] = (
      db.prepare(`SELECT COUNT(*) AS n FROM ${SCENARIO_TABLES[table].sqlTable} WHERE scenario_id = ?`).get(meta.id) as {
        n: number;
      }
    ).n;
  }
  const orderedT = (
    db.prepare('SELECT COALESCE(SUM("quantityT"), 0) AS t FROM sc_orders WHERE scenario_id = ?').get(meta.id) as {
      t: number;
    }
  ).t;
  return {
    id: meta.id,
    name: meta.name,
    plantName: meta.plant_name,
    horizonStart: meta.horizon_start,
    horizonDays: meta.horizon_days,
    parentId: meta.parent_id,
    source: meta.source,
    createdAt: meta.created_at,
    updatedAt: meta.updated_at,
    counts,
    orderedT,
  };
}

export function listScenarios(db: Database.Database): ScenarioSummary[] {
  const rows = db.prepare('SELECT * FROM scenarios ORDER BY created_at, name').all() as ScenarioRow[];
  return rows.map((r) => summarize(db, r));
}

export function getSummary(db: Database.Database, id: string): ScenarioSummary {
  return summarize(db, requireScenario(db, id));
}

export function touch(db: Database.Database, id: string): void {
  db.prepare('UPDATE scenarios SET updated_at = ? WHERE id = ?').run(now(), id);
}

export function renameScenario(db: Database.Database, id: string, name: string): void {
  requireScenario(db, id);
  db.prepare('UPDATE scenarios SET name = ?, updated_at = ? WHERE id = ?').run(name, now(), id);
}

export function deleteScenario(db: Database.Database, id: string): void {
  requireScenario(db, id);
  db.prepare('DELETE FROM scenarios WHERE id = ?').run(id);
}

/** Replace the scenario-level fields (name, plant name, horizon, costs). */
export function updateMeta(
  db: Database.Database,
  id: string,
  s: Pick<Scenario, 'name' | 'horizon' | 'costs'> & { plantName: string },
): void {
  db.prepare(
    'UPDATE scenarios SET name = ?, plant_name = ?, horizon_start = ?, horizon_days = ?, costs = ?, updated_at = ? WHERE id = ?',
  ).run(
    s.name,
    s.plantName,
    s.horizon.start,
    s.horizon.days,
    JSON.stringify(costParametersSchema.parse(s.costs)),
    now(),
    id,
  );
}

export function deleteRows(
  db: Database.Database,
  scenarioId: string,
  table: TableName,
  rids?: readonly number[],
): void {
  const spec = SCENARIO_TABLES[table];
  if (!rids) {
    db.prepare(`DELETE FROM ${spec.sqlTable} WHERE scenario_id = ?`).run(scenarioId);
    return;
  }
  const stmt = db.prepare(`DELETE FROM ${spec.sqlTable} WHERE scenario_id = ? AND rid = ?`);
  for (const rid of rids) stmt.run(scenarioId, rid);
}

export function updateRow(
  db: Database.Database,
  scenarioId: string,
  table: TableName,
  rid: number,
  row: Record<string, unknown>,
): void {
  const spec = SCENARIO_TABLES[table];
  const res = db
    .prepare(
      `UPDATE ${spec.sqlTable} SET ${spec.columns.map((c) => `"${c.field}" = ?`).join(', ')} WHERE scenario_id = ? AND rid = ?`,
    )
    .run(...toSqlValues(spec, row), scenarioId, rid);
  if (res.changes === 0)
    throw new ContractError(
      'NOT_FOUND',
      `${spec.label}: there is no row ${rid} in this scenario (it may have been deleted).`,
    );
}
