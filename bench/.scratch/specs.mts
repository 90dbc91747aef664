import { executeTraining } from '../../core/training/run';
import { MODEL_SPECS } from '../../models';
for (const s of MODEL_SPECS) {
  if (process.argv[2] && s.name !== process.argv[2]) continue;
  const t = performance.now();
  const r = executeTraining({ kind: 'spec', spec: s.name, outDir: `/tmp/mlt/models/${s.name}`, history: { synthetic: { seed: 1, days: 730 } } }, '/tmp/mlt', () => {});
  const m = r.metrics;
  console.log(s.name, (performance.now() - t).toFixed(0) + 'ms', 'rows', JSON.stringify(m.rows), 'best', m.bestRound, '\n  test', JSON.stringify(m.test), '\n  base', m.baseline?.name, m.baseline?.beats, JSON.stringify(m.baseline?.model), '\n  vs  ', JSON.stringify(m.baseline?.baseline), '\n  q', JSON.stringify(m.quantiles), '\n  imp', m.importance.slice(0, 4).map((i) => `${i.feature}:${i.share.toFixed(2)}`).join(' '));
}
