// Moving production: a promotion judged by the gates (or overridden with a reason, recorded) and a
// rollback to the version production held before, each swapped in only once the new version loads.
import { isDeepStrictEqual } from 'node:util';
import type { GateReport, GateThresholds } from '../contract/api/registry';
import { ContractError, refusal } from '../contract/errors';
import { paramText } from '../contract/reason-error';
import { reasonText, type ErrorReason } from '../contract/refusals';
import { keepsServing, type ModelServer } from './serving';
import type { RegistryStore } from './store';

/** What a promotion reads and moves: the registry's store and server, its gate limits and evaluation. */
export interface PromotionDeps {
  store: RegistryStore;
  server: ModelServer;
  /** The gate limits in force (Registry.gateThresholds). */
  thresholds: () => GateThresholds;
  /** A fresh gate report of a version against production (Registry.evaluate). */
  evaluate: (name: string, version: number) => Promise<GateReport>;
}

/** Promotion refused by the gates: each failed gate with its summary, then what to do. */
function gatesFailed(name: string, version: number, gate: GateReport): ContractError {
  const failed = gate.gates.filter((g) => !g.passed);
  const reasons: ErrorReason[] = [
    { code: 'gates-failed', params: { model: name, version, n: failed.length } },
    ...failed.map((g): ErrorReason => ({
      code: 'gate-failed',
      params: { gate: g.gate, summary: paramText(g.summary) },
    })),
    { code: 'promote-override', params: {} },
  ];
  return refusal(
    'CONFLICT',
    reasons,
    `${reasonText(reasons[0]!)}: ${failed.map((g) => `${g.gate} (${g.summary})`).join('; ')}. ${reasonText(reasons.at(-1)!)}`,
  );
}

/** Promote to production (Registry.promote). */
export async function promoteVersion(d: PromotionDeps, name: string, version: number, override?: { reason: string }) {
  const { store, server } = d;
  const rec = store.require(name, version);
  const current = store.alias(name, 'production');
  if (current === version) throw refusal('CONFLICT', { code: 'already-production', params: { model: name, version } });
  const latest = store.gateReports(name, version)[0];
  // A report judged against another production, or under other limits, says nothing about now;
  // one stored while a gate that could not be judged still counted as passed is judged again.
  const reusable =
    latest &&
    latest.against === current &&
    isDeepStrictEqual(latest.thresholds, d.thresholds()) &&
    !latest.gates.some((g) => g.passed && g.summary.startsWith('not evaluated'));
  let gate: GateReport;
  try {
    gate = reusable ? latest : await d.evaluate(name, version);
  } catch (err) {
    throw keepsServing(name, current, err);
  }
  if (!gate.passed && !override) throw gatesFailed(name, version, gate);
  const overridden = !gate.passed;
  const { previous } = await server.swapProduction(name, version, () =>
    store.setAlias(
      name,
      'production',
      rec.version,
      overridden ? 'override' : 'promote',
      overridden
        ? { reason: override!.reason, failedGates: gate.gates.filter((g) => !g.passed).map((g) => g.gate) }
        : { gates: 'passed' },
    ),
  );
  if (store.alias(name, 'candidate') === version) store.clearAlias(name, 'candidate');
  return { name, version, previous, gate, overridden };
}

/** Move production back to the version it held before (Registry.rollback). */
export async function rollbackProduction(store: RegistryStore, server: ModelServer, name: string) {
  const current = store.alias(name, 'production');
  if (current === null) throw refusal('NOT_FOUND', { code: 'rollback-none', params: { model: name } });
  const target = rollbackTarget(store, name);
  if (target === undefined)
    throw refusal('CONFLICT', { code: 'rollback-first', params: { model: name, version: current } });
  await server.swapProduction(name, target, () =>
    store.setAlias(name, 'production', target, 'rollback', { from: current }),
  );
  return { name, version: target, from: current };
}

/** The newest earlier production version whose model is still the one that served. */
export function rollbackTarget(store: RegistryStore, name: string): number | undefined {
  return store.previousProductions(name)[0];
}
