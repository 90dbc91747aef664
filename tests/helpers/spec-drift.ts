import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createHost } from '../../core/host/create-host';
import { registerTrainedDir } from '../../core/registry/add-version';
import { driftFor } from '../../core/registry/context';
import { insertHistory } from '../../core/scenarios/history-store';
import type { HistoryTables } from '../../core/synth/history';
import { executeTraining } from '../../core/training/run';
import { tempDir } from './tmp';

/**
 * A host whose history is `history`, with each of `specs` trained on it (a few rounds: drift
 * reads the features, not the fit), registered and promoted; closed after the suite.
 */
export function specDriftHost(prefix: string, specs: readonly string[], history: HistoryTables) {
  const tmp = tempDir(prefix);
  const host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
  const s = host.services;
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });
  beforeAll(async () => {
    insertHistory(s.requireDb(), history, { replace: true });
    for (const spec of specs) await trainAndPromote(spec);
  }, 120_000);
  async function trainAndPromote(spec: string) {
    const res = await executeTraining(
      {
        kind: 'spec',
        spec,
        params: { rounds: 5 },
        history: { dbPath: s.dbPath },
        outDir: path.join(tmp.dir, spec),
        threads: 1,
      },
      s.dataDir,
      () => {},
    );
    const rec = await registerTrainedDir(s, res.dir);
    await host.app.invoke('registry.promote', { name: spec, version: rec.version, override: { reason: 'drift test' } });
  }
  return { s, db: () => s.requireDb(), drift: () => driftFor(s) };
}
