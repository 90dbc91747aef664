import type { Contract } from '../contract';
import type { ExportResult, ImportResult } from '../contract/api/scenarios';
import { ContractError, type FieldIssue } from '../contract/errors';
import { costParametersSchema } from '../domain/entities';
import type { HistoryTable } from '../domain/history';
import { SCENARIO_TABLES, issueTable, tableRows } from '../domain/scenario-tables';
import { validateScenario } from '../domain/validate';
import type { HostApp } from '../host/app';
import type { HostServices } from '../host/services';
import { parseCell } from '../importexport/cells';
import { describeZodIssue } from '../importexport/zod-message';
import { generateScenario } from '../synth/scenario';
import { SCENARIO_FORMAT, type Scenario } from '../domain/scenario';
import { runWorker } from '../workers/run';
import { exportScenario } from './export';
import { uploadFormat } from './files';
import { historyInfo, ownHistoryRows } from './history-store';
import type { HistoryJob } from './history-job';
import { readsInline, runImportJob, type ImportJob } from './import-job';
import { seedDemoIfEmpty } from './seed';
import {
  deleteRows,
  deleteScenario,
  getSummary,
  insertRows,
  insertScenario,
  listScenarios,
  loadScenario,
  renameScenario,
  requireScenario,
  touch,
  updateMeta,
  updateRow,
} from './store';
import { istDate } from '../domain/plant-time';
import { grouped } from '../domain/figures';

/**
 * A file that inflates past what an import needs, or a history table grown past what an export
 * can hold, fails its own call instead of exhausting the host.
 */
const FILE_WORKER_LIMITS = { maxOldGenerationSizeMb: 2048 };

/**
 * The `scenarios.*` calls. Seeds the Bokaro demo into an empty database when the app starts
 * (Electron or browser; the CLI and tests seed only when asked).
 */
export function registerScenarios(app: HostApp<Contract>, s: HostServices): void {
  if (s.db && (s.mode === 'electron' || s.mode === 'browser')) seedDemoIfEmpty(s.db);
  const changed = (id: string, kind: 'created' | 'updated' | 'deleted') => app.emit('scenarios.changed', { id, kind });

  app.handleAll({
    'scenarios.list': () => listScenarios(s.requireDb()),

    'scenarios.create': ({ name, template, seed }) => {
      const db = s.requireDb();
      const scenario =
        template === 'empty' ? emptyScenario(name ?? 'New scenario') : generateScenario({ seed, size: template });
      const id = db.transaction(() =>
        insertScenario(db, scenario, {
          name: name ?? scenario.name,
          source: template === 'empty' ? 'empty' : 'generated',
        }),
      )();
      changed(id, 'created');
      return getSummary(db, id);
    },

    'scenarios.copy': ({ id, name }) => {
      const db = s.requireDb();
      const { scenario, summary } = loadScenario(db, id);
      const copyId = db.transaction(() =>
        insertScenario(db, scenario, { name: name ?? `${summary.name} (what-if)`, source: 'copy', parentId: id }),
      )();
      changed(copyId, 'created');
      return getSummary(db, copyId);
    },

    'scenarios.rename': ({ id, name }) => {
      const db = s.requireDb();
      renameScenario(db, id, name);
      changed(id, 'updated');
      return getSummary(db, id);
    },

    'scenarios.delete': ({ id }) => {
      deleteScenario(s.requireDb(), id);
      changed(id, 'deleted');
      return { deleted: id };
    },

    'scenarios.get': ({ id }) => {
      const loaded = loadScenario(s.requireDb(), id);
      return { ...loaded, issues: validateScenario(loaded.scenario) };
    },

    'scenarios.editRows': ({ id, table, changes }) => {
      const db = s.requireDb();
      const spec = SCENARIO_TABLES[table];
      const loaded = loadScenario(db, id);
      const rows = tableRows(loaded.scenario, table);
      const rids = loaded.rowIds[table];
      // Row id → index, once: a pasted range of 20,000 changes scanned every row for each.
      const indexOf = new Map(rids.map((rid, i) => [rid, i]));
      const issues: FieldIssue[] = [];
      const updates: { rid: number; row: Record<string, unknown> }[] = [];
      const inserts: Record<string, unknown>[] = [];
      const deletes: number[] = [];
      changes.forEach((ch, k) => {
        if (ch.op === 'delete') {
          if (!indexOf.has(ch.rid))
            issues.push({
              path: `changes[${k}]`,
              message: `${spec.label}: there is no row ${ch.rid} (it may have been deleted)`,
            });
          deletes.push(ch.rid);
          return;
        }
        const index = ch.op === 'update' ? (indexOf.get(ch.rid) ?? -1) : rows.length + inserts.length;
        if (ch.op === 'update' && index < 0) {
          issues.push({
            path: `changes[${k}]`,
            message: `${spec.label}: there is no row ${ch.rid} (it may have been deleted)`,
          });
          return;
        }
        const base = ch.op === 'update' ? { ...rows[index] } : {};
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
        if (ch.op === 'update') updates.push({ rid: ch.rid, row: res.data as Record<string, unknown> });
        else inserts.push(res.data as Record<string, unknown>);
      });
      const [first] = issues;
      if (first)
        throw new ContractError(
          'INVALID_DATA',
          `${spec.label}: ${issues.length} value(s) rejected, nothing changed: ${first.path} ${first.message}`,
          issues,
        );
      const insertedRids = db.transaction(() => {
        for (const u of updates) updateRow(db, id, table, u.rid, u.row);
        deleteRows(db, id, table, deletes);
        const newRids = insertRows(db, id, table, inserts);
        touch(db, id);
        return newRids;
      })();
      changed(id, 'updated');
      const after = loadScenario(db, id);
      return { summary: after.summary, insertedRids, issues: validateScenario(after.scenario) };
    },

    'scenarios.editMeta': ({ id, name, plantName, horizon, costs }) => {
      const db = s.requireDb();
      const { scenario, summary } = loadScenario(db, id);
      const mergedCosts = costParametersSchema.safeParse({ ...scenario.costs, ...(costs ?? {}) });
      if (!mergedCosts.success)
        throw new ContractError(
          'INVALID_DATA',
          'Cost parameters rejected.',
          mergedCosts.error.issues.map((zi) => ({
            path: `costs.${zi.path.map(String).join('.')}`,
            message: describeZodIssue(zi),
          })),
        );
      const next = {
        name: name ?? summary.name,
        plantName: plantName ?? summary.plantName,
        horizon: horizon ?? scenario.horizon,
        costs: mergedCosts.data,
      };
      db.transaction(() => updateMeta(db, id, next))();
      changed(id, 'updated');
      const after = loadScenario(db, id);
      return { summary: after.summary, issues: validateScenario(after.scenario) };
    },

    'scenarios.import': async ({ id, table, fileName, format, dataBase64, mode, skipInvalid }, ctx) => {
      const db = s.requireDb();
      const fileFormat = uploadFormat(fileName, format);
      if (table && !id)
        throw new ContractError(
          'BAD_PAYLOAD',
          `Importing ${SCENARIO_TABLES[table].label.toLowerCase()} needs the scenario id to import into.`,
          [{ path: 'id', message: 'is required with table' }],
        );
      if (table) requireScenario(db, id!);
      // Reading, checking and writing a big file take seconds each: the import worker does all
      // three on its own connection, so this thread keeps answering other calls meanwhile.
      const common = { dbPath: s.dbPath, fileName, format: fileFormat, dataBase64, skipInvalid };
      const job: ImportJob = table
        ? { ...common, kind: 'table', scenarioId: id!, table, mode }
        : { ...common, kind: 'scenario' };
      const result = (await readsInline(fileFormat, dataBase64))
        ? await runImportJob(job, db)
        : await s.slots.run('import', () =>
            runWorker<ImportJob, ImportResult>('import', job, {
              signal: ctx.signal,
              resourceLimits: FILE_WORKER_LIMITS,
            }),
          );
      if (result.status === 'imported') changed(result.scenarioId!, table ? 'updated' : 'created');
      return result;
    },

    'scenarios.export': ({ id, table, format }) =>
      exportScenario(loadScenario(s.requireDb(), id).scenario, format, table),

    'scenarios.loadHistory': async ({ seed, days, replace }, ctx) => {
      const db = s.requireDb();
      // Generated history never replaces the plant's own: a window could otherwise wipe it.
      const rows = ownHistoryRows(db);
      if (replace && rows > 0)
        throw new ContractError(
          'CONFLICT',
          `The stored history is the plant's own (${grouped(rows)} rows); generated demo history does not replace it. Import history with \`rakeplan history import\` instead.`,
        );
      await s.slots.run('history', () =>
        runWorker<HistoryJob, null>(
          'history',
          { kind: 'generate', dbPath: s.dbPath, seed, days, replace },
          { signal: ctx.signal, resourceLimits: FILE_WORKER_LIMITS },
        ),
      );
      return historyInfo(db);
    },

    'scenarios.historyInfo': () => historyInfo(s.requireDb()),

    'scenarios.exportHistory': async ({ table, format }, ctx) => {
      s.requireDb();
      const out = await s.slots.run('history', () =>
        runWorker<HistoryJob, ExportResult | null>(
          'history',
          { kind: 'export', dbPath: s.dbPath, table: table as HistoryTable, format },
          { signal: ctx.signal, resourceLimits: FILE_WORKER_LIMITS },
        ),
      );
      return out!;
    },
  });
}

function emptyScenario(name: string): Scenario {
  // Today on the plant's clock: from 18:30 UTC the plant is already on the next day.
  const date = istDate(Date.now());
  return {
    format: SCENARIO_FORMAT,
    name,
    horizon: { start: `${date}T06:00:00+05:30`, days: 3 },
    plant: {
      name: 'New plant',
      products: [],
      wagonTypes: [],
      stockyards: [],
      loadingPoints: [],
      corridors: [],
      destinations: [],
    },
    orders: [],
    inventory: [],
    rakes: [],
    roadCapacity: [],
    roadLanes: [],
    costs: costParametersSchema.parse({ effectiveFrom: date }),
  };
}
