"""XGBoost (tree_method=hist) and scikit-learn HistGradientBoosting on the same matrices as
bench/train.ts, same rounds/depth/bins/learning rate. Reads float32 files written by the bench,
prints one JSON line per library. Run with OMP_WAIT_POLICY=PASSIVE."""
import json, sys, time
import numpy as np

d = json.loads(sys.argv[1])
def load(name, shape):
    return np.fromfile(f"{d['dir']}/{name}", dtype=np.float32 if name.startswith('x') else np.float64).reshape(shape)
xtr, ytr = load('xtrain.bin', (d['ntrain'], d['nfeat'])), load('ytrain.bin', (d['ntrain'],))
xte, yte = load('xtest.bin', (d['ntest'], d['nfeat'])), load('ytest.bin', (d['ntest'],))

def metrics(p):
    e = p - yte
    return {'rmse': float(np.sqrt(np.mean(e * e))), 'mae': float(np.mean(np.abs(e)))}

try:
    import xgboost as xgb
    t, c = time.perf_counter(), time.process_time()
    dtr = xgb.DMatrix(xtr, label=ytr, missing=np.nan, nthread=2)
    params = {'tree_method': 'hist', 'max_depth': d['depth'], 'eta': d['lr'], 'max_bin': d['bins'] + 1, 'lambda': 1.0,
              'min_child_weight': 1.0, 'nthread': 2, 'objective': 'reg:squarederror', 'base_score': float(ytr.mean())}
    booster = xgb.train(params, dtr, num_boost_round=d['rounds'])
    secs, cpu = time.perf_counter() - t, time.process_time() - c
    p = booster.predict(xgb.DMatrix(xte, missing=np.nan, nthread=2))
    print(json.dumps({'lib': f'xgboost {xgb.__version__}', 'seconds': secs, 'cpuSeconds': cpu, **metrics(p)}), flush=True)
except ImportError as e:
    print(json.dumps({'lib': 'xgboost', 'missing': str(e)}), flush=True)

try:
    import sklearn
    from sklearn.ensemble import HistGradientBoostingRegressor
    t, c = time.perf_counter(), time.process_time()
    m = HistGradientBoostingRegressor(max_iter=d['rounds'], learning_rate=d['lr'], max_depth=d['depth'], max_leaf_nodes=None,
                                      min_samples_leaf=1, l2_regularization=1.0, max_bins=d['bins'], early_stopping=False)
    m.fit(xtr, ytr)
    secs, cpu = time.perf_counter() - t, time.process_time() - c
    print(json.dumps({'lib': f'sklearn {sklearn.__version__} HistGradientBoosting', 'seconds': secs, 'cpuSeconds': cpu, **metrics(m.predict(xte))}), flush=True)
except ImportError as e:
    print(json.dumps({'lib': 'sklearn', 'missing': str(e)}), flush=True)
