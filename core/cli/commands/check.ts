import type { Plan } from '../../domain/plan';
import { str } from '../args';
import type { CliCommand } from '../command';
import { readPlanFile } from '../plan-file';
import { readScenarioFile } from './plan';
import { scenarioForPlan } from '../../forecasts/plan-risk';
import { rupees } from '../../domain/figures';
import { scenarioHash } from '../../optimizer/build-plan';
import { checkWithOutages } from '../../plans/outages';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Verify a plan against a scenario: every dispatch rule and cost (exit 1 on violations)',
  usage: 'rakeplan check --scenario s.json --plan plan.json',
  async run(args, env) {
    const scenario = readScenarioFile(str(args, 'scenario', true)!, env);
    if (!scenario) return 1;
    const planFile = str(args, 'plan', true)!;
    const plan = readPlanFile(planFile, env);
    if (!plan) return 1;
    // A robust plan was made on P90 transit: it is checked on that same derivation of the scenario.
    const robust = plan.planning?.mode === 'robust';
    if (robust) env.out('robust plan: checking against the scenario with every rail transit at its P90');
    // Another scenario (or this one changed since): said first, as the likely cause of what follows.
    const planned = scenarioForPlan(scenario, plan);
    const made = (plan as Partial<Plan>).scenario;
    if (made?.hash && made.hash !== scenarioHash(planned))
      env.out(
        `note: this plan was made for ${made.name ? `scenario '${made.name}'` : 'another scenario'} with other content; violations below may come from that`,
      );
    // The siding outages a re-plan carries hold as the app's own check holds them (rule 5).
    const res = checkWithOutages(planned, plan);
    if (res.ok) {
      env.out(`OK: the plan obeys every rule; recomputed total ${rupees(res.recomputedTotalCost)}`);
      return 0;
    }
    env.out(`${res.violations.length} violation(s):`);
    for (const v of res.violations) env.out(`  rule ${v.rule} — ${v.where}: ${v.message}`);
    return 1;
  },
};
