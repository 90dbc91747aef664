/**
 * Least-recently-used cache with a size limit; evicted values are handed to `onEvict` (which
 * releases the onnxruntime session). Map iteration order is insertion order, so re-inserting on
 * each hit keeps the oldest entry first.
 */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(
    private capacity: number,
    private readonly onEvict: (key: string, value: V) => void,
  ) {
    if (capacity < 1) throw new Error('The session cache must hold at least one model.');
  }

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  peek(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    const old = this.map.get(key);
    this.map.delete(key);
    this.map.set(key, value);
    if (old !== undefined && old !== value) this.onEvict(key, old);
    this.trim();
  }

  delete(key: string): void {
    const v = this.map.get(key);
    if (v === undefined) return;
    this.map.delete(key);
    this.onEvict(key, v);
  }

  resize(capacity: number): void {
    if (capacity < 1) throw new Error('The session cache must hold at least one model.');
    this.capacity = capacity;
    this.trim();
  }

  keys(): string[] {
    return [...this.map.keys()];
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    for (const k of this.keys()) this.delete(k);
  }

  private trim(): void {
    while (this.map.size > this.capacity) {
      const [k, v] = this.map.entries().next().value as [string, V];
      this.map.delete(k);
      this.onEvict(k, v);
    }
  }
}
