"""Writes scikit-learn's bundled tabular sets as CSV (header row, target last) for bench/train.ts:
diabetes (regression), breast cancer (binary), digits (multiclass, 8x8 pixel intensities)."""
import sys
import numpy as np
from sklearn import datasets

out = sys.argv[1]
for name, loader in [('diabetes', datasets.load_diabetes), ('breast_cancer', datasets.load_breast_cancer), ('digits', datasets.load_digits)]:
    d = loader()
    x, y = np.asarray(d.data, dtype=np.float64), np.asarray(d.target)
    cols = [f'f{j}' for j in range(x.shape[1])]
    with open(f'{out}/{name}.csv', 'w') as f:
        f.write(','.join(cols + ['target']) + '\n')
        for i in range(x.shape[0]):
            f.write(','.join(repr(float(v)) for v in x[i]) + ',' + (repr(float(y[i])) if name == 'diabetes' else str(int(y[i]))) + '\n')
