/** Every number the planner sees carries its unit. Indian digit grouping for rupees and tonnes. */
const inr = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });
const dec1 = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export const formatRs = (v: number) => `₹${inr.format(v)}`;
export const formatRsPerT = (v: number) => `₹${dec1.format(v)}/t`;
export const formatT = (v: number) => `${inr.format(v)} t`;
/** A count (rows, runs) with Indian digit grouping: 6,639. */
export const formatCount = (v: number) => inr.format(v);
export const formatH = (v: number) => `${dec1.format(v)} h`;
export const formatPct = (v: number) => `${dec1.format(v * 100)} %`;
export const formatMs = (v: number) => (v < 10 ? `${v.toFixed(2)} ms` : `${inr.format(v)} ms`);
export const formatDuration = (s: number) =>
  s < 60 ? `${s.toFixed(0)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
