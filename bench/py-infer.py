"""Reference point for bench/infer.ts on the same machine: XGBoost (C++) scoring 100k rows with a
300-tree depth-6 model on one thread (best of 5 after a warm-up, wall and CPU). Prints one JSON line."""
import json, sys, time
import numpy as np
try:
    import xgboost as xgb
except ImportError as e:
    print(json.dumps({'missing': str(e)})); sys.exit(0)
d = json.loads(sys.argv[1])
rng = np.random.default_rng(3)
x = rng.random((50_000, d['features']), dtype=np.float32)
y = np.sin(6 * x[:, 0]) + 2 * x[:, 1] ** 2 + (x[:, 2] > 0.5) + 3 * x[:, 0] * x[:, 1] + rng.random(50_000) - 0.5
b = xgb.train({'tree_method': 'hist', 'max_depth': 6, 'eta': 0.1, 'nthread': 1}, xgb.DMatrix(x, label=y), num_boost_round=d['trees'])
xt = rng.random((d['rows'], d['features']), dtype=np.float32)
b.inplace_predict(xt)  # warm-up, as bench/infer.ts does for its engines
best, cpu = 1e9, 1e9
for _ in range(5):
    t, c = time.perf_counter(), time.process_time()
    b.inplace_predict(xt)
    best, cpu = min(best, time.perf_counter() - t), min(cpu, time.process_time() - c)
print(json.dumps({'lib': f'XGBoost {xgb.__version__} C++ inplace_predict, 1 thread', 'seconds': best, 'rowsPerS': d['rows'] / best, 'cpuRowsPerS': d['rows'] / cpu}))
