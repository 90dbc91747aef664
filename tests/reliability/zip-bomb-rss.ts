import { SCENARIO_TABLES } from '../../core/domain/scenario-tables';
import { readTableFile } from '../../core/scenarios/files';
import { workbookParts, zerosPart, craftZip, type CraftPart } from './zip-craft';

/**
 * One bomb variant through the table import's reader (the path `scenarios.import` takes), in a
 * process of its own so its memory is measured alone: `tsx tests/reliability/zip-bomb-rss.ts
 * <variant>` prints the outcome and the resident set before, after and at its peak, in MiB.
 */
export const BOMB_VARIANTS = ['honest', 'lying-size', 'count-lie', 'prepended', 'descriptor'] as const;
export type BombVariant = (typeof BOMB_VARIANTS)[number];

const SHEET = 'xl/worksheets/sheet2.xml';

async function bomb(variant: BombVariant): Promise<Buffer> {
  const parts = await workbookParts();
  const gib = (extra: Partial<CraftPart> = {}) => zerosPart(SHEET, 1024, extra);
  switch (variant) {
    case 'honest': return craftZip([...parts, gib()]);
    case 'lying-size': return craftZip([...parts, gib({ claimedSize: 1024 })]);
    case 'count-lie': return craftZip([...parts, gib()], { claimedCount: parts.length });
    case 'prepended': return craftZip([...parts, gib()], { prepend: Buffer.from('junk before the zip') });
    case 'descriptor': return craftZip([...parts, gib({ descriptor: true })]);
  }
}

const mib = (kb: number) => Math.round(kb / 1024);

async function main(variant: BombVariant): Promise<void> {
  const bytes = await bomb(variant);
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
