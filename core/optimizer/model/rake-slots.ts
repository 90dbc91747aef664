import { inWorkingHours, type Prep } from '../prep';
import type { ModelOptions } from './types';

/**
 * Where and when rake r may start loading (the time discretisation): at its placement (or the
 * horizon start) and every `slotH` up to `maxWaitH` later, plus the warm start's own times, at
 * sidings handling its wagons, with the full-rake loading inside working hours.
 */
export function rakeSlots(p: Prep, r: number, opts: ModelOptions): Array<{ lp: string; startH: number; durH: number }> {
  const pr = p.rakes[r]!;
  const out: Array<{ lp: string; startH: number; durH: number }> = [];
  for (const lp of p.lps.values()) {
    if (!lp.wagonTypes.includes(pr.rake.wagonType)) continue;
    const dur = pr.capT / lp.loadingRateTph;
    const from = Math.max(0, pr.placeH);
    const starts = [from];
    for (
      let t = Math.ceil((from + 1e-9) / opts.slotH) * opts.slotH;
      t <= from + opts.maxWaitH && t < p.horizonH;
      t += opts.slotH
    )
      starts.push(t);
    for (const e of opts.extraStarts ?? [])
      if (
        e.r === r &&
        e.lp === lp.code &&
        e.startH >= from - 1e-9 &&
        !starts.some((t) => Math.abs(t - e.startH) < 1e-6)
      )
        starts.push(e.startH);
    for (const s of starts) {
      if (s + dur > p.horizonH + 1e-9 || !inWorkingHours(p, lp, s, s + dur)) continue;
      out.push({ lp: lp.code, startH: s, durH: dur });
    }
  }
  return out;
}
