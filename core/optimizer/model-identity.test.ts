import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../synth/scenario';
import { greedyDraft } from './greedy';
import { DEFAULT_MODEL_OPTIONS, buildModel, startOptions, type BuiltModel } from './model';
import { prepare } from './prep';

// The model is pinned to the exact LP text, column names, row names and index structure it had when
// its builders were split per constraint family: a restructuring must not change the model. A
// deliberate change to the formulation updates these hashes (print them with the same code).
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function fingerprint(b: BuiltModel) {
  const lp = b.lp.toLp();
  const rows = lp
    .split('\n')
    .filter((l) => /^ \w+: /.test(l))
    .map((l) => l.slice(1, l.indexOf(':')));
  const structure = JSON.stringify({
    y: b.y,
    x: b.x,
    s: b.s,
    n: b.n,
    road: b.road,
    zCols: [...b.zCols],
    wCols: [...b.wCols],
    rakeInts: [...b.rakeInts],
    roadInts: b.roadInts,
    reductions: b.reductions,
  });
  return {
    lp: sha(lp),
    columns: sha(b.lp.names.join('\n')),
    rows: sha(rows.join('\n')),
    structure: sha(structure),
    size: b.lp.size,
  };
}

const cases = [
  { seed: 1, size: 'day', warm: false },
  { seed: 2, size: 'day', warm: false },
  { seed: 1, size: 'week', warm: false },
  { seed: 1, size: 'day', warm: true },
] as const;

const expected: Record<string, ReturnType<typeof fingerprint>> = {
  'day seed 1': {
    lp: 'cc538b6f619385c802a13728026bd9f056b38721464d5cdd7a45d90399bd2ab1',
    columns: '74cd41189064940a830382dcab9dba9c1c206eef643f975e4db1cfcbd2643e86',
    rows: '87fef3ad0ea1795036a75ec43d791da540c623de5fc30a67403a737b0bf95dd9',
    structure: '67d5363bf7a44165caab5c36cfb9dcbe1a9c69c246e4d91502357bd9597866d2',
    size: { columns: 3699, integers: 1190, rows: 5452, nonzeros: 19759 },
  },
  'day seed 2': {
    lp: '86f9ee813678857bd368c04a5c184b80966d6d5e64f6a1a362b4575dbaa3854a',
    columns: '059eb0c809cceb48dc29e6bd3b494a8ce3888b1a6cdb624631a9cd598e7437c3',
    rows: '200544ce507bf21c122c0ab50ed407430addefda8d094954cf9bd1d89f89596a',
    structure: 'a226a99a1e6c95bd52c714b42936d553d86b1383f53df5ad1ef1269681ec7a4a',
    size: { columns: 3102, integers: 1068, rows: 4584, nonzeros: 16166 },
  },
  'week seed 1': {
    lp: 'adb321124572dfdd76d4058d88686a48aeda6505b73135133750c1279b9b3620',
    columns: 'bb43923a7ffe6aab8f3ee3a5234fc15cce5d667f78d5c69098900ae38393ff3a',
    rows: '361c56179a409b2047c2cb101c53a5ba02ce49ab16d8b329a7c54e66ba62f948',
    structure: '5aae7c111c1777c044509ac39d959b92d8f54e6e13f1760c36605073f4f3c0b3',
    size: { columns: 24447, integers: 8300, rows: 36984, nonzeros: 143226 },
  },
  'day seed 1 with a greedy warm start': {
    lp: '5dc42e2aba9c58b9114c7cc6437f519e73142844c8dcfa8284cba33d32dfef96',
    columns: 'cbee15f211d7d345fff67caa1d9487a7b4522c88769e2a404c4b82f6b1f0ff4b',
    rows: '660cc5ce94c4352d99c16dfb795a56904a4659ef9dd4172c91a158a8d83a5772',
    structure: '0854f2b3dfff01543eb8b8ff5e5426d1cbdbd907777cc742fd5af8957f3975d2',
    size: { columns: 3700, integers: 1191, rows: 5453, nonzeros: 19789 },
  },
};

describe('buildModel writes the same model', () => {
  for (const cs of cases) {
    const name = `${cs.size} seed ${cs.seed}${cs.warm ? ' with a greedy warm start' : ''}`;
    it(
      name,
      () => {
        const p = prepare(generateScenario({ seed: cs.seed, size: cs.size }));
        const b = buildModel(p, cs.warm ? startOptions(greedyDraft(p)) : DEFAULT_MODEL_OPTIONS);
        expect(fingerprint(b)).toEqual(expected[name]);
      },
      120_000,
    );
  }
});
