import type { BoostedModel } from './booster';
import { ProtoWriter } from './protobuf';

/**
 * Export a boosted model as ONNX (IR 8, ai.onnx opset 17, ai.onnx.ml opset 3):
 * input `input` float[N, F] → TreeEnsembleRegressor → `raw` float[N, K] and the model's output
 * `prediction` float[N, K]. Binary models add 1/(1+exp(−raw)) and multiclass ones a Softmax node rather than
 * post_transform, which onnxruntime ignores on a single-target regressor. BRANCH_LEQ with float32
 * thresholds reproduces the trainer's bin splits; nodes_missing_value_tracks_true carries each
 * node's learned missing direction.
 */
export function exportOnnx(
  model: BoostedModel,
  meta: { name: string; doc?: string; metadata?: Record<string, string> },
): Uint8Array {
  const K = model.outputs;
  const ens = ensembleAttributes(model);
  const nodes: ProtoWriter[] = [];
  const link = model.objective === 'binary' ? 'Sigmoid' : model.objective === 'multiclass' ? 'Softmax' : null;
  nodes.push(node('TreeEnsembleRegressor', ['input'], [link ? 'raw' : 'prediction'], 'ai.onnx.ml', 'trees', ens));
  const initializers: ProtoWriter[] = [];
  if (link === 'Sigmoid') {
    // 1 / (1 + exp(−raw)) from exact ops: the Sigmoid kernel's polynomial loses relative
    // precision for small probabilities, and the trainer reproduces this chain bit for bit.
    initializers.push(floatScalar('one', 1));
    nodes.push(node('Neg', ['raw'], ['neg'], '', 'neg', []));
    nodes.push(node('Exp', ['neg'], ['exp'], '', 'exp', []));
    nodes.push(node('Add', ['exp', 'one'], ['denom'], '', 'add', []));
    nodes.push(node('Reciprocal', ['denom'], ['prediction'], '', 'link', []));
  }
  if (link === 'Softmax') nodes.push(node('Softmax', ['raw'], ['prediction'], '', 'link', [attrInt('axis', 1)]));

  const graph = new ProtoWriter();
  for (const n of nodes) graph.message(1, n);
  graph.string(2, meta.name);
  for (const t of initializers) graph.message(5, t);
  if (meta.doc) graph.string(10, meta.doc);
  graph.message(11, valueInfo('input', model.nFeatures));
  graph.message(12, valueInfo('prediction', K));

  const m = new ProtoWriter();
  m.int(1, 8); // ir_version
  m.string(2, 'rakeplan');
  m.string(3, '1');
  m.string(4, 'in.rakeplan');
  m.int(5, 1);
  m.message(7, graph);
  m.message(8, new ProtoWriter().string(1, '').int(2, 17));
  m.message(8, new ProtoWriter().string(1, 'ai.onnx.ml').int(2, 3));
  for (const [key, value] of Object.entries(meta.metadata ?? {}))
    m.message(14, new ProtoWriter().string(1, key).string(2, value));
  return m.finish();
}

function ensembleAttributes(model: BoostedModel): ProtoWriter[] {
  const treeIds: number[] = [],
    nodeIds: number[] = [],
    featureIds: number[] = [],
    modes: string[] = [];
  const values: number[] = [],
    trueIds: number[] = [],
    falseIds: number[] = [],
    missingTrue: number[] = [];
  const tTree: number[] = [],
    tNode: number[] = [],
    tTarget: number[] = [],
    tWeight: number[] = [];
  model.trees.forEach((t, ti) => {
    for (let i = 0; i < t.left.length; i++) {
      const leaf = t.left[i] === -1;
      treeIds.push(ti);
      nodeIds.push(i);
      featureIds.push(leaf ? 0 : t.feature[i]!);
      modes.push(leaf ? 'LEAF' : 'BRANCH_LEQ');
      values.push(leaf ? 0 : t.threshold[i]!);
      trueIds.push(leaf ? 0 : t.left[i]!);
      falseIds.push(leaf ? 0 : t.right[i]!);
      missingTrue.push(leaf ? 0 : t.missingLeft[i]!);
      if (leaf) {
        tTree.push(ti);
        tNode.push(i);
        tTarget.push(t.output);
        tWeight.push(t.value[i]!);
      }
    }
  });
  return [
    attrString('aggregate_function', 'SUM'),
    attrFloats('base_values', model.baseScore),
    attrInt('n_targets', model.outputs),
    attrInts('nodes_falsenodeids', falseIds),
    attrInts('nodes_featureids', featureIds),
    attrInts('nodes_missing_value_tracks_true', missingTrue),
    attrStrings('nodes_modes', modes),
    attrInts('nodes_nodeids', nodeIds),
    attrInts('nodes_treeids', treeIds),
    attrInts('nodes_truenodeids', trueIds),
    attrFloats('nodes_values', values),
    attrString('post_transform', 'NONE'),
    attrInts('target_ids', tTarget),
    attrInts('target_nodeids', tNode),
    attrInts('target_treeids', tTree),
    attrFloats('target_weights', tWeight),
  ];
}

// AttributeProto: name=1, f=2, i=3, s=4, floats=7, ints=8, strings=9, type=20.
const enum AttrType {
  FLOAT = 1,
  INT = 2,
  STRING = 3,
  FLOATS = 6,
  INTS = 7,
  STRINGS = 8,
}
const enc = new TextEncoder();
function attrInt(name: string, v: number) {
  return new ProtoWriter().string(1, name).int(3, v).int(20, AttrType.INT);
}
function attrString(name: string, v: string) {
  return new ProtoWriter().string(1, name).bytes(4, enc.encode(v)).int(20, AttrType.STRING);
}
function attrFloats(name: string, v: number[]) {
  return new ProtoWriter().string(1, name).packedFloats(7, v).int(20, AttrType.FLOATS);
}
function attrInts(name: string, v: number[]) {
  return new ProtoWriter().string(1, name).packedInts(8, v).int(20, AttrType.INTS);
}
function attrStrings(name: string, v: string[]) {
  const w = new ProtoWriter().string(1, name);
  for (const s of v) w.bytes(9, enc.encode(s));
  return w.int(20, AttrType.STRINGS);
}

// TensorProto: dims=1, data_type=2, float_data=4, name=8 (no dims = a scalar).
function floatScalar(name: string, v: number): ProtoWriter {
  return new ProtoWriter().int(2, 1 /* FLOAT */).packedFloats(4, [v]).string(8, name);
}

// NodeProto: input=1, output=2, name=3, op_type=4, attribute=5, domain=7.
function node(
  op: string,
  inputs: string[],
  outputs: string[],
  domain: string,
  name: string,
  attrs: ProtoWriter[],
): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of inputs) w.string(1, i);
  for (const o of outputs) w.string(2, o);
  w.string(3, name).string(4, op);
  for (const a of attrs) w.message(5, a);
  if (domain) w.string(7, domain);
  return w;
}

// ValueInfoProto{name=1, type=2}; TypeProto{tensor_type=1}; Tensor{elem_type=1, shape=2}; Shape{dim=1}; Dim{dim_value=1, dim_param=2}.
function valueInfo(name: string, cols: number): ProtoWriter {
  const shape = new ProtoWriter()
    .message(1, new ProtoWriter().string(2, 'N'))
    .message(1, new ProtoWriter().int(1, cols));
  const tensor = new ProtoWriter().int(1, 1 /* FLOAT */).message(2, shape);
  return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
}
