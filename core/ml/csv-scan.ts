import fs from 'node:fs';

/**
 * A byte-level reader for the common shape of a training file: no quotes at all, so every line is
 * one record and every separator ends a field. It hands each record over as field offsets into a
 * Buffer — no string per cell — and parses plain decimal numbers straight from the bytes (1M × 21
 * generated numbers: csv-parse made a string of every cell and took ~5× numpy.loadtxt's time).
 * The first quote it meets stops it: the caller reads the file again with the general reader
 * (core/csv/read.ts), which handles quoting and its errors.
 */

/** One record: fields [starts[j], ends[j]) of buf, j < n, and the file line it is on (header = 1). */
export interface ScanRecord {
  buf: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  n: number;
  line: number;
}

const CHUNK = 1 << 20;
const QUOTE = 34,
  LF = 10,
  CR = 13;

/**
 * Calls onRecord for every non-blank line of `file` (LF, CRLF or CR line ends, a UTF-8 BOM
 * skipped). Returns false, having stopped, at the first double quote. Awaits between chunks, so
 * the event loop is never blocked for long.
 */
export async function scanUnquoted(
  file: string,
  delimiter: number,
  onRecord: (r: ScanRecord) => void,
): Promise<boolean> {
  const fd = await fs.promises.open(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK);
    let len = 0;
    let eof = false;
    let first = true;
    const rec: ScanRecord = { buf, starts: new Int32Array(64), ends: new Int32Array(64), n: 0, line: 0 };
    let line = 1;
    for (;;) {
      if (!eof) {
        if (len === buf.length) {
          // A line longer than the buffer: grow it.
          const next = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(next, 0, 0, len);
          buf = next;
          rec.buf = buf;
        }
        const { bytesRead } = await fd.read(buf, len, buf.length - len, null);
        if (bytesRead === 0) eof = true;
        len += bytesRead;
      }
      let p = 0;
      if (first && len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) p = 3;
      if (first && (len >= 3 || eof)) first = false;
      // Whole lines in buf[p..len): a CR at the very end waits for the next chunk (it may be CRLF).
      for (;;) {
        let q = p;
        let n = 0;
        let start = p;
        let c = 0;
        let starts = rec.starts,
          ends = rec.ends;
        while (q < len) {
          c = buf[q]!;
          if (c === delimiter) {
            if (n + 1 >= starts.length) [starts, ends] = grow(rec);
            starts[n] = start;
            ends[n++] = q;
            start = q + 1;
          } else if (c === LF || c === CR) break;
          else if (c === QUOTE) return false;
          q++;
        }
        if (q === len && !eof) break; // an incomplete line
        if (c === CR && q + 1 === len && !eof) break;
        if (q === len && q === p && n === 0) {
          // End of file: nothing left.
          p = q;
          break;
        }
        starts[n] = start;
        ends[n++] = q;
        if (!(n === 1 && start === q)) {
          rec.n = n;
          rec.line = line;
          onRecord(rec);
        }
        line++;
        if (q < len) q += c === CR && q + 1 < len && buf[q + 1] === LF ? 2 : 1;
        p = q;
        if (p >= len) break;
      }
      if (eof && p >= len) return true;
      // Keep the incomplete line at the buffer's start.
      buf.copy(buf, 0, p, len);
      len -= p;
      if (eof && len === 0) return true;
    }
  } finally {
    await fd.close();
  }
}

function grow(rec: ScanRecord): [Int32Array, Int32Array] {
  const s = new Int32Array(rec.starts.length * 2),
    e = new Int32Array(rec.ends.length * 2);
  s.set(rec.starts);
  e.set(rec.ends);
  rec.starts = s;
  rec.ends = e;
  return [s, e];
}

/** 10^0 … 10^22: every one exact as a double. */
const POW10 = Float64Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** The spacing of doubles (ulp) for each biased exponent; 0 below the normal range. */
const ULP = Float64Array.from({ length: 2048 }, (_, e) => (e === 0 ? 0 : Math.pow(2, e - 1075)));
const bits = new Float64Array(1);
const bitsHi = new Uint32Array(bits.buffer);
/** Dekker's splitter for exact products of doubles. */
const SPLIT = 134217729;

/**
 * A plain decimal number in buf[s..e) — optional sign, digits, optional fraction and exponent —
 * when it can be had exactly from the bytes; NaN otherwise (spaces, text, forms it does not
 * take), and the caller uses Number() on the text. Up to 15 significant digits and a power of ten
 * within ±22, one IEEE multiply or divide of two exact doubles is the correctly rounded value
 * (Clinger's fast path), the same double Number() gives. 16–19 digits (what String() writes for
 * most doubles and floats) with a negative power: the digits as an exact double-double, divided
 * with the remainder kept, and the result taken only when the estimate is clearly not near the
 * half-way point between two doubles — the rest go to Number() too.
 */
export function parseDecimal(buf: Buffer, s: number, e: number): number {
  let i = s;
  let neg = false;
  let c = buf[i]!;
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  let m = 0; // the first 15 significant digits
  let low = 0; // up to 4 more
  let lowDigits = 0;
  let digits = 0;
  let any = false;
  let scale = 0; // the number is (m·10^lowDigits + low) × 10^scale
  let frac = false;
  for (; i < e; i++) {
    c = buf[i]!;
    if (c === 46 && !frac) {
      frac = true;
      continue;
    }
    c -= 48;
    if (c < 0 || c > 9) break;
    any = true;
    if (frac) scale--;
    if (m === 0 && c === 0) continue;
    if (++digits <= 15) m = m * 10 + c;
    else if (digits <= 19) {
      low = low * 10 + c;
      lowDigits++;
    } else return NaN;
  }
  if (!any) return NaN;
  if (i < e && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    let eneg = false;
    if (i < e && (buf[i] === 45 || buf[i] === 43)) {
      eneg = buf[i] === 45;
      i++;
    }
    let x = 0;
    const from = i;
    for (; i < e; i++) {
      c = buf[i]! - 48;
      if (c < 0 || c > 9 || x > 1000) break;
      x = x * 10 + c;
    }
    if (i === from) return NaN;
    scale += eneg ? -x : x;
  }
  if (i !== e) return NaN;
  let v: number;
  if (m === 0) v = 0;
  else if (lowDigits === 0) {
    if (scale > 22 || scale < -22) return NaN;
    v = scale >= 0 ? m * POW10[scale]! : m / POW10[-scale]!;
  } else {
    if (scale >= 0 || scale < -22) return NaN;
    v = divideExact(m, POW10[lowDigits]!, low, POW10[-scale]!);
  }
  return neg ? -v : v;
}

/**
 * (m·p + low) / d correctly rounded, or NaN when that cannot be told cheaply; m < 10^15,
 * p ≤ 10^4, low < p, d ≤ 10^22, all exact doubles.
 */
function divideExact(m: number, p: number, low: number, d: number): number {
  // M = m·p + low exactly as hi + lo (Dekker's two-product, then a two-sum).
  let x = m * p;
  let a = SPLIT * m;
  const mh = a - (a - m),
    ml = m - mh;
  a = SPLIT * p;
  const ph = a - (a - p),
    pl = p - ph;
  const xe = mh * ph - x + mh * pl + ml * ph + ml * pl;
  const hi = x + low;
  const bv = hi - x;
  const lo = x - (hi - bv) + (low - bv) + xe;
  // q = hi / d, and the exact remainder hi − q·d.
  const q = hi / d;
  x = q * d;
  a = SPLIT * q;
  const qh = a - (a - q),
    ql = q - qh;
  a = SPLIT * d;
  const dh = a - (a - d),
    dl = d - dh;
  const qe = qh * dh - x + qh * dl + ql * dh + ql * dl;
  const rem = hi - x - qe + lo;
  const corr = rem / d;
  const v = q + corr;
  const delta = q - v + corr; // v's rounding error, exact (|corr| ≤ |q|)
  bits[0] = v;
  const exp = (bitsHi[1]! >>> 20) & 0x7ff;
  // A power of two has a closer neighbour below: not worth the care.
  if (exp === 0 || exp === 0x7ff || (bitsHi[0] === 0 && (bitsHi[1]! & 0xfffff) === 0)) return NaN;
  // The estimate q + corr is within ~2^-100 of the true value: v is its nearest double unless
  // the rounding error is that close to half a step.
  const ulp = ULP[exp]!;
  return Math.abs(delta) < ulp * (0.5 - 1 / 1024) ? v : NaN;
}
