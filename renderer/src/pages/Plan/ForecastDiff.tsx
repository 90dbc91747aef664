import { useState } from 'react';
import type { ApplyForecastsResult } from '../../../../core/contract/api/forecasts';
import type { InputSource } from '../../../../core/domain/input-sources';
import { api } from '../../api/client';
import { Button, Card, ErrorBanner } from '../../components/ui';
import { formatH } from '../../lib/format';
import { useAction } from '../../lib/useAction';
import { t } from '../../i18n';
import { inputFieldText, sourceLabelText, sourceWhyText } from '../Forecasts/sourceText';
import { useScenarios } from './scenarioStore';

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
  const { busy, error, run } = useAction();
  const [note, setNote] = useState<string | null>(null);
  const whys = preview
    ? [...new Set(preview.sources.filter((s) => s.why).map((s) => `${inputFieldText(s.field)}: ${sourceWhyText(s)}`))]
    : [];
  return (
    <Card
      title={t('forecast.title')}
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
            {t('forecast.update')}
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
                  setNote(t('forecast.undone', { n: r.restored }));
                  await reload();
                })
              }
            >
              {t('forecast.undo')}
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
            ? t('forecast.fromModel', {
                n: sources.filter((s) => s.source.startsWith('model ')).length,
                total: sources.length,
              })
            : t('forecast.asTyped')}
        </p>
      )}
      {preview && (
        <div data-testid="forecast-diff" className="space-y-2">
          <p className="text-sm">{t('forecast.wouldChange', { n: preview.changes.length })}</p>
          {whys.map((w) => (
            <p key={w} className="rounded bg-amber-50 p-2 text-xs text-amber-800">
              {w}
            </p>
          ))}
          <div className="max-h-72 overflow-auto">
            <table className="w-full text-sm">
              <thead className="text-left text-xs uppercase text-slate-500">
                <tr>
                  <th>{t('forecast.col.input')}</th>
                  <th>{t('forecast.col.for')}</th>
                  <th className="text-right">{t('forecast.col.before')}</th>
                  <th className="text-right">{t('forecast.col.forecast')}</th>
                  <th>{t('forecast.col.source')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes.map((c) => (
                  <tr
                    key={`${c.field}|${c.entity}`}
                    className="border-t border-slate-100"
                    data-testid="forecast-change"
                  >
                    <td>{inputFieldText(c.field)}</td>
                    <td className="font-mono">{c.entity}</td>
                    <td className="tabular text-right">{show(c.field, c.before)}</td>
                    <td className="tabular text-right">{show(c.field, c.used)}</td>
                    <td className="text-xs">{sourceLabelText(c.source)}</td>
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
                  setNote(t('forecast.accepted', { n: r.changes.length }));
                  await reload();
                })
              }
            >
              {t('forecast.accept')}
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => setPreview(null)}>
              {t('forecast.discard')}
            </Button>
          </div>
        </div>
      )}
    </Card>
  );
}
