import { ProtoWriter } from '../protobuf';
import { createRng } from '../../synth/prng';

/**
 * Hand-built ONNX tree ensembles for tests and benches: every branch mode, missing tracks both
 * ways, shallow leaves, shuffled node ids and per-leaf targets, which the trainer never emits but
 * imported models may. Thresholds come from a small grid so inputs can land exactly on them.
 */
export interface FixtureOptions {
  trees: number;
  maxDepth: number;
  features: number;
  targets?: number;
  modes?: readonly string[];
  link?: 'none' | 'sigmoid' | 'softmax';
  aggregate?: string;
  postTransform?: string;
  /** base value per output (default 0.5 + k) */
  base?: readonly number[];
  seed?: number;
}

export const FIXTURE_GRID = [-2, -1, -0.5, 0, 0.25, 0.5, 1, 2.5].map(Math.fround);

export function fixtureOnnx(o: FixtureOptions): Uint8Array {
  const rng = createRng(o.seed ?? 7);
  const K = o.targets ?? 1;
  const modes = o.modes ?? ['BRANCH_LEQ', 'BRANCH_LT', 'BRANCH_GTE', 'BRANCH_GT'];
  const a = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    feats: [] as number[],
    modes: [] as string[],
    values: [] as number[],
    trueIds: [] as number[],
    falseIds: [] as number[],
    missing: [] as number[],
  };
  const votes = { tree: [] as number[], node: [] as number[], target: [] as number[], weight: [] as number[] };
  for (let t = 0; t < o.trees; t++) {
    type N = {
      split: boolean;
      feature: number;
      mode: string;
      value: number;
      missing: number;
      kids: [N, N] | null;
      weight: number;
      target: number;
      id: number;
    };
    const grow = (d: number): N => {
      const split = d < o.maxDepth && (d === 0 || rng.next() < 0.8);
      return {
        split,
        feature: rng.index(o.features),
        mode: modes[rng.index(modes.length)]!,
        value: FIXTURE_GRID[rng.index(FIXTURE_GRID.length)]!,
        missing: rng.index(2),
        kids: split ? [grow(d + 1), grow(d + 1)] : null,
        weight: Math.fround((rng.next() - 0.5) * 2),
        target: rng.index(K),
        id: -1,
      };
    };
    const all: N[] = [];
    const walk = (n: N) => {
      all.push(n);
      if (n.kids) {
        walk(n.kids[0]);
        walk(n.kids[1]);
      }
    };
    walk(grow(0));
    // Root first with id 0; the rest listed and numbered in a shuffled order.
    const rest = all.slice(1);
    for (let i = rest.length - 1; i > 0; i--) {
      const j = rng.index(i + 1);
      [rest[i], rest[j]] = [rest[j]!, rest[i]!];
    }
    const ids = rest.map((_, i) => i + 1);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = rng.index(i + 1);
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    all[0]!.id = 0;
    rest.forEach((n, i) => {
      n.id = ids[i]!;
    });
    for (const n of [all[0]!, ...rest]) {
      a.treeIds.push(t);
      a.nodeIds.push(n.id);
      a.feats.push(n.split ? n.feature : 0);
      a.modes.push(n.split ? n.mode : 'LEAF');
      a.values.push(n.split ? n.value : 0);
      a.trueIds.push(n.kids ? n.kids[0].id : 0);
      a.falseIds.push(n.kids ? n.kids[1].id : 0);
      a.missing.push(n.split ? n.missing : 0);
      if (!n.split) {
        votes.tree.push(t);
        votes.node.push(n.id);
        votes.target.push(n.target);
        votes.weight.push(n.weight);
      }
    }
  }
  const attrs = [
    attrString('aggregate_function', o.aggregate ?? 'SUM'),
    attrFloats('base_values', o.base ? [...o.base] : Array.from({ length: K }, (_, k) => 0.5 + k)),
    attrInt('n_targets', K),
    attrInts('nodes_falsenodeids', a.falseIds),
    attrInts('nodes_featureids', a.feats),
    attrInts('nodes_missing_value_tracks_true', a.missing),
    attrStrings('nodes_modes', a.modes),
    attrInts('nodes_nodeids', a.nodeIds),
    attrInts('nodes_treeids', a.treeIds),
    attrInts('nodes_truenodeids', a.trueIds),
    attrFloats('nodes_values', a.values),
    attrString('post_transform', o.postTransform ?? 'NONE'),
    attrInts('target_ids', votes.target),
    attrInts('target_nodeids', votes.node),
    attrInts('target_treeids', votes.tree),
    attrFloats('target_weights', votes.weight),
  ];
  const link = o.link ?? 'none';
  const graph = new ProtoWriter();
  graph.message(
    1,
    node('TreeEnsembleRegressor', ['input'], [link === 'none' ? 'prediction' : 'raw'], 'ai.onnx.ml', attrs),
  );
  if (link === 'sigmoid') {
    graph.message(1, node('Neg', ['raw'], ['neg'], '', []));
    graph.message(1, node('Exp', ['neg'], ['exp'], '', []));
    graph.message(1, node('Add', ['exp', 'one'], ['denom'], '', []));
    graph.message(1, node('Reciprocal', ['denom'], ['prediction'], '', []));
  }
  if (link === 'softmax') graph.message(1, node('Softmax', ['raw'], ['prediction'], '', [attrInt('axis', 1)]));
  graph.string(2, 'fixture');
  if (link === 'sigmoid') graph.message(5, new ProtoWriter().int(2, 1).packedFloats(4, [1]).string(8, 'one'));
  graph.message(11, valueInfo('input', o.features));
  graph.message(12, valueInfo('prediction', K));
  const m = new ProtoWriter();
  m.int(1, 8).string(2, 'fixture').message(7, graph);
  m.message(8, new ProtoWriter().string(1, '').int(2, 17));
  m.message(8, new ProtoWriter().string(1, 'ai.onnx.ml').int(2, 3));
  return m.finish();
}

/** Rows of grid values (exact threshold hits), values between them, NaN (20 %) and ±∞. */
export function fixtureRows(n: number, features: number, seed = 11): Float32Array {
  const rng = createRng(seed);
  const x = new Float32Array(n * features);
  for (let i = 0; i < x.length; i++) {
    const u = rng.next();
    x[i] =
      u < 0.2
        ? NaN
        : u < 0.23
          ? rng.next() < 0.5
            ? Infinity
            : -Infinity
          : u < 0.6
            ? FIXTURE_GRID[rng.index(FIXTURE_GRID.length)]!
            : rng.next() * 6 - 3;
  }
  return x;
}

const enc = new TextEncoder();
const attrInt = (name: string, v: number) => new ProtoWriter().string(1, name).int(3, v).int(20, 2);
const attrString = (name: string, v: string) => new ProtoWriter().string(1, name).bytes(4, enc.encode(v)).int(20, 3);
const attrFloats = (name: string, v: number[]) => new ProtoWriter().string(1, name).packedFloats(7, v).int(20, 6);
const attrInts = (name: string, v: number[]) => new ProtoWriter().string(1, name).packedInts(8, v).int(20, 7);
function attrStrings(name: string, v: string[]) {
  const w = new ProtoWriter().string(1, name);
  for (const s of v) w.bytes(9, enc.encode(s));
  return w.int(20, 8);
}
function node(op: string, inputs: string[], outputs: string[], domain: string, attrs: ProtoWriter[]): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of inputs) w.string(1, i);
  for (const o of outputs) w.string(2, o);
  w.string(3, op.toLowerCase()).string(4, op);
  for (const a of attrs) w.message(5, a);
  if (domain) w.string(7, domain);
  return w;
}
function valueInfo(name: string, cols: number): ProtoWriter {
  const shape = new ProtoWriter()
    .message(1, new ProtoWriter().string(2, 'N'))
    .message(1, new ProtoWriter().int(1, cols));
  return new ProtoWriter()
    .string(1, name)
    .message(2, new ProtoWriter().message(1, new ProtoWriter().int(1, 1).message(2, shape)));
}
