import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../domain/plan';
import type { Scenario } from '../../domain/scenario';
import { parseArgs } from '../args';
import type { CliCommand } from '../command';
import { COMMAND_OPTIONS } from '../options';
import { COMMANDS } from './index';

// The whole loop from the command line, from a fresh data directory: demo data with history →
// history import → train, register and promote the six models → update the scenario from the
// forecasts → plan → check. The history is demo-data's, so the loop asks for the demo (--demo). Each command runs as `rakeplan` runs it (parsed options, its own
// host on the data directory), in this process: a fresh Node per command would cost more than
// the work. Sizes are small so it runs in seconds.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-cli-forecasts-'));
const run = async (name: string, ...args: string[]) => {
  const cmd: CliCommand = COMMANDS.find((c) => c.name === name)!;
  const out: string[] = [];
  const err: string[] = [];
  const code = await cmd.run(parseArgs(args, COMMAND_OPTIONS[name] ?? {}), {
    dataDir: path.join(dir, 'data'),
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  expect(code, `rakeplan ${name} ${args.join(' ')}\n${out.join('\n')}\n${err.join('\n')}`).toBe(0);
  return out.join('\n');
};
const MODELS = ['transit-delay', 'loading-throughput', 'rake-availability', 'demand', 'freight-cost', 'transport-mode'];
const FEEDS = {
  railTransitH: 'transit-delay',
  loadingRateTph: 'loading-throughput',
  expectedPlacement: 'rake-availability',
} as const;

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('forecasts drive the plan, from the command line', () => {
  it('trains and promotes the six models, updates a scenario with named sources, plans it with risk, and the checker passes', async () => {
    const demo = path.join(dir, 'demo');
    await run('demo-data', '--seed', '2', '--size', 'day', '--history-days', '120', '--out', demo);
    await run('history', 'import', demo);
    // demo-data's history is imported as what it is: synthetic, feeding only what asks for the demo.
    expect(await run('history', 'info')).toMatch(/the demo's synthetic history \(seed 2, 120 days\), not the plant's/);
    for (const m of MODELS) await run('train', '--spec', m, '--rounds', '15');
    for (const m of MODELS) {
      const [version] = fs.readdirSync(path.join(dir, 'data', 'models', m));
      await run('models', 'register', path.join(dir, 'data', 'models', m, version!));
      // Gates judge a 120-day history harshly (no year-ago lags): the override is recorded.
      await run('models', 'promote', `${m}@1`, '--override', 'small test history');
    }
    const beats: Record<string, boolean | null> = {};
    for (const m of MODELS) {
      const v = JSON.parse(await run('models', 'show', `${m}@1`, '--json')) as {
        baselineMetrics: { beats: boolean } | null;
      };
      beats[m] = v.baselineMetrics?.beats ?? null;
    }
    // Shown with what it learned from, and its errors in the target's unit.
    const shown = await run('models', 'show', 'transit-delay@1');
    expect(shown).toMatch(/trained on .* — synthetic demo history: feeds only the demo \(--demo\)/);
    expect(shown).toMatch(/holdout MAE [\d.]+ h · RMSE [\d.]+ h · WAPE [\d.]+ % · R²/);
    // No model trained on it, and no baseline fitted on the same rows, changes a real scenario.

    const real = path.join(dir, 'real.json');
    await run('scenario', 'apply-forecasts', '--scenario', path.join(demo, 'scenario.json'), '--out', real);
    const refused = (JSON.parse(fs.readFileSync(real, 'utf8')) as Scenario).sources ?? [];
    expect(refused.filter((r) => r.source.startsWith('model '))).toEqual([]);
    expect(refused.some((r) => /trained on synthetic demo history/.test(r.why ?? ''))).toBe(true);
    expect(refused.filter((r) => r.source.startsWith('baseline '))).toEqual([]);

    const s2 = path.join(dir, 's2.json');
    const applied = await run(
      'scenario',
      'apply-forecasts',
      '--scenario',
      path.join(demo, 'scenario.json'),
      '--out',
      s2,
      '--demo',
    );
    expect(applied).toMatch(/figure\(s\) changed/);
    const sc = JSON.parse(fs.readFileSync(s2, 'utf8')) as Scenario;
    expect(sc.format).toBe('rakeplan.scenario/1');
    for (const [field, model] of Object.entries(FEEDS)) {
      const rows = sc.sources!.filter((s) => s.field === field);
      expect(rows.length, field).toBeGreaterThan(0);
      // The model where it beats its baseline; else the baseline, named as such, and why.
      for (const r of rows) {
        if (beats[model]) expect(r.source, `${field} ${r.entity}`).toBe(`model ${model}@1`);
        else
          expect([r.source, r.why]).toEqual([`baseline ${model}`, expect.stringMatching(/does not beat its baseline/)]);
      }
    }
    expect(Object.values(FEEDS).some((m) => beats[m])).toBe(true);

    const planFile = path.join(dir, 'plan.json');
    await run('plan', '--scenario', s2, '--out', planFile, '--time-limit', '3', '--demo');
    const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as Plan;
    expect(plan.rakes.length).toBeGreaterThan(0);
    for (const r of plan.rakes) {
      expect(r.onTimeP, r.rakeId).toBeGreaterThanOrEqual(0);
      expect(r.onTimeP!).toBeLessThanOrEqual(1);
    }
    expect(plan.summary.expectedLatenessP90Rs).toBeGreaterThanOrEqual(plan.summary.expectedLatenessP50Rs!);
    expect(plan.inputSources).toEqual(sc.sources);
    // The production suggestion looked 14 days ahead with the imported history's demand model.
    expect(plan.notes.join('\n')).toMatch(/includes the 14-day demand forecast \((model demand@1|baseline demand)/);
    for (const p of plan.production.filter((x) => /forecast demand/.test(x.because)))
      expect(p.because).toMatch(/model demand@1|baseline demand/);
    expect(await run('check', '--scenario', s2, '--plan', planFile)).toMatch(/^OK/);

    const robustFile = path.join(dir, 'robust.json');
    await run('plan', '--scenario', s2, '--out', robustFile, '--time-limit', '3', '--robust', '--demo');
    expect((JSON.parse(fs.readFileSync(robustFile, 'utf8')) as Plan).planning!.mode).toBe('robust');
    expect(await run('check', '--scenario', s2, '--plan', robustFile)).toMatch(/OK/);

    const indent = path.join(dir, 'indent.csv');
    expect(await run('indent', '--scenario', s2, '--out', indent, '--demo')).toMatch(
      /demand forecast: (model demand@1|baseline demand)/,
    );
    expect([...fs.readFileSync(indent).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // A ceiling for a machine shared with other work, not a speed claim (that is measured in bench/).
  }, 180_000);
});
