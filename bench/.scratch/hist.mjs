const n = 1_000_000, F = 20;
const bins = new Uint8Array(n * F); for (let i = 0; i < bins.length; i++) bins[i] = (Math.random() * 255) | 0;
const g = new Float32Array(n).map(() => Math.random()), h = new Float32Array(n).fill(1);
const out = new Float64Array(F * 512);
function a() {
  for (let f = 0; f < F; f++) { const off = f * n, base = f * 512;
    for (let k = 0; k < n; k++) { const j = base + bins[off + k] * 2; out[j] += g[k]; out[j + 1] += h[k]; } }
}
function b() {
  let f = 0;
  for (; f + 4 <= F; f += 4) {
    const o0 = f * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n; const b0 = f * 512, b1 = b0 + 512, b2 = b1 + 512, b3 = b2 + 512;
    for (let k = 0; k < n; k++) { const gk = g[k], hk = h[k];
      let j = b0 + bins[o0 + k] * 2; out[j] += gk; out[j + 1] += hk;
      j = b1 + bins[o1 + k] * 2; out[j] += gk; out[j + 1] += hk;
      j = b2 + bins[o2 + k] * 2; out[j] += gk; out[j + 1] += hk;
      j = b3 + bins[o3 + k] * 2; out[j] += gk; out[j + 1] += hk; }
  }
}
const gh = new Float64Array(2 * n); for (let k = 0; k < n; k++) { gh[2*k] = g[k]; gh[2*k+1] = h[k]; }
function c() {
  let f = 0;
  for (; f + 4 <= F; f += 4) {
    const o0 = f * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n; const b0 = f * 512, b1 = b0 + 512, b2 = b1 + 512, b3 = b2 + 512;
    for (let k = 0; k < n; k++) { const gk = gh[2*k], hk = gh[2*k+1];
      let j = b0 + (bins[o0 + k] << 1); out[j] += gk; out[j + 1] += hk;
      j = b1 + (bins[o1 + k] << 1); out[j] += gk; out[j + 1] += hk;
      j = b2 + (bins[o2 + k] << 1); out[j] += gk; out[j + 1] += hk;
      j = b3 + (bins[o3 + k] << 1); out[j] += gk; out[j + 1] += hk; }
  }
}
const rows = new Uint32Array(n / 2); for (let i = 0; i < rows.length; i++) rows[i] = i * 2;
function d() { // random rows, 4-blocked
  const m = rows.length;
  for (let f = 0; f + 4 <= F; f += 4) {
    const o0 = f * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n; const b0 = f * 512, b1 = b0 + 512, b2 = b1 + 512, b3 = b2 + 512;
    for (let k = 0; k < m; k++) { const r = rows[k]; const gk = g[k], hk = h[k];
      let j = b0 + bins[o0 + r] * 2; out[j] += gk; out[j + 1] += hk;
      j = b1 + bins[o1 + r] * 2; out[j] += gk; out[j + 1] += hk;
      j = b2 + bins[o2 + r] * 2; out[j] += gk; out[j + 1] += hk;
      j = b3 + bins[o3 + r] * 2; out[j] += gk; out[j + 1] += hk; }
  }
}
function e() { const m = rows.length;
  for (let f = 0; f < F; f++) { const off = f * n, base = f * 512;
    for (let k = 0; k < m; k++) { const j = base + bins[off + rows[k]] * 2; out[j] += g[k]; out[j + 1] += h[k]; } } }
for (const [name, fn] of [['a', a], ['b', b], ['c', c], ['d half', d], ['e half', e]]) { fn(); const t = performance.now(); for (let i = 0; i < 3; i++) fn(); console.log(name, ((performance.now() - t) / 3).toFixed(1), 'ms'); }
