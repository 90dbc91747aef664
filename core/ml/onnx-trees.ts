import { ProtoMessage } from './protobuf-read';

/** How a node compares, x `op` threshold → true child: BRANCH_LEQ, BRANCH_LT, BRANCH_GTE, BRANCH_GT. */
export const Mode = { LEAF: 0, LEQ: 1, LT: 2, GTE: 3, GT: 4 } as const;
const MODE_CODES = new Map<string, number>([
  ['LEAF', Mode.LEAF],
  ['BRANCH_LEQ', Mode.LEQ],
  ['BRANCH_LT', Mode.LT],
  ['BRANCH_GTE', Mode.GTE],
  ['BRANCH_GT', Mode.GT],
]);

/**
 * All nodes of all trees in flat arrays, one entry per node in file order; tree t owns entries
 * [treeStart[t], treeStart[t+1]) and its root is the first of them. Children are entry indices.
 */
export interface FlatNodes {
  treeStart: Int32Array;
  mode: Uint8Array;
  feature: Int32Array;
  /** float32 thresholds */
  threshold: Float32Array;
  trueChild: Int32Array;
  falseChild: Int32Array;
  missingTrue: Uint8Array;
  /** leaves: the one vote's output index and float32 weight */
  target: Int32Array;
  weight: Float32Array;
}

/**
 * A tree ensemble read back from an ONNX file, in the order onnxruntime evaluates it: trees in
 * the order their node runs appear, each tree's root being its first listed node.
 */
export interface TreeEnsembleSpec {
  nFeatures: number;
  nTargets: number;
  /** float32 base values, one per target (zeros when the model has none) */
  base: number[];
  link: 'none' | 'sigmoid' | 'softmax';
  /** Graph input and the output the app reads (`prediction`, else the first output). */
  inputName: string;
  outputName: string;
  nTrees: number;
  nodes: FlatNodes;
}

export type ReadResult = { ok: true; spec: TreeEnsembleSpec } | { ok: false; reason: string };

const ONNX_FLOAT = 1;

/**
 * Read the supported subset of ONNX tree models: one ai.onnx.ml TreeEnsembleRegressor over a
 * float[N, F] input (SUM, post_transform NONE, BRANCH_LEQ/LT/GTE/GT nodes, float attributes,
 * one vote per leaf), optionally followed by the exporter's exact sigmoid chain
 * (Neg → Exp → Add 1 → Reciprocal) or a Softmax over axis 1. Anything else is refused with the
 * reason, and onnxruntime keeps serving that model.
 */
export function readTreeEnsemble(bytes: Uint8Array): ReadResult {
  try {
    return readOrThrow(bytes);
  } catch (err) {
    return { ok: false, reason: err instanceof Refusal ? err.message : `unreadable ONNX (${(err as Error).message})` };
  }
}

class Refusal extends Error {}

function readOrThrow(bytes: Uint8Array): ReadResult {
  const model = new ProtoMessage(bytes);
  const graph = model.message(7);
  if (!graph) return refuse('the file has no graph');
  const ops = graph.messages(1).map((n) => ({
    inputs: n.strings(1),
    outputs: n.strings(2),
    op: n.string(4) ?? '',
    domain: n.string(7) ?? '',
    attrs: new Map(n.messages(5).map((a) => [a.string(1) ?? '', a])),
  }));
  const inputs = graph.messages(11);
  const initNames = new Set(graph.messages(5).map((t) => t.string(8)));
  const realInputs = inputs.filter((i) => !initNames.has(i.string(1)));
  if (realInputs.length !== 1) return refuse(`the graph has ${realInputs.length} inputs (supported: 1)`);
  const input = realInputs[0]!;
  const inputName = input.string(1) ?? '';
  const tensorType = input.message(2)?.message(1);
  if (tensorType?.int(1) !== ONNX_FLOAT) return refuse('the input is not a float tensor');
  const dims = tensorType.message(2)?.messages(1) ?? [];
  const outputs = graph.messages(12).map((o) => o.string(1) ?? '');
  const outputName = outputs.includes('prediction') ? 'prediction' : outputs[0];
  if (!outputName) return refuse('the graph has no output');

  const ens = ops[0];
  if (!ens || ens.op !== 'TreeEnsembleRegressor' || ens.domain !== 'ai.onnx.ml') {
    return refuse(
      `the first node is ${ens ? `${ens.domain || 'ai.onnx'}.${ens.op}` : 'missing'} (supported: ai.onnx.ml.TreeEnsembleRegressor)`,
    );
  }
  if (ens.inputs[0] !== inputName) return refuse('the tree ensemble does not read the graph input');
  const rest = ops.slice(1);
  const link = readLink(rest, ens.outputs[0]!, outputName, graph);

  const a = ens.attrs;
  for (const name of a.keys())
    if (name.endsWith('_as_tensor')) return refuse(`attribute ${name} (double precision) is not supported`);
  const str = (k: string, d: string) => a.get(k)?.string(4) ?? d;
  if (str('aggregate_function', 'SUM') !== 'SUM')
    return refuse(`aggregate_function ${str('aggregate_function', '')} (supported: SUM)`);
  if (str('post_transform', 'NONE') !== 'NONE')
    return refuse(`post_transform ${str('post_transform', '')} (supported: NONE)`);
  const ints = (k: string) => a.get(k)?.ints(8) ?? [];
  const floats = (k: string) => a.get(k)?.floats(7) ?? [];
  const nTargets = a.get('n_targets')?.int(3) ?? 1;
  const treeIds = ints('nodes_treeids'),
    nodeIds = ints('nodes_nodeids'),
    feats = ints('nodes_featureids');
  const modes = a.get('nodes_modes')?.strings(9) ?? [];
  const values = floats('nodes_values'),
    trueIds = ints('nodes_truenodeids'),
    falseIds = ints('nodes_falsenodeids');
  const missing = ints('nodes_missing_value_tracks_true');
  const n = treeIds.length;
  for (const [k, arr] of [
    ['nodes_nodeids', nodeIds],
    ['nodes_featureids', feats],
    ['nodes_modes', modes],
    ['nodes_values', values],
    ['nodes_truenodeids', trueIds],
    ['nodes_falsenodeids', falseIds],
  ] as const) {
    if (arr.length !== n) return refuse(`${k} has ${arr.length} entries for ${n} nodes`);
  }
  if (missing.length !== 0 && missing.length !== n)
    return refuse(`nodes_missing_value_tracks_true has ${missing.length} entries for ${n} nodes`);
  if (n === 0) return refuse('the ensemble has no nodes');

  const nodes: FlatNodes = {
    treeStart: new Int32Array(0),
    mode: new Uint8Array(n),
    feature: Int32Array.from(feats),
    threshold: Float32Array.from(values),
    trueChild: new Int32Array(n),
    falseChild: new Int32Array(n),
    missingTrue: new Uint8Array(n),
    target: new Int32Array(n).fill(-1),
    weight: new Float32Array(n),
  };
  // Trees in list order; a tree id that reappears after another tree is refused (order ambiguity).
  const starts: number[] = [];
  const treeOfId = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (i === 0 || treeIds[i] !== treeIds[i - 1]) {
      if (treeOfId.has(treeIds[i]!)) return refuse(`tree ${treeIds[i]} is not listed contiguously`);
      treeOfId.set(treeIds[i]!, starts.length);
      starts.push(i);
    }
    const mode = MODE_CODES.get(modes[i]!);
    if (mode === undefined)
      return refuse(`node mode ${modes[i]} (supported: BRANCH_LEQ, BRANCH_LT, BRANCH_GTE, BRANCH_GT, LEAF)`);
    if (mode !== Mode.LEAF && !Number.isFinite(values[i]!))
      return refuse(`a non-finite threshold (${values[i]}) in tree ${treeIds[i]}`);
    nodes.mode[i] = mode;
    nodes.missingTrue[i] = missing[i] === 1 ? 1 : 0;
  }
  starts.push(n);
  nodes.treeStart = Int32Array.from(starts);
  const T = starts.length - 1;
  // Node id → entry, per tree: ids are small (0‥size), so a dense table per tree.
  const entryOf = (t: number, id: number): number => {
    const s0 = starts[t]!,
      e0 = starts[t + 1]!;
    const table = (tables[t] ??= denseIds(nodeIds, s0, e0));
    const k = id >= 0 && id < table.length ? table[id]! : -1;
    return k < 0 ? -1 : s0 + k;
  };
  const tables: Int32Array[] = [];
  for (let t = 0; t < T; t++) {
    for (let i = starts[t]!; i < starts[t + 1]!; i++) {
      if (nodes.mode[i] === Mode.LEAF) continue;
      const tc = entryOf(t, trueIds[i]!),
        fc = entryOf(t, falseIds[i]!);
      if (tc < 0 || fc < 0) return refuse(`a child of node ${nodeIds[i]} in tree ${treeIds[i]} does not exist`);
      nodes.trueChild[i] = tc;
      nodes.falseChild[i] = fc;
    }
  }
  const tTree = ints('target_treeids'),
    tNode = ints('target_nodeids'),
    tTarget = ints('target_ids'),
    tWeight = floats('target_weights');
  if (tNode.length !== tTree.length || tTarget.length !== tTree.length || tWeight.length !== tTree.length)
    return refuse('the target_* attributes differ in length');
  for (let k = 0; k < tTree.length; k++) {
    const t = treeOfId.get(tTree[k]!);
    const i = t === undefined ? -1 : entryOf(t, tNode[k]!);
    if (i < 0) return refuse(`a vote names node ${tNode[k]} of tree ${tTree[k]}, which does not exist`);
    if (nodes.mode[i] !== Mode.LEAF) return refuse(`a vote is attached to a branch node (tree ${tTree[k]})`);
    if (nodes.target[i] !== -1) return refuse(`a leaf of tree ${tTree[k]} has several votes (supported: one)`);
    if (tTarget[k]! < 0 || tTarget[k]! >= nTargets) return refuse(`a vote targets output ${tTarget[k]} of ${nTargets}`);
    nodes.target[i] = tTarget[k]!;
    nodes.weight[i] = tWeight[k]!;
  }
  let maxFeature = 0;
  for (let i = 0; i < n; i++) {
    if (nodes.mode[i] === Mode.LEAF) {
      if (nodes.target[i] === -1) return refuse('a leaf has no vote');
    } else maxFeature = Math.max(maxFeature, nodes.feature[i]!);
  }
  for (let t = 0; t < T; t++)
    if (!isTree(nodes, starts[t]!, starts[t + 1]!))
      return refuse(`tree ${treeIds[starts[t]!]} has a cycle or a shared node`);
  const declared = dims[1]?.int(1) ?? null;
  const nFeatures = declared ?? maxFeature + 1;
  if (maxFeature >= nFeatures) return refuse(`a node reads feature ${maxFeature} of ${nFeatures}`);
  const base = floats('base_values');
  if (base.length !== 0 && base.length !== nTargets)
    return refuse(`base_values has ${base.length} values for ${nTargets} targets`);
  // onnxruntime outputs 0, not the base value, for an output no leaf of the row voted for. The
  // compiled predictor always adds the base, so it takes only models where that cannot happen.
  for (let k = 0; k < base.length; k++)
    if (base[k] !== 0 && !alwaysVotedFor(nodes, starts, k))
      return refuse(`output ${k} has a base value but a row can reach no leaf voting for it`);
  return {
    ok: true,
    spec: {
      nFeatures,
      nTargets,
      base: base.length ? base : new Array<number>(nTargets).fill(0),
      link,
      inputName,
      outputName,
      nTrees: T,
      nodes,
    },
  };
}

/** Some tree votes for output k in every leaf, so every row gets a vote for it. */
function alwaysVotedFor(nodes: FlatNodes, starts: number[], k: number): boolean {
  for (let t = 0; t + 1 < starts.length; t++) {
    let all = true;
    for (let i = starts[t]!; i < starts[t + 1]! && all; i++)
      if (nodes.mode[i] === Mode.LEAF && nodes.target[i] !== k) all = false;
    if (all) return true;
  }
  return false;
}

/** Position within [s, e) of each node id; −1 for ids not there. Refuses sparse or repeated ids. */
function denseIds(nodeIds: number[], s: number, e: number): Int32Array {
  let max = -1;
  for (let i = s; i < e; i++) max = Math.max(max, nodeIds[i]!);
  if (max >= 4 * (e - s) + 16) refuse(`node ids up to ${max} for ${e - s} nodes (too sparse)`);
  const table = new Int32Array(max + 1).fill(-1);
  for (let i = s; i < e; i++) {
    if (nodeIds[i]! < 0) refuse(`negative node id ${nodeIds[i]}`);
    if (table[nodeIds[i]!] !== -1) refuse(`node ${nodeIds[i]} is listed twice in one tree`);
    table[nodeIds[i]!] = i - s;
  }
  return table;
}

function refuse(reason: string): never {
  throw new Refusal(reason);
}

/** Every entry of [s, e) reachable exactly once from the root s. */
function isTree(nodes: FlatNodes, s: number, e: number): boolean {
  const visits = new Uint8Array(e - s);
  const stack = [s];
  while (stack.length) {
    const p = stack.pop()!;
    if (p < s || p >= e || visits[p - s]!++) return false;
    if (nodes.mode[p] !== Mode.LEAF) stack.push(nodes.trueChild[p]!, nodes.falseChild[p]!);
  }
  return visits.every((v) => v === 1);
}

/** The nodes after the ensemble must be exactly the exporter's sigmoid chain, a Softmax, or nothing. */
function readLink(
  rest: { inputs: string[]; outputs: string[]; op: string; domain: string; attrs: Map<string, ProtoMessage> }[],
  raw: string,
  out: string,
  graph: ProtoMessage,
): TreeEnsembleSpec['link'] {
  const ops = rest.map((r) => (r.domain ? `${r.domain}.${r.op}` : r.op)).join(' → ');
  if (rest.length === 0) {
    if (raw !== out) refuse(`the ensemble's output '${raw}' is not the graph output '${out}'`);
    return 'none';
  }
  if (rest.length === 1 && rest[0]!.op === 'Softmax' && !rest[0]!.domain) {
    const axis = rest[0]!.attrs.get('axis')?.int(3) ?? -1;
    if ((axis !== 1 && axis !== -1) || rest[0]!.inputs[0] !== raw || rest[0]!.outputs[0] !== out)
      refuse(`unsupported Softmax (axis ${axis})`);
    return 'softmax';
  }
  if (ops === 'Neg → Exp → Add → Reciprocal') {
    const [neg, exp, add, rec] = rest as [(typeof rest)[0], (typeof rest)[0], (typeof rest)[0], (typeof rest)[0]];
    const one = add.inputs.find((i) => i !== exp.outputs[0]);
    const init = graph.messages(5).find((t) => t.string(8) === one);
    const oneValue = init ? (init.floats(4)[0] ?? rawFloat(init)) : null;
    const chained =
      neg.inputs[0] === raw &&
      exp.inputs[0] === neg.outputs[0] &&
      add.inputs.includes(exp.outputs[0]!) &&
      rec.inputs[0] === add.outputs[0] &&
      rec.outputs[0] === out;
    if (chained && oneValue === 1 && init?.int(2) === ONNX_FLOAT) return 'sigmoid';
  }
  return refuse(
    `the nodes after the ensemble (${ops}) are not a supported link (none, the 1/(1+exp(−x)) chain, Softmax)`,
  );
}

function rawFloat(t: ProtoMessage): number | null {
  const f = t.fields.get(9)?.[0];
  if (f?.wire !== 2 || f.bytes.length !== 4) return null;
  return new DataView(f.bytes.buffer, f.bytes.byteOffset, 4).getFloat32(0, true);
}
