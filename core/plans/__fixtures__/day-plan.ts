import type { Plan } from '../../domain/plan';
import type { Scenario } from '../../domain/scenario';
import { optimize } from '../../optimizer/optimize';
import { generateScenario } from '../../synth/scenario';
import type { SolveFn } from '../replan';

/** Small solves: the re-planning tests assert what holds for any plan the optimizer returns, however good. */
export const solve: SolveFn = async (sc, closures) => (await optimize(sc, { timeLimitS: 4, closures })).plan;

let dayCache: Promise<{ sc: Scenario; plan: Plan }> | null = null;
/** A day's generated scenario and its plan, solved once per test file. */
export function dayPlan(): Promise<{ sc: Scenario; plan: Plan }> {
  dayCache ??= (async () => {
    const sc = generateScenario({ seed: 3, size: 'day' });
    return { sc, plan: await solve(sc) };
  })();
  return dayCache;
}
