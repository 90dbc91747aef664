import { checkScenario, hasErrors } from '../../domain/validate';
import type { Scenario } from '../../domain/scenario';
import { planLimitError } from '../../optimizer/limits';
import { startSolve } from '../../optimizer/run-solve';
import { num, str, bool, CliUsageError, checkTimeLimit, onlyFor, type ParsedArgs } from '../args';
import { checkOutFile } from '../out-file';
import { EXIT, type CliCommand, type CliEnv } from '../command';
import { PLAN_STORE_USAGE, runPlanStore } from './plan-store';
import { PLAN_LOOP_USAGE, runPlanBase, runPlanEdit } from './plan-loop';
import { writeFileAtomic } from '../../storage/atomic-write';
import { annotatePlanRisk, scenarioForMode } from '../../forecasts/plan-risk';
import { addForecastProduction } from '../../forecasts/service';
import { withCliHost } from '../with-host';
import { rupees, tonnes } from '../../domain/figures';
import type { Plan } from '../../domain/plan';
import { readJsonFile } from '../plan-file';
import { productionNote } from '../../domain/plan-notes';

/**
 * Read and validate a scenario file; errors name the file, table, row and field. `refuse` is asked
 * before the rows are validated: a message there ends the read (e.g. the optimizer's size limits).
 */
export function readScenarioFile(file: string, env: CliEnv, refuse?: (raw: unknown) => string | null): Scenario | null {
  const raw = readJsonFile(file, 'scenario', env);
  if (raw === undefined) return null;
  const refused = refuse?.(raw);
  if (refused) {
    env.err(`${file}: ${refused}`);
    return null;
  }
  const { scenario, issues } = checkScenario(raw);
  for (const i of issues) env.err(`${file}: ${i.severity} at ${i.path}: ${i.message}`);
  if (!scenario || hasErrors(issues)) return null;
  return scenario;
}

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'Plan a scenario (MILP on HiGHS, rule-based fallback) and write the plan JSON',
  reportsProgress: true,
  usage: `rakeplan plan --scenario s.json --out plan.json [--time-limit 30] [--gap 0.005] [--export-lp model.lp] [--rule-based] [--robust] [--demo] [--progress|--no-progress]   (robust: every rail transit at its P90 forecast; demo: the production suggestion may use models trained on the demo history; progress: the solver's phases on stderr, by default only when it is a terminal)\n  ${PLAN_LOOP_USAGE}\n  ${PLAN_STORE_USAGE}`,
  async run(args: ParsedArgs, env) {
    if (args.positionals[0] === 'edit') return runPlanEdit(args, env);
    if (args.positionals.length > 0) return runPlanStore(args, env);
    if (str(args, 'base') !== undefined) {
      onlyFor(args, 'plan --base', ['scenario', 'base', 'disruptions', 'out', 'stability', 'time-limit', 'now']);
      return runPlanBase(args, env);
    }
    onlyFor(args, 'plan', [
      'scenario',
      'out',
      'time-limit',
      'gap',
      'export-lp',
      'rule-based',
      'robust',
      'demo',
      'progress',
      'no-progress',
    ]);
    const file = str(args, 'scenario', true)!;
    const out = str(args, 'out', true)!;
    const timeLimitS = checkTimeLimit(num(args, 'time-limit', 30)!);
    const gap = num(args, 'gap', 0.005)!;
    if (!(gap >= 0 && gap <= 0.5))
      throw new CliUsageError(`--gap must be a fraction from 0 to 0.5, e.g. 0.005 for 0.5 %, got ${gap}`);
    const lpFile = str(args, 'export-lp');
    checkOutFile(out, { '--scenario': file, '--export-lp': lpFile });
    if (lpFile !== undefined) checkOutFile(lpFile, { '--scenario': file }, '--export-lp');
    const scenario = readScenarioFile(file, env, (raw) => planLimitError(raw)?.message ?? null);
    if (!scenario) return 1;
    let last = 0;
    const mode = bool(args, 'robust') ? 'robust' : 'normal';
    const handle = startSolve(
      scenarioForMode(scenario, mode),
      { timeLimitS, gap, exportLp: Boolean(lpFile), ruleBasedOnly: bool(args, 'rule-based') },
      {
        onProgress: (p) => {
          if (p.elapsedS - last < 2 && p.phase === 'solving') return;
          last = p.elapsedS;
          const gapTxt = p.gap === null ? '' : ` gap ${(p.gap * 100).toFixed(2)} %`;
          env.progress?.(
            `${p.phase} ${p.elapsedS.toFixed(1)} s${p.incumbent === null ? '' : ` model objective ${rupees(p.incumbent)}`}${gapTxt}`,
          );
        },
      },
    );
    let interrupted = false;
    const onSigint = () => {
      interrupted = true;
      env.err('stopping: keeping the best plan so far (Ctrl-C again to abort)');
      handle.stop();
      process.off('SIGINT', onSigint);
    };
    process.on('SIGINT', onSigint);
    try {
      const { plan: solved, lpText } = await handle.result;
      const annotated = annotatePlanRisk(solved, scenario, mode);
      // The production suggestion adds the 14-day demand forecast from the data directory's models;
      // a data directory that cannot be opened costs that suggestion, never the plan just solved.
      let plan: Plan;
      try {
        plan = await withCliHost(env, (host) =>
          addForecastProduction(host.services, annotated, scenario, bool(args, 'demo')),
        );
      } catch (err) {
        const error = (err as Error).message;
        env.err(`warning: the demand forecast for the production suggestion failed (${error}); the plan is kept`);
        plan = { ...annotated, notes: [...annotated.notes, productionNote({ kind: 'failed', error })] };
      }
      // Killed mid-write, the previous plan stays whole (core/storage/atomic-write.ts).
      writeFileAtomic(out, JSON.stringify(plan, null, 2));
      if (lpFile) {
        if (lpText) writeFileAtomic(lpFile, lpText);
        else env.err(`No LP written: this plan used ${plan.solver.method}, which has no single model.`);
      }
      const s = plan.summary;
      env.out(
        `${plan.solver.method} (${plan.solver.status}) in ${plan.solver.seconds.toFixed(1)} s${plan.solver.gap === null ? '' : `, gap ${(plan.solver.gap * 100).toFixed(2)} %`}`,
      );
      if (plan.solver.fallbackReason) env.out(`fallback: ${plan.solver.fallbackReason}`);
      env.out(
        `total ${rupees(s.totalCost)} (${rupees(s.costPerT)}/t); rule-based ${rupees(s.ruleBasedCost)}; saving ${rupees(s.saving)} (${s.savingPct.toFixed(1)} %)`,
      );
      const risky = plan.rakes.filter((r) => (r.onTimeP ?? 1) < 0.8).length;
      env.out(
        `${mode} plan: lateness ${rupees(s.expectedLatenessP50Rs ?? 0)} at P50 transit, ${rupees(s.expectedLatenessP90Rs ?? 0)} at P90; ${risky} rake(s) below 80 % on time`,
      );
      env.out(
        `rail ${tonnes(s.railT)} on ${s.rakesUsed} rakes (avg utilisation ${(s.avgUtilisation * 100).toFixed(1)} %), road ${tonnes(s.roadT)}, unserved ${tonnes(s.unservedT)}; wrote ${out}`,
      );
      for (const p of plan.production)
        env.out(`produce ${tonnes(p.tonnes)} of ${p.product} by ${p.neededBy.slice(0, 10)}: ${p.because}`);
      // The plan written is whole and checked, but not the solve asked for: a script must not take it for one.
      if (interrupted) {
        env.err(`interrupted: ${out} holds the best plan found before Ctrl-C`);
        return EXIT.interrupted;
      }
      return EXIT.ok;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
