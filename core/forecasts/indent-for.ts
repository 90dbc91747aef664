import type Database from 'better-sqlite3';
import type { IndentResult } from '../contract/api/forecasts';
import type { Scenario } from '../domain/scenario';
import type { HostServices } from '../host/services';
import { getSummary } from '../scenarios/store';
import { rakeIndent } from './indent';
import { demandDays } from './service';

/** A saved demo scenario (seeded or generated) is the demo: asking about it is asking for demo figures. */
export function isDemoScenario(db: Database.Database, scenarioId: string): boolean {
  const source = getSummary(db, scenarioId).source;
  return source === 'generated' || source === 'demo';
}

/**
 * The rake indent for a scenario with the demand forecast the forecasts service gives it (honouring
 * the demo rule for synthetic history), and the name of what that demand came from. The one
 * place both the indent call and the issued plan's documents get it, so they never disagree.
 */
export async function indentForScenario(
  s: HostServices,
  scenario: Scenario,
  demo: boolean,
  days: number,
): Promise<IndentResult> {
  const d = await demandDays(s, scenario, demo, days);
  const demandSource = d.source ?? `none: ${d.why}; open orders only`;
  const demandFrom: IndentResult['demandFrom'] =
    d.source !== null ? { code: 'forecast', source: d.source } : { code: 'none', noModel: !!d.noModel, why: d.why };
  return { ...rakeIndent(scenario, d.demand, days), demandSource, demandFrom };
}
