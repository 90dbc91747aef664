/**
 * Two-sample Kolmogorov–Smirnov test: D = sup |F_a(x) − F_b(x)|, and the asymptotic p-value
 * Q_KS(λ) with λ = (√n_e + 0.12 + 0.11/√n_e) · D, n_e = n·m/(n+m) (Numerical Recipes §14.3).
 */
export function ks2(a: readonly number[], b: readonly number[]): { d: number; pValue: number } {
  if (a.length === 0 || b.length === 0) throw new Error('KS needs values on both sides.');
  const x = [...a].sort((p, q) => p - q),
    y = [...b].sort((p, q) => p - q);
  const n = x.length,
    m = y.length;
  let i = 0,
    j = 0,
    d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < n && x[i]! <= v) i++;
    while (j < m && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  const ne = (n * m) / (n + m);
  const sq = Math.sqrt(ne);
  return { d, pValue: kolmogorovQ((sq + 0.12 + 0.11 / sq) * d) };
}

/** Q_KS(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}; 1 at λ → 0. */
export function kolmogorovQ(lambda: number): number {
  if (lambda < 1e-3) return 1;
  let sum = 0,
    prev = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) <= 1e-10 * Math.abs(sum) || Math.abs(term) <= 1e-12 * prev) return clamp(sum);
    prev = Math.abs(term);
  }
  return 1; // the series does not converge for tiny λ: no evidence of a difference
}

const clamp = (p: number) => Math.min(1, Math.max(0, p));
