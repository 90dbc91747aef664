/**
 * `npm run bench:scenarios`: how long the data layer takes at the sizes the planner meets —
 * generating each scenario size, two years of history, the first-launch demo seed (scenario +
 * history inserts in one transaction), loading a scenario, importing a 10,000-row orders CSV and
 * exporting the large scenario to Excel. Results: stdout + bench/results/scenarios.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract } from '../core/contract';
import { HostApp } from '../core/host/app';
import { createServices } from '../core/host/services';
import { writeCsv } from '../core/csv/write';
import { writeTable } from '../core/importexport/table-io';
import { SCENARIO_TABLES } from '../core/domain/scenario-tables';
import { registerScenarios } from '../core/scenarios/handlers';
import { seedDemoIfEmpty } from '../core/scenarios/seed';
import { generateHistory } from '../core/synth/history';
import { generateScenario } from '../core/synth/scenario';

const results: Record<string, number> = {};
async function time<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await fn();
  results[name] = Math.round(performance.now() - t);
  console.log(`${name.padEnd(44)} ${String(results[name]).padStart(7)} ms`);
  return out;
}

async function main() {
  for (const size of ['day', 'week', 'large'] as const)
    await time(`generateScenario ${size}`, () => generateScenario({ seed: 1, size }));
  const h = await time('generateHistory 730 days', () => generateHistory({ seed: 1, days: 730 }));
  console.log(
    `  rows: ${Object.entries(h)
      .map(([k, v]) => `${k} ${v.length}`)
      .join(', ')}`,
  );

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-bench-'));
  const s = createServices({ dataDir: dir, mode: 'test' });
  const app = new HostApp(contract);
  registerScenarios(app, s);
  await time('seedDemoIfEmpty (week + 730 days history)', () => seedDemoIfEmpty(s.requireDb()));
  const [demo] = await app.invoke('scenarios.list', {});
  if (!demo) throw new Error('bench: seedDemoIfEmpty left no scenario to read');
  await time('scenarios.get (week)', () => app.invoke('scenarios.get', { id: demo.id }));

  const large = generateScenario({ seed: 1, size: 'large' });
  const big = Array.from({ length: 10_000 }, (_, i) => ({ ...large.orders[i % large.orders.length], id: `B-${i}` }));
  const csv = writeCsv(writeTable(SCENARIO_TABLES.orders, big));
  const id = (
    await app.invoke('scenarios.import', {
      fileName: 'large.json',
      dataBase64: Buffer.from(JSON.stringify(large)).toString('base64'),
    })
  ).scenarioId!;
  const r = await time('import 10,000-row orders CSV (replace)', () =>
    app.invoke('scenarios.import', {
      id,
      table: 'orders',
      fileName: 'o.csv',
      dataBase64: Buffer.from(csv).toString('base64'),
      mode: 'replace',
    }),
  );
  if (r.status !== 'imported') throw new Error(`bench import rejected: ${JSON.stringify(r.rejected.slice(0, 3))}`);
  await time('scenarios.get (10,000 orders)', () => app.invoke('scenarios.get', { id }));
  await time('export scenario xlsx (10,000 orders)', () => app.invoke('scenarios.export', { id, format: 'xlsx' }));
  s.close();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(
    'bench/results/scenarios.json',
    JSON.stringify(
      { at: new Date().toISOString(), cpus: os.cpus().length, loadavg: os.loadavg(), ms: results },
      null,
      2,
    ),
  );
}

void main();
