/**
 * The histogram kernel's WebAssembly body: each row of a node adds its (gradient, hessian) to one bin
 * of every feature, four features' bin codes read as one word and each bin's pair as one f64x2 add.
 */
import {
  at4,
  f64,
  F64X2_ADD,
  F64X2_REPLACE_LANE,
  F64X2_SPLAT,
  get,
  I32,
  i32,
  ifThen,
  inc,
  mem,
  Op,
  set,
  simd,
  tee,
  uleb,
  V128,
  V128_LOAD,
  V128_STORE,
  vec,
  whileLoop,
} from './wasm-bytecode';

/** Bytes per feature histogram (256 bins × (grad, hess) doubles and padding, see STRIDE) and per 4-feature group. */
export const FEATURE_BYTES = (256 * 2 + 8) * 8;
export const GROUP_BYTES = 4 * FEATURE_BYTES;

/**
 * hist(rows, from, to, grad, hess, rowBins, nGroups, out, groups, nq, tail, ahead) → sink
 * (addresses in bytes). Row r = rows[k], k in [from, to), adds (grad[r], hess[r] — or 1 when
 * hess is 0) to the bin its packed word q gives feature 4q+t, for the nq groups listed at
 * `groups` and the first `tail` features of group nGroups−1. With `ahead`, the row that many
 * places on is loaded first so a sparse node's cache misses overlap (the sink keeps those loads).
 */
export function histFunc(): number[] {
  const ROWS = 0,
    FROM = 1,
    TO = 2,
    GRAD = 3,
    HESS = 4,
    ROWBINS = 5,
    NGROUPS = 6,
    OUT = 7,
    GROUPS = 8,
    NQ = 9,
    TAIL = 10,
    AHEAD = 11;
  const K = 12,
    R = 13,
    RB = 14,
    T = 15,
    W = 16,
    BASE = 17,
    A = 18,
    SINK = 19,
    R2 = 20,
    PAIR = 21;
  // out[bin of feature lane] += (g, h): the address is BASE + lane·FEATURE_BYTES + 16·byte `lane` of W.
  const update = (lane: number) => [
    ...get(BASE),
    ...get(W),
    ...(lane ? [...i32(8 * lane), Op.I32ShrU] : []),
    ...i32(255),
    Op.I32And,
    ...i32(4),
    Op.I32Shl,
    Op.I32Add,
    ...tee(A),
    ...get(A),
    ...simd(V128_LOAD, 4, ...uleb(lane * FEATURE_BYTES)),
    ...get(PAIR),
    ...simd(F64X2_ADD),
    ...simd(V128_STORE, 4, ...uleb(lane * FEATURE_BYTES)),
  ];
  // BASE = out + group·GROUP_BYTES, W = rowBins word `group` of the row (group left in W first).
  const groupWord = [
    ...get(W),
    ...i32(GROUP_BYTES),
    Op.I32Mul,
    ...get(OUT),
    Op.I32Add,
    ...set(BASE),
    ...at4(RB, W),
    ...mem(Op.I32Load, 2),
    ...set(W),
  ];
  const body = [
    ...get(FROM),
    ...set(K),
    ...whileLoop(
      [...get(K), ...get(TO), Op.I32LtU],
      [
        ...ifThen(
          [
            ...get(AHEAD),
            ...get(K),
            Op.I32Add,
            ...tee(R2),
            ...get(TO),
            Op.I32LtU,
            ...get(AHEAD),
            ...i32(0),
            Op.I32Ne,
            Op.I32And,
          ],
          [
            ...at4(ROWS, R2),
            ...mem(Op.I32Load, 2),
            ...set(R2),
            ...get(SINK),
            ...get(ROWBINS),
            ...get(R2),
            ...get(NGROUPS),
            Op.I32Mul,
            ...i32(2),
            Op.I32Shl,
            Op.I32Add,
            ...mem(Op.I32Load, 2),
            Op.I32Xor,
            ...at4(GRAD, R2),
            ...mem(Op.I32Load, 2),
            Op.I32Xor,
            ...set(SINK),
          ],
        ),
        ...at4(ROWS, K),
        ...mem(Op.I32Load, 2),
        ...set(R),
        ...at4(GRAD, R),
        ...mem(Op.F32Load, 2),
        Op.F64PromoteF32,
        ...simd(F64X2_SPLAT),
        ...set(PAIR),
        // Lane 1: hess[r], or 1 for unit hessians (hess = 0; the branch always goes the same way).
        ...get(HESS),
        Op.If,
        V128,
        ...get(PAIR),
        ...at4(HESS, R),
        ...mem(Op.F32Load, 2),
        Op.F64PromoteF32,
        ...simd(F64X2_REPLACE_LANE, 1),
        Op.Else,
        ...get(PAIR),
        ...f64(1),
        ...simd(F64X2_REPLACE_LANE, 1),
        Op.End,
        ...set(PAIR),
        ...get(ROWBINS),
        ...get(R),
        ...get(NGROUPS),
        Op.I32Mul,
        ...i32(2),
        Op.I32Shl,
        Op.I32Add,
        ...set(RB),
        ...i32(0),
        ...set(T),
        ...whileLoop(
          [...get(T), ...get(NQ), Op.I32LtU],
          [
            ...at4(GROUPS, T),
            ...mem(Op.I32Load, 2),
            ...set(W),
            ...groupWord,
            ...update(0),
            ...update(1),
            ...update(2),
            ...update(3),
            ...inc(T),
          ],
        ),
        ...ifThen(get(TAIL), [
          ...get(NGROUPS),
          ...i32(1),
          Op.I32Sub,
          ...set(W),
          ...groupWord,
          ...update(0),
          ...ifThen([...get(TAIL), ...i32(2), Op.I32GeU], update(1)),
          ...ifThen([...get(TAIL), ...i32(3), Op.I32GeU], update(2)),
        ]),
        ...inc(K),
      ],
    ),
    ...get(SINK),
    Op.End,
  ];
  return [
    ...vec([
      [9, I32],
      [1, V128],
    ]),
    ...body,
  ];
}
