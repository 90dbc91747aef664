/**
 * The few WebAssembly opcodes and encodings the trainer's kernels are emitted from (hist-kernels.ts),
 * and small helpers that emit a local access, a constant, a memory access or a loop as bytes.
 */

export const enum Op {
  Block = 0x02,
  Loop = 0x03,
  If = 0x04,
  Else = 0x05,
  End = 0x0b,
  Br = 0x0c,
  BrIf = 0x0d,
  Select = 0x1b,
  LocalGet = 0x20,
  LocalSet = 0x21,
  LocalTee = 0x22,
  I32Load = 0x28,
  F32Load = 0x2a,
  F64Load = 0x2b,
  I32Load8U = 0x2d,
  I32Store = 0x36,
  F64Store = 0x39,
  I32Const = 0x41,
  F64Const = 0x44,
  I32Eqz = 0x45,
  I32Eq = 0x46,
  I32Ne = 0x47,
  I32LtU = 0x49,
  I32LeU = 0x4d,
  I32GeU = 0x4f,
  I32Add = 0x6a,
  I32Sub = 0x6b,
  I32Mul = 0x6c,
  I32And = 0x71,
  I32Or = 0x72,
  I32Xor = 0x73,
  I32Shl = 0x74,
  I32ShrU = 0x76,
  F64Add = 0xa0,
  F64PromoteF32 = 0xbb,
  Bulk = 0xfc,
  Simd = 0xfd,
}
export const I32 = 0x7f,
  F64 = 0x7c,
  V128 = 0x7b,
  VOID = 0x40;
export const MEMORY_COPY = 0x0a,
  V128_LOAD = 0x00,
  V128_STORE = 0x0b,
  F64X2_SPLAT = 0x14,
  F64X2_REPLACE_LANE = 0x22,
  F64X2_ADD = 0xf0;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 127;
    n >>>= 7;
    if (n) b |= 128;
    out.push(b);
  } while (n);
  return out;
}
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 127;
    n >>= 7;
    if ((n === 0 && !(b & 64)) || (n === -1 && b & 64)) {
      out.push(b);
      return out;
    }
    out.push(b | 128);
  }
}
export const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
export const str = (s: string) => [...uleb(s.length), ...Buffer.from(s)];
export const get = (i: number) => [Op.LocalGet, i];
export const set = (i: number) => [Op.LocalSet, i];
export const tee = (i: number) => [Op.LocalTee, i];
export const i32 = (v: number) => [Op.I32Const, ...sleb(v)];
export const f64 = (v: number) => [Op.F64Const, ...new Uint8Array(Float64Array.of(v).buffer)];
/** A load or store with its alignment (log2 bytes) and constant offset. */
export const mem = (op: Op, align: number, offset = 0) => [op, align, ...uleb(offset)];
export const simd = (op: number, ...imm: number[]) => [Op.Simd, ...uleb(op), ...imm];
/** base + 4·index (an i32 element's address). */
export const at4 = (base: number, index: number) => [...get(base), ...get(index), ...i32(2), Op.I32Shl, Op.I32Add];
/** while (cond) body — cond leaves an i32. */
export const whileLoop = (cond: number[], body: number[]) => [
  Op.Block,
  VOID,
  Op.Loop,
  VOID,
  ...cond,
  Op.I32Eqz,
  Op.BrIf,
  1,
  ...body,
  Op.Br,
  0,
  Op.End,
  Op.End,
];
export const ifThen = (cond: number[], body: number[]) => [...cond, Op.If, VOID, ...body, Op.End];
export const inc = (i: number) => [...get(i), ...i32(1), Op.I32Add, ...set(i)];
