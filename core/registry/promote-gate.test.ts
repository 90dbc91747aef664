import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, type Host } from '../host/create-host';
import { tempDir } from '../../tests/helpers/tmp';
import { trainTestModel } from '../../tests/fixtures/test-models';
import { registryFor } from './context';

describe('promote and the stored gate report', () => {
  const tmp = tempDir('rp-promote-gate-');
  let host: Host;
  const reg = () => registryFor(host.services);

  beforeAll(() => {
    host = createHost({ dataDir: path.join(tmp.dir, 'data'), mode: 'test' });
    const good = trainTestModel(tmp.dir, { rounds: 30, tag: 'good' });
    const v1 = reg().registerDir(good.dir, { table: good.table });
    reg().store.setAlias('transit-delay', 'production', v1.version, 'promote', { gates: 'passed' });
    // Fewer rounds: not 1 % better than production, so it fails the improvement gate.
    const weaker = trainTestModel(tmp.dir, { rounds: 22, tag: 'weaker' });
    reg().registerDir(weaker.dir, { table: good.table });
  });
  afterAll(() => {
    host.close();
    tmp.cleanup();
  });

  it('does not pass on a report judged under other thresholds: it evaluates again', async () => {
    const strict = reg().gateThresholds();
    const lenient = {
      ...strict,
      improvement: { minRelativeGain: -1, mustBeatBaseline: false },
      stability: { ...strict.stability, maxSegmentRegression: 10 },
      consistency: { ...strict.consistency, maxPsi: 100 },
    };
    await host.app.invoke('registry.setGateThresholds', lenient);
    const old = await host.app.invoke('registry.evaluate', { name: 'transit-delay', version: 2 });
    expect(old).toMatchObject({ passed: true, against: 1 });
    await host.app.invoke('registry.setGateThresholds', strict);
    await expect(host.app.invoke('registry.promote', { name: 'transit-delay', version: 2 })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/failed \d gate\(s\): .*improvement/),
    });
    expect(reg().store.alias('transit-delay', 'production')).toBe(1);
    // The fresh evaluation is stored, under the thresholds in force.
    expect(reg().store.gateReports('transit-delay', 2)[0]).toMatchObject({ passed: false, thresholds: strict });
  });

  it('judges again a stored report that counted a gate it could not evaluate as passed', async () => {
    const fresh = await host.app.invoke('registry.evaluate', { name: 'transit-delay', version: 2 });
    const stability = { gate: 'stability' as const, passed: true, checks: [], summary: 'not evaluated: refit' };
    reg().store.saveGateReport({
      ...fresh,
      passed: true,
      gates: fresh.gates.map((g) => (g.gate === 'stability' ? stability : { ...g, passed: true })),
    });
    await expect(host.app.invoke('registry.promote', { name: 'transit-delay', version: 2 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(reg().store.alias('transit-delay', 'production')).toBe(1);
  });

  it('reuses the latest report when it was judged against this production under these thresholds', async () => {
    const before = reg().store.gateReports('transit-delay', 2).length;
    await expect(host.app.invoke('registry.promote', { name: 'transit-delay', version: 2 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(reg().store.gateReports('transit-delay', 2)).toHaveLength(before);
  });
});
