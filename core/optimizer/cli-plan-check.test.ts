import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRoot } from '../host/paths';
import { tinyInput } from './__fixtures__/tiny';

// `rakeplan plan` / `rakeplan check` end to end through the built CLI and the solve worker.
beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs', '--node-only'], { cwd: appRoot() });
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-cli-'));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(appRoot(), 'bin', 'rakeplan.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, RAKEPLAN_DATA_DIR: path.join(dir, 'data') },
  });

describe('rakeplan plan / check', () => {
  it('plans, exports the LP, checks OK; a corrupted plan exits 1 listing the violation', () => {
    const sc = path.join(dir, 's.json');
    fs.writeFileSync(sc, JSON.stringify(tinyInput()));
    const out = path.join(dir, 'plan.json');
    const lp = path.join(dir, 'model.lp');
    const planned = run('plan', '--scenario', sc, '--out', out, '--time-limit', '10', '--export-lp', lp);
    expect(planned.status, planned.stderr).toBe(0);
    expect(planned.stdout).toMatch(/saving ₹/);
    const plan = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(plan.format).toBe('rakeplan.plan/1');
    expect(fs.readFileSync(lp, 'utf8')).toMatch(/Minimize/);
    const ok = run('check', '--scenario', sc, '--plan', out);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^OK/);
    plan.summary.totalCost *= 0.9;
    fs.writeFileSync(out, JSON.stringify(plan));
    const bad = run('check', '--scenario', sc, '--plan', out);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/rule 7 — summary\.totalCost/);
  });

  it('names the file and field of a bad scenario', () => {
    const input = tinyInput();
    input.orders[1]!.quantityT = -3;
    const sc = path.join(dir, 'bad.json');
    fs.writeFileSync(sc, JSON.stringify(input));
    const res = run('plan', '--scenario', sc, '--out', path.join(dir, 'x.json'));
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/bad\.json: error at orders\[1\]\.quantityT/);
  });
});
