import { useMemo } from 'react';
import type { Scenario } from '../../../../core/domain/scenario';
import type { Siding } from './Gantt/ganttLayout';
import { useScenarios } from './scenarioStore';

/**
 * Names the plan does not carry (customers, destination and siding names, berths, free time),
 * read from the open scenario. A plan whose scenario is not open still shows, with codes only.
 */
export interface PlanLookup {
  customerOf(order: string): string | undefined;
  destinationName(code: string): string | undefined;
  sidings: Siding[];
  freeTimeH: number;
  scenario: Scenario | null;
}

export function buildLookup(scenario: Scenario | null): PlanLookup {
  const customers = new Map(scenario?.orders.map((o) => [o.id, o.customer]) ?? []);
  const dests = new Map(scenario?.plant.destinations.map((d) => [d.code, d.name]) ?? []);
  return {
    customerOf: (o) => customers.get(o),
    destinationName: (c) => dests.get(c),
    sidings: scenario?.plant.loadingPoints.map((lp) => ({ code: lp.code, name: lp.name, maxRakes: lp.maxRakes })) ?? [],
    freeTimeH: scenario?.costs.freeTimeH ?? 9,
    scenario,
  };
}

/** The open scenario's names: the Plan page shows only the selected scenario's plan. */
export function usePlanLookup(): PlanLookup {
  const detail = useScenarios((s) => s.detail);
  const selectedId = useScenarios((s) => s.selectedId);
  const scenario = detail && detail.summary.id === selectedId ? detail.scenario : null;
  return useMemo(() => buildLookup(scenario), [scenario]);
}
