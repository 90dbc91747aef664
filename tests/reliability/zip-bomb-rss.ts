import { SCENARIO_TABLES } from '../../core/domain/scenario-tables';
import { readTableFile } from '../../core/scenarios/files';
import { BOMB_VARIANTS, bombVariant, type BombVariant } from './zip-craft';

/**
 * One bomb variant through the table import's reader (the path `scenarios.import` takes), in a
 * process of its own so its memory is measured alone: `node --import tsx
 * tests/reliability/zip-bomb-rss.ts <variant>` prints the outcome and the resident set before,
 * after and its growth at the peak, in MiB.
 */
const mib = (kb: number) => Math.round(kb / 1024);

async function main(variant: BombVariant): Promise<void> {
  const bytes = await bombVariant(variant);
  const before = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS;
  let outcome: { code?: string; message: string };
  try {
    const read = await readTableFile(SCENARIO_TABLES.orders, 'xlsx', bytes, 'bomb.xlsx');
    outcome = { message: `read ${read.rows.length} rows` };
  } catch (err) {
    outcome = { code: (err as { code?: string }).code, message: (err as Error).message };
  }
  const usage = {
    fileKiB: Math.round(bytes.length / 1024),
    rssBeforeMiB: mib(before / 1024),
    rssAfterMiB: mib(process.memoryUsage().rss / 1024),
    peakGrowthMiB: mib(process.resourceUsage().maxRSS - peakBefore),
  };
  process.stdout.write(`${JSON.stringify({ variant, ...outcome, ...usage })}\n`);
}

const variant = process.argv[2] as BombVariant;
if (BOMB_VARIANTS.includes(variant)) void main(variant);
else {
  process.stderr.write(`usage: node --import tsx tests/reliability/zip-bomb-rss.ts <${BOMB_VARIANTS.join('|')}>\n`);
  process.exitCode = 2;
}
