"""XGBoost (tree_method=hist) on the matrices bench/train.ts wrote (float32 row-major features,
float64 targets), or on a CSV it reads itself (header row, target last; the first ntrain rows
train). Same rounds, depth, bins and learning rate as our trainer; writes its test predictions
for bench/train.ts to score with the same metrics, and prints one JSON line with times and peak
memory. Run with OMP_WAIT_POLICY=PASSIVE."""
import json, resource, sys, time
import numpy as np
import xgboost as xgb

d = json.loads(sys.argv[1])
t0, c0 = time.perf_counter(), time.process_time()
if 'csv' in d:
    data = np.loadtxt(d['csv'], delimiter=',', skiprows=1, dtype=np.float32)
    n = d['ntrain']
    xtr, ytr, xte = data[:n, :-1], data[:n, -1].astype(np.float64), data[n:, :-1]
else:
    def load(name, shape):
        return np.fromfile(f"{d['dir']}/{name}", dtype=np.float32 if name.startswith('x') else np.float64).reshape(shape)
    xtr, ytr = load('xtrain.bin', (d['ntrain'], d['nfeat'])), load('ytrain.bin', (d['ntrain'],))
    xte = load('xtest.bin', (d['ntest'], d['nfeat']))
read, read_cpu = time.perf_counter() - t0, time.process_time() - c0

t, c = time.perf_counter(), time.process_time()
dtr = xgb.DMatrix(xtr, label=ytr, missing=np.nan, nthread=d['threads'])
params = {'tree_method': 'hist', 'max_depth': d['depth'], 'eta': d['lr'], 'max_bin': d['bins'] + 1, 'lambda': 1.0,
          'min_child_weight': 1.0, 'nthread': d['threads']}
if d['task'] == 'regression':
    params.update(objective='reg:squarederror', base_score=float(ytr.mean()))
elif d['task'] == 'binary':
    params.update(objective='binary:logistic')
else:
    params.update(objective='multi:softprob', num_class=d['classes'])
booster = xgb.train(params, dtr, num_boost_round=d['rounds'])
secs, cpu = time.perf_counter() - t, time.process_time() - c
p = booster.predict(xgb.DMatrix(xte, missing=np.nan, nthread=d['threads'])).astype(np.float64)
p.tofile(d['predictions'])
print(json.dumps({'lib': f'xgboost {xgb.__version__} ({d["threads"]} threads)', 'seconds': secs, 'cpuSeconds': cpu, 'readSeconds': read, 'readCpuSeconds': read_cpu,
                  'maxRssMb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}), flush=True)
