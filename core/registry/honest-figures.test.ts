import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../ml/manifest';
import { versionRecord } from '../../tests/fixtures/version-record';
import { productionUnseen } from './honest-figures';
import type { VersionRecord } from './version-record';

type Split = { train: number; valid: number; test: number };
const version = (v: number, rows: Split, m: Partial<ModelManifest> = {}, o: Partial<VersionRecord> = {}) =>
  versionRecord(
    'm',
    v,
    {
      target: 'y',
      dateColumn: 'date',
      rows,
      split: 'time',
      params: {},
      trainingData: {
        kind: 'plant-history',
        source: 'history',
        identity: { of: 'history-table', sha256: 'h1', rows: 100 },
      },
      ...m,
    },
    o,
  );
// The candidate's holdout: the last 15 of 100 rows, one a day from 2024-01-01.
const day = (k: number) => new Date(Date.UTC(2024, 0, 1 + k)).toISOString().slice(0, 10);
const holdout = Array.from({ length: 15 }, (_, k) => ({ date: day(85 + k), y: k }));
const cand = version(2, { train: 70, valid: 15, test: 15 });

describe('which rows of the candidate’s holdout production never trained on', () => {
  it('on the same rows split with other fractions: those after its train and validation rows', () => {
    const prod = version(1, { train: 90, valid: 5, test: 5 });
    expect(productionUnseen(cand, prod, holdout)).toEqual({ unseen: holdout.map((_, k) => 85 + k >= 95) });
  });

  it('on other data: the rows dated after the last row it trained on', () => {
    const prod = version(1, { train: 80, valid: 10, test: 10 }, { trainingData: undefined, trainedThrough: day(91) });
    expect(productionUnseen(cand, prod, holdout)).toEqual({ unseen: holdout.map((_, k) => 85 + k > 91) });
  });

  it('says why not when that cannot be told, or when it trained on every one of them', () => {
    const other = { trainingData: undefined };
    expect(productionUnseen(cand, version(1, { train: 80, valid: 10, test: 10 }, other), holdout)).toEqual({
      notComparable: { code: 'not-comparable-other-data', params: { model: 'm', version: 1 } },
    });
    expect(
      productionUnseen(cand, version(1, { train: 0, valid: 0, test: 0 }, other, { origin: 'imported' }), holdout),
    ).toEqual({ notComparable: { code: 'not-comparable-imported', params: { model: 'm', version: 1 } } });
    expect(
      productionUnseen(
        cand,
        version(1, { train: 90, valid: 10, test: 0 }, { ...other, trainedThrough: day(99) }),
        holdout,
      ),
    ).toEqual({
      notComparable: {
        code: 'not-comparable-seen-through',
        params: { model: 'm', version: 1, n: 15, date: day(99) },
      },
    });
  });
});
