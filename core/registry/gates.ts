import type { GateReport, GateResult, GateThresholds } from '../contract/api/registry';
import type { GateCellText } from '../contract/gate-cells';
import { said, unitParam } from '../contract/gate-text';
import type { Cell } from '../ml/table';
import { predictBaseline } from './baseline';
import { round } from './gate-cell-values';
import { consistency } from './gate-consistency';
import { dataQuality } from './gate-data-quality';
import { mean, rowErrors, type ErrorText } from './gate-errors';
import { holdoutFigure, improvement, type Figures } from './gate-improvement';
import { notEvaluated, stability } from './gate-stability';
import type { GateInputs, Out } from './gate-types';
import { heldOutFigure, productionUnseen, trainedOnHoldout, trainerBaseline } from './honest-figures';
import type { VersionRecord } from './version-record';

export const DEFAULT_GATE_THRESHOLDS: GateThresholds = {
  dataQuality: { minRows: 200, maxMissingRate: 0.2, maxRangeExcess: 0.5 },
  improvement: { minRelativeGain: 0.01, mustBeatBaseline: true },
  stability: {
    maxSegmentRegression: 0.1,
    minSegmentRows: 20,
    segmentColumns: ['destination', 'product', 'corridor', 'lane'],
  },
  consistency: { maxPsi: 0.25, maxRelativeChange: 0.2, minRows: 50 },
};

/** Run the four gates. Each gate's checks name the measured value and its limit. */
export async function runGates(g: GateInputs): Promise<GateReport> {
  const { cand, prod, thresholds: th } = g;
  const classifier = Boolean(cand.manifest.classes);
  const metric = classifier ? { name: 'logloss', lowerIsBetter: true } : { name: 'mae', lowerIsBetter: true };
  const holdout = g.holdout ? g.holdout.rows.filter((r) => !isMissing(r[cand.manifest.target])) : [];
  const candOut = holdout.length ? await g.predict(cand, holdout) : null;
  let prodOut: Out | null = null;
  let prodError: GateCellText | null = null;
  if (holdout.length && prod) {
    try {
      prodOut = await g.predict(prod, holdout);
    } catch (err) {
      prodError = {
        code: 'production-cannot-score',
        params: { version: prod.version, error: (err as Error).message },
      };
    }
  }
  const baseOut = holdout.length && cand.baseline ? predictBaseline(cand.baseline, cand.manifest, holdout) : null;
  const errs = (o: Out | null) => (o ? rowErrors(cand, holdout, o) : null);
  const eCand = errs(candOut),
    eProd = errs(prodOut),
    eBase = errs(baseOut);
  // On its own stored holdout a refit model is scored on rows it trained on: its figure is then
  // the trainer's for the fit without them, and no per-row comparison is honest.
  const stored = Boolean(g.holdout?.stored);
  const candRefit = stored ? trainedOnHoldout(cand) : null;
  // Production is compared only on the rows of that holdout it never trained or early-stopped on.
  const seen = stored && prod ? productionUnseen(cand, prod, holdout) : null;
  const prodApart = seen && 'notComparable' in seen ? seen.notComparable : null;
  const keep = seen && 'unseen' in seen ? seen.unseen : null;
  const pick = <T>(a: readonly T[]) => (keep ? a.filter((_, i) => keep[i]) : [...a]);
  const vsProd = eCand && eProd && !prodApart ? { rows: pick(holdout), cand: pick(eCand), prod: pick(eProd) } : null;

  const unit = classifier ? null : (g.unit ?? null);
  const err: ErrorText = {
    metric: classifier ? 'log-loss' : 'MAE',
    unit: unitParam(unit),
    params: (v) => ({ metric: classifier ? 'log-loss' : 'MAE', value: round(v), unit: unitParam(unit) }),
  };
  const refit = refitParams(cand);
  const cFigure = candRefit ? heldOutFigure(cand, metric.name) : eCand ? mean(eCand) : null;
  const figures: Figures = {
    cand: eCand ? cFigure : null,
    missing: !eCand ? said('no-holdout-target') : said('no-held-out-figure', { ...refit, metric: err.metric }),
    candFrom: (v) =>
      candRefit
        ? said('figure-on-fit', { ...err.params(v), ...refit })
        : holdoutFigure(cand, { ...err.params(v) }, eCand?.length ?? 0, stored),
    prod: vsProd && {
      cand: mean(vsProd.cand),
      prod: mean(vsProd.prod),
      rows:
        vsProd.rows.length < holdout.length
          ? { code: 'rows-production-unseen', params: { rows: vsProd.rows.length, all: holdout.length } }
          : null,
    },
    notComparable: candRefit ?? prodApart,
    trainer: trainerBaseline(cand, metric.name),
    registryBase: eBase ? { value: mean(eBase), baseline: cand.baseline!, target: cand.manifest.target } : null,
  };
  const gates: GateResult[] = [
    dataQuality(cand, prod, holdout.length, th),
    improvement(figures, prod, err, th, prodError),
    candRefit
      ? notEvaluated('stability', said('not-evaluated-refit', refit))
      : vsProd && prod
        ? stability(vsProd.rows, vsProd.cand, vsProd.prod, { production: prod.version }, err, th)
        : stability(holdout, eCand, eBase, { production: null }, err, th),
    await consistency(g, holdout),
  ];
  return {
    name: cand.name,
    version: cand.version,
    against: prod?.version ?? null,
    passed: gates.every((x) => x.passed),
    gates,
    thresholds: th,
    metric,
    holdout: { rows: holdout.length, source: g.holdout?.source ?? 'none' },
    evaluatedAt: new Date().toISOString(),
  };
}

/** The parameters of "{model}@{version} was refit on all {n} rows", as trainedOnHoldout tells it. */
const refitParams = (v: VersionRecord) => ({ model: v.name, version: v.version, n: v.manifest.refitRows ?? 0 });

const isMissing = (v: Cell) => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
