import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import { ensureHostBuilt } from './host-child';
import { importWorkload } from './import-workload';
import { planWorkload } from './plan-workload';
import { promoteWorkload } from './promote-workload';
import { trainingWorkload } from './training-workload';
import { runTrials, type TrialReport, type Workload } from './trials';

/**
 * SIGKILL crash trials against the real host child process (dist/host/utility.js). A few per
 * workload here; `npm run test:reliability` runs 50 of each (RAKEPLAN_CRASH_TRIALS=50).
 */
const TRIALS = Number(process.env.RAKEPLAN_CRASH_TRIALS ?? 0);
const log = process.env.RAKEPLAN_CRASH_LOG ? (l: string) => console.log(l) : undefined;

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  ensureHostBuilt();
  tmp = tempDir('rakeplan-crash-');
});
afterAll(() => tmp.cleanup());

async function trial<L>(w: Workload<L> | ((dir: string) => Workload<L>), sub: string, n: number): Promise<TrialReport> {
  const dir = path.join(tmp.dir, sub);
  const r = await runTrials(typeof w === 'function' ? w(dir) : w, dir, n, { log });
  console.log(
    `crash trials — ${r.workload}: ${r.trials} trials (${r.killedMidCall} killed mid-call), ${r.losses} losses, ${r.problems.length} problems`,
  );
  return r;
}

describe('crash safety under SIGKILL', () => {
  it('(a) scenario import: nothing acknowledged lost, nothing half-imported', async () => {
    const r = await trial(importWorkload, 'import', TRIALS || 2);
    expect(r.problems).toEqual([]);
    expect(r.losses).toBe(0);
  }, 1_800_000);

  it('(b) saving a plan: every acknowledged plan reads back whole', async () => {
    const r = await trial(planWorkload, 'plans', TRIALS || 2);
    expect(r.problems).toEqual([]);
    expect(r.losses).toBe(0);
  }, 1_800_000);

  it('(c) training and writing a model: interrupted jobs failed with a reason, no half-written model', async () => {
    const r = await trial(trainingWorkload, 'training', TRIALS || 1);
    expect(r.problems).toEqual([]);
    expect(r.losses).toBe(0);
  }, 3_600_000);

  it('(d) promoting a model: production is an acknowledged version and loads', async () => {
    const r = await trial(promoteWorkload, 'promote', TRIALS || 2);
    expect(r.problems).toEqual([]);
    expect(r.losses).toBe(0);
  }, 1_800_000);
});
