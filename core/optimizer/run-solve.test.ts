import { afterAll, describe, expect, it } from 'vitest';
import { checkPlan } from '../checker/check';
import { generateScenario } from '../synth/scenario';
import { spareReady } from '../workers/warm-pool';
import { prewarmSolver, startSolve } from './run-solve';

let release: () => void = () => {};
afterAll(() => release());

describe('startSolve on the pre-warmed solve worker', () => {
  it('solves a day scenario on the warm spare twice, a fresh spare each time', async () => {
    release = prewarmSolver();
    const sc = generateScenario({ seed: 1, size: 'day' });
    for (let i = 0; i < 2; i++) {
      expect(await spareReady('solve')).toBe(true);
      const out = await startSolve(sc, { timeLimitS: 4, gap: 0.01 }).result;
      expect(out.warmWorker).toBe(true);
      expect(checkPlan(sc, out.plan).violations).toEqual([]);
    }
  });
});
