import type { HistoryFrom } from '../contract/api/training';
import { reasonText, type ErrorReason } from '../contract/refusals';
import type { Plan } from '../domain/plan';
import { productionNote } from '../domain/plan-notes';
import type { Scenario } from '../domain/scenario';
import { withForecastProduction } from './production';
import type { HostServices } from '../host/services';
import { registryFor } from '../registry/context';
import type Database from 'better-sqlite3';
import { emptyHistory, historyRowsBetween, loadHistory, readHistory } from '../training/history-source';
import { syntheticHistory } from '../scenarios/history-store';
import { dayNumber, isoOfDay } from '../ml/table';
import { DEMAND_HORIZON_DAYS, demandLags, demandSeries, demandSpec } from '../../models/demand';
import type { HistoryData } from '../../models/spec';
import { applyForecasts, type ApplyResult } from './apply';
import type { DemandDay } from './indent';
import { answer, type ModelAccess } from './model-access';
import { specBaseline } from './spec-baseline';
import { getSpec } from '../../models';
import { KnownPlacements } from '../../models/rake-availability';
import { eventTonnes } from '../../models/loading-throughput';

/** The consumer whose pins choose the versions that feed planning. */
export const PLANNING_CONSUMER = 'optimizer';

export function modelAccess(s: HostServices, consumer = PLANNING_CONSUMER): ModelAccess {
  const reg = registryFor(s);
  return {
    serving: (name) => {
      const v = reg.server.resolve(name, consumer);
      return v === null ? null : reg.store.get(name, v);
    },
    // Forecasts ask on grids (every lane, every loading point × product × size): not sampled for
    // drift, which compares a spec model with the history recorded since it was trained.
    predict: (name, rows, refuse) => reg.server.predict(name, rows, consumer, refuse, { whatIf: true }),
    baseline: (name, rows, prefer, demo) => {
      let table;
      try {
        table = getSpec(name).table;
      } catch {
        return null;
      }
      // A baseline fitted on synthetic history is no better a figure for a real plant than the
      // model; the demo gets the same baseline as a plant would (the one its model lost to).
      const h = loadHistory({ dbPath: s.dbPath }, table);
      return h.synthetic && !demo ? null : specBaseline(name, h.data, rows, prefer);
    },
  };
}

/**
 * The plant's own placements only: synthetic history never feeds a real scenario's features.
 * The placement model's `recentDelayH` as training builds it (models/rake-availability.ts): the
 * loading point's last placements that had arrived by the promise.
 */
function recentDelays(s: HostServices): (lp: string, at: string) => number | null {
  const h = loadHistory({ dbPath: s.dbPath }, 'rake_placements');
  if (h.synthetic) return () => null;
  // Asked in any order: a fresh replay per question (a few thousand rows, a handful of rakes).
  return (lp, at) => new KnownPlacements(h.data.rake_placements).recentDelayH(lp, Date.parse(at));
}

/**
 * The loading events' sizes per loading point × product, as the throughput model was trained on
 * them; the demo's synthetic events size only the demo's questions.
 */
function loadingEventTonnes(
  s: HostServices,
  demo: boolean,
): ((lp: string, product: string) => number[] | null) | undefined {
  const h = loadHistory({ dbPath: s.dbPath }, 'loading_events');
  return h.synthetic && !demo ? undefined : eventTonnes(h.data.loading_events);
}

export function applyForScenario(s: HostServices, sc: Scenario, demo: boolean): Promise<ApplyResult> {
  return applyForecasts(sc, modelAccess(s), {
    demo,
    recentDelayH: recentDelays(s),
    eventTonnes: loadingEventTonnes(s, demo),
  });
}

/** The farthest day back a demand row's lags read (models/demand.ts). */
const DEMAND_LAG_DAYS = Math.max(...(demandSpec.lookback ?? []).map(([, far]) => far));

/**
 * The demand rows the next days' lags read: the last DEMAND_LAG_DAYS days up to the latest day of
 * the scenario's destinations × products, not two years of every lane.
 */
export function demandLagRows(
  db: Database.Database,
  dests: ReadonlySet<string>,
  prods: ReadonlySet<string>,
): HistoryData {
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
  const last = (
    db
      .prepare(
        `SELECT MAX(date) AS d FROM history_demand WHERE destination IN (${marks(dests.size)}) AND product IN (${marks(prods.size)})`,
      )
      .get(...dests, ...prods) as { d: string | null }
  ).d;
  if (!last) return emptyHistory();
  const first = isoOfDay(dayNumber(last) + 1 - DEMAND_LAG_DAYS);
  return historyRowsBetween(db, 'demand', [[first, last.slice(0, 10)]]);
}

/**
 * The demand forecast and what gave it: `source` in English (the label and why in brackets), and
 * for the interface its `label` and the why's `reasons`; or none, why, and the history read when
 * that is why.
 */
export type DemandForecast =
  | { demand: DemandDay[]; source: string; label: string; reasons?: ErrorReason[] }
  | { demand: []; source: null; why: string; noModel?: true; reasons: ErrorReason[]; history?: HistoryFrom };

/**
 * Forecast new orders for the horizon's next `days` days per destination × product of the
 * scenario, from the demand model (or its baseline; same rules as every planning input). The
 * model forecasts the 14 days after the last history day; those are taken as the horizon's days.
 */
export async function demandDays(
  s: HostServices,
  sc: Scenario,
  demo: boolean,
  days = DEMAND_HORIZON_DAYS,
): Promise<DemandForecast> {
  const dests = new Set(sc.plant.destinations.map((d) => d.code));
  const prods = new Set(sc.plant.products.map((p) => p.code));
  const h = readHistory(
    { dbPath: s.dbPath },
    'demand',
    (db) => demandLagRows(db, dests, prods),
    (data) => data,
  );
  if (h.synthetic && !demo) {
    const none: ErrorReason = { code: 'demand-no-plant-history', params: { history: h.source } };
    return { demand: [], source: null, why: reasonText(none), reasons: [none], history: h.from };
  }
  const series = [...demandSeries(h.value.demand).values()].filter(
    (x) => dests.has(x.destination) && prods.has(x.product),
  );
  if (!series.length) {
    const none: ErrorReason = { code: 'demand-none-for-scenario', params: {} };
    return { demand: [], source: null, why: reasonText(none), reasons: [none] };
  }
  let last = -Infinity;
  for (const x of series) for (const d of x.days.keys()) if (d > last) last = d;
  const n = Math.min(days, DEMAND_HORIZON_DAYS);
  const rows = series.flatMap((x) =>
    Array.from({ length: n }, (_, k) => ({
      date: isoOfDay(last + 1 + k),
      destination: x.destination,
      product: x.product,
      corridor: x.corridor,
      ...demandLags(x.days, last + 1 + k),
    })),
  );
  const a = await answer(modelAccess(s, 'forecasts'), 'demand', rows, demo);
  if (!a.values)
    return { demand: [], source: null, why: a.why, reasons: a.reasons, ...(a.noModel ? { noModel: a.noModel } : {}) };
  const demand = rows.map((r, i) => ({
    day: dayNumber(r.date) - last - 1,
    destination: r.destination,
    product: r.product,
    tonnes: Math.max(0, a.values.prediction![i]!),
  }));
  return {
    demand,
    source: a.source + (a.why ? ` (${a.why})` : ''),
    label: a.source,
    ...(a.reasons ? { reasons: a.reasons } : {}),
  };
}

/**
 * The plan's production suggestion with the 14-day demand forecast added (production.ts). `demo`
 * is the planner asking for the demo (a saved demo scenario, or the CLI's --demo); without a
 * usable forecast the plan is unchanged and a note says why.
 */
export async function addForecastProduction(s: HostServices, plan: Plan, sc: Scenario, demo: boolean): Promise<Plan> {
  // Without plant history (and not the demo) there is nothing to forecast from: say so, naming
  // the demo's history when that is what is stored, without generating a forecast only to refuse it.
  if (!demo && !hasPlantHistory(s, 'demand'))
    return {
      ...plan,
      notes: [
        ...plan.notes,
        productionNote({ kind: syntheticHistory(s.requireDb()) ? 'synthetic-history' : 'no-history' }),
      ],
    };
  try {
    const d = await demandDays(s, sc, demo, DEMAND_HORIZON_DAYS);
    if (d.source === null)
      return {
        ...plan,
        notes: [...plan.notes, productionNote({ kind: 'no-forecast', why: d.why })],
      };
    const withForecast = withForecastProduction(plan, sc, d.demand, DEMAND_HORIZON_DAYS, d.source);
    return {
      ...withForecast,
      notes: [...plan.notes, productionNote({ kind: 'included', days: DEMAND_HORIZON_DAYS, source: d.source })],
    };
  } catch (err) {
    return {
      ...plan,
      notes: [...plan.notes, productionNote({ kind: 'failed', error: (err as Error).message })],
    };
  }
}

function hasPlantHistory(s: HostServices, table: string): boolean {
  const db = s.requireDb();
  if (syntheticHistory(db)) return false;
  const exists = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`).get(`history_${table}`);
  return Boolean(exists && db.prepare(`SELECT 1 FROM "history_${table}" LIMIT 1`).get());
}
