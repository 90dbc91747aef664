import type { Migration } from '../migrate';

/**
 * A robust plan is made and checked on its scenario with every transit at its P90; its risk
 * figures (on-time chances, expected lateness) come from the scenario as the planner has it. The
 * latter is kept beside the plan so edits and re-plans do not take the P90s for P50s.
 */
export const m058PlanPlannerScenario: Migration = {
  version: 58,
  name: 'plan planner scenario',
  up: `ALTER TABLE plans ADD COLUMN planner_scenario_json TEXT;`,
};
