import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../storage/atomic-write';
import { bool, CliUsageError, num, str } from '../args';
import type { CliCommand } from '../command';
import { withCliHost } from '../with-host';
import { checkOutFile } from '../out-file';
import { counted, tonnes } from '../../domain/figures';
import { knownRakesText } from '../../forecasts/indent-known';

export const indentCommand: CliCommand = {
  name: 'indent',
  summary:
    'Suggest the rake indent: rakes per day, loading point and wagon type for the next days, from open orders, stock and the demand forecast',
  usage:
    'rakeplan indent (--scenario s.json | --scenario-id ID) --out indent.xlsx|indent.csv [--days 14] [--demo] [--json]',
  async run(args, env) {
    const file = str(args, 'scenario');
    const id = str(args, 'scenario-id');
    if (Boolean(file) === Boolean(id))
      throw new CliUsageError('give exactly one of --scenario FILE or --scenario-id ID');
    const out = str(args, 'out', true)!;
    const ext = path.extname(out).toLowerCase();
    if (ext !== '.xlsx' && ext !== '.csv') throw new CliUsageError(`--out must end in .xlsx or .csv, got '${out}'`);
    const days = num(args, 'days', 14)!;
    if (!Number.isInteger(days) || days < 1 || days > 14)
      throw new CliUsageError(`--days must be a whole number from 1 to 14, got ${days}`);
    checkOutFile(out, { '--scenario': file });
    let scenario: unknown;
    if (file) {
      try {
        scenario = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (err) {
        env.err(`Cannot read scenario ${file}: ${(err as Error).message}`);
        return 1;
      }
    }
    return withCliHost(env, async (host) => {
      const target = id ? { scenarioId: id } : { scenario };
      const demo = bool(args, 'demo');
      const ind = await host.app.invoke('forecasts.indent', { ...target, days, demo });
      const f = await host.app.invoke('forecasts.exportIndent', {
        ...target,
        days,
        demo,
        format: ext.slice(1) as 'xlsx' | 'csv',
      });
      writeFileAtomic(out, Buffer.from(f.base64, 'base64'));
      if (bool(args, 'json')) env.out(JSON.stringify(ind, null, 2));
      else {
        env.out(`demand forecast: ${ind.demandSource}`);
        env.out(
          `${counted(
            ind.rows.reduce((s, r) => s + r.rakes, 0),
            'rake',
          )} to ask for over ${counted(days, 'day')}, ${tonnes(ind.indentedT)} of ${tonnes(ind.demandT)} wanting rail` +
            (ind.known.rakes ? `, ${knownRakesText(ind.known)}` : '') +
            (ind.leftT > 0 ? `; ${tonnes(ind.leftT)} on no rake (see the notes)` : ''),
        );
        for (const n of ind.notes.slice(0, 10)) env.out(`  ${n}`);
        env.out(`wrote ${out}`);
      }
      return 0;
    });
  },
};
