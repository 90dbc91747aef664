import type { Contract } from '../contract';
import type { ExportResult, ImportResult } from '../contract/api/scenarios';
import { ContractError } from '../contract/errors';
import { costParametersSchema } from '../domain/entities';
import type { HistoryTable } from '../domain/history';
import { SCENARIO_TABLES } from '../domain/scenario-tables';
import { validateScenario } from '../domain/validate';
import type { HostApp } from '../host/app';
import type { HostServices } from '../host/services';
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
import { editScenarioRows } from './edit-rows';
import {
  deleteScenario,
  getSummary,
  insertScenario,
  listScenarios,
  loadScenario,
  renameScenario,
  requireScenario,
  updateMeta,
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
      const { after, insertedRids } = editScenarioRows(s.requireDb(), id, table, changes);
      changed(id, 'updated');
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
