import type { ScenarioSummary } from '../../../core/contract/api/scenarios';
import type { Workload } from './trials';

/**
 * (b) Saving a plan under SIGKILL: back-to-back `plans.solve` (alternately optimised and
 * rule-based, so kills land in the solver, in the save, and between). After restart every
 * acknowledged plan is listed and reads back exactly as it was answered; every listed plan loads
 * (none half-saved).
 */
interface Ledger {
  target: string;
  acked: Map<string, string>;
}

export const planWorkload: Workload<Ledger> = {
  name: 'plan save',
  killWindowMs: [50, 4000],
  ledger: () => ({ target: '', acked: new Map() }),

  async setup(host, ledger) {
    ledger.target = (
      await host.call<ScenarioSummary>('scenarios.create', { template: 'day', seed: 8, name: 'plan crash target' })
    ).id;
  },

  async act(host, trial, ledger) {
    for (let c = 0; ; c++) {
      const res = await host.call<{ id: string; plan: unknown }>('plans.solve', {
        scenarioId: ledger.target,
        name: `crash-${trial}-${c}`,
        timeLimitS: 5,
        ruleBasedOnly: c % 2 === 1,
      });
      ledger.acked.set(res.id, JSON.stringify(res.plan));
    }
  },

  async verify(host, ledger) {
    const problems: string[] = [];
    let losses = 0;
    const listed = await host.call<{ id: string }[]>('plans.list', { scenarioId: ledger.target, limit: 500 });
    const ids = new Set(listed.map((p) => p.id));
    for (const [id, plan] of ledger.acked) {
      if (!ids.has(id)) {
        losses++;
        problems.push(`acknowledged plan ${id} is missing`);
        continue;
      }
      const got = await host.call<{ plan: unknown }>('plans.get', { id });
      if (JSON.stringify(got.plan) !== plan) {
        losses++;
        problems.push(`plan ${id} reads back different from what was answered`);
      }
    }
    for (const id of ids) {
      if (ledger.acked.has(id)) continue;
      try {
        await host.call('plans.get', { id });
      } catch (e) {
        problems.push(`listed plan ${id} does not load: ${(e as Error).message}`);
      }
    }
    return { problems, losses };
  },
};
