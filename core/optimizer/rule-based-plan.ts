import type { Scenario } from '../domain/scenario';
import { buildPlan } from './build-plan';
import type { Plan } from '../domain/plan';
import { prepare } from './prep';
import { ruleBasedDraft } from './rule-based';

/** The rule-based plan as a priced Plan, its own yardstick (saving 0). */
export function ruleBasedPlan(sc: Scenario): Plan {
  const started = performance.now();
  const p = prepare(sc);
  const draft = ruleBasedDraft(p);
  return buildPlan(
    p,
    draft,
    {
      method: 'rule-based',
      status: 'rule-based',
      objective: null,
      bound: null,
      gap: null,
      seconds: (performance.now() - started) / 1000,
    },
    null,
  );
}
