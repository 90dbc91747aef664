import type { ColumnSpec, TableSpec } from '../domain/scenario-tables';

/**
 * Row ↔ SQL values for a scenario table. Lists are stored as JSON text and booleans as 0/1 so the
 * STRICT tables keep real types; absent optional fields are NULL.
 */
export function toSqlValues(spec: TableSpec, row: Record<string, unknown>): unknown[] {
  return spec.columns.map((c) => toSql(c, row[c.field]));
}

function toSql(c: ColumnSpec, v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (c.kind === 'list') return JSON.stringify(v);
  if (c.kind === 'bool') return v ? 1 : 0;
  return v;
}

export function fromSqlRow(spec: TableSpec, sql: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const c of spec.columns) {
    const v = sql[c.field];
    if (v === null || v === undefined) continue;
    if (c.kind === 'list') row[c.field] = JSON.parse(v as string);
    else if (c.kind === 'bool') row[c.field] = v === 1;
    else row[c.field] = v;
  }
  return row;
}

export function columnList(spec: TableSpec): string {
  return spec.columns.map((c) => `"${c.field}"`).join(', ');
}
