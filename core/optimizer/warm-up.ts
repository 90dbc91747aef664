import { generateScenario } from '../synth/scenario';
import { solveLp } from './highs-driver';
import { buildModel } from './model';
import { prepare } from './prep';

/** Seconds of the throwaway solve. */
const WARM_UP_S = 2;
/** A generated day scenario no benchmark or test plans, so the warm-up never pre-solves their work. */
const WARM_UP_SEED = 9001;

/**
 * A throwaway solve so V8 has tiered up HiGHS' hot WASM paths (presolve, simplex, separation,
 * heuristics) before the planner's first solve. A toy LP warms too little: the first day-size
 * solve after one is much slower than the next; after two seconds on a real day-size model it is
 * as fast (bench/RESULTS.md, "HiGHS in WebAssembly").
 */
export async function warmUp(): Promise<void> {
  const b = buildModel(prepare(generateScenario({ size: 'day', seed: WARM_UP_SEED })));
  await solveLp(b.lp, b.lp.toLp(), { timeLimitS: WARM_UP_S, gap: 0.001 });
}
