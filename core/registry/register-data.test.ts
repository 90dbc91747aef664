import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHost } from '../host/create-host';
import { insertHistory } from '../scenarios/history-store';
import { generateHistory } from '../synth/history';
import { executeTraining } from '../training/run';
import { tempDir } from '../../tests/helpers/tmp';
import { registerTrainedDir } from './add-version';

describe('registering a trained folder', () => {
  const tmp = tempDir('rp-register-data-');
  const host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
  const s = host.services;
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });
  const train = (tag: string) =>
    executeTraining(
      {
        kind: 'spec',
        spec: 'transit-delay',
        params: { rounds: 5 },
        history: { dbPath: s.dbPath },
        outDir: path.join(tmp.dir, tag),
        threads: 1,
      },
      s.dataDir,
      () => {},
    );

  it('records the training data when the history is the one it learned from', async () => {
    insertHistory(s.requireDb(), generateHistory({ seed: 1, days: 120 }), { replace: true });
    const res = await train('same');
    const rec = await registerTrainedDir(s, res.dir);
    expect(rec.dataset?.rows).toBe(res.manifest.trainingData!.identity!.rows);
    expect(rec.holdoutSha256).not.toBeNull();
  });

  it('records no statistics from a history imported after training, and says why', async () => {
    insertHistory(s.requireDb(), generateHistory({ seed: 2, days: 120 }), { replace: true });
    const res = await train('before');
    insertHistory(s.requireDb(), generateHistory({ seed: 3, days: 150 }), { replace: true });
    const rec = await registerTrainedDir(s, res.dir);
    expect(rec).toMatchObject({ dataset: null, datasetStats: null, baseline: null, holdoutSha256: null });
    expect(rec.note).toMatch(
      /no training statistics: the stored history is not the data this model was trained on \([\d,]+ rows then, [\d,]+ now\)/,
    );
  });
});
