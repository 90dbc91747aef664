import { randomUUID } from 'node:crypto';
import type { Contract } from '../contract';
import type { SolveProgressEvent } from '../contract/api/plans';
import { ContractError } from '../contract/errors';
import type { Scenario } from '../domain/scenario';
import { checkScenario, hasErrors, validateScenario, type DataIssue } from '../domain/validate';
import type { HostApp } from '../host/app';
import type { HostServices } from '../host/services';
import { monitorFor } from '../monitoring/monitor';
import { MONOLITHIC_LIMIT, exportModelLp } from '../optimizer/optimize';
import { countPairs } from '../optimizer/model';
import { prepare } from '../optimizer/prep';
import { assertPlanLimits } from '../optimizer/limits';
import { startSolve, type SolveHandle } from '../optimizer/run-solve';
import { loadScenario } from '../scenarios/store';
import { comparePlans } from './compare';
import { annotatePlanRisk, scenarioForMode } from '../forecasts/plan-risk';
import { addForecastProduction } from '../forecasts/service';
import { isDemoScenario } from '../forecasts/indent-for';
import { exportPlanCsv, exportPlanXlsx } from './export';
import { deletePlan, listPlans, loadPlan, loadPlanHead, savePlan } from './store';
import { SavedVerdicts } from './saved-verdicts';

const MIME = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
  lp: 'text/plain',
} as const;

/**
 * Parse an inline scenario or load a saved one; refuses one with errors, naming each. A saved
 * scenario may hold rows that break a cross-table rule (an order to an unknown destination): the
 * editor keeps them so the planner can fix them, but they are never planned.
 */
function resolveScenario(s: HostServices, p: { scenarioId?: string; scenario?: unknown }): Scenario {
  if (p.scenarioId) {
    const { scenario } = loadScenario(s.requireDb(), p.scenarioId);
    refuseErrors(validateScenario(scenario), '');
    return scenario;
  }
  const { scenario, issues } = checkScenario(p.scenario);
  refuseErrors(issues, 'scenario.');
  if (!scenario) throw new ContractError('INVALID_DATA', 'The scenario cannot be planned: it does not parse.');
  return scenario;
}

function refuseErrors(issues: readonly DataIssue[], prefix: string): void {
  if (!hasErrors(issues)) return;
  const errors = issues.filter((i) => i.severity === 'error');
  const first = errors[0];
  throw new ContractError(
    'INVALID_DATA',
    `The scenario cannot be planned: ${errors.length} data error(s) to fix first; the first: ${first ? `${first.path} ${first.message}` : ''}`.trim(),
    errors.map((e) => ({ path: `${prefix}${e.path}`, message: e.message })),
  );
}

export function registerPlans(app: HostApp<Contract>, s: HostServices): void {
  const running = new Map<string, SolveHandle>();
  const verdicts = new SavedVerdicts(s);
  /** Every solve from its request to its end, whatever its caller named it: `plans.running`. */
  const solving = new Map<string, string | null>();
  app.handleAll({
    'plans.solve': async (p, ctx) => {
      // Refused before validating thousands of rows or starting a worker (optimizer/limits.ts).
      if (p.scenario !== undefined) assertPlanLimits(p.scenario);
      const scenario = resolveScenario(s, p);
      assertPlanLimits(scenario);
      if (p.solveId && running.has(p.solveId))
        throw new ContractError('CONFLICT', `A solve with id '${p.solveId}' is already running.`);
      // Robust: planned (and saved beside the planner's, so plans.check verifies it) on P90 transit; risk is always from the real quantiles.
      const mode = p.robust ? 'robust' : 'normal';
      const planned = scenarioForMode(scenario, mode);
      const requested = performance.now();
      // Every window learns a solve is running (the caller's own window knows it by its solveId).
      const solveId = p.solveId ?? randomUUID();
      const announce = (isRunning: boolean) => {
        if (isRunning) solving.set(solveId, p.scenarioId ?? null);
        else solving.delete(solveId);
        ctx.emit('plans.solving', { solveId, scenarioId: p.scenarioId ?? null, running: isRunning });
      };
      announce(true);
      return s.slots
        .run('solve', async () => {
          const handle = startSolve(
            planned,
            { timeLimitS: p.timeLimitS, gap: p.gap, ruleBasedOnly: p.ruleBasedOnly },
            {
              signal: ctx.signal,
              onProgress: (pr) => ctx.progress(pr as SolveProgressEvent),
            },
          );
          if (p.solveId) running.set(p.solveId, handle);
          const started = performance.now();
          try {
            const { plan: solved } = await handle.result.catch((err: unknown) => {
              const cancelled = err instanceof ContractError && err.code === 'CANCELLED';
              monitorFor(s).record('optimizer', cancelled ? 'cancelled' : 'failed', {
                ms: performance.now() - started,
                ok: false,
                code: (err as ContractError).code,
              });
              throw err;
            });
            const plan = await addForecastProduction(
              s,
              annotatePlanRisk(solved, scenario, mode),
              scenario,
              p.scenarioId ? isDemoScenario(s.requireDb(), p.scenarioId) : false,
            );
            // Solved by the model (or rule-based when asked), or a named fallback: the Monitor page's success rate.
            const fellBack = !p.ruleBasedOnly && !plan.solver.method.startsWith('milp');
            monitorFor(s).record('optimizer', fellBack ? 'fallback' : 'solved', {
              ms: plan.solver.seconds * 1000,
              ok: !fellBack,
              value: plan.solver.gap ?? 0,
            });
            // What the planner waited for, beside the optimizer's own time (the plan summary shows both).
            plan.solver.wallSeconds = Math.round(performance.now() - requested) / 1000;
            const id = savePlan(s.requireDb(), plan, scenario, { name: p.name, scenarioId: p.scenarioId ?? null });
            ctx.emit('plans.changed', { id, scenarioId: p.scenarioId ?? null, kind: 'saved' });
            return { id, plan };
          } finally {
            if (p.solveId) running.delete(p.solveId);
          }
        })
        .finally(() => announce(false));
    },
    'plans.stop': (p) => {
      const h = running.get(p.solveId);
      h?.stop();
      return { stopping: Boolean(h) };
    },
    'plans.running': () => ({ solves: [...solving].map(([solveId, scenarioId]) => ({ solveId, scenarioId })) }),
    'plans.list': (p) => listPlans(s.requireDb(), p),
    'plans.get': (p) => {
      const head = loadPlanHead(s.requireDb(), p.id);
      // Only a verdict already computed: checking reads the scenarios saved with the plan, which a
      // plant-scale plan's opening does not otherwise read.
      const check = verdicts.known(p.id);
      return check ? { ...head, check } : head;
    },
    'plans.delete': (p, ctx) => {
      const scenarioId = deletePlan(s.requireDb(), p.id);
      verdicts.forget(p.id);
      ctx.emit('plans.changed', { id: p.id, scenarioId, kind: 'deleted' });
      return { deleted: true as const };
    },
    'plans.compare': (p) => comparePlans(loadPlan(s.requireDb(), p.a), loadPlan(s.requireDb(), p.b)),
    'plans.check': (p) => verdicts.of(p.id),
    'plans.export': async (p) => {
      const { item, plan, scenario } = loadPlan(s.requireDb(), p.id);
      const base = item.name.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'plan';
      const out = (ext: string, format: keyof typeof MIME, bytes: Buffer | string) => ({
        fileName: `${base}.${ext}`,
        mimeType: MIME[format],
        base64: Buffer.from(bytes).toString('base64'),
      });
      if (p.format === 'xlsx') return out('xlsx', 'xlsx', await exportPlanXlsx(plan, scenario));
      if (p.format === 'csv') return out(`${p.table}.csv`, 'csv', exportPlanCsv(plan, p.table, scenario));
      if (p.format === 'json') return out('plan.json', 'json', JSON.stringify(plan, null, 2));
      if (countPairs(prepare(scenario)) > MONOLITHIC_LIMIT)
        throw new ContractError(
          'LIMIT_EXCEEDED',
          `This scenario has more than ${MONOLITHIC_LIMIT} candidate order–rake pairs: it is planned by decomposition and has no single LP model.`,
        );
      return out('lp', 'lp', exportModelLp(scenario));
    },
  });
}
