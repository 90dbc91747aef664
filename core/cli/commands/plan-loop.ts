import type { z } from 'zod';
import { disruptionsSchema, planEditsSchema } from '../../contract/api/plan-loop';
import { PlanInputError } from '../../optimizer/plan-draft';
import { startSolve } from '../../optimizer/run-solve';
import { writeFileAtomic } from '../../storage/atomic-write';
import { DisruptionError } from '../../plans/disruptions';
import { checkWithOutages } from '../../plans/outages';
import type { PlanCheckResult } from '../../contract/api/plans';
import { applyEdits } from '../../plans/edit';
import { DEFAULT_STABILITY_RS, replanScenario, type SolveFn } from '../../plans/replan';
import { CliUsageError, num, str, checkTimeLimit, type ParsedArgs } from '../args';
import { checkOutFile } from '../out-file';
import { readJsonFile, readPlanFile } from '../plan-file';
import type { CliEnv } from '../command';
import { readScenarioFile } from './plan';
import { rupees } from '../../domain/figures';

export const PLAN_LOOP_USAGE = `rakeplan plan edit --scenario s.json --plan plan.json --edits edits.json --out plan2.json
  rakeplan plan --scenario s.json --base plan.json [--stability 200000] [--disruptions d.json] [--now ISO] --out plan2.json [--time-limit 30]`;

/** Read a JSON file and validate it; errors name the file and the field path. */
function readJson<T>(file: string, schema: z.ZodType<T>, env: CliEnv, what: string): T | null {
  const raw = readJsonFile(file, what, env);
  if (raw === undefined) return null;
  const res = schema.safeParse(raw);
  if (res.success) return res.data;
  for (const i of res.error.issues)
    env.err(
      `${file}: error at ${
        i.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '') || '(root)'
      }: ${i.message}`,
    );
  return null;
}

const verdictLines = (env: CliEnv, v: Pick<PlanCheckResult, 'ok' | 'violations'>) => {
  if (v.ok) env.out('checker: OK');
  else for (const x of v.violations) env.out(`checker: rule ${x.rule} — ${x.where}: ${x.message}`);
};

/** `plan edit`: apply edits, price, check. Exit 0 when the edited plan passes the checker, 1 when it breaks a rule (it is written either way). */
export async function runPlanEdit(args: ParsedArgs, env: CliEnv): Promise<number> {
  const scenario = readScenarioFile(str(args, 'scenario', true)!, env);
  const plan = readPlanFile(str(args, 'plan', true)!, env);
  const out = str(args, 'out', true)!;
  checkOutFile(out, {
    '--scenario': str(args, 'scenario'),
    '--plan': str(args, 'plan'),
    '--edits': str(args, 'edits'),
  });
  const edits = readJson(str(args, 'edits', true)!, planEditsSchema, env, 'edits');
  if (!scenario || !plan || !edits) return 1;
  try {
    // A robust plan is priced and checked on P90 transit, as it was made.
    const res = applyEdits(scenario, plan, edits);
    writeFileAtomic(out, JSON.stringify(res.plan, null, 2));
    env.out(
      `${edits.length} edit(s): total ${rupees(res.plan.summary.totalCost)} (${res.costDelta.rs >= 0 ? '+' : ''}${rupees(res.costDelta.rs)}, ${res.costDelta.pct >= 0 ? '+' : '−'}${Math.abs(res.costDelta.pct).toFixed(2)} %); wrote ${out}`,
    );
    verdictLines(env, res.check);
    return res.check.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof PlanInputError) {
      env.err(err.message);
      return 1;
    }
    throw err;
  }
}

/** `plan --base`: re-plan keeping the base's locked and started decisions, changing as little as the stability penalty asks. */
export async function runPlanBase(args: ParsedArgs, env: CliEnv): Promise<number> {
  const scenario = readScenarioFile(str(args, 'scenario', true)!, env);
  const base = readPlanFile(str(args, 'base', true)!, env);
  const dFile = str(args, 'disruptions');
  const disruptions = dFile ? readJson(dFile, disruptionsSchema, env, 'disruptions') : [];
  const out = str(args, 'out', true)!;
  const inputs = { '--scenario': str(args, 'scenario'), '--base': str(args, 'base'), '--disruptions': dFile };
  checkOutFile(out, inputs);
  // The disrupted scenario the plan obeys is written beside it: that file must not be an input either.
  const scenarioOut = out.replace(/(\.json)?$/i, '.scenario.json');
  if (dFile) checkOutFile(scenarioOut, inputs, 'the disrupted scenario for --out,');
  const stabilityRs = num(args, 'stability', DEFAULT_STABILITY_RS)!;
  const timeLimitS = checkTimeLimit(num(args, 'time-limit', 30)!);
  if (stabilityRs < 0) throw new CliUsageError('--stability must be ≥ 0 (₹ per changed rake)');
  const now = str(args, 'now');
  if (now !== undefined && !Number.isFinite(Date.parse(now)))
    throw new CliUsageError(`--now must be an ISO timestamp, got '${now}'`);
  if (!scenario || !base || !disruptions) return 1;
  const solve: SolveFn = async (sc, closures) =>
    (await startSolve(sc, { timeLimitS: Math.max(2, timeLimitS / 3), closures }).result).plan;
  try {
    // Re-planned in the base's mode (a robust plan on P90 transit); its `planning` says so.
    const {
      plan,
      scenario: disrupted,
      plannerScenario,
    } = await replanScenario(scenario, base, { disruptions, stabilityRs, nowIso: now }, solve);
    writeFileAtomic(out, JSON.stringify(plan, null, 2));
    if (disruptions.length) {
      // The plan obeys the disrupted scenario: written beside it (as the planner has it, before any
      // robust derivation, which `rakeplan check` makes itself) so the plan can be checked.
      writeFileAtomic(scenarioOut, JSON.stringify(plannerScenario, null, 2));
      env.out(`the disrupted scenario this plan obeys: ${scenarioOut}`);
    }
    const st = plan.stability!;
    env.out(
      `re-plan (${st.candidate}): total ${rupees(plan.summary.totalCost)}; ${st.changedRakes} rake(s) changed, ${st.forcedRakes} forced by the disruption; cost of stability ${rupees(st.costOfStability)} against a fresh plan (${rupees(st.freshCost)}); wrote ${out}`,
    );
    if (st.freshSolveCost !== undefined)
      env.out(
        `the fresh solve came to ${rupees(st.freshSolveCost)} within its share of the time limit, more than a re-planned candidate: that candidate (${rupees(st.freshCost)}) is the fresh plan measured against`,
      );
    for (const c of plan.changes ?? [])
      env.out(`changed ${c.kind} ${c.id}: ${c.change}${c.forced ? ' (forced)' : ''} — ${c.detail}`);
    const v = checkWithOutages(disrupted, plan);
    verdictLines(env, v);
    return v.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof DisruptionError || err instanceof PlanInputError) {
      env.err(err.message);
      return 1;
    }
    throw err;
  }
}
