import type { ImportResult, ScenarioDetail, ScenarioSummary } from '../../../core/contract/api/scenarios';
import { SCENARIO_TABLES, tableRows } from '../../../core/domain/scenario-tables';
import type { Scenario } from '../../../core/domain/scenario';
import { writeCsv } from '../../../core/csv/write';
import { writeTable } from '../../../core/importexport/table-io';
import { generateScenario } from '../../../core/synth/scenario';
import type { Workload } from './trials';

/**
 * (a) Scenario import under SIGKILL. Back-to-back calls of two kinds:
 * - a whole scenario (week size, a few hundred rows in 11 tables) imported as a new scenario
 *   named `crash-T-C`: after restart it is there whole (every table's row count) or absent —
 *   and there whenever its import was acknowledged;
 * - the demo scenario's orders replaced by a CSV whose every row carries the tag `VT-C` as its
 *   customer: after restart the orders are exactly one version, the acknowledged one or one
 *   sent after it.
 */
interface Ledger {
  whole: Map<string, { acked: boolean; counts: Record<string, number> }>;
  /** Orders versions in the order sent; index of the last acknowledged one. */
  versions: string[];
  lastAcked: number;
  target: string;
  ordersPerVersion: number;
}

const template: Scenario = generateScenario({ seed: 99, size: 'week' });
const counts = Object.fromEntries(
  Object.keys(SCENARIO_TABLES).map((t) => [t, tableRows(template, t as keyof typeof SCENARIO_TABLES).length]),
);
const wholeFile = (name: string) => Buffer.from(JSON.stringify({ ...template, name }), 'utf8').toString('base64');

function ordersFile(tag: string, base: Scenario): string {
  const rows = base.orders.map((o) => ({ ...o, customer: tag }));
  return Buffer.from(writeCsv(writeTable(SCENARIO_TABLES.orders, rows)), 'utf8').toString('base64');
}

let baseScenario: Scenario;

export const importWorkload: Workload<Ledger> = {
  name: 'scenario import',
  killWindowMs: [20, 1500],
  ledger: () => ({ whole: new Map(), versions: [], lastAcked: -1, target: '', ordersPerVersion: 0 }),

  async setup(host, ledger) {
    const created = await host.call<ScenarioSummary>('scenarios.create', {
      template: 'day',
      seed: 5,
      name: 'crash target',
    });
    baseScenario = (await host.call<ScenarioDetail>('scenarios.get', { id: created.id })).scenario;
    ledger.target = created.id;
    ledger.ordersPerVersion = baseScenario.orders.length;
  },

  async act(host, trial, ledger) {
    for (let c = 0; ; c++) {
      if (c % 2 === 0) {
        const name = `crash-${trial}-${c}`;
        ledger.whole.set(name, { acked: false, counts });
        const res = await host.call<ImportResult>('scenarios.import', {
          fileName: `${name}.json`,
          dataBase64: wholeFile(name),
        });
        if (res.status !== 'imported')
          throw new Error(`valid scenario refused: ${JSON.stringify(res.rejected.slice(0, 2))}`);
        ledger.whole.get(name)!.acked = true;
      } else {
        const tag = `V${trial}-${c}`;
        ledger.versions.push(tag);
        const at = ledger.versions.length - 1;
        const res = await host.call<ImportResult>('scenarios.import', {
          id: ledger.target,
          table: 'orders',
          mode: 'replace',
          fileName: 'orders.csv',
          dataBase64: ordersFile(tag, baseScenario),
        });
        if (res.status !== 'imported')
          throw new Error(`valid orders refused: ${JSON.stringify(res.rejected.slice(0, 2))}`);
        ledger.lastAcked = at;
      }
    }
  },

  async verify(host, ledger) {
    const problems: string[] = [];
    let losses = 0;
    const list = await host.call<ScenarioSummary[]>('scenarios.list', {});
    const byName = new Map(list.map((s) => [s.name, s]));
    for (const [name, rec] of ledger.whole) {
      const found = byName.get(name);
      if (!found) {
        if (rec.acked) {
          losses++;
          problems.push(`acknowledged import '${name}' is missing`);
        }
        continue;
      }
      const wrong = Object.entries(rec.counts).filter(([t, n]) => found.counts[t as keyof typeof found.counts] !== n);
      if (wrong.length)
        problems.push(
          `'${name}' is half-imported: ${wrong.map(([t, n]) => `${t} ${found.counts[t as keyof typeof found.counts]}/${n}`).join(', ')}`,
        );
      // Settled: from now on it must stay.
      rec.acked = true;
    }
    if (ledger.versions.length > 0) {
      const orders = (await host.call<ScenarioDetail>('scenarios.get', { id: ledger.target })).scenario.orders;
      const tags = new Set(orders.map((o) => o.customer));
      const tag = [...tags][0];
      const at = tag === undefined ? -1 : ledger.versions.indexOf(tag);
      if (tags.size !== 1 || orders.length !== ledger.ordersPerVersion)
        problems.push(
          `orders mix versions or rows: ${tags.size} tags, ${orders.length}/${ledger.ordersPerVersion} rows`,
        );
      else if (at < 0) problems.push(`orders hold an unknown version '${tag}'`);
      else if (at < ledger.lastAcked) {
        losses++;
        problems.push(`acknowledged orders version ${ledger.versions[ledger.lastAcked]} lost: found ${tag}`);
      }
      if (at >= 0) ledger.lastAcked = at;
    }
    return { problems, losses };
  },
};
