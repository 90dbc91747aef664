/**
 * A small SVG line chart for per-minute series: shared x axis (minutes), one y scale, a legend.
 * Null values break the line (a minute without calls has no latency).
 */
export interface Line {
  label: string;
  color: string;
  values: (number | null)[];
}

export function LineChart({ lines, times, unit, height = 140, testId }: { lines: Line[]; times: number[]; unit: string; height?: number; testId?: string }) {
  const W = 600, H = height, padL = 44, padB = 18, padT = 6;
  const max = Math.max(1e-9, ...lines.flatMap((l) => l.values.filter((v): v is number => v !== null)));
  const n = Math.max(1, times.length - 1);
  const x = (i: number) => padL + ((W - padL - 4) * i) / n;
  const y = (v: number) => padT + (H - padT - padB) * (1 - v / max);
  const path = (vals: (number | null)[]) => {
    let d = '', pen = false;
    vals.forEach((v, i) => {
      if (v === null) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  const label = (t: number | undefined) => (t ? new Date(t).toTimeString().slice(0, 5) : '');
  return (
    <figure data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label={lines.map((l) => l.label).join(', ')}>
        <line x1={padL} x2={W - 4} y1={H - padB} y2={H - padB} stroke="#cbd5e1" />
        <line x1={padL} x2={padL} y1={padT} y2={H - padB} stroke="#cbd5e1" />
        <text x={padL - 4} y={padT + 8} textAnchor="end" fontSize="10" fill="#64748b">{fmt(max)} {unit}</text>
        <text x={padL - 4} y={H - padB} textAnchor="end" fontSize="10" fill="#64748b">0</text>
        <text x={padL} y={H - 4} fontSize="10" fill="#64748b">{label(times[0])}</text>
        <text x={W - 4} y={H - 4} textAnchor="end" fontSize="10" fill="#64748b">{label(times.at(-1))}</text>
        {lines.map((l) => <path key={l.label} d={path(l.values)} fill="none" stroke={l.color} strokeWidth="1.5" />)}
      </svg>
      <figcaption className="mt-1 flex gap-4 text-xs text-slate-600">
        {lines.map((l) => <span key={l.label}><span className="mr-1 inline-block h-2 w-3" style={{ background: l.color }} />{l.label}</span>)}
      </figcaption>
    </figure>
  );
}

function fmt(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(2);
}
