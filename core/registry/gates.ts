import type { GateCheck, GateReport, GateResult, GateThresholds } from '../contract/api/registry';
import { baselineNameParams } from '../contract/baseline-names';
import { told, type GateCellText } from '../contract/gate-cells';
import { named, said, unitParam, type GateParams } from '../contract/gate-text';
import type { Cell } from '../ml/table';
import { predictBaseline, type Baseline } from './baseline';
import { baselineDetail, pct, round, versus } from './gate-cell-values';
import { consistency } from './gate-consistency';
import {
  heldOutFigure,
  productionUnseen,
  trainedOnHoldout,
  trainerBaseline,
  type NotComparable,
  type TrainerBaseline,
} from './honest-figures';
import type { VersionRecord } from './store';

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

export type Rows = readonly Record<string, Cell>[];
export type Out = { columns: Record<string, number[]>; label: string[] | null };

export interface GateInputs {
  cand: VersionRecord;
  prod: VersionRecord | null;
  /**
   * Time-ordered holdout rows with the target column. `stored`: the version's own holdout, which a
   * model refit on every row has trained on, and production in part when it held back fewer rows
   * or trained on later data; rows a caller gives are taken as new.
   */
  holdout: { rows: Rows; source: string; stored?: boolean } | null;
  /** Recent inputs the models saw (drift samples); the holdout is used when too few. */
  recent: Rows;
  /** Predictions of one version, straight from its session (no fallback). */
  predict(v: VersionRecord, rows: Rows): Promise<Out>;
  thresholds: GateThresholds;
  /** The target's unit (t/day, h, ₹/t): regression errors are written with it. */
  unit?: string | null;
}

/** How the gates write an error: its metric's name as the tables show it, and a value with the target's unit. */
interface ErrorText {
  metric: string;
  /** `{unit}` for a cell's parameters. */
  unit: string;
  /** `{metric}`, `{value}` and `{unit}` for a summary's parameters. */
  params: (v: number) => GateParams;
}

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

function dataQuality(
  cand: VersionRecord,
  prod: VersionRecord | null,
  holdoutRows: number,
  th: GateThresholds,
): GateResult {
  const t = th.dataQuality;
  const checks: GateCheck[] = [];
  if (prod) {
    const want = prod.manifest.inputs.map((i) => `${i.name}:${i.type}`).sort();
    const have = new Set(cand.manifest.inputs.map((i) => `${i.name}:${i.type}`));
    const missing = want.filter((w) => !have.has(w));
    checks.push({
      ...named('inputs-match'),
      passed: missing.length === 0,
      ...(missing.length
        ? told('value', 'inputs-missing', { inputs: missing.join(', ') })
        : told('value', 'all-present')),
      ...told('limit', 'inputs', { inputs: want.join(', ') }),
    });
  }
  const rows = cand.dataset?.rows ?? cand.datasetStats?.rows ?? null;
  checks.push({
    ...named('training-rows'),
    passed: rows !== null && rows >= t.minRows,
    value: rows,
    ...told('limit', 'at-least', { min: t.minRows }),
    ...(rows === null ? told('detail', 'no-dataset') : {}),
  });
  checks.push({
    ...named('holdout-rows'),
    passed: holdoutRows > 0,
    value: holdoutRows,
    ...told('limit', 'more-than', { min: 0 }),
  });
  for (const f of cand.datasetStats?.features ?? []) {
    checks.push({
      ...named('missing-rate', { feature: f.name }),
      passed: f.missingRate <= t.maxMissingRate,
      value: round(f.missingRate),
      ...told('limit', 'at-most', { max: t.maxMissingRate }),
      ...(f.definedSince ? told('detail', 'rows-since', { date: f.definedSince }) : {}),
    });
    const p = prod?.datasetStats?.features.find((x) => x.name === f.name);
    if (f.kind === 'numeric' && p?.kind === 'numeric' && Number.isFinite(p.min) && Number.isFinite(f.min)) {
      const slack = (p.max - p.min) * t.maxRangeExcess;
      // A feature production never saw below 0 (a distance, tonnes, a count) cannot be: its limit stays at 0.
      const low = p.min >= 0 ? Math.max(0, p.min - slack) : p.min - slack;
      const ok = f.min >= low && f.max <= p.max + slack;
      checks.push({
        ...named('range', { feature: f.name }),
        passed: ok,
        ...told('value', 'span', { low: round(f.min), high: round(f.max) }),
        ...told('limit', 'span', { low: round(low), high: round(p.max + slack) }),
      });
    }
  }
  const failed = checks.filter((c) => !c.passed);
  return {
    gate: 'data-quality',
    passed: failed.length === 0,
    checks,
    ...(failed.length
      ? said('checks-failed', { n: failed.length, checks: failed.map((c) => c.name).join(', ') })
      : said('checks-passed', { n: checks.length })),
  };
}

/** The candidate's held-out error and what it is compared with, each from rows it never trained on. */
interface Figures {
  cand: number | null;
  /** Why `cand` is null, as the summary. */
  missing: Said;
  /** The summary: `cand`'s figure and where it comes from. */
  candFrom: (v: number) => Said;
  /** Candidate and production on the holdout rows neither trained on; `rows` says which when not all. */
  prod: { cand: number; prod: number; rows: GateCellText | null } | null;
  /** Why candidate and production cannot be compared on this holdout, or null. */
  notComparable: NotComparable | null;
  /** The trainer's comparison with the spec baseline (the figure planning enforces). */
  trainer: TrainerBaseline | null;
  /** The registry's fallback baseline on this holdout, for versions trained without a spec baseline. */
  registryBase: { value: number; baseline: Baseline; target: string } | null;
}

function improvement(
  f: Figures,
  prod: VersionRecord | null,
  err: ErrorText,
  th: GateThresholds,
  prodError: GateCellText | null,
): GateResult {
  const metric = err.metric;
  const t = th.improvement;
  if (f.cand === null)
    return {
      gate: 'improvement',
      passed: false,
      checks: [],
      ...f.missing,
    };
  const c = f.cand;
  const checks: GateCheck[] = [];
  if (prodError)
    checks.push({
      ...named('vs-production', { metric }),
      passed: false,
      value: null,
      ...told('limit', 'comparable'),
      ...told('detail', prodError.code, prodError.params),
    });
  else if (prod && f.notComparable)
    checks.push({
      ...named('vs-production-at', { metric, version: prod.version }),
      passed: false,
      value: null,
      ...told('limit', 'comparable'),
      ...told('detail', f.notComparable.code, f.notComparable.params),
    });
  else if (f.prod && prod) {
    const { cand: cp, prod: p, rows } = f.prod;
    const gain = p > 0 ? (p - cp) / p : cp === 0 ? 0 : -Infinity;
    checks.push({
      ...named('vs-production-at', { metric, version: prod.version }),
      passed: gain >= t.minRelativeGain,
      ...versus(err.unit, cp, p, gain < 0 ? 'versus-worse' : 'versus-better', { pct: pct(gain) }),
      ...told('limit', 'gain-at-least', { pct: pct(t.minRelativeGain) }),
      ...(rows ? told('detail', rows.code, rows.params) : {}),
    });
  }
  if (f.trainer)
    checks.push({
      ...named('vs-naive-baseline', { metric }),
      passed: !t.mustBeatBaseline || f.trainer.beats,
      ...versus(err.unit, f.trainer.model, f.trainer.baseline, 'versus'),
      ...told('limit', t.mustBeatBaseline ? 'lower' : 'not-required'),
      ...told('detail', 'trainer-baseline', {
        name: f.trainer.name,
        rows: f.trainer.rows,
        ...(f.trainer.nameText ? baselineNameParams(f.trainer.nameText) : {}),
      }),
    });
  else if (f.registryBase)
    checks.push({
      ...named('vs-registry-baseline', { metric }),
      passed: !t.mustBeatBaseline || c < f.registryBase.value,
      ...versus(err.unit, c, f.registryBase.value, 'versus'),
      ...told('limit', t.mustBeatBaseline ? 'lower' : 'not-required'),
      ...baselineDetail(f.registryBase.baseline, f.registryBase.target),
    });
  else if (t.mustBeatBaseline)
    checks.push({
      ...named('vs-naive-baseline', { metric }),
      passed: false,
      value: null,
      ...told('limit', 'lower'),
      ...told('detail', 'no-baseline'),
    });
  const failed = checks.filter((x) => !x.passed);
  return {
    gate: 'improvement',
    passed: failed.length === 0,
    checks,
    ...(failed.length
      ? said('checks-failed-values', {
          checks: failed.map((x) => `${x.name}: ${x.value ?? x.detail ?? 'n/a'}`).join('; '),
        })
      : f.candFrom(c)),
  };
}

/**
 * The candidate's figure and the rows it comes from. The registry stores only the latest rows of a
 * large holdout, so training's figure (on all of it) and the gate's can differ: say which rows these are.
 */
function holdoutFigure(cand: VersionRecord, figure: GateParams, n: number, stored: boolean): Said {
  const all = cand.manifest.rows?.test ?? 0;
  if (!stored || all <= n) return said('figure-on-holdout', { ...figure, rows: n });
  const m = cand.manifest;
  const code =
    m.split === 'random'
      ? 'figure-on-part-holdout'
      : m.dateColumn
        ? 'figure-on-latest-holdout'
        : 'figure-on-last-holdout';
  return said(code, { ...figure, rows: n, all });
}

/** A gate whose evidence is missing: it does not pass, so only an override with a reason promotes. */
function notEvaluated(gate: GateResult['gate'], why: Said): GateResult {
  return { gate, passed: false, notEvaluated: true, checks: [], ...why };
}

type Said = ReturnType<typeof said>;

/** The parameters of "{model}@{version} was refit on all {n} rows", as trainedOnHoldout tells it. */
const refitParams = (v: VersionRecord) => ({ model: v.name, version: v.version, n: v.manifest.refitRows ?? 0 });

function stability(
  rows: Rows,
  eCand: number[] | null,
  eRef: number[] | null,
  ref: { production: number | null },
  err: ErrorText,
  th: GateThresholds,
): GateResult {
  const t = th.stability;
  if (!eCand) return { gate: 'stability', passed: false, checks: [], ...said('no-holdout-rows') };
  if (!eRef) return notEvaluated('stability', said('not-evaluated-no-reference'));
  const against: GateParams = ref.production === null ? {} : { version: ref.production };
  const checks: GateCheck[] = [];
  // A segment is judged against the larger of its own reference error and the reference's error
  // over the whole holdout. Where the reference is nearly exact (a baseline's share of 1 in a lane
  // that always ships one way, log-loss ~0), a difference far below any model's typical error
  // would otherwise read as a regression of many thousand per cent that no model can pass.
  const floor = mean(eRef);
  const share = (t.maxSegmentRegression * 100).toFixed(0);
  for (const col of t.segmentColumns) {
    if (!rows.some((r) => col in r)) continue;
    const groups = new Map<string, number[]>();
    rows.forEach((r, i) => {
      const k = String(r[col] ?? '(missing)');
      const a = groups.get(k) ?? [];
      a.push(i);
      groups.set(k, a);
    });
    for (const [value, idx] of groups) {
      if (idx.length < t.minSegmentRows) continue;
      const c = mean(idx.map((i) => eCand[i]!)),
        r = mean(idx.map((i) => eRef[i]!));
      const ref = Math.max(r, floor);
      const worse = ref > 0 ? (c - r) / ref : c > 0 ? Infinity : 0;
      const relative = r >= floor && r > 0;
      checks.push({
        ...named('segment', { column: col, value }),
        passed: worse <= t.maxSegmentRegression,
        ...(relative
          ? versus(err.unit, c, r, worse < 0 ? 'versus-better' : 'versus-worse', { pct: pct(worse) })
          : versus(err.unit, c, r, c >= r ? 'versus-more' : 'versus-less', { diff: round(Math.abs(c - r)) })),
        ...(relative
          ? told('limit', 'worse-at-most', { pct: share })
          : told('limit', 'version' in against ? 'allowance-production' : 'allowance-baseline', {
              ...against,
              allow: round(t.maxSegmentRegression * floor),
              pct: share,
              metric: err.metric,
              floor: round(floor),
              unit: err.unit,
            })),
        ...told('detail', 'segment-rows', { n: idx.length }),
      });
    }
  }
  const failed = checks.filter((c) => !c.passed);
  return {
    gate: 'stability',
    passed: failed.length === 0,
    checks,
    ...(checks.length === 0
      ? said('no-segment-column', { columns: t.segmentColumns.join(', '), min: t.minSegmentRows })
      : failed.length
        ? said(ref.production === null ? 'segments-worse-baseline' : 'segments-worse-production', {
            ...against,
            failed: failed.length,
            n: checks.length,
            segments: failed
              .slice(0, 3)
              .map((c) => c.name)
              .join(', '),
          })
        : said(ref.production === null ? 'segments-ok-baseline' : 'segments-ok-production', {
            ...against,
            n: checks.length,
          })),
  };
}

/** Per-row loss: absolute error (regression), −log p(true class) (classifiers). */
function rowErrors(v: VersionRecord, rows: Rows, o: Out): number[] {
  const m = v.manifest;
  if (m.classes) {
    return rows.map((r, i) => {
      const p = o.columns[`p_${String(r[m.target])}`]?.[i];
      return -Math.log(Math.min(1 - 1e-15, Math.max(1e-15, p ?? 0)));
    });
  }
  const pred = o.columns[m.outputs[0]!]!;
  return rows.map((r, i) => Math.abs(Number(r[m.target]) - pred[i]!));
}

const isMissing = (v: Cell) => v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
