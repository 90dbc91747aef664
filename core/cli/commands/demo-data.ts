import fs from 'node:fs';
import path from 'node:path';
import { HISTORY_TABLES, type HistoryTable } from '../../domain/history';
import { writeCsv } from '../../csv/write';
import { generateHistory } from '../../synth/history';
import { generateScenario, SCENARIO_SIZES, type ScenarioSize } from '../../synth/scenario';
import { CliUsageError, num, str } from '../args';
import type { CliCommand } from '../command';
import { writeFileAtomic } from '../../storage/atomic-write';
import { SYNTHETIC_MARK_FILE } from '../../scenarios/history-import';
import { tonnes } from '../../domain/figures';

/** Written first into every folder demo-data fills: the files beside it may be generated again. */
const DEMO_MARK_FILE = 'demo-data.json';

export const demoDataCommand: CliCommand = {
  name: 'demo-data',
  summary: 'Write a synthetic Bokaro-like scenario (JSON) and its plant history (one CSV per table)',
  usage: 'rakeplan demo-data [--seed N] [--size day|week|large] [--history-days D] --out DIR',
  async run(args, env) {
    const seed = num(args, 'seed', 1)!;
    const size = (str(args, 'size') ?? 'day') as ScenarioSize;
    const days = num(args, 'history-days', 730)!;
    const out = str(args, 'out', true)!;
    if (!Number.isInteger(seed) || seed < 0) throw new CliUsageError(`--seed must be a whole number ≥ 0, got ${seed}`);
    if (!(size in SCENARIO_SIZES)) throw new CliUsageError(`--size must be day, week or large, got '${size}'`);
    if (!Number.isInteger(days) || days < 0 || days > 3650)
      throw new CliUsageError(`--history-days must be a whole number from 0 to 3650, got ${days}`);
    // A folder of the plant's own files (no demo-data mark beside them) is never written over.
    const ours = ['scenario.json', ...Object.keys(HISTORY_TABLES).map((t) => `${t}.csv`)];
    const present = ours.filter((f) => fs.existsSync(path.join(out, f)));
    const marked = [DEMO_MARK_FILE, SYNTHETIC_MARK_FILE].some((m) => fs.existsSync(path.join(out, m)));
    if (present.length && !marked)
      throw new CliUsageError(
        `${out} already holds ${present.join(', ')}, not written by demo-data (no ${DEMO_MARK_FILE}); give another --out`,
      );
    fs.mkdirSync(out, { recursive: true });
    writeFileAtomic(path.join(out, DEMO_MARK_FILE), JSON.stringify({ seed, size, historyDays: days }));
    const scenario = generateScenario({ seed, size });
    const scenarioFile = path.join(out, 'scenario.json');
    writeFileAtomic(scenarioFile, JSON.stringify(scenario, null, 2));
    const orderedT = scenario.orders.reduce((s, o) => s + o.quantityT, 0);
    env.out(
      `${scenarioFile}: ${scenario.orders.length} orders (${tonnes(orderedT)}), ${scenario.rakes.length} rakes, ${scenario.horizon.days}-day horizon from ${scenario.horizon.start}`,
    );
    if (days > 0) {
      const history = generateHistory({ seed, days, plantSize: SCENARIO_SIZES[size].plant });
      for (const table of Object.keys(HISTORY_TABLES) as HistoryTable[]) {
        const cols = Object.keys((HISTORY_TABLES[table] as unknown as { shape: object }).shape);
        const rows = history[table] as unknown as Record<string, string | number | null>[];
        const file = path.join(out, `${table}.csv`);
        writeFileAtomic(file, writeCsv([cols, ...rows.map((r) => cols.map((c) => r[c] ?? null))]));
        env.out(`${file}: ${rows.length} rows`);
      }
      // `rakeplan history import` reads this and keeps the tables synthetic: demo data never passes for the plant's.
      writeFileAtomic(path.join(out, SYNTHETIC_MARK_FILE), JSON.stringify({ seed, days }));
    }
    return 0;
  },
};
