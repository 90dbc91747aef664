import type loadHighs from 'highs';
import { Master } from '../colgen/master';
import { priceRake } from '../colgen/pricing';
import { greedyDraft } from '../greedy';
import { startOptions } from '../model';
import { prepare } from '../prep';
import { ruleBasedDraft } from '../rule-based';
import { generateScenario } from '../../synth/scenario';

type Highs = Awaited<ReturnType<typeof loadHighs>>;

/**
 * A generated scenario's restricted master over both start plans' loadings (the greedy plan's
 * first: `greedyLoadings` of them) after `rounds` pricing rounds at its own duals, and its LP
 * then: a pool that spreads rakes over loadings, as the dive and the search meet it.
 */
export function pricedMaster(h: Highs, size: 'day' | 'week', seed: number, rounds: number, lpLimitS = 60) {
  const sc = generateScenario({ seed, size });
  const p = prepare(sc);
  const g = greedyDraft(p);
  const opts = startOptions(g);
  const m = new Master(p, h, opts);
  m.addDraft(g);
  const greedyLoadings = m.patterns.length;
  m.addDraft(ruleBasedDraft(p));
  m.load();
  const solve = () => {
    const z = m.solveLp(lpLimitS);
    if (z === null) throw new Error(`the master LP was not solved within ${lpLimitS} s`);
    return z;
  };
  for (let i = 0; i < rounds; i++) {
    solve();
    const duals = m.view(m.lpDuals, false);
    for (const ri of m.rakes) for (const pt of priceRake(p, ri, duals, 5).patterns) m.addPattern(pt);
  }
  return { sc, p, g, opts, m, greedyLoadings, lp: solve() };
}
