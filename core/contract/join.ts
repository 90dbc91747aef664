import type { CallTable } from './define';

type Intersect<T extends unknown[]> = T extends [infer H, ...infer R] ? H & Intersect<R> : unknown;

/** Join the features' call tables into one, refusing any name declared twice. */
export function joinContracts<T extends CallTable[]>(...parts: T): Intersect<T> {
  const out: CallTable = {};
  for (const part of parts) {
    for (const [name, def] of Object.entries(part)) {
      if (Object.hasOwn(out, name)) throw new Error(`The call '${name}' is declared by two features.`);
      out[name] = def;
    }
  }
  return out as Intersect<T>;
}
