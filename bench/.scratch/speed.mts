import { trainBooster, DEFAULT_PARAMS } from '../../core/ml/booster';
import { syntheticMatrix } from '../../core/ml/synthetic';
const n = Number(process.argv[2] ?? 1e6);
let t = performance.now();
const { m, y } = syntheticMatrix(n, 20, 1);
console.log('gen', performance.now() - t);
t = performance.now();
let last = t;
const res = trainBooster(m, y, { ...DEFAULT_PARAMS, rounds: Number(process.argv[3] ?? 20), earlyStoppingRounds: 0, minDataInLeaf: 1, minChildWeight: 1, objective: { name: 'squared' } }, {
  onRound: (p) => { if (p.round <= 2) console.log('round', p.round, performance.now() - last); last = performance.now(); },
});
console.log('train', performance.now() - t, res.history.at(-1));
