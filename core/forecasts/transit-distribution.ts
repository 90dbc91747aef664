/**
 * A transit-time distribution through three forecast quantiles: a split log-normal with its
 * median at P50, and a spread below the median fitted to P10 and one above fitted to P90. Transit
 * times are positive and right-skewed (a train is rarely much early, sometimes very late), which a
 * log-normal captures; the split keeps both forecast tails exact instead of averaging them.
 */
export interface TransitQuantiles {
  p10H: number;
  p50H: number;
  p90H: number;
}

/** z of the standard normal at 0.9. */
const Z90 = 1.2815515655446004;

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7; monotone). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

function spreads(q: TransitQuantiles): { mu: number; lo: number; hi: number } {
  const p50 = Math.max(q.p50H, 1e-6);
  // Quantile forecasts can cross (P10 above P50): each side is clamped to the median.
  const p10 = Math.min(Math.max(q.p10H, 1e-6), p50);
  const p90 = Math.max(q.p90H, p50);
  return { mu: Math.log(p50), lo: (Math.log(p50) - Math.log(p10)) / Z90, hi: (Math.log(p90) - Math.log(p50)) / Z90 };
}

/** P(transit ≤ hours), in [0, 1], non-decreasing in `hours`. A zero spread is a step at the median. */
export function transitCdf(q: TransitQuantiles, hours: number): number {
  if (!(hours > 0)) return 0;
  const { mu, lo, hi } = spreads(q);
  const z = Math.log(hours) - mu;
  const s = z < 0 ? lo : hi;
  if (s <= 0) return z < 0 ? 0 : 1;
  return Math.min(1, Math.max(0, normalCdf(z / s)));
}

/** Transit hours at probability p (0 < p < 1) of the same distribution; exact at 0.1, 0.5, 0.9. */
export function transitQuantile(q: TransitQuantiles, p: number): number {
  if (p === 0.5) return q.p50H;
  const { mu, lo, hi } = spreads(q);
  const z = inverseNormal(p);
  return Math.exp(mu + z * (z < 0 ? lo : hi));
}

/** Inverse of normalCdf by bisection: slow-ish but exact enough and never outside (−8, 8). */
function inverseNormal(p: number): number {
  if (Math.abs(p - 0.9) < 1e-12) return Z90;
  if (Math.abs(p - 0.1) < 1e-12) return -Z90;
  let a = -8,
    b = 8;
  for (let i = 0; i < 60; i++) {
    const m = (a + b) / 2;
    if (normalCdf(m) < p) a = m;
    else b = m;
  }
  return (a + b) / 2;
}
