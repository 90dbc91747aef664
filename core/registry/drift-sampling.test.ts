import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHost } from '../host/create-host';
import { tempDir } from '../../tests/helpers/tmp';
import { driftFor, registryFor } from './context';

describe('drift sampling of a prediction request', () => {
  const tmp = tempDir('rp-drift-sampling-');
  const host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  it('spreads over the whole request, not its first rows', async () => {
    // 300 rows sorted by lane: the first 20 would all be lane A.
    const rows = Array.from({ length: 300 }, (_, i) => ({ lane: String.fromCharCode(65 + Math.floor(i / 30)), x: i }));
    await registryFor(host.services)
      .server.predict('sorted-model', rows)
      .catch(() => undefined);
    driftFor(host.services).flush();
    const sampled = (
      host.services.requireDb().prepare('SELECT row FROM drift_samples WHERE name = ?').all('sorted-model') as {
        row: string;
      }[]
    ).map((r) => JSON.parse(r.row) as { lane: string; x: number });
    expect(sampled).toHaveLength(20);
    expect(new Set(sampled.map((r) => r.lane)).size).toBe(10);
    expect(Math.max(...sampled.map((r) => r.x))).toBeGreaterThan(280);
  });
});
