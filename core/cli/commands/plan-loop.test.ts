import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../../checker/check';
import type { Plan } from '../../domain/plan';
import { appRoot } from '../../host/paths';
import { generateScenario } from '../../synth/scenario';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-cli-loop-'));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(appRoot(), 'bin', 'rakeplan.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, RAKEPLAN_DATA_DIR: path.join(dir, 'data') },
  });
const read = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8')) as Plan;
const write = (name: string, v: unknown) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, JSON.stringify(v));
  return f;
};

describe('rakeplan plan edit / plan --base', () => {
  const sc = generateScenario({ seed: 5, size: 'day' });
  const scFile = write('s.json', sc);
  const planFile = path.join(dir, 'plan.json');

  it('edits: a move is priced and passes (exit 0); a rule-breaking edit names the rule (exit 1); a bad edit names its field', () => {
    const planned = run('plan', '--scenario', scFile, '--out', planFile, '--time-limit', '8');
    expect(planned.status, planned.stderr).toBe(0);
    const plan = read(planFile);
    const [a, b] = plan.rakes;
    expect(b, 'the day scenario plans at least two rakes').toBeDefined();
    const line = a!.lines[0]!;
    const out = path.join(dir, 'edited.json');
    const ok = run(
      'plan',
      'edit',
      '--scenario',
      scFile,
      '--plan',
      planFile,
      '--edits',
      write('e1.json', [{ op: 'move', order: line.order, from: `rake:${a!.rakeId}`, to: 'unserved' }]),
      '--out',
      out,
    );
    const edited = read(out);
    expect(edited.summary.totalCost).not.toBeCloseTo(plan.summary.totalCost, 0);
    expect(ok.stdout).toMatch(/1 edit\(s\): total ₹[\d,]+ \((\+|−)₹[\d,]+, [+−]\d+\.\d\d %\)/);
    expect(checkPlan(sc, edited).ok).toBe(ok.status === 0);
    // A loading starting before its rake is placed breaks rule 5.
    const early = new Date(Date.parse(a!.placement) - 6 * 3_600_000).toISOString();
    const bad = run(
      'plan',
      'edit',
      '--scenario',
      scFile,
      '--plan',
      planFile,
      '--edits',
      write('e2.json', [{ op: 'rake', rake: a!.rakeId, loadingStart: early }]),
      '--out',
      out,
    );
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(new RegExp(`checker: rule 5 — rake ${a!.rakeId}: loading starts`));
    const unreadable = run(
      'plan',
      'edit',
      '--scenario',
      scFile,
      '--plan',
      planFile,
      '--edits',
      write('e3.json', [{ op: 'move', order: line.order, from: 'lorry', to: 'unserved' }]),
      '--out',
      out,
    );
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toMatch(/e3\.json: error at \[0\]\.from/);
  }, 120_000);

  it('--base keeps the locked rakes exactly, lists the changes and passes the checker of the disrupted scenario', () => {
    const plan = read(planFile);
    const lockedIds = plan.rakes.slice(0, 2).map((r) => r.rakeId);
    const base = { ...plan, rakes: plan.rakes.map((r) => (lockedIds.includes(r.rakeId) ? { ...r, locked: true } : r)) };
    const victim = plan.rakes.find((r) => !lockedIds.includes(r.rakeId));
    const disruptions = victim ? [{ kind: 'rake-delayed', rake: victim.rakeId, hours: 10 }] : [];
    const out = path.join(dir, 'replanned.json');
    const res = run(
      'plan',
      '--scenario',
      scFile,
      '--base',
      write('base.json', base),
      '--disruptions',
      write('d.json', disruptions),
      '--stability',
      '1000000000',
      '--out',
      out,
      '--time-limit',
      '9',
    );
    expect(res.status, res.stderr + res.stdout).toBe(0);
    const re = read(out);
    for (const id of lockedIds)
      expect(re.rakes.find((r) => r.rakeId === id)).toEqual(base.rakes.find((r) => r.rakeId === id));
    expect(res.stdout).toMatch(/re-plan \(keep[^)]*\): total ₹[\d,]+; \d+ rake\(s\) changed, \d+ forced/);
    expect(res.stdout).toMatch(/checker: OK/);
    expect(re.stability!.changedRakes).toBeLessThanOrEqual(re.stability!.forcedRakes);
    if (victim) {
      expect(res.stdout).toMatch(new RegExp(`changed rake ${victim.rakeId}: (moved|retimed|removed) \\(forced\\)`));
      // The disrupted scenario is written beside the plan, and the plan checks against it.
      const disrupted = path.join(dir, 'replanned.scenario.json');
      expect(res.stdout).toContain(`the disrupted scenario this plan obeys: ${disrupted}`);
      const checked = run('check', '--scenario', disrupted, '--plan', out);
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    }
    const bad = run(
      'plan',
      '--scenario',
      scFile,
      '--base',
      planFile,
      '--disruptions',
      write('d2.json', [{ kind: 'rake-delayed', rake: 'NOPE', hours: 3 }]),
      '--out',
      out,
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/disruptions\[0\] \(rake-delayed\): rake NOPE is not in the scenario/);
  }, 180_000);

  it("a robust plan's edits are priced and checked on P90 transit, as it was made", () => {
    const robustFile = path.join(dir, 'robust.json');
    const made = run('plan', '--scenario', scFile, '--out', robustFile, '--robust', '--time-limit', '6');
    expect(made.status, made.stderr).toBe(0);
    const robust = read(robustFile);
    expect(robust.planning?.mode).toBe('robust');
    const out = path.join(dir, 'robust-locked.json');
    const lock = run(
      'plan',
      'edit',
      '--scenario',
      scFile,
      '--plan',
      robustFile,
      '--edits',
      write('lock.json', [{ op: 'lock', target: `rake:${robust.rakes[0]!.rakeId}` }]),
      '--out',
      out,
    );
    // A lock changes no decision: the same cost, and the plan still passes as a robust plan.
    expect(lock.status, lock.stdout + lock.stderr).toBe(0);
    expect(read(out).summary.totalCost).toBeCloseTo(robust.summary.totalCost, 2);
    const checked = run('check', '--scenario', scFile, '--plan', out);
    expect(checked.status, checked.stdout).toBe(0);
  }, 120_000);
});
