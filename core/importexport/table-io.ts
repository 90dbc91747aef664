import type { z } from 'zod';
import { ContractError, formatPath } from '../contract/errors';
import { grouped } from '../domain/figures';
import { describeZodIssue } from './zod-message';
import type { ColumnSpec, TableSpec } from '../domain/scenario-tables';
import { cellText, isBlank, parseCell, type CellValue } from './cells';
import type { CsvCell as Cell } from '../csv/write';

/** One rejected input row: the sheet line (header = line 1), the column, and why. */
export interface RejectedRow {
  line: number;
  /** The column's label, or null when the whole row is at fault. */
  field: string | null;
  reason: string;
  /** The row's id/code if it could be read, so the planner can find it. */
  key?: string;
}

export interface ReadTable {
  rows: Record<string, unknown>[];
  /** Sheet line of each accepted row, for messages raised later (cross-table checks). */
  lines: number[];
  rejected: RejectedRow[];
  /** Headers that matched no column (ignored, reported). */
  ignoredHeaders: string[];
  /** Header → field actually used, for the import report. */
  mapping: { header: string; field: string }[];
}

/**
 * The most named columns a table's header may have: every table has a few dozen at most, and a
 * header a million columns wide (2 MB of CSV) once made an 8.9 MB error message.
 */
export const MAX_HEADER_COLUMNS = 1_000;

/** Header names echoed in a message or report, each cut short: a cell may hold 300 kB. */
const NAME_CHARS = 60;
const LISTED_NAMES = 20;

function shortName(name: string): string {
  return name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS)}…` : name;
}

/** `a, b, c, … and 980 more`: the first names of a header for a message. */
function nameList(names: readonly string[]): string {
  const listed = names.slice(0, LISTED_NAMES).map(shortName).join(', ');
  return names.length > LISTED_NAMES ? `${listed}, … and ${grouped(names.length - LISTED_NAMES)} more` : listed;
}

/** Lower-case, drop units in brackets and punctuation: `Quantity [t]` ≈ `quantity` ≈ `QUANTITY_T`. */
export function normalizeHeader(h: string): string {
  return h
    .toLowerCase()
    .replace(/\[[^\]]*\]|\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function headerIndex(spec: TableSpec): Map<string, ColumnSpec> {
  const m = new Map<string, ColumnSpec>();
  for (const c of spec.columns) {
    for (const name of [c.field, c.label, ...(c.aliases ?? [])]) {
      const key = normalizeHeader(name);
      if (!m.has(key)) m.set(key, c);
      // camelCase field names also match their spaced form: quantityT ≈ "quantity t".
      const spaced = normalizeHeader(name.replace(/([a-z])([A-Z])/g, '$1 $2'));
      if (!m.has(spaced)) m.set(spaced, c);
    }
  }
  return m;
}

/**
 * Read a table from a header row and data rows. Whole-file problems (no header, a required
 * column missing) throw; row problems become rejected rows and never stop the others being read.
 */
export function readTable(spec: TableSpec, matrix: readonly (readonly CellValue[])[]): ReadTable {
  const headerAt = matrix.findIndex((r) => r.some((c) => !isBlank(c)));
  const headerRow = matrix[headerAt];
  if (!headerRow)
    throw new Error(
      `${spec.label}: the file is empty (expected a header row with ${spec.columns.map((c) => c.label).join(', ')}).`,
    );
  const index = headerIndex(spec);
  const header = headerRow.map((c) => (isBlank(c) ? '' : cellText(c).trim()));
  const named = header.filter(Boolean);
  if (named.length > MAX_HEADER_COLUMNS)
    throw new ContractError(
      'LIMIT_EXCEEDED',
      `${spec.label}: the header (line ${headerAt + 1}) names ${grouped(named.length)} columns; a table has at most ${grouped(MAX_HEADER_COLUMNS)}. Found: ${nameList(named)}.`,
    );
  const colOf: (ColumnSpec | null)[] = [];
  const mapping: ReadTable['mapping'] = [];
  const ignoredHeaders: string[] = [];
  const used = new Map<string, number>();
  header.forEach((h, i) => {
    const c = h ? (index.get(normalizeHeader(h)) ?? null) : null;
    const first = c ? used.get(c.field) : undefined;
    // Reading either column would silently drop the other's values.
    if (c && first !== undefined) {
      throw new Error(
        `${spec.label}: column ${columnName(i)} '${h}' repeats column ${columnName(first)} '${header[first]}' (both are ${c.label}, line ${headerAt + 1}); keep one of them.`,
      );
    }
    if (c) {
      colOf.push(c);
      used.set(c.field, i);
      mapping.push({ header: h, field: c.field });
    } else {
      colOf.push(null);
      if (h) ignoredHeaders.push(shortName(h));
    }
  });
  const missing = spec.columns.filter((c) => !used.has(c.field) && !c.optional && !hasDefault(spec, c));
  if (missing.length > 0) {
    throw new Error(
      `${spec.label}: missing column(s) ${missing.map((c) => `'${c.label}'`).join(', ')} in the header (line ${headerAt + 1}). Found: ${nameList(named) || 'nothing'}.`,
    );
  }

  const out: ReadTable = { rows: [], lines: [], rejected: [], ignoredHeaders, mapping };
  for (const [r, cells] of matrix.entries()) {
    if (r <= headerAt || cells.every(isBlank)) continue;
    const line = r + 1;
    const row: Record<string, unknown> = {};
    const problems: RejectedRow[] = [];
    colOf.forEach((c, i) => {
      if (!c) return;
      const parsed = parseCell(c, cells[i]);
      if (!parsed.ok) problems.push({ line, field: c.label, reason: parsed.reason });
      else if (parsed.value !== undefined) row[c.field] = parsed.value;
    });
    const key =
      spec.key
        .map((k) => row[k])
        .filter((v) => v !== undefined)
        .join('/') || undefined;
    if (problems.length === 0) {
      const res = spec.schema.safeParse(row);
      if (res.success) {
        out.rows.push(res.data as Record<string, unknown>);
        out.lines.push(line);
        continue;
      }
      for (const issue of (res.error as z.ZodError).issues) {
        const field = spec.columns.find((c) => c.field === issue.path[0]);
        problems.push({
          line,
          field: field ? field.label : issue.path.length ? formatPath(issue.path) : null,
          reason: describeZodIssue(issue),
        });
      }
    }
    out.rejected.push(...problems.map((p) => (key ? { ...p, key } : p)));
  }
  return out;
}

/** Column 0 → A, 27 → AB, as a spreadsheet names it. */
function columnName(i: number): string {
  let name = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Columns a row may omit because the schema supplies a default (e.g. safety stock 0). */
function hasDefault(spec: TableSpec, c: ColumnSpec): boolean {
  const shape =
    (spec.schema as unknown as { shape?: Record<string, z.ZodType> }).shape ??
    (spec.schema as unknown as { def?: { in?: { shape?: Record<string, z.ZodType> } } }).def?.in?.shape;
  const field = shape?.[c.field] as unknown as { def?: { type?: string } } | undefined;
  return field?.def?.type === 'default' || field?.def?.type === 'optional';
}

/** Rows → header + cells, for CSV and sheets. Lists join with `;`. */
export function writeTable(spec: TableSpec, rows: readonly Record<string, unknown>[]): Cell[][] {
  const header: Cell[] = spec.columns.map((c) => c.label);
  return [header, ...rows.map((r) => spec.columns.map((c) => toCell(c, r[c.field])))];
}

function toCell(c: ColumnSpec, v: unknown): Cell {
  if (v === undefined || v === null) return null;
  if (c.kind === 'list') return (v as string[]).join(';');
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}
