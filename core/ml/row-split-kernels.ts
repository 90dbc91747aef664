/**
 * The WebAssembly bodies of the kernels that route a node's rows by a split: partitioning them, and
 * adding each row its side's leaf value on the last level (see hist-kernels.ts).
 */
import { at4, get, I32, i32, inc, MEMORY_COPY, mem, Op, set, tee, vec, whileLoop } from './wasm-bytecode';

/** 1 when a row with bin code `b` goes left: bin ≤ splitBin, or missing (255) and missing goes left. */
export const leftOf = (b: number, splitBin: number, ml: number) => [
  ...get(b),
  ...get(splitBin),
  Op.I32LeU,
  ...get(b),
  ...i32(255),
  Op.I32Eq,
  ...get(ml),
  Op.I32And,
  Op.I32Or,
];

/**
 * partition(rows, start, end, column, splitBin, missingLeft, tmp) → mid. Stable in-place
 * partition of rows[start..end) by the row's code in `column` (the feature's bins): left rows
 * to rows[start..mid), right ones after. Branch-free: each row is written to both outputs and
 * only the chosen cursor advances (a branch would be mispredicted half the time).
 */
export function partitionFunc(): number[] {
  const ROWS = 0,
    START = 1,
    END = 2,
    COL = 3,
    SPLIT = 4,
    ML = 5,
    TMP = 6;
  const K = 7,
    L = 8,
    RC = 9,
    R = 10,
    B = 11,
    LEFT = 12;
  const body = [
    ...get(START),
    ...set(K),
    ...get(START),
    ...set(L),
    ...i32(0),
    ...set(RC),
    ...whileLoop(
      [...get(K), ...get(END), Op.I32LtU],
      [
        ...at4(ROWS, K),
        ...mem(Op.I32Load, 2),
        ...set(R),
        ...get(COL),
        ...get(R),
        Op.I32Add,
        ...mem(Op.I32Load8U, 0),
        ...set(B),
        ...leftOf(B, SPLIT, ML),
        ...set(LEFT),
        ...at4(ROWS, L),
        ...get(R),
        ...mem(Op.I32Store, 2),
        ...at4(TMP, RC),
        ...get(R),
        ...mem(Op.I32Store, 2),
        ...get(L),
        ...get(LEFT),
        Op.I32Add,
        ...set(L),
        ...get(RC),
        ...i32(1),
        Op.I32Add,
        ...get(LEFT),
        Op.I32Sub,
        ...set(RC),
        ...inc(K),
      ],
    ),
    ...at4(ROWS, L),
    ...get(TMP),
    ...get(RC),
    ...i32(2),
    Op.I32Shl,
    Op.Bulk,
    MEMORY_COPY,
    0,
    0,
    ...get(L),
    Op.End,
  ];
  return [...vec([[6, I32]]), ...body];
}

/** sides(rows, start, end, column, splitBin, missingLeft, score, vl, vr): score[r] += vl or vr, by r's side of the split. */
export function sidesFunc(): number[] {
  const ROWS = 0,
    START = 1,
    END = 2,
    COL = 3,
    SPLIT = 4,
    ML = 5,
    SCORE = 6,
    VL = 7,
    VR = 8;
  const K = 9,
    R = 10,
    B = 11,
    A = 12;
  const body = [
    ...get(START),
    ...set(K),
    ...whileLoop(
      [...get(K), ...get(END), Op.I32LtU],
      [
        ...at4(ROWS, K),
        ...mem(Op.I32Load, 2),
        ...set(R),
        ...get(COL),
        ...get(R),
        Op.I32Add,
        ...mem(Op.I32Load8U, 0),
        ...set(B),
        ...get(SCORE),
        ...get(R),
        ...i32(3),
        Op.I32Shl,
        Op.I32Add,
        ...tee(A),
        ...get(A),
        ...mem(Op.F64Load, 3),
        ...get(VL),
        ...get(VR),
        ...leftOf(B, SPLIT, ML),
        Op.Select,
        Op.F64Add,
        ...mem(Op.F64Store, 3),
        ...inc(K),
      ],
    ),
    Op.End,
  ];
  return [...vec([[4, I32]]), ...body];
}
