import { trainBooster, DEFAULT_PARAMS } from '../../core/ml/booster';
import { predictRowMajor, toRowMajor } from '../../core/ml/predict';
import { exportOnnx } from '../../core/ml/onnx-export';
import { Rng } from '../../core/ml/rng';
import * as ort from 'onnxruntime-node';
import fs from 'node:fs';

const n = Number(process.argv[2] ?? 20000), F = 8;
const rng = new Rng(1);
const x = new Float32Array(n * F);
const y = new Float64Array(n);
for (let i = 0; i < n; i++) {
  for (let f = 0; f < F; f++) x[f * n + i] = rng.next() < 0.05 ? NaN : rng.next() * 10;
  const a = x[i]!, b = x[n + i]!;
  y[i] = (Number.isNaN(a) ? 3 : Math.sin(a)) * 5 + (Number.isNaN(b) ? 0 : b * b * 0.3) + rng.next();
}
const obj = (process.argv[3] ?? 'squared') as any;
const yy = obj === 'binary' ? y.map((v) => (v > 10 ? 1 : 0)) : obj === 'multiclass' ? y.map((v) => (v < 5 ? 0 : v < 15 ? 1 : 2)) : y;
const t0 = performance.now();
const res = trainBooster({ x, nRows: n, nFeatures: F }, yy, { ...DEFAULT_PARAMS, rounds: 100, earlyStoppingRounds: 0, objective: { name: obj, alpha: 0.9, numClass: 3 } });
console.log('train ms', performance.now() - t0, res.history.at(-1));
const xr = toRowMajor(x, n, F);
const own = predictRowMajor(res.model, xr, n);
const bytes = exportOnnx(res.model, { name: 'smoke' });
fs.writeFileSync('/tmp/mlt/smoke.onnx', bytes);
const sess = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
const out = await sess.run({ input: new ort.Tensor('float32', xr, [n, F]) });
const p = out.prediction!.data as Float32Array;
let maxRel = 0, maxAbs = 0;
for (let i = 0; i < p.length; i++) { const d = Math.abs(p[i]! - own[i]!); maxAbs = Math.max(maxAbs, d); maxRel = Math.max(maxRel, d / Math.max(Math.abs(own[i]!), 1e-6)); }
console.log('len', p.length, own.length, 'maxAbs', maxAbs, 'maxRel', maxRel, own.slice(0, 4), p.slice(0, 4));
