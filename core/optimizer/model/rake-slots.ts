import { inWorkingHours, nextWorkingStart, type Prep } from '../prep';
import type { ModelOptions } from './types';

/**
 * Where and when rake r may start loading (the time discretisation): at its placement (or the
 * horizon start) and every `slotH` up to `maxWaitH` later, plus the warm start's own times, at
 * sidings handling its wagons, with the full-rake loading inside working hours. Where the siding
 * has closed windows (an outage, the time before "now"), the same grid also runs from the first
 * start clear of them: a rake waiting out an outage still has slots after it.
 */
export function rakeSlots(p: Prep, r: number, opts: ModelOptions): Array<{ lp: string; startH: number; durH: number }> {
  const pr = p.rakes[r]!;
  const out: Array<{ lp: string; startH: number; durH: number }> = [];
  for (const lp of p.lps.values()) {
    if (!lp.wagonTypes.includes(pr.rake.wagonType)) continue;
    const dur = pr.capT / lp.loadingRateTph;
    const from = Math.max(0, pr.placeH);
    const starts: number[] = [];
    const add = (t: number) => {
      if (!starts.some((x) => Math.abs(x - t) < 1e-6)) starts.push(t);
    };
    const grid = (a: number) => {
      add(a);
      for (
        let t = Math.ceil((a + 1e-9) / opts.slotH) * opts.slotH;
        t <= a + opts.maxWaitH && t < p.horizonH;
        t += opts.slotH
      )
        add(t);
    };
    grid(from);
    const clear = p.blocked?.has(lp.code) ? nextWorkingStart(p, lp, from, dur) : null;
    if (clear !== null && clear > from + 1e-9 && clear < p.horizonH) grid(clear);
    for (const e of opts.extraStarts ?? []) if (e.r === r && e.lp === lp.code && e.startH >= from - 1e-9) add(e.startH);
    for (const s of starts) {
      if (s + dur > p.horizonH + 1e-9 || !inWorkingHours(p, lp, s, s + dur)) continue;
      out.push({ lp: lp.code, startH: s, durH: dur });
    }
  }
  return out;
}
