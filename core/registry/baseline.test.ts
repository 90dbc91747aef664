import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../ml/manifest';
import { tableFromRows } from '../ml/table';
import { fitBaseline, predictBaseline } from './baseline';

const manifest = {
  target: 'mode',
  classes: ['rail', 'road'],
  outputs: ['p_rail', 'p_road'],
  inputs: [{ name: 'corridor', type: 'categorical' }],
} as unknown as ModelManifest;

// SOUTH always went by rail in training; EAST went both ways.
const rows = [
  ...Array.from({ length: 40 }, () => ({ corridor: 'SOUTH', mode: 'rail' })),
  ...Array.from({ length: 30 }, (_, i) => ({ corridor: 'EAST', mode: i < 10 ? 'rail' : 'road' })),
];

describe('the registry baseline of a classifier', () => {
  const t = tableFromRows(rows);
  const b = fitBaseline(
    t,
    manifest,
    rows.map((_, i) => i),
  )!;
  const p = (corridor: string) => {
    const out = predictBaseline(b, manifest, [{ corridor }]).columns;
    return { rail: out.p_rail![0]!, road: out.p_road![0]! };
  };

  it('smooths the class shares, so a lane that always went one way still gives the other mode a chance', () => {
    // Laplace: (count + 1) / (rows + classes), as the trainer's share baseline.
    expect(p('SOUTH').road).toBeCloseTo(1 / 42, 12);
    expect(p('SOUTH').rail).toBeCloseTo(41 / 42, 12);
    expect(p('EAST').rail).toBeCloseTo(11 / 32, 12);
    expect(p('NEW-LANE').road).toBeCloseTo(21 / 72, 12);
    expect(b.description).toBe('smoothed class shares by corridor');
  });
});
