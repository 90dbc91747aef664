import type { PredictAnswer } from '../contract/api/registry';
import { because } from '../contract/reason-error';
import { reasonText, type ErrorReason } from '../contract/refusals';
import type { Cell } from '../ml/table';
import { predictBaseline } from '../registry/baseline';
import { registryBaselineParams } from '../registry/gate-cell-values';
import type { VersionRecord } from '../registry/version-record';
import { trainedOnSynthetic } from '../domain/training-origin';
import { baselineNameParams } from '../contract/baseline-names';
import type { SpecBaseline } from './spec-baseline';

/** What "Update from forecasts" needs of the registry: the serving version and its answers. */
export interface ModelAccess {
  /** The version a consumer is served (its pin, else production), or null when there is none. */
  serving(name: string): VersionRecord | null;
  /** The serving version's answer; a previous version that `refuse` names a reason against never answers. */
  predict(
    name: string,
    rows: readonly Record<string, Cell>[],
    refuse?: (rec: VersionRecord) => ErrorReason | null,
  ): Promise<PredictAnswer>;
  /**
   * The baseline the model was judged against, fitted on the plant's history (on the demo's
   * synthetic history only when `demo`); null without one.
   */
  baseline?(
    name: string,
    rows: readonly Record<string, Cell>[],
    prefer: string | undefined,
    demo: boolean,
  ): SpecBaseline | null;
}

/**
 * Forecast values for the rows asked, and the `sources` label of what gave them. `reasons` tells
 * `why` as codes where it can, for the interface to word in its own language.
 */
export type Answer =
  | { values: Record<string, number[]>; source: string; why?: string; reasons?: ErrorReason[] }
  // `noModel`: the registry has no version to serve (the interface words that case itself).
  | { values: null; why: string; noModel?: true; reasons: ErrorReason[] };

/**
 * Why the serving version must not feed planning, or null when it may. A model that does not
 * beat its baseline is replaced by that baseline; a model trained on synthetic history (the
 * built-in demo, used when the plant has no history) feeds only a scenario the planner marked as
 * the demo — demo data is a mode, never a fallback.
 */
function refusalReason(rec: VersionRecord, demo: boolean): ErrorReason | null {
  const params = { model: rec.name, version: rec.version };
  const beats = (rec.baselineMetrics as { beats?: boolean } | null)?.beats;
  if (beats === false) return { code: 'model-beaten', params };
  if (trainedOnSynthetic(rec) && !demo) return { code: 'model-synthetic', params };
  return null;
}

/** Ask the serving version, or its baseline when it may not be used; never silently. */
export async function answer(
  access: ModelAccess,
  name: string,
  rows: readonly Record<string, Cell>[],
  demo: boolean,
): Promise<Answer> {
  const rec = access.serving(name);
  if (!rec) {
    const none: ErrorReason = { code: 'model-none-serving', params: { model: name } };
    return { values: null, why: reasonText(none), noModel: true, reasons: [none] };
  }
  const refusedWhy = refusalReason(rec, demo);
  if (refusedWhy) {
    const refused = reasonText(refusedWhy);
    const b = access.baseline?.(name, rows, (rec.baselineMetrics as { name?: string } | null)?.name, demo);
    if (b) {
      const used = usedBaseline(b);
      return {
        values: b.values,
        source: `baseline ${name}`,
        why: `${refused}: ${reasonText(used)}`,
        reasons: [refusedWhy, used],
      };
    }
    if (!rec.baseline)
      return {
        values: null,
        why: `${refused}, and no baseline is at hand (the plant has no history for it)`,
        reasons: [refusedWhy, { code: 'no-baseline-at-hand', params: {} }],
      };
    // The registry's baseline was fitted on the model's own training rows: synthetic too.
    if (trainedOnSynthetic(rec) && !demo)
      return {
        values: null,
        why: `${refused}; its baseline was fitted on the same synthetic history, so the scenario's own figures stay`,
        reasons: [refusedWhy, { code: 'baseline-synthetic-too', params: {} }],
      };
    const used: ErrorReason = {
      code: 'registry-baseline-used',
      params: registryBaselineParams(rec.baseline, rec.manifest.target),
    };
    return {
      values: predictBaseline(rec.baseline, rec.manifest, rows).columns,
      source: `baseline ${name}`,
      why: `${refused}: ${reasonText(used)}`,
      reasons: [refusedWhy, used],
    };
  }
  try {
    // A fallback version is held to the same rule as the serving one: a synthetic-trained or
    // beaten previous production version never answers in its place.
    const a = await access.predict(name, rows, (r) => refusalReason(r, demo));
    const why = a.source !== 'model' ? { why: a.fallbackReason, reasons: a.fallbackReasons } : {};
    return {
      values: a.columns,
      source: a.source === 'fallback:baseline' ? `baseline ${name}` : `model ${name}@${a.version}`,
      ...why,
    };
  } catch (err) {
    return {
      values: null,
      why: `${name}: ${(err as Error).message}`,
      reasons: because({ code: 'model-answer-failed', params: { model: name } }, err),
    };
  }
}

/** The reason a spec baseline answers: its English name, and its codes for other languages when it has them. */
function usedBaseline(b: SpecBaseline): ErrorReason {
  const params = { name: b.name, ...(b.nameText ? baselineNameParams(b.nameText) : {}) };
  return { code: b.spread ? 'baseline-used-spread' : 'baseline-used', params };
}
