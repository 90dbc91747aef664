import { useState } from 'react';
import type { ApplyForecastsResult } from '../../../../core/contract/api/forecasts';
import type { InputSource } from '../../../../core/domain/input-sources';
import { api } from '../../api/client';
import { Button, Card, ErrorBanner } from '../../components/ui';
import { formatH } from '../../lib/format';
import { useScenarios } from './scenarioStore';

const FIELD = {
  railTransitH: 'Rail transit',
  loadingRateTph: 'Loading rate',
  expectedPlacement: 'Expected placement',
} as const;

function show(field: InputSource['field'], v: string | number): string {
  if (field === 'railTransitH') return formatH(Number(v));
  if (field === 'loadingRateTph') return `${Number(v).toLocaleString('en-IN')} t/h`;
  return String(v).slice(0, 16).replace('T', ' ');
}

/**
 * "Update from forecasts" for the open scenario: first a preview — every figure the models would
 * change, from what to what, and which model version (or baseline) says so — which the planner
 * accepts (saved into the scenario with its sources) or discards; an accepted update can be undone.
 */
export function ForecastDiff({ scenarioId }: { scenarioId: string }) {
  const reload = useScenarios((s) => s.reload);
  const sources = useScenarios((s) => (s.detail?.summary.id === scenarioId ? s.detail.scenario.sources : undefined));
  const [preview, setPreview] = useState<ApplyForecastsResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const whys = preview
    ? [...new Set(preview.sources.filter((s) => s.why).map((s) => `${FIELD[s.field]}: ${s.why}`))]
    : [];
  return (
    <Card
      title="Forecast inputs"
      actions={
        <div className="flex gap-2">
          <Button
            variant="secondary"
            disabled={busy}
            data-testid="btn-update-forecasts"
            onClick={() =>
              void run(async () => {
                setNote(null);
                setPreview(await api.call('forecasts.apply', { scenarioId }));
              })
            }
          >
            Update from forecasts
          </Button>
          {sources?.length ? (
            <Button
              variant="secondary"
              disabled={busy}
              data-testid="btn-undo-forecasts"
              onClick={() =>
                void run(async () => {
                  const r = await api.call('forecasts.undo', { scenarioId });
                  setPreview(null);
                  setNote(`Undone: ${r.restored} figure(s) back to the scenario's own values.`);
                  await reload();
                })
              }
            >
              Undo forecast update
            </Button>
          ) : null}
        </div>
      }
    >
      <ErrorBanner error={error} />
      {note && (
        <p className="text-sm text-slate-600" data-testid="forecast-note">
          {note}
        </p>
      )}
      {!preview && !note && (
        <p className="text-sm text-slate-500">
          {sources?.length
            ? `${sources.filter((s) => s.source.startsWith('model ')).length} of ${sources.length} inputs come from a model; the plan records which.`
            : 'Transit times, loading rates and rake placements are as typed in the scenario.'}
        </p>
      )}
      {preview && (
        <div data-testid="forecast-diff" className="space-y-2">
          <p className="text-sm">{preview.changes.length} figure(s) would change.</p>
          {whys.map((w) => (
            <p key={w} className="rounded bg-amber-50 p-2 text-xs text-amber-800">
              {w}
            </p>
          ))}
          <div className="max-h-72 overflow-auto">
            <table className="w-full text-sm">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th>Input</th>
                  <th>For</th>
                  <th className="text-right">Before</th>
                  <th className="text-right">Forecast</th>
                  <th>Source</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes.map((c) => (
                  <tr
                    key={`${c.field}|${c.entity}`}
                    className="border-t border-slate-100"
                    data-testid="forecast-change"
                  >
                    <td>{FIELD[c.field]}</td>
                    <td className="font-mono">{c.entity}</td>
                    <td className="tabular text-right">{show(c.field, c.before)}</td>
                    <td className="tabular text-right">{show(c.field, c.used)}</td>
                    <td className="text-xs">{c.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex gap-2">
            <Button
              disabled={busy}
              data-testid="btn-accept-forecasts"
              onClick={() =>
                void run(async () => {
                  const r = await api.call('forecasts.apply', { scenarioId, save: true });
                  setPreview(null);
                  setNote(`Accepted: ${r.changes.length} figure(s) updated from the forecasts.`);
                  await reload();
                })
              }
            >
              Accept
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => setPreview(null)}>
              Discard
            </Button>
          </div>
        </div>
      )}
    </Card>
  );
}
