import { describe, expect, it } from 'vitest';
import { lossAxis } from './lossAxis';

describe('the loss chart axis', () => {
  it('names the loss a regression trains on, with its unit', () => {
    expect(lossAxis('absolute', 't/day')).toEqual({ name: 'absolute error (MAE)', unit: 't/day' });
    expect(lossAxis('quantile', 'h')).toEqual({ name: 'pinball loss', unit: 'h' });
    expect(lossAxis('squared', 't/day')).toEqual({ name: 'squared error', unit: '(t/day)²' });
    expect(lossAxis('huber', 'h')).toEqual({ name: 'Huber loss', unit: 'h²' });
  });

  it('gives a classifier its log-loss, which has no unit', () => {
    expect(lossAxis('binary', '')).toEqual({ name: 'log-loss', unit: '' });
    expect(lossAxis('multiclass', 'share')).toEqual({ name: 'log-loss', unit: '' });
  });
});
