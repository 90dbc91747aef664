import { describe, expect, it } from 'vitest';
import { getSpec } from '../../models';
import type { ModelManifest } from '../ml/manifest';
import { tableFromRows, type Cell } from '../ml/table';
import { inputStats } from './input-stats';

const FIRST = Date.parse('2024-01-01T00:00:00Z');
const iso = (d: number) => new Date(FIRST + d * 86_400_000).toISOString().slice(0, 10);

/** Two years of one lane's demand rows: lag364 exists only once the history is a year old. */
function twoYears(missingLater = 0): ReturnType<typeof tableFromRows> {
  const rows: Record<string, Cell>[] = [];
  for (let d = 0; d < 730; d++)
    rows.push({
      date: iso(d),
      lag14: d >= 14 ? 100 + (d % 7) : null,
      lag364: d >= 364 && d % 100 >= missingLater ? 90 + (d % 5) : null,
      tonnes: 100,
    });
  return tableFromRows(rows, { date: 'date' });
}

const manifest = (spec: string | null) => ({ name: 'm', spec, dateColumn: 'date' }) as unknown as ModelManifest;

describe('inputStats', () => {
  it("describes a spec model's lagged feature over the rows its lag lies within the history", () => {
    expect(getSpec('demand').lagReach?.lag364).toBe(364);
    const s = inputStats(twoYears(), manifest('demand'), ['lag14', 'lag364']);
    const lag364 = s.features.find((f) => f.name === 'lag364')!;
    expect(lag364.missingRate).toBe(0);
    expect(lag364.definedSince).toBe(iso(364));
    expect(lag364.n).toBe(730 - 364);
    // Its statistics are of the defined rows only.
    expect(lag364.kind === 'numeric' && lag364.min).toBe(90);
    expect(s.rows).toBe(730);
  });

  it('still counts what is missing where the lag should exist', () => {
    const lag364 = inputStats(twoYears(10), manifest('demand'), ['lag364']).features[0]!;
    // Days with d % 100 < 10 are missing among the 366 defined days: 40 of them.
    expect(lag364.missingRate).toBeCloseTo(40 / 366, 6);
  });

  it('leaves models without lagged features (or not trained from a spec) as the whole table describes them', () => {
    const s = inputStats(twoYears(), manifest(null), ['lag364']);
    expect(s.features[0]!.missingRate).toBeCloseTo(364 / 730, 6);
    expect(s.features[0]!.definedSince).toBeUndefined();
  });
});
