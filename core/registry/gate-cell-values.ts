import { told, type GateCellText } from '../contract/gate-cells';
import type { GateParams } from '../contract/gate-text';
import type { Baseline } from './baseline';

// The gates' cells that compare errors or name a baseline, as codes and params (core/contract/gate-cells.ts).

/** A figure as the gates write it: three decimals at most. */
export const round = (v: number) => Math.round(v * 1000) / 1000;

/** A per cent with one decimal, as the checks write a gain or loss: "3.2". */
export const pct = (share: number) => (Math.abs(share) * 100).toFixed(1);

/** A check's value comparing two errors, with the target's unit as `{unit}` (gate-text.ts unitParam). */
export const versus = (
  unit: string,
  cand: number,
  ref: number,
  code: 'versus' | 'versus-better' | 'versus-worse' | 'versus-more' | 'versus-less',
  more: GateParams = {},
) => told('value', code, { cand: round(cand), ref: round(ref), unit, ...more });

/**
 * The registry baseline's description as a detail: written from the baseline itself, and as its
 * stored words where they are not one of the known descriptions.
 */
export function baselineDetail(b: Baseline, target: string): { detail: string; detailText?: GateCellText } {
  const by: GateParams = b.segment ? { column: b.segment.column } : {};
  const smoothed = b.description.startsWith('smoothed');
  const cell =
    b.kind === 'mean'
      ? told('detail', b.segment ? 'baseline-mean-by' : 'baseline-mean', { target, ...by })
      : told(
          'detail',
          smoothed
            ? b.segment
              ? 'baseline-smoothed-shares-by'
              : 'baseline-smoothed-shares'
            : b.segment
              ? 'baseline-shares-by'
              : 'baseline-shares',
          by,
        );
  return cell.detail === b.description ? cell : { detail: b.description };
}

/**
 * The registry baseline's name as a reason's parameters: its English description as `name`, and
 * the detail cell it reads as (`nameCell`, with that cell's params) where it is a known one, for
 * the interface to word. Written from the stored baseline, so a version stored before reads too.
 */
export function registryBaselineParams(b: Baseline, target: string): GateParams {
  const d = baselineDetail(b, target);
  return { name: d.detail, ...(d.detailText ? { nameCell: d.detailText.code, ...d.detailText.params } : {}) };
}
