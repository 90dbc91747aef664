// The stability gate: per segment (destination, product, lane…), the candidate no worse than production
// or the baseline by more than the limit; and the result of a gate whose evidence is missing.
import type { GateCheck, GateResult, GateThresholds } from '../contract/api/registry';
import { told } from '../contract/gate-cells';
import { named, said, type GateParams } from '../contract/gate-text';
import { pct, round, versus } from './gate-cell-values';
import { mean, type ErrorText } from './gate-errors';
import type { Rows, Said } from './gate-types';

/** A gate whose evidence is missing: it does not pass, so only an override with a reason promotes. */
export function notEvaluated(gate: GateResult['gate'], why: Said): GateResult {
  return { gate, passed: false, notEvaluated: true, checks: [], ...why };
}

export function stability(
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
