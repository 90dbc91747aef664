/** Training and validation loss per boosting round, drawn live as rounds arrive. */
export function TrainLossChart({ history, rounds, testId }: { history: { round: number; trainLoss: number; validLoss: number | null }[]; rounds: number; testId?: string }) {
  const W = 520, H = 150, padL = 52, padB = 20, padT = 8;
  const values = history.flatMap((h) => (h.validLoss === null ? [h.trainLoss] : [h.trainLoss, h.validLoss]));
  const max = Math.max(1e-12, ...values);
  const min = Math.min(max, ...values);
  const span = max - min || max;
  const x = (r: number) => padL + ((W - padL - 6) * (r - 1)) / Math.max(1, rounds - 1);
  const y = (v: number) => padT + (H - padT - padB) * (1 - (v - min) / span);
  const path = (pick: (h: (typeof history)[number]) => number | null) =>
    history.map((h) => ({ r: h.round, v: pick(h) })).filter((p): p is { r: number; v: number } => p.v !== null)
      .map((p, i) => `${i ? 'L' : 'M'}${x(p.r).toFixed(1)},${y(p.v).toFixed(1)}`).join('');
  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
  return (
    <figure data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full max-w-xl" role="img" aria-label="Training and validation loss by round">
        <line x1={padL} x2={W - 6} y1={H - padB} y2={H - padB} stroke="#cbd5e1" />
        <line x1={padL} x2={padL} y1={padT} y2={H - padB} stroke="#cbd5e1" />
        <text x={padL - 4} y={padT + 8} textAnchor="end" fontSize="10" fill="#64748b">{fmt(max)}</text>
        <text x={padL - 4} y={H - padB} textAnchor="end" fontSize="10" fill="#64748b">{fmt(min)}</text>
        <text x={padL} y={H - 5} fontSize="10" fill="#64748b">round 1</text>
        <text x={W - 6} y={H - 5} textAnchor="end" fontSize="10" fill="#64748b">round {rounds}</text>
        <path d={path((h) => h.trainLoss)} fill="none" stroke="#2563eb" strokeWidth="1.5" />
        <path d={path((h) => h.validLoss)} fill="none" stroke="#ea580c" strokeWidth="1.5" />
      </svg>
      <figcaption className="flex gap-4 text-xs text-slate-600">
        <span><span className="mr-1 inline-block h-2 w-3 bg-blue-600" />training loss</span>
        <span><span className="mr-1 inline-block h-2 w-3 bg-orange-600" />validation loss</span>
      </figcaption>
    </figure>
  );
}
