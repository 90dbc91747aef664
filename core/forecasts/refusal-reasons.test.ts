import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusal as refuse, toErrorData } from '../contract/errors';
import type { ErrorReason } from '../contract/refusals';
import type { VersionRecord } from '../registry/version-record';
import { demandForecast } from '../training/demand-forecast';
import { tempDir } from '../../tests/helpers/tmp';
import { answer, type ModelAccess } from './model-access';

const rows = [{ a: 1 }];
/** A serving version as the forecasts read it: plant-trained, judged against its baseline. */
const version = (beats: boolean) =>
  ({
    name: 'transit-delay',
    version: 3,
    baselineMetrics: { beats },
    baseline: null,
    manifest: {},
    note: '',
    sourceRef: null,
  }) as unknown as VersionRecord;
const access = (
  rec: VersionRecord | null,
  predict: ModelAccess['predict'] = () => Promise.reject(new Error('unused')),
) => ({
  serving: () => rec,
  predict,
});

// Why a forecast has no model answer, as data: the Forecasts page writes it in Hindi from these.
describe('forecast refusals as data', () => {
  it('says no model serves, or which version may not and that no baseline stands in', async () => {
    expect(await answer(access(null), 'transit-delay', rows, false)).toMatchObject({
      why: 'no transit-delay model in the registry (none pinned or in production)',
      reasons: [{ code: 'model-none-serving', params: { model: 'transit-delay' } }],
    });
    expect(await answer(access(version(false)), 'transit-delay', rows, false)).toMatchObject({
      values: null,
      why: 'transit-delay@3 does not beat its baseline on the holdout, and no baseline is at hand (the plant has no history for it)',
      reasons: [
        { code: 'model-beaten', params: { model: 'transit-delay', version: 3 } },
        { code: 'no-baseline-at-hand', params: {} },
      ],
    });
  });

  it('keeps the serving side’s reasons behind the model it asked', async () => {
    const failing = access(version(true), () =>
      Promise.reject(refuse('INVALID_DATA', { code: 'input-missing', params: { columns: 'b' } })),
    );
    expect(await answer(failing, 'transit-delay', rows, false)).toMatchObject({
      why: 'transit-delay: Missing input column(s): b.',
      reasons: [
        { code: 'model-answer-failed', params: { model: 'transit-delay' } },
        { code: 'input-missing', params: { columns: 'b' } },
      ],
    });
  });

  it('passes on why a fallback answered, and asks the serving side to skip a version by its reason', async () => {
    const failed: ErrorReason[] = [
      { code: 'serving-failed', params: { model: 'transit-delay', version: 3 } },
      { code: 'model-load-failed', params: { model: 'transit-delay', version: 3 } },
    ];
    let skipped: unknown = 'not asked';
    const fallingBack = access(version(true), (_name, _rows, refuseVersion) => {
      skipped = refuseVersion?.({ ...version(false), version: 2 });
      return Promise.resolve({
        model: 'transit-delay',
        version: 2,
        source: 'fallback:previous',
        fallbackReason: 'transit-delay@3: cannot load transit-delay@3',
        fallbackReasons: failed,
        columns: { prediction: [1] },
        label: null,
        ms: 1,
      });
    });
    expect(await answer(fallingBack, 'transit-delay', rows, false)).toMatchObject({
      source: 'model transit-delay@2',
      why: 'transit-delay@3: cannot load transit-delay@3',
      reasons: failed,
    });
    expect(skipped).toEqual({ code: 'model-beaten', params: { model: 'transit-delay', version: 2 } });
  });

  it('names the destination and product a demand forecast has no history for', async () => {
    const tmp = tempDir('rp-fc-reasons-');
    try {
      const e = await demandForecast({
        dbPath: path.join(tmp.dir, 'none.sqlite'),
        destination: 'NOWHERE',
        product: 'NOTHING',
        historyDays: 30,
        predict: () => Promise.reject(new Error('unused')),
      }).catch((x: unknown) => toErrorData(x));
      expect(e).toMatchObject({
        code: 'NOT_FOUND',
        message: 'No demand history for destination NOWHERE × product NOTHING.',
        reason: { code: 'demand-no-history', params: { destination: 'NOWHERE', product: 'NOTHING' } },
      });
    } finally {
      tmp.cleanup();
    }
  });
});
