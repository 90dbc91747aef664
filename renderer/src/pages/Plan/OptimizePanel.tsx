import { useState } from 'react';
import { Button, Card } from '../../components/ui';
import { formatDuration, formatPct, formatRs } from '../../lib/format';
import { usePlans } from './planStore';

/** Time limit, gap, Optimize; while solving: a progress bar with elapsed time and best so far. */
export function OptimizePanel({ scenarioId }: { scenarioId: string | null }) {
  const { running, optimize, stop, cancel } = usePlans();
  const [timeLimitS, setTimeLimit] = useState(30);
  const [gapPct, setGapPct] = useState(0.5);
  const p = running?.progress;
  const share = p ? Math.min(1, p.elapsedS / timeLimitS) : 0;
  return (
    <Card title="Optimize">
      <div className="flex flex-wrap items-end gap-4">
        <label className="text-sm">
          Time limit [s]
          <input aria-label="Time limit in seconds" type="number" min={1} max={3600} value={timeLimitS} disabled={Boolean(running)}
            onChange={(e) => setTimeLimit(Math.max(1, Number(e.target.value) || 1))} className="ml-2 w-20 rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="text-sm">
          Gap [%]
          <input aria-label="Relative gap in percent" type="number" min={0} max={50} step={0.1} value={gapPct} disabled={Boolean(running)}
            onChange={(e) => setGapPct(Math.max(0, Number(e.target.value) || 0))} className="ml-2 w-20 rounded border border-slate-300 px-2 py-1" />
        </label>
        {!running && (
          <Button disabled={!scenarioId} onClick={() => scenarioId && void optimize(scenarioId, { timeLimitS, gap: gapPct / 100 })}>Optimize</Button>
        )}
        {running && (
          <>
            <Button variant="secondary" disabled={running.stopping} onClick={() => void stop()}>{running.stopping ? 'Stopping…' : 'Stop and keep best'}</Button>
            <Button variant="danger" onClick={cancel}>Cancel</Button>
          </>
        )}
        {!scenarioId && <span className="text-sm text-slate-500">Select a scenario first.</span>}
      </div>
      {running && (
        <div className="mt-3" data-testid="optimize-progress">
          <div className="h-2 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)}>
            <div className="h-2 bg-brand-600 transition-all" style={{ width: `${share * 100}%` }} />
          </div>
          <p className="tabular mt-1 text-sm text-slate-600">
            {p ? `${p.phase}${p.subproblem ? ` (${p.subproblem})` : ''} · ${formatDuration(p.elapsedS)} of ${formatDuration(timeLimitS)}` : 'starting…'}
            {p?.incumbent != null && ` · best so far ${formatRs(p.incumbent)}`}
            {p?.gap != null && ` · gap ${formatPct(p.gap)}`}
          </p>
        </div>
      )}
    </Card>
  );
}
