/**
 * A minimal protobuf reader, the counterpart of ProtoWriter: enough to read an ONNX model's graph
 * back (for the compiled tree predictor). Fields come out in file order, grouped by number;
 * repeated numbers are accepted packed or unpacked, as the protobuf spec requires of parsers.
 */
const utf8 = new TextDecoder();

export type Field = { wire: 0; value: number } | { wire: 1 | 5; at: number } | { wire: 2; bytes: Uint8Array };

export class ProtoMessage {
  readonly fields = new Map<number, Field[]>();

  constructor(readonly buf: Uint8Array) {
    let p = 0;
    const varint = (): number => {
      let v = 0,
        mul = 1;
      for (let k = 0; k < 10; k++) {
        if (p >= buf.length) throw new Error('truncated protobuf varint');
        const b = buf[p++]!;
        v += (b & 0x7f) * mul;
        mul *= 128;
        if (b < 0x80) return v;
      }
      throw new Error('protobuf varint longer than 10 bytes');
    };
    while (p < buf.length) {
      const key = varint();
      const num = Math.floor(key / 8),
        wire = key & 7;
      let f: Field;
      if (wire === 0) f = { wire: 0, value: varint() };
      else if (wire === 1) {
        f = { wire: 1, at: p };
        p += 8;
      } else if (wire === 5) {
        f = { wire: 5, at: p };
        p += 4;
      } else if (wire === 2) {
        const len = varint();
        if (p + len > buf.length) throw new Error('truncated protobuf field');
        f = { wire: 2, bytes: buf.subarray(p, p + len) };
        p += len;
      } else throw new Error(`unsupported protobuf wire type ${wire}`);
      if (p > buf.length) throw new Error('truncated protobuf field');
      const list = this.fields.get(num);
      if (list) list.push(f);
      else this.fields.set(num, [f]);
    }
  }

  has(num: number): boolean {
    return this.fields.has(num);
  }

  messages(num: number): ProtoMessage[] {
    return (this.fields.get(num) ?? []).flatMap((f) => (f.wire === 2 ? [new ProtoMessage(f.bytes)] : []));
  }

  message(num: number): ProtoMessage | null {
    return this.messages(num)[0] ?? null;
  }

  string(num: number): string | null {
    const f = this.fields.get(num)?.[0];
    return f?.wire === 2 ? utf8.decode(f.bytes) : null;
  }

  strings(num: number): string[] {
    const out: string[] = [];
    for (const f of this.fields.get(num) ?? []) if (f.wire === 2) out.push(text(f.bytes));
    return out;
  }

  /** A varint field as a signed 64-bit integer (exact within ±2^53). */
  int(num: number): number | null {
    const f = this.fields.get(num)?.[0];
    return f?.wire === 0 ? signed(f.value) : null;
  }

  float(num: number): number | null {
    const f = this.fields.get(num)?.[0];
    return f?.wire === 5 ? new DataView(this.buf.buffer, this.buf.byteOffset + f.at, 4).getFloat32(0, true) : null;
  }

  ints(num: number): number[] {
    const out: number[] = [];
    for (const f of this.fields.get(num) ?? []) {
      if (f.wire === 0) out.push(signed(f.value));
      else if (f.wire === 2) {
        const bytes = f.bytes;
        let v = 0,
          shift = 0;
        for (let i = 0; i < bytes.length; i++) {
          const b = bytes[i]!;
          // Small integers (the common case: ids, features) stay in int32 arithmetic.
          if (shift < 28) v |= (b & 0x7f) << shift;
          else v += (b & 0x7f) * 2 ** shift;
          shift += 7;
          if (b < 0x80) {
            out.push(shift > 28 ? signed(v) : v);
            v = 0;
            shift = 0;
          }
        }
        if (shift !== 0) throw new Error('truncated packed varint');
      }
    }
    return out;
  }

  floats(num: number): number[] {
    const out: number[] = [];
    for (const f of this.fields.get(num) ?? []) {
      if (f.wire === 5) out.push(new DataView(this.buf.buffer, this.buf.byteOffset + f.at, 4).getFloat32(0, true));
      else if (f.wire === 2) {
        if (f.bytes.length % 4 !== 0) throw new Error('packed float field is not a multiple of 4 bytes');
        const dv = new DataView(f.bytes.buffer, f.bytes.byteOffset, f.bytes.length);
        for (let k = 0; k < f.bytes.length; k += 4) out.push(dv.getFloat32(k, true));
      }
    }
    return out;
  }
}

/** ASCII without TextDecoder's per-call cost (tree models hold ~10^4–10^5 short mode strings). */
function text(b: Uint8Array): string {
  if (b.length > 32) return utf8.decode(b);
  let s = '';
  for (let i = 0; i < b.length; i++) {
    if (b[i]! >= 0x80) return utf8.decode(b);
    s += String.fromCharCode(b[i]!);
  }
  return s;
}

/** Varints above 2^63 are negative int64 values in two's complement. */
function signed(v: number): number {
  return v >= 2 ** 63 ? v - 2 ** 64 : v;
}
