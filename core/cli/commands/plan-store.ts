import path from 'node:path';
import { writeFileAtomic } from '../../storage/atomic-write';
import { bool, CliUsageError, str, type ParsedArgs } from '../args';
import type { CliEnv } from '../command';
import { withCliHost } from '../with-host';
import { checkOutFile } from '../out-file';
import { rupees, tonnes } from '../../domain/figures';

export const PLAN_STORE_USAGE = `rakeplan plan list [--scenario-id ID] [--json]
  rakeplan plan show ID [--json]
  rakeplan plan export ID --out FILE [--table rakes|road|unserved|summary|production]   (.xlsx, .csv, .json or .lp)`;

const TABLES = ['rakes', 'road', 'unserved', 'summary', 'production'] as const;

/** Plans the app saved in the data directory: list them, show one, export one. */
export async function runPlanStore(args: ParsedArgs, env: CliEnv): Promise<number> {
  const [sub, id] = args.positionals;
  return withCliHost(env, async (host) => {
    switch (sub) {
      case 'list': {
        const scenarioId = str(args, 'scenario-id');
        const list = await host.app.invoke('plans.list', scenarioId ? { scenarioId } : {});
        if (bool(args, 'json')) {
          env.out(JSON.stringify(list, null, 2));
          return 0;
        }
        if (list.length === 0) env.out('No saved plans.');
        for (const p of list)
          env.out(
            `${p.id}  ${p.name}  ${p.scenarioName}  ${p.method}  ${rupees(p.totalCost)}  saving ${rupees(p.saving)} (${p.savingPct.toFixed(1)} %)  ${p.createdAt}`,
          );
        return 0;
      }
      case 'show': {
        if (!id) throw new CliUsageError('give the plan id (rakeplan plan list)');
        const { item, plan } = await host.app.invoke('plans.get', { id });
        if (bool(args, 'json')) {
          env.out(JSON.stringify(plan, null, 2));
          return 0;
        }
        const s = plan.summary;
        env.out(
          `${item.name} — ${item.scenarioName}; ${plan.solver.method} (${plan.solver.status}) in ${plan.solver.seconds.toFixed(1)} s`,
        );
        env.out(
          `total ${rupees(s.totalCost)}; saving ${rupees(s.saving)} (${s.savingPct.toFixed(1)} %) against the rule-based plan`,
        );
        env.out(
          `rail ${tonnes(s.railT)} on ${s.rakesUsed} rakes, road ${tonnes(s.roadT)}, unserved ${tonnes(s.unservedT)}`,
        );
        return 0;
      }
      case 'export': {
        if (!id) throw new CliUsageError('give the plan id (rakeplan plan list)');
        const out = str(args, 'out', true)!;
        const ext = path.extname(out).toLowerCase().slice(1);
        if (!['xlsx', 'csv', 'json', 'lp'].includes(ext))
          throw new CliUsageError(`cannot tell the format of '${out}': name it .xlsx, .csv, .json or .lp`);
        const table = str(args, 'table') ?? 'rakes';
        if (!(TABLES as readonly string[]).includes(table))
          throw new CliUsageError(`--table must be one of ${TABLES.join(', ')}, got '${table}'`);
        checkOutFile(out, {});
        const f = await host.app.invoke('plans.export', {
          id,
          format: ext as 'xlsx',
          table: table as (typeof TABLES)[number],
        });
        writeFileAtomic(out, Buffer.from(f.base64, 'base64'));
        env.out(`wrote ${out}`);
        return 0;
      }
      default:
        throw new CliUsageError(`unknown subcommand '${sub}' (edit, list, show or export)`);
    }
  });
}
