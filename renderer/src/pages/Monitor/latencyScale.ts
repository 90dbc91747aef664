/**
 * Latency in ms, or in s once a window holds calls of 10 s or more (a solve's call lasts as long
 * as the solve: "1,00,000 ms" reads worse than "100 s").
 */
export function latencyScale(p99: readonly (number | null)[]): {
  unit: string;
  of: (ms: number | null) => number | null;
} {
  const slow = p99.some((v) => v !== null && v >= 10_000);
  return slow ? { unit: 's', of: (ms) => (ms === null ? null : ms / 1000) } : { unit: 'ms', of: (ms) => ms };
}
