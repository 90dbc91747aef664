import type Database from 'better-sqlite3';
import type { IndentResult, RailShareFrom } from '../contract/api/forecasts';
import type { Scenario } from '../domain/scenario';
import type { HostServices } from '../host/services';
import { getSummary } from '../scenarios/store';
import { readHistory } from '../training/history-source';
import { rakeIndent } from './indent';
import { laneShipments, railDemand, railShareText, type LaneShipments } from './rail-share';
import { demandDays } from './service';

/** A saved demo scenario (seeded or generated) is the demo: asking about it is asking for demo figures. */
export function isDemoScenario(db: Database.Database, scenarioId: string): boolean {
  const source = getSummary(db, scenarioId).source;
  return source === 'generated' || source === 'demo';
}

/** The shipments table summed per destination × product in SQL: a few rows, not two years of shipments. */
export const shipmentLanes = (db: Database.Database) =>
  db
    .prepare(
      `SELECT destination, product, SUM(CASE WHEN mode = 'rail' THEN tonnes ELSE 0 END) AS railT,
         SUM(tonnes) AS allT, COUNT(*) AS n
       FROM history_shipments GROUP BY destination, product`,
    )
    .all() as LaneShipments[];

/**
 * The rake indent for a scenario with the demand forecast the forecasts service gives it, cut to
 * its rail share by the lanes' shipment history (both honouring the demo rule for synthetic
 * history), and the name of what each came from. The one place both the indent call and the
 * issued plan's documents get it, so they never disagree.
 */
export async function indentForScenario(
  s: HostServices,
  scenario: Scenario,
  demo: boolean,
  days: number,
): Promise<IndentResult> {
  const d = await demandDays(s, scenario, demo, days);
  if (d.source === null)
    return {
      ...rakeIndent(scenario, d.demand, days),
      demandSource: `none: ${d.why}; open orders only`,
      demandFrom: {
        code: 'none',
        noModel: !!d.noModel,
        why: d.why,
        reasons: d.reasons,
        ...(d.history ? { history: d.history } : {}),
      },
    };
  // The same rule as the forecast itself: synthetic shipments split only the demo's demand.
  const h = readHistory({ dbPath: s.dbPath }, 'shipments', shipmentLanes, (data) => laneShipments(data.shipments));
  const usable = !h.synthetic || demo;
  const rail = railDemand(scenario, d.demand, usable ? h.value : null);
  const railShare: RailShareFrom = { code: usable ? 'history' : 'no-history', history: h.from };
  const ind = rakeIndent(scenario, rail.demand, days);
  return {
    ...ind,
    notes: [...rail.notes, ...ind.notes],
    demandSource: `${d.source}; ${railShareText(railShare.code, h.source)}`,
    demandFrom: {
      code: 'forecast',
      source: d.source,
      label: d.label,
      ...(d.reasons ? { reasons: d.reasons } : {}),
      railShare,
    },
  };
}
