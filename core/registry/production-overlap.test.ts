import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../host/create-host';
import type { Cell } from '../ml/table';
import { tempDir } from '../../tests/helpers/tmp';
import { trainTestModel } from '../../tests/fixtures/test-models';
import { registryFor } from './context';
import type { VersionRecord } from './version-record';

describe('the improvement gate against a production version trained with other split fractions', () => {
  const tmp = tempDir('rp-overlap-');
  let host: Host;
  const reg = () => registryFor(host.services);
  let prod: VersionRecord, cand: VersionRecord;

  beforeAll(() => {
    host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
    // Production held back 5 % + 5 %: it trained or early-stopped on most of the rows the
    // candidate (15 % + 15 %) holds back.
    const p = trainTestModel(tmp.dir, { rounds: 120, tag: 'narrow', testFraction: 0.05, validFraction: 0.05 });
    prod = reg().registerDir(p.dir, { table: p.table });
    reg().store.setAlias('transit-delay', 'production', prod.version, 'promote', { gates: 'passed' });
    const c = trainTestModel(tmp.dir, { rounds: 60, tag: 'default' });
    cand = reg().registerDir(c.dir, { table: c.table });
  });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  it('compares the two only on holdout rows dated after production’s training rows', async () => {
    const cut = prod.manifest.trainedThrough!;
    const holdout = JSON.parse(reg().blobs.get(cand.holdoutSha256!, '.json').toString('utf8')) as Record<
      string,
      Cell
    >[];
    const unseen = holdout.filter((r) => String(r.date) > cut);
    // Production did learn from part of this holdout.
    expect(unseen.length).toBeGreaterThan(0);
    expect(unseen.length).toBeLessThan(holdout.length / 2);

    const mae = async (v: VersionRecord) => {
      const s = await reg().server.loadChecked(v);
      try {
        const p = (await s.predict(unseen)).columns.prediction!;
        return unseen.reduce((sum, r, i) => sum + Math.abs(Number(r.y) - p[i]!), 0) / unseen.length;
      } finally {
        await s.close();
      }
    };
    const [c, p] = [await mae(cand), await mae(prod)];
    const round = (v: number) => Math.round(v * 1000) / 1000;

    const rep = await reg().evaluate('transit-delay', cand.version);
    const check = rep.gates
      .find((g) => g.gate === 'improvement')!
      .checks.find((x) => x.name === `MAE vs production @${prod.version}`)!;
    expect(check.value).toMatch(new RegExp(`^${round(c)} h vs ${round(p)} h \\(`));
    expect(check.detail).toBe(`on the ${unseen.length} of ${holdout.length} holdout rows production never trained on`);
    // The per-segment comparison with production uses the same rows: a column's segments hold no more.
    const laneRows = rep.gates
      .find((g) => g.gate === 'stability')!
      .checks.filter((x) => x.name.startsWith('lane='))
      .reduce((n, x) => n + Number(/^(\d+) rows$/.exec(x.detail!)![1]), 0);
    expect(laneRows).toBeGreaterThan(0);
    expect(laneRows).toBeLessThanOrEqual(unseen.length);
  });
});
