/** Actuals (solid) with the forecast (orange) and the naive forecast (dashed) after them, by day. */
export function ForecastChart({ actuals, forecast, unit, testId }: {
  actuals: { date: string; value: number | null }[];
  forecast: { date: string; value: number; naive: number | null }[];
  unit: string;
  testId?: string;
}) {
  const W = 640, H = 180, padL = 52, padB = 20, padT = 8;
  const n = actuals.length + forecast.length;
  const all = [...actuals.map((a) => a.value), ...forecast.flatMap((f) => [f.value, f.naive])].filter((v): v is number => v !== null);
  const max = Math.max(1, ...all);
  const x = (i: number) => padL + ((W - padL - 6) * i) / Math.max(1, n - 1);
  const y = (v: number) => padT + (H - padT - padB) * (1 - v / max);
  const line = (pts: { i: number; v: number | null }[]) => {
    let d = '', pen = false;
    for (const p of pts) {
      if (p.v === null) { pen = false; continue; }
      d += `${pen ? 'L' : 'M'}${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  const a0 = actuals.length;
  return (
    <figure data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label={`Actuals and forecast [${unit}]`}>
        <line x1={padL} x2={W - 6} y1={H - padB} y2={H - padB} stroke="#cbd5e1" />
        <line x1={padL} x2={padL} y1={padT} y2={H - padB} stroke="#cbd5e1" />
        <line x1={x(a0 - 0.5)} x2={x(a0 - 0.5)} y1={padT} y2={H - padB} stroke="#e2e8f0" strokeDasharray="2 2" />
        <text x={padL - 4} y={padT + 8} textAnchor="end" fontSize="10" fill="#64748b">{max.toFixed(0)} {unit}</text>
        <text x={padL - 4} y={H - padB} textAnchor="end" fontSize="10" fill="#64748b">0</text>
        <text x={padL} y={H - 5} fontSize="10" fill="#64748b">{actuals[0]?.date}</text>
        <text x={W - 6} y={H - 5} textAnchor="end" fontSize="10" fill="#64748b">{forecast.at(-1)?.date}</text>
        <path d={line(actuals.map((a, i) => ({ i, v: a.value })))} fill="none" stroke="#334155" strokeWidth="1.2" />
        <path d={line(forecast.map((f, k) => ({ i: a0 + k, v: f.naive })))} fill="none" stroke="#94a3b8" strokeWidth="1.2" strokeDasharray="4 3" />
        <path d={line(forecast.map((f, k) => ({ i: a0 + k, v: f.value })))} fill="none" stroke="#ea580c" strokeWidth="2" />
      </svg>
      <figcaption className="flex gap-4 text-xs text-slate-600">
        <span><span className="mr-1 inline-block h-2 w-3 bg-slate-700" />actual</span>
        <span><span className="mr-1 inline-block h-2 w-3 bg-orange-600" />forecast</span>
        <span><span className="mr-1 inline-block h-2 w-3 bg-slate-400" />naive (same weekday last year)</span>
      </figcaption>
    </figure>
  );
}
