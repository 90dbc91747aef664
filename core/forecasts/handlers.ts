import type { Contract } from '../contract';
import { ContractError, refusal } from '../contract/errors';
import type { Scenario } from '../domain/scenario';
import { checkScenario, hasErrors } from '../domain/validate';
import type { HostApp } from '../host/app';
import type { HostServices } from '../host/services';
import { loadScenario, saveSources, touch, updateRow } from '../scenarios/store';
import { undoForecasts } from './apply';
import { indentCsv, indentXlsx } from './indent-export';
import { indentForScenario, isDemoScenario } from './indent-for';
import { applyForScenario } from './service';

function resolve(
  s: HostServices,
  p: { scenarioId?: string; scenario?: unknown; demo: boolean },
): { scenario: Scenario; demo: boolean } {
  if (p.scenarioId) {
    const { scenario } = loadScenario(s.requireDb(), p.scenarioId);
    return { scenario, demo: p.demo || isDemoScenario(s.requireDb(), p.scenarioId) };
  }
  const { scenario, issues } = checkScenario(p.scenario);
  if (!scenario || hasErrors(issues)) {
    const errors = issues.filter((i) => i.severity === 'error');
    throw new ContractError(
      'INVALID_DATA',
      `The scenario does not parse: ${errors[0] ? `${errors[0].path} ${errors[0].message}` : 'unknown'}`,
      errors.map((e) => ({ path: `scenario.${e.path}`, message: e.message })),
    );
  }
  return { scenario, demo: p.demo };
}

/** Write the forecast figures of `next` into the saved scenario's rows, and its sources, in one transaction. */
function saveFigures(s: HostServices, scenarioId: string, next: Scenario): void {
  const db = s.requireDb();
  db.transaction(() => {
    const { scenario, rowIds } = loadScenario(db, scenarioId);
    scenario.plant.destinations.forEach((d, i) => {
      const n = next.plant.destinations.find((x) => x.code === d.code);
      if (n && n.railTransitH !== d.railTransitH)
        updateRow(db, scenarioId, 'destinations', rowIds.destinations[i]!, { ...d, railTransitH: n.railTransitH });
    });
    scenario.plant.loadingPoints.forEach((l, i) => {
      const n = next.plant.loadingPoints.find((x) => x.code === l.code);
      if (n && n.loadingRateTph !== l.loadingRateTph)
        updateRow(db, scenarioId, 'loadingPoints', rowIds.loadingPoints[i]!, {
          ...l,
          loadingRateTph: n.loadingRateTph,
        });
    });
    scenario.rakes.forEach((r, i) => {
      const n = next.rakes.find((x) => x.id === r.id);
      if (n && n.expectedPlacement !== r.expectedPlacement)
        updateRow(db, scenarioId, 'rakes', rowIds.rakes[i]!, { ...r, expectedPlacement: n.expectedPlacement });
    });
    saveSources(db, scenarioId, next.sources ?? null);
    touch(db, scenarioId);
  })();
}

export function registerForecasts(app: HostApp<Contract>, s: HostServices): void {
  const indentFor = async (p: { scenarioId?: string; scenario?: unknown; demo: boolean; days: number }) => {
    const { scenario, demo } = resolve(s, p);
    return indentForScenario(s, scenario, demo, p.days);
  };
  app.handleAll({
    'forecasts.apply': async (p) => {
      const { scenario, demo } = resolve(s, p);
      const r = await applyForScenario(s, scenario, demo);
      if (p.save && p.scenarioId) saveFigures(s, p.scenarioId, r.scenario);
      return { ...r, saved: Boolean(p.save) };
    },
    'forecasts.undo': ({ scenarioId }) => {
      const { scenario } = loadScenario(s.requireDb(), scenarioId);
      if (!scenario.sources?.length) throw refusal('NOT_FOUND', { code: 'forecast-undo-none', params: {} });
      const back = undoForecasts(scenario);
      const restored = scenario.sources.filter((r) => r.before !== r.used).length;
      saveFigures(s, scenarioId, back);
      return { restored };
    },
    // A second or more on the host's thread each: in turns, a burst bounded (core/host/job-slots.ts).
    'forecasts.indent': (p) => s.slots.runInTurn('indent', () => indentFor(p)),
    'forecasts.exportIndent': (p) =>
      s.slots.runInTurn('indent', async () => {
        const ind = await indentFor(p);
        const base = `rake-indent-${ind.rows[0]?.date ?? 'empty'}`;
        if (p.format === 'csv')
          return { fileName: `${base}.csv`, mimeType: 'text/csv', base64: indentCsv(ind).toString('base64') };
        return {
          fileName: `${base}.xlsx`,
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          base64: (await indentXlsx(ind, ind.demandSource)).toString('base64'),
        };
      }),
  });
}
