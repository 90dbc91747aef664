import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../host/create-host';
import { registryFor } from '../registry/context';
import { trainTestModel } from '../../tests/fixtures/test-models';
import { tempDir } from '../../tests/helpers/tmp';

// A drift check that cannot compare says why as data beside its English message: the Monitor
// page writes it in Hindi from these.
describe('drift checks that cannot compare', () => {
  const tmp = tempDir('rp-drift-reasons-');
  let host: Host;
  beforeAll(() => {
    host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
    const m = trainTestModel(tmp.dir, { rounds: 3, rows: 400, tag: 'drift' });
    registryFor(host.services).registerDir(m.dir, { table: m.table });
  });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  it('names the model without a reference, then the inputs it has and needs', async () => {
    const [none] = await host.app.invoke('drift.run', { name: 'transit-delay' });
    expect(none).toMatchObject({
      status: 'no-data',
      message: 'No production version of transit-delay with training statistics to compare against.',
      reasons: [{ code: 'drift-no-reference', params: { model: 'transit-delay' } }],
    });
    registryFor(host.services).store.setAlias('transit-delay', 'production', 1, 'promote', { gates: 'passed' });
    const [few] = await host.app.invoke('drift.run', { name: 'transit-delay' });
    const min = few!.thresholds.minSamples;
    expect(few).toMatchObject({
      status: 'no-data',
      message: `0 sampled inputs; at least ${min} are needed.`,
      reasons: [{ code: 'drift-few-samples', params: { n: 0, min } }],
    });
  });
});
