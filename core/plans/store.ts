import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { PlanListItem } from '../contract/api/plans';
import { ContractError } from '../contract/errors';
import type { Plan } from '../domain/plan';
import type { Scenario } from '../domain/scenario';
import { plantClock } from '../domain/figures';
import { scenarioForPlan } from '../forecasts/plan-risk';

interface PlanRow {
  id: string;
  name: string;
  scenario_id: string | null;
  scenario_name: string;
  scenario_hash: string;
  created_at: string;
  method: string;
  status: string;
  gap: number | null;
  seconds: number;
  total_cost: number;
  rule_based_cost: number;
  parent_id: string | null;
  version: number;
  issued_at: string | null;
}

const LIST_COLUMNS =
  'id, name, scenario_id, scenario_name, scenario_hash, created_at, method, status, gap, seconds, total_cost, rule_based_cost, parent_id, version, issued_at';

function toItem(r: PlanRow): PlanListItem {
  const saving = r.rule_based_cost - r.total_cost;
  return {
    id: r.id,
    name: r.name,
    scenarioId: r.scenario_id,
    scenarioName: r.scenario_name,
    scenarioHash: r.scenario_hash,
    createdAt: r.created_at,
    method: r.method as PlanListItem['method'],
    status: r.status,
    gap: r.gap,
    seconds: r.seconds,
    totalCost: r.total_cost,
    ruleBasedCost: r.rule_based_cost,
    saving,
    savingPct: r.rule_based_cost > 0 ? Math.round((saving / r.rule_based_cost) * 10000) / 100 : 0,
    parentId: r.parent_id,
    version: r.version,
    issuedAt: r.issued_at,
  };
}

/**
 * Saves a plan with the scenario as the planner has it (`scenario`) and the one the plan obeys
 * (its derivation for the plan's mode: a robust plan's has every transit at its P90), which
 * plans.check verifies against. The planner's is stored only where the two differ. A version of
 * `parentId` saved without a `name` is named after its parent (`kind`, an edit by default).
 */
export function savePlan(
  db: Database.Database,
  plan: Plan,
  scenario: Scenario,
  opts: { name?: string; scenarioId?: string | null; parentId?: string; kind?: VersionKind },
): string {
  const planned = scenarioForPlan(scenario, plan);
  const id = randomUUID();
  // The parent's version and its children's names are read inside the write's IMMEDIATE
  // transaction: another RakePlan on the same folder saving a version of the same parent meanwhile
  // is then seen, and this one is named apart from it instead of both being "… v2".
  db.transaction(() => {
    const parent = opts.parentId
      ? (db.prepare(`SELECT ${LIST_COLUMNS} FROM plans WHERE id = ?`).get(opts.parentId) as PlanRow | undefined)
      : undefined;
    if (opts.parentId && !parent)
      throw new ContractError('NOT_FOUND', `There is no saved plan with id '${opts.parentId}' to make a version of.`);
    const name =
      opts.name ??
      (parent
        ? versionName(db, toItem(parent), opts.kind ?? 'edit')
        : `${scenario.name} — ${plan.solver.method} ${plantClock(plan.createdAt)}`);
    db.prepare(
      `INSERT INTO plans (id, name, scenario_id, scenario_name, scenario_hash, scenario_json, planner_scenario_json, created_at, method, status, gap, seconds, total_cost, rule_based_cost, plan_json, parent_id, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      name,
      opts.scenarioId ?? null,
      scenario.name,
      plan.scenario.hash,
      JSON.stringify(planned),
      planned === scenario ? null : JSON.stringify(scenario),
      plan.createdAt,
      plan.solver.method,
      plan.solver.status,
      plan.solver.gap,
      plan.solver.seconds,
      plan.summary.totalCost,
      plan.summary.ruleBasedCost,
      JSON.stringify(plan),
      opts.parentId ?? null,
      parent ? parent.version + 1 : 1,
    );
  }).immediate();
  return id;
}

export function listPlans(db: Database.Database, opts: { scenarioId?: string; limit: number }): PlanListItem[] {
  const rows = opts.scenarioId
    ? db
        .prepare(`SELECT ${LIST_COLUMNS} FROM plans WHERE scenario_id = ? ORDER BY created_at DESC LIMIT ?`)
        .all(opts.scenarioId, opts.limit)
    : db.prepare(`SELECT ${LIST_COLUMNS} FROM plans ORDER BY created_at DESC LIMIT ?`).all(opts.limit);
  return (rows as PlanRow[]).map(toItem);
}

/**
 * A saved plan without the scenarios saved with it (what `plans.get` answers): a plant-scale
 * plan's scenario is a third of its stored text, and read only by the calls that check or change it.
 */
export function loadPlanHead(db: Database.Database, id: string): { item: PlanListItem; plan: Plan } {
  const row = db.prepare(`SELECT ${LIST_COLUMNS}, plan_json FROM plans WHERE id = ?`).get(id) as
    (PlanRow & { plan_json: string }) | undefined;
  if (!row) throw notFound(id);
  return { item: toItem(row), plan: JSON.parse(row.plan_json) as Plan };
}

const notFound = (id: string) => new ContractError('NOT_FOUND', `There is no saved plan with id '${id}'.`);

/**
 * A saved plan with the scenario it obeys (`scenario`, what plans.check verifies) and the scenario
 * as the planner has it (`plannerScenario`: what edits and re-plans start from, and risk is read on).
 */
export function loadPlan(
  db: Database.Database,
  id: string,
): { item: PlanListItem; plan: Plan; scenario: Scenario; plannerScenario: Scenario } {
  const row = db
    .prepare(`SELECT ${LIST_COLUMNS}, plan_json, scenario_json, planner_scenario_json FROM plans WHERE id = ?`)
    .get(id) as
    (PlanRow & { plan_json: string; scenario_json: string; planner_scenario_json: string | null }) | undefined;
  if (!row) throw notFound(id);
  const plan = JSON.parse(row.plan_json) as Plan;
  const scenario = JSON.parse(row.scenario_json) as Scenario;
  const plannerScenario = row.planner_scenario_json
    ? (JSON.parse(row.planner_scenario_json) as Scenario)
    : plannerFromPlanned(scenario, plan);
  return { item: toItem(row), plan, scenario, plannerScenario };
}

/**
 * A robust plan saved before the planner's scenario was kept: the transit P50s its risk figures
 * used (`planning.transit`, every destination it serves) put back in place of the P90s; the
 * `sources` rows were never changed by the robust derivation, so their quantiles hold again.
 */
function plannerFromPlanned(scenario: Scenario, plan: Plan): Scenario {
  if (plan.planning?.mode !== 'robust') return scenario;
  const p50 = new Map(plan.planning.transit.map((t) => [t.destination, t.p50H]));
  return {
    ...scenario,
    plant: {
      ...scenario.plant,
      destinations: scenario.plant.destinations.map((d) =>
        p50.has(d.code) ? { ...d, railTransitH: p50.get(d.code)! } : d,
      ),
    },
  };
}

/**
 * The name of a new version of `parent`: its name without a version suffix, then the version
 * number (`re-plan` for a re-plan's); two versions saved from the same parent (two windows) are
 * told apart by a count.
 */
export type VersionKind = 'edit' | 're-plan';

function versionName(db: Database.Database, parent: PlanListItem, kind: VersionKind): string {
  const stem = `${parent.name.replace(/ · (re-plan )?v\d+( \(\d+\))?$/, '')} · ${kind === 're-plan' ? 're-plan ' : ''}v${(parent.version ?? 1) + 1}`;
  const taken = db.prepare('SELECT 1 FROM plans WHERE parent_id = ? AND name = ?');
  let name = stem;
  for (let k = 2; taken.get(parent.id, name); k++) name = `${stem} (${k})`;
  return name;
}

/** Issue a plan: from now on it is read-only (edits and re-plans are saved as new versions). */
export function issuePlan(db: Database.Database, id: string): string {
  const at = new Date().toISOString();
  const res = db.prepare('UPDATE plans SET issued_at = ? WHERE id = ? AND issued_at IS NULL').run(at, id);
  if (res.changes === 0) {
    const row = db.prepare('SELECT issued_at FROM plans WHERE id = ?').get(id) as
      { issued_at: string | null } | undefined;
    if (!row) throw notFound(id);
    return row.issued_at!;
  }
  return at;
}

/** Delete a plan that is not issued; returns the scenario it was listed under. */
export function deletePlan(db: Database.Database, id: string): string | null {
  const issued = db.prepare('SELECT issued_at, scenario_id FROM plans WHERE id = ?').get(id) as
    { issued_at: string | null; scenario_id: string | null } | undefined;
  if (issued?.issued_at)
    throw new ContractError(
      'CONFLICT',
      `Plan '${id}' was issued on ${issued.issued_at} and is read-only: it cannot be deleted.`,
    );
  const res = db.prepare('DELETE FROM plans WHERE id = ?').run(id);
  if (res.changes === 0) throw notFound(id);
  return issued!.scenario_id;
}
