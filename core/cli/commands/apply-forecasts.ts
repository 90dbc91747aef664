import fs from 'node:fs';
import type { ApplyForecastsResult } from '../../contract/api/forecasts';
import type { HostApp } from '../../host/app';
import type { Contract } from '../../contract';
import { writeFileAtomic } from '../../storage/atomic-write';
import { bool, CliUsageError, str, type ParsedArgs } from '../args';
import type { CliEnv } from '../command';
import { checkOutFile } from '../out-file';

export const APPLY_FORECASTS_USAGE = `rakeplan scenario apply-forecasts --scenario s.json --out s2.json [--demo]   (or: apply-forecasts ID [--demo] for a saved scenario, updated in place)`;

const show = (v: string | number) => (typeof v === 'number' ? String(v) : v.replace('T', ' '));

function printResult(r: ApplyForecastsResult, env: CliEnv): void {
  const by = new Map<string, number>();
  for (const s of r.sources) by.set(`${s.field} ← ${s.source}`, (by.get(`${s.field} ← ${s.source}`) ?? 0) + 1);
  for (const [k, n] of by) env.out(`${k}: ${n}`);
  const whys = new Set(r.sources.filter((s) => s.why).map((s) => `${s.field}: ${s.why}`));
  for (const w of whys) env.out(`  ${w}`);
  env.out(`${r.changes.length} figure(s) changed:`);
  for (const c of r.changes.slice(0, 40))
    env.out(`  ${c.field} ${c.entity}: ${show(c.before)} → ${show(c.used)}  (${c.source})`);
  if (r.changes.length > 40) env.out(`  … and ${r.changes.length - 40} more (all in the scenario's sources table)`);
}

/** "Update from forecasts" from the command line: a scenario file to a new file, or a saved scenario in place. */
export async function runApplyForecasts(
  args: ParsedArgs,
  env: CliEnv,
  app: HostApp<Contract>,
  id: string | undefined,
): Promise<number> {
  const demo = bool(args, 'demo');
  if (id) {
    const r = await app.invoke('forecasts.apply', { scenarioId: id, demo, save: true });
    printResult(r, env);
    env.out(`saved into scenario ${id}`);
    return 0;
  }
  const file = str(args, 'scenario');
  const out = str(args, 'out');
  if (!file || !out) throw new CliUsageError("give --scenario FILE and --out FILE, or a saved scenario's id");
  checkOutFile(out, { '--scenario': file });
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    env.err(`Cannot read scenario ${file}: ${(err as Error).message}`);
    return 1;
  }
  const r = await app.invoke('forecasts.apply', { scenario: raw, demo });
  writeFileAtomic(out, JSON.stringify(r.scenario, null, 2));
  printResult(r, env);
  env.out(`wrote ${out}`);
  return 0;
}
