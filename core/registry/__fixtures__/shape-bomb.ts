/**
 * A hostile ONNX model of a few hundred bytes: prediction = X + ReduceSum(ConstantOfShape([S, S])).
 * Loading it would make onnxruntime allocate S² floats; the registry must refuse it unread.
 */
function varint(n: number): Buffer {
  const out: number[] = [];
  let v = BigInt(n);
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}
const tag = (f: number, w: number) => varint((f << 3) | w);
const int = (f: number, v: number) => Buffer.concat([tag(f, 0), varint(v)]);
const bytes = (f: number, s: string | Buffer) => {
  const b = Buffer.isBuffer(s) ? s : Buffer.from(s);
  return Buffer.concat([tag(f, 2), varint(b.length), b]);
};
const msg = (f: number, ...parts: Buffer[]) => bytes(f, Buffer.concat(parts));

export function model(size: number): Buffer {
  const shape = Buffer.concat([int(1, 2), int(2, 7), int(7, size), int(7, size), bytes(8, 'shape')]); // int64 [2]
  const one = Buffer.alloc(4);
  one.writeFloatLE(1);
  const value = Buffer.concat([int(1, 1), int(2, 1), bytes(9, one)]); // float [1] = 1
  const fill = Buffer.concat([
    bytes(1, 'shape'),
    bytes(2, 'big'),
    bytes(4, 'ConstantOfShape'),
    msg(5, bytes(1, 'value'), msg(5, value), int(20, 4)),
  ]);
  const sum = Buffer.concat([
    bytes(1, 'big'),
    bytes(2, 'total'),
    bytes(4, 'ReduceSum'),
    msg(5, bytes(1, 'keepdims'), int(3, 1), int(20, 2)),
  ]);
  const add = Buffer.concat([bytes(1, 'x'), bytes(1, 'total'), bytes(2, 'prediction'), bytes(4, 'Add')]);
  const info = (name: string) =>
    Buffer.concat([bytes(1, name), msg(2, msg(1, int(1, 1), msg(2, msg(1, bytes(2, 'N')), msg(1, int(1, 1)))))]);
  const graph = Buffer.concat([
    msg(1, fill),
    msg(1, sum),
    msg(1, add),
    bytes(2, 'g'),
    msg(5, shape),
    msg(11, info('x')),
    msg(12, info('prediction')),
  ]);
  return Buffer.concat([int(1, 8), bytes(2, 'shape-bomb'), msg(7, graph), msg(8, bytes(1, ''), int(2, 13))]);
}
