import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../host/paths';
import { tinyInput } from './__fixtures__/tiny';

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
    // A siding outage the plan carries (a re-plan's) over one of its loadings: rule 5, as in the app.
    const r0 = plan.rakes[0];
    const closed = { ...plan, outages: [{ loadingPoint: r0.loadingPoint, from: r0.loadingStart, to: r0.loadingEnd }] };
    fs.writeFileSync(out, JSON.stringify(closed));
    const inOutage = run('check', '--scenario', sc, '--plan', out);
    expect(inOutage.status).toBe(1);
    expect(inOutage.stdout).toMatch(new RegExp(`rule 5 — rake ${r0.rakeId}: .*inside its outage`));
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

  it('keeps the plan just solved when the data directory cannot be opened for the production forecast', () => {
    const sc = path.join(dir, 's-damaged.json');
    fs.writeFileSync(sc, JSON.stringify(tinyInput()));
    const data = path.join(dir, 'damaged');
    fs.mkdirSync(data, { recursive: true });
    fs.writeFileSync(path.join(data, 'rakeplan.db'), 'not a database'.repeat(100));
    const out = path.join(dir, 'plan-damaged.json');
    const r = spawnSync(
      process.execPath,
      [path.join(appRoot(), 'bin', 'rakeplan.js'), 'plan', '--scenario', sc, '--out', out, '--time-limit', '5'],
      { encoding: 'utf8', env: { ...process.env, RAKEPLAN_DATA_DIR: data } },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: the demand forecast for the production suggestion failed .*; the plan is kept/);
    const plan = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(plan.notes).toContainEqual(
      expect.stringMatching(/^Production suggestion from open orders only: the demand forecast failed/),
    );
  });

  it('refuses options of another plan mode instead of ignoring them', () => {
    const r = run('plan', '--scenario', 'x.json', '--plan', 'p.json', '--edits', 'e.json', '--out', 'o.json');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--plan, --edits do not apply to `rakeplan plan`/);
    const b = run('plan', '--scenario', 'x.json', '--base', 'b.json', '--robust', '--out', 'o.json');
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/--robust does not apply to `rakeplan plan --base`/);
  });
});
