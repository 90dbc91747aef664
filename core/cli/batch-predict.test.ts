import { describe, expect, it } from 'vitest';
import { answeredByLines } from './batch-predict';

describe('predict --batch: what answered the rows', () => {
  it('says nothing more when one version answered every row', () => {
    expect(answeredByLines({ model: 'demand', answeredBy: [{ source: 'model', version: 3, rows: 10 }] })).toEqual([]);
  });

  it('names a fallback and why, and every version when one was swapped mid-batch', () => {
    const lines = answeredByLines({
      model: 'demand',
      answeredBy: [
        { source: 'model', version: 3, rows: 4000 },
        { source: 'fallback:baseline', version: null, rows: 2000, fallbackReason: 'demand@4 failed to load' },
      ],
    });
    expect(lines).toEqual([
      'answered by:',
      '  demand@3 (source model): 4000 rows',
      '  naive baseline (source fallback:baseline): 2000 rows – demand@4 failed to load',
    ]);
    expect(
      answeredByLines({
        model: 'demand',
        answeredBy: [{ source: 'fallback:previous', version: 2, rows: 5, fallbackReason: 'demand@3 failed' }],
      }),
    ).toEqual(['answered by:', '  demand@2 (source fallback:previous): 5 rows – demand@3 failed']);
  });
});
