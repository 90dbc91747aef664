import { ProtoMessage } from './protobuf-read';

/**
 * The operators a tabular model needs: tree ensembles, linear and SVM models and their encoders
 * (ai.onnx.ml), and the element-wise, reduction and reshaping operators converters put around
 * them. Each output is bounded by its inputs and the file's own constants. Operators that build a
 * tensor of a shape computed at run time (ConstantOfShape, Expand, Tile, Range, Pad, Resize, the
 * random generators) or run sub-graphs (If, Loop, Scan) are not here: a few hundred bytes of them
 * can make onnxruntime allocate gigabytes inside the host.
 */
const TABULAR_OPERATORS = new Set([
  // ai.onnx.ml
  'TreeEnsembleRegressor',
  'TreeEnsembleClassifier',
  'TreeEnsemble',
  'LinearRegressor',
  'LinearClassifier',
  'SVMRegressor',
  'SVMClassifier',
  'Normalizer',
  'Scaler',
  'Imputer',
  'Binarizer',
  'ZipMap',
  'LabelEncoder',
  'OneHotEncoder',
  'CategoryMapper',
  'ArrayFeatureExtractor',
  'FeatureVectorizer',
  'DictVectorizer',
  'CastMap',
  // ai.onnx
  'Identity',
  'Constant',
  'Cast',
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Neg',
  'Abs',
  'Exp',
  'Log',
  'Sqrt',
  'Pow',
  'Reciprocal',
  'Floor',
  'Ceil',
  'Round',
  'Sign',
  'Erf',
  'Sigmoid',
  'Tanh',
  'Relu',
  'Clip',
  'Softmax',
  'LogSoftmax',
  'ArgMax',
  'ArgMin',
  'TopK',
  'Min',
  'Max',
  'Sum',
  'Mean',
  'ReduceSum',
  'ReduceMean',
  'ReduceMax',
  'ReduceMin',
  'ReduceLogSumExp',
  'MatMul',
  'Gemm',
  'Concat',
  'Reshape',
  'Flatten',
  'Squeeze',
  'Unsqueeze',
  'Transpose',
  'Gather',
  'Slice',
  'Shape',
  'Less',
  'LessOrEqual',
  'Greater',
  'GreaterOrEqual',
  'Equal',
  'Not',
  'And',
  'Or',
  'Where',
  'IsNaN',
]);

/** The operators of an ONNX model outside TABULAR_OPERATORS, sorted; [] when every one is allowed. */
export function unsupportedOperators(bytes: Uint8Array): string[] {
  const graph = new ProtoMessage(bytes).message(7);
  if (!graph) throw new Error('the file has no graph');
  const refused = new Set<string>();
  for (const n of graph.messages(1)) {
    const op = n.string(4) ?? '';
    if (!TABULAR_OPERATORS.has(op)) refused.add(op || '(no operator)');
  }
  return [...refused].sort();
}
