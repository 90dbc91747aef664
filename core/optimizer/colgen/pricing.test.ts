import { describe, expect, it } from 'vitest';
import { createRng } from '../../synth/prng';
import { generateScenario } from '../../synth/scenario';
import { DEFAULT_MODEL_OPTIONS } from '../model';
import { prepare } from '../prep';
import { orderInfos, rakeInfos, type Duals } from './loading';
import { priceRake, type Combo } from './pricing';

/**
 * Random duals of the master's signs: orders worth up to an unserved penalty, stock, siding,
 * rake and one-shipment rows ≤ 0 (HiGHS' convention for ≤ rows of a minimisation).
 */
function randomDuals(seed: number, sidRows: number): Duals {
  const rng = createRng(seed);
  const ord = new Map<number, number>(),
    single = new Map<number, number>(),
    inv = new Map<string, number>(),
    rake = new Map<number, number>();
  const sid = Array.from({ length: sidRows }, () => (rng.next() < 0.3 ? -rng.next() * 2e5 : 0));
  const memo = <K>(m: Map<K, number>, k: K, f: () => number) => {
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = f()));
    return v;
  };
  return {
    order: (o) => memo(ord, o, () => 1000 + rng.next() * 3500),
    single: (o) => memo(single, o, () => (rng.next() < 0.5 ? -rng.next() * 1e5 : 0)),
    inv: (k) => memo(inv, k, () => (rng.next() < 0.4 ? -rng.next() * 800 : 0)),
    rake: (r) => memo(rake, r, () => -rng.next() * 1e6),
    sid: (row) => sid[row % sidRows]!,
  };
}

describe('rake pricing', () => {
  // The pair search skips pairs whose lower bound cannot beat the options already found; asking
  // for every combo turns the skipping off, so both must agree on each rake's lowest reduced cost.
  it.each([1, 2, 3])(
    'week seed %i: skipping pairs by their lower bound keeps the lowest reduced cost exact',
    (seed) => {
      const p = prepare(generateScenario({ seed, size: 'week' }));
      const ris = rakeInfos(p, orderInfos(p), DEFAULT_MODEL_OPTIONS, (_lp, startH) => [Math.floor(startH)]);
      const d = randomDuals(seed, 97);
      let pairsWon = 0;
      for (const ri of ris) {
        const all: Combo[] = [];
        const full = priceRake(p, ri, d, 20, all);
        const pruned = priceRake(p, ri, d, 20);
        expect(pruned.reducedCost).toBeCloseTo(full.reducedCost, 3);
        const best = all.reduce((a, c) => (c.rc < a.rc ? c : a), all[0]!);
        if (best && best.dests.length === 2) pairsWon++;
        // The columns are the same cheapest options, in the same order.
        expect(pruned.patterns.map((pt) => pt.dests.join('+'))).toEqual(full.patterns.map((pt) => pt.dests.join('+')));
      }
      // Not vacuous: somewhere a two-destination loading is the cheapest.
      expect(pairsWon).toBeGreaterThan(0);
    },
  );
});
