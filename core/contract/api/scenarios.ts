import { z } from 'zod';
import { defineCall } from '../define';
import { SCENARIO_FILE_BASE64_MAX } from '../limits';
import { checkedRecord } from '../fields';
import { costParametersSchema, isoTimestamp } from '../../domain/entities';
import type { DataIssue } from '../../domain/validate';
import { TABLE_NAMES, type TableName } from '../../domain/scenario-tables';
import type { Scenario } from '../../domain/scenario';
import type { HistoryTable } from '../../domain/history';

/** Scenario storage, editing, import and export. Files travel as base64 bytes. */
export interface ScenarioSummary {
  id: string;
  name: string;
  plantName: string;
  horizonStart: string;
  horizonDays: number;
  parentId: string | null;
  source: 'demo' | 'generated' | 'import' | 'empty' | 'copy';
  createdAt: string;
  updatedAt: string;
  counts: Record<TableName, number>;
  /** Open order tonnes [t]. */
  orderedT: number;
}

export interface ScenarioDetail {
  summary: ScenarioSummary;
  scenario: Scenario;
  /** Row handles per table, aligned with the scenario's arrays: use them in `scenarios.editRows`. */
  rowIds: Record<TableName, number[]>;
  /** Cross-table problems (unknown references, duplicates, due before start…). */
  issues: DataIssue[];
}

export interface RejectedImportRow {
  /** Sheet line, header = 1. */
  line: number;
  /** Column label, or null when the whole row is at fault. */
  field: string | null;
  reason: string;
  key?: string;
  /** For whole-scenario imports: which table the row belongs to. */
  table?: string;
}

export interface ImportResult {
  /** `imported`: changes saved; `rejected`: nothing changed (see `rejected`). */
  status: 'imported' | 'rejected';
  scenarioId: string | null;
  imported: number;
  rejected: RejectedImportRow[];
  ignoredColumns: string[];
  /** Which file header went to which field. */
  mapping: { header: string; field: string }[];
  /** Cross-table warnings left after the import. */
  warnings: DataIssue[];
}

export interface ExportResult {
  fileName: string;
  mimeType: string;
  dataBase64: string;
}

export interface HistoryInfo {
  tables: Record<HistoryTable, { rows: number; from: string | null; to: string | null }>;
  /** Set while the tables hold generated (demo) history: models trained on it feed only the demo. */
  synthetic: SyntheticHistory | null;
}

/** Generated history in the plant's tables (the demo's, stored at first launch or on request): its seed and length. */
export interface SyntheticHistory {
  seed: number;
  days: number;
}

const id = z.string().min(1).max(100);
const tableName = z.enum(TABLE_NAMES);
const fileFormat = z.enum(['csv', 'xlsx', 'json']);
const base64 = z.string().max(SCENARIO_FILE_BASE64_MAX, 'file too large (max 30 MB)');
/** One row's typed values: field → value, read by the table's own schema in the handler. */
const rowValues = checkedRecord(z.string().max(100), z.unknown(), { keys: 100, what: 'fields a row' });

export const scenariosContract = {
  'scenarios.list': defineCall(z.object({}).strict()).returns<ScenarioSummary[]>(),
  'scenarios.create': defineCall(
    z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        /** `empty`: no rows; otherwise a generated Bokaro-like scenario of that size. */
        template: z.enum(['empty', 'day', 'week', 'large']).default('empty'),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1)
          .default(1),
      })
      .strict(),
  ).returns<ScenarioSummary>(),
  'scenarios.copy': defineCall(
    z.object({ id, name: z.string().trim().min(1).max(200).optional() }).strict(),
  ).returns<ScenarioSummary>(),
  'scenarios.rename': defineCall(
    z.object({ id, name: z.string().trim().min(1, 'must not be empty').max(200) }).strict(),
  ).returns<ScenarioSummary>(),
  'scenarios.delete': defineCall(z.object({ id }).strict()).returns<{ deleted: string }>(),
  'scenarios.get': defineCall(z.object({ id }).strict()).returns<ScenarioDetail>(),
  /**
   * Edit rows of one table in one transaction. Each change is checked against the row schema;
   * any failure rejects the whole edit (INVALID_DATA, issues name row and field).
   */
  'scenarios.editRows': defineCall(
    z
      .object({
        id,
        table: tableName,
        changes: z
          .array(
            z.discriminatedUnion('op', [
              z.object({ op: z.literal('update'), rid: z.number().int(), values: rowValues }).strict(),
              z.object({ op: z.literal('insert'), values: rowValues }).strict(),
              z.object({ op: z.literal('delete'), rid: z.number().int() }).strict(),
            ]),
          )
          .min(1)
          .max(20_000),
      })
      .strict(),
  ).returns<{ summary: ScenarioSummary; insertedRids: number[]; issues: DataIssue[] }>(),
  /** Scenario-level fields: name, plant name, horizon, cost parameters. */
  'scenarios.editMeta': defineCall(
    z
      .object({
        id,
        name: z.string().trim().min(1).max(200).optional(),
        plantName: z.string().trim().min(1).max(200).optional(),
        horizon: z
          .object({ start: isoTimestamp, days: z.number().int().min(1).max(31) })
          .strict()
          .optional(),
        costs: costParametersSchema.partial().optional(),
      })
      .strict(),
  ).returns<{ summary: ScenarioSummary; issues: DataIssue[] }>(),
  /**
   * Import a table (orders, inventory, rakes, or any other) into a scenario, or a whole scenario
   * (`table` omitted: creates a new scenario). Any rejected row → nothing changes, unless
   * `skipInvalid` asks to keep the valid rows.
   */
  'scenarios.import': defineCall(
    z
      .object({
        id: id.optional(),
        table: tableName.optional(),
        fileName: z.string().min(1).max(300),
        format: fileFormat.optional(),
        dataBase64: base64,
        /** `merge`: rows with an existing key replace it, others are added. `replace`: the table is replaced. */
        mode: z.enum(['merge', 'replace']).default('merge'),
        skipInvalid: z.boolean().default(false),
      })
      .strict(),
  ).returns<ImportResult>(),
  'scenarios.export': defineCall(
    z
      .object({
        id,
        /** Omit for the whole scenario. */
        table: tableName.optional(),
        format: fileFormat,
      })
      .strict(),
  ).returns<ExportResult>(),
  /** Generate the plant's history (seeded) into the history tables. */
  'scenarios.loadHistory': defineCall(
    z
      .object({
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1)
          .default(42),
        // Generated on the host's thread: three years take about 4 s.
        days: z.number().int().min(1).max(1100).default(730),
        replace: z.boolean().default(true),
      })
      .strict(),
  ).returns<HistoryInfo>(),
  'scenarios.historyInfo': defineCall(z.object({}).strict()).returns<HistoryInfo>(),
  'scenarios.exportHistory': defineCall(
    z
      .object({
        table: z.enum(['demand', 'rake_placements', 'trips', 'loading_events', 'shipments']),
        format: z.enum(['csv', 'xlsx']),
      })
      .strict(),
  ).returns<ExportResult>(),
};

export interface ScenariosEvents {
  /** A scenario was created, changed or deleted: lists and editors refresh. */
  'scenarios.changed': { id: string; kind: 'created' | 'updated' | 'deleted' };
}
