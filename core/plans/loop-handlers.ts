import type { Contract } from '../contract';
import type { PlanCheckResult } from '../contract/api/plans';
import { ContractError } from '../contract/errors';
import { reasonText, type ErrorReason } from '../contract/refusals';
import { namedViolations } from '../domain/violations';
import { indentForScenario, isDemoScenario } from '../forecasts/indent-for';
import type { HostApp } from '../host/app';
import type { HostServices } from '../host/services';
import { PlanInputError } from '../optimizer/plan-draft';
import { startSolve } from '../optimizer/run-solve';
import { DisruptionError } from './disruptions';
import { documentsPdf, documentsTitle, documentsXlsx } from './documents';
import { applyEdits } from './edit';
import { checkWithOutages } from './outages';
import { replanScenario, type SolveFn } from './replan';
import { issuePlan, loadPlan, savePlan } from './store';

/** The documents carry the rake indent for as many days as the indent call allows at most. */
const INDENT_DAYS = 14;

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** A plan input or disruption that cannot be applied is the caller's data error, named. */
function asContractError(err: unknown): never {
  if (err instanceof PlanInputError) throw new ContractError('INVALID_DATA', err.message);
  if (err instanceof DisruptionError) throw new ContractError('INVALID_DATA', err.message, undefined, err.detail);
  throw err;
}

function refuseBroken(name: string, check: PlanCheckResult): void {
  if (check.ok) return;
  // The first violations are named; the plan page lists them all.
  const { shown, more, text } = namedViolations(check.violations);
  const reason: ErrorReason = { code: 'issue-broken', params: { plan: name, n: check.violations.length, more } };
  throw new ContractError(
    'CONFLICT',
    `${reasonText(reason)} (${text}): edit it until the checker passes, or re-plan it.`,
    undefined,
    { reason, violations: shown },
  );
}

/** Edit, re-plan, issue, documents: every change is saved as a new version; an issued plan is never rewritten. */
export function registerPlanLoop(app: HostApp<Contract>, s: HostServices): void {
  app.handleAll({
    'plans.edit': (p, ctx) => {
      const db = s.requireDb();
      const { item, plan, plannerScenario } = loadPlan(db, p.id);
      let res;
      try {
        res = applyEdits(plannerScenario, plan, p.edits);
      } catch (err) {
        asContractError(err);
      }
      if (!p.save) return res;
      const child = { ...res.plan, parentId: p.id };
      const id = savePlan(db, child, plannerScenario, {
        scenarioId: item.scenarioId,
        parentId: p.id,
        name: p.name,
        kind: 'edit',
      });
      // Every window's plan list learns of the new version, as after a solve or a re-plan.
      ctx.emit('plans.changed', { id, scenarioId: item.scenarioId, kind: 'saved' });
      return { ...res, plan: child, id };
    },
    'plans.replan': async (p, ctx) => {
      const requested = performance.now();
      const db = s.requireDb();
      const { item, plan, plannerScenario } = loadPlan(db, p.id);
      // Up to three solves (kept + re-optimized, locks only, fresh): the time limit is shared.
      const perSolve = Math.max(2, p.timeLimitS / 3);
      const solve: SolveFn = async (sc, closures) =>
        (await startSolve(sc, { timeLimitS: perSolve, closures }, { signal: ctx.signal }).result).plan;
      let out;
      try {
        out = await s.slots.run('solve', () =>
          replanScenario(
            plannerScenario,
            plan,
            { disruptions: p.disruptions, stabilityRs: p.stabilityRs, nowIso: p.now },
            solve,
          ),
        );
      } catch (err) {
        asContractError(err);
      }
      // What the planner waited for (up to three solves), beside the returned solve's own time.
      const wallSeconds = Math.round(performance.now() - requested) / 1000;
      const saved = { ...out.plan, parentId: p.id, solver: { ...out.plan.solver, wallSeconds } };
      const id = savePlan(db, saved, out.plannerScenario, {
        scenarioId: item.scenarioId,
        parentId: p.id,
        kind: 're-plan',
      });
      ctx.emit('plans.changed', { id, scenarioId: item.scenarioId, kind: 'saved' });
      return { id, plan: saved, check: checkWithOutages(out.scenario, saved) };
    },
    'plans.issue': (p, ctx) => {
      const db = s.requireDb();
      const { item, plan, scenario } = loadPlan(db, p.id);
      // Issuing again answers when it was issued; a plan the checker fails never reaches the floor.
      if (!item.issuedAt) refuseBroken(item.name, checkWithOutages(scenario, plan));
      const issuedAt = issuePlan(db, p.id);
      ctx.emit('plans.changed', { id: p.id, scenarioId: item.scenarioId, kind: 'issued' });
      return { issuedAt };
    },
    'plans.documents': async (p) => {
      const db = s.requireDb();
      const { item, plan, scenario } = loadPlan(db, p.id);
      // The indent is for the scenario the plan was made from; a plan of the demo scenario gets the
      // demo's figures exactly as forecasts.indent would give them. A plan whose saved scenario has
      // since been deleted can no longer say so, and is taken as the plant's own.
      let demo = false;
      if (item.scenarioId) {
        try {
          demo = isDemoScenario(db, item.scenarioId);
        } catch (err) {
          if (!(err instanceof ContractError && err.code === 'NOT_FOUND')) throw err;
        }
      }
      const indent = await indentForScenario(s, scenario, demo, INDENT_DAYS);
      const base = `${item.name.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'plan'}-documents`;
      const title = documentsTitle(item.name, item.issuedAt);
      const bytes =
        p.format === 'xlsx' ? await documentsXlsx(plan, title, indent) : await documentsPdf(plan, title, indent);
      return { fileName: `${base}.${p.format}`, mimeType: MIME[p.format], base64: bytes.toString('base64') };
    },
  });
}
