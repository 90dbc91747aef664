import { formatInstant } from '../../lib/dates';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GateReport, ModelEvent, ModelSummary, ModelVersionInfo } from '../../../../core/contract/api/registry';
import { api } from '../../api/client';
import { Button, Card, EmptyState, ErrorBanner } from '../../components/ui';
import { t } from '../../i18n';
import { promotedText } from './promotedText';
import { aliasLabel, metricLabel, metricValue, specText, statusLabel } from '../../lib/modelLabels';
import { GatePanel } from './GatePanel';
import { VersionDetail } from './VersionDetail';

type Detail = ModelVersionInfo & { events: ModelEvent[]; gateReports: GateReport[] };

/**
 * The registry: every model with its production and candidate versions; a model's versions with
 * their gates; Evaluate → Promote (or override with a reason), Rollback, Compare two versions.
 */
export function RegistryPanel() {
  const [models, setModels] = useState<ModelSummary[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [versions, setVersions] = useState<ModelVersionInfo[]>([]);
  const [version, setVersion] = useState<number | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [compareTo, setCompareTo] = useState<number | null>(null);
  const [compare, setCompare] = useState<Detail | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<{ text: string; ok: boolean } | null>(null);
  // Only the newest refresh may write: an older answer arriving late would show another version.
  const refreshSeq = useRef(0);

  const refresh = useCallback(async () => {
    const seq = ++refreshSeq.current;
    const current = () => seq === refreshSeq.current;
    try {
      const list = await api.call('registry.list', {});
      if (!current()) return;
      setModels(list);
      const name = selected ?? list[0]?.name ?? null;
      if (name && name !== selected) setSelected(name);
      if (name) {
        const vs = await api.call('registry.versions', { name });
        if (!current()) return;
        setVersions(vs);
        const v = version ?? vs[0]?.version ?? null;
        if (v !== version) setVersion(v);
        if (v !== null) {
          const d = await api.call('registry.show', { name, version: v });
          if (current()) setDetail(d);
        }
      }
    } catch (e) {
      setError(e);
    }
  }, [selected, version]);

  // refresh sets state only after its first await; the rule does not follow awaits into called functions.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
  }, [refresh]);
  useEffect(() => api.on('registry.changed', () => void refresh()), [refresh]);
  useEffect(() => {
    if (!selected || compareTo === null) return;
    api.call('registry.show', { name: selected, version: compareTo }).then(setCompare, setError);
  }, [selected, compareTo]);
  // Only a comparison for the model and version picked now is shown, not one fetched for an earlier pick.
  const comparing = compare && compare.name === selected && compareTo !== null ? compare : null;

  /** Run an action; its note is green when it did what the planner hoped, amber when not. */
  const act = async (fn: () => Promise<string | { text: string; ok: boolean }>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const r = await fn();
      setNote(typeof r === 'string' ? { text: r, ok: true } : r);
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (models.length === 0) {
    return (
      <Card title={t('registry.title')}>
        <ErrorBanner error={error} />
        <EmptyState title={t('registry.empty')}>{t('registry.emptyHint')}</EmptyState>
      </Card>
    );
  }
  const model = models.find((m) => m.name === selected);
  return (
    <Card title={t('registry.title')}>
      <div className="space-y-3">
        <ErrorBanner error={error} />
        {note && (
          <p
            role="status"
            data-tone={note.ok ? 'ok' : 'warning'}
            className={`rounded border p-2 text-sm ${note.ok ? 'border-emerald-200 bg-emerald-50' : 'border-amber-300 bg-amber-50 text-amber-900'}`}
            data-testid="registry-note"
          >
            {note.text}
          </p>
        )}
        <table className="w-full text-sm" data-testid="registry-table">
          <thead>
            <tr className="text-left text-slate-600">
              <th className="px-2">{t('models.col.model')}</th>
              <th className="px-2">{t('registry.col.versions')}</th>
              <th className="px-2">{t('registry.col.production')}</th>
              <th className="px-2">{t('registry.col.candidate')}</th>
              <th className="px-2">{t('registry.col.pins')}</th>
              <th className="px-2">{t('models.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr
                key={m.name}
                data-testid={`model-row-${m.name}`}
                className={`cursor-pointer border-t border-slate-100 ${m.name === selected ? 'bg-slate-100' : 'hover:bg-slate-50'}`}
                onClick={() => {
                  setSelected(m.name);
                  setVersion(null);
                  setCompareTo(null);
                }}
              >
                <td className="px-2 py-1">
                  {specText(m.name, 'title', m.title)}
                  {m.title !== m.name && <span className="ml-1 font-mono text-xs text-slate-500">{m.name}</span>}
                </td>
                <td className="px-2">{m.versions}</td>
                <td className="px-2" data-testid="production-version">
                  {m.production !== null ? `@${m.production}` : '–'}
                </td>
                <td className="px-2">{m.candidate !== null ? `@${m.candidate}` : '–'}</td>
                <td className="px-2 text-xs">{m.pins.map((p) => `${p.consumer} → @${p.version}`).join(', ') || '–'}</td>
                <td className={`px-2 ${m.status === 'error' ? 'text-red-700' : ''}`}>
                  {statusLabel(m.status)}
                  {m.lastError ? `: ${m.lastError}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {model && (
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-sm font-medium">{specText(model.name, 'title', model.title)}</span>
            <Button
              variant="secondary"
              disabled={busy || model.rollbackTo === null}
              data-testid="btn-rollback"
              title={
                model.rollbackTo === null
                  ? t('registry.noRollback')
                  : t('registry.rollbackTo', { version: model.rollbackTo })
              }
              onClick={() =>
                void act(async () => {
                  const r = await api.call('registry.rollback', { name: model.name });
                  return t('registry.rolledBack', {
                    model: specText(model.name, 'title', model.title),
                    from: r.from,
                    to: r.version,
                  });
                })
              }
            >
              {t('registry.rollback')}
            </Button>
          </div>
        )}
        <table className="w-full text-sm" data-testid="versions-table">
          <thead>
            <tr className="text-left text-slate-600">
              <th className="px-2">{t('models.col.version')}</th>
              <th className="px-2">{t('registry.col.aliases')}</th>
              <th className="px-2">{t('registry.col.holdout')}</th>
              <th className="px-2">{t('registry.col.gates')}</th>
              <th className="px-2">{t('registry.col.created')}</th>
              <th className="px-2">{t('registry.col.compare')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => {
              const test = (v.metrics?.test ?? {}) as Record<string, number>;
              return (
                <tr
                  key={v.version}
                  data-testid={`version-row-${v.version}`}
                  className={`cursor-pointer border-t border-slate-100 ${v.version === version ? 'bg-slate-100' : 'hover:bg-slate-50'}`}
                  onClick={() => setVersion(v.version)}
                >
                  <td className="px-2 py-1 font-mono">@{v.version}</td>
                  <td className="px-2">
                    {v.aliases.map(aliasLabel).join(', ')}
                    {v.pins.length ? ` ${t('registry.pinned', { consumers: v.pins.join(', ') })}` : ''}
                  </td>
                  <td className="px-2 tabular">
                    {test.mae !== undefined
                      ? `${metricLabel('mae')} ${metricValue('mae', test.mae, model?.unit ?? null)}`
                      : test.logloss !== undefined
                        ? `${metricLabel('logloss')} ${metricValue('logloss', test.logloss, null)}`
                        : '–'}
                  </td>
                  <td
                    className={`px-2 ${v.gate ? (v.gate.passed ? 'text-emerald-700' : 'text-red-700') : 'text-slate-500'}`}
                  >
                    {v.gate
                      ? t(v.gate.passed ? 'registry.gatePassed' : 'registry.gateFailed')
                      : t('registry.gateNotRun')}
                  </td>
                  <td className="px-2 text-xs">{formatInstant(v.createdAt)}</td>
                  <td className="px-2">
                    <input
                      type="radio"
                      name="compare"
                      aria-label={t('registry.compareWith', { version: v.version })}
                      checked={compareTo === v.version}
                      onChange={() => setCompareTo(v.version)}
                      onClick={(e) => e.stopPropagation()}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {/* The detail (and its Evaluate and Promote buttons) shows only once it is the selected
            version's: acting on the previous selection's detail would evaluate the wrong version. */}
        {detail && detail.name === selected && detail.version === version && (
          <div className="grid gap-4 lg:grid-cols-2">
            <VersionDetail
              detail={detail}
              unit={model?.unit ?? null}
              compare={comparing && comparing.version !== detail.version ? comparing : null}
            />
            <div className="space-y-2">
              <div className="flex items-center gap-2">
                <span className="text-sm font-medium" data-testid="gates-heading">
                  {t('registry.gatesFor', { version: detail.version })}
                </span>
                <Button
                  variant="secondary"
                  disabled={busy}
                  data-testid="btn-evaluate"
                  onClick={() =>
                    void act(async () => {
                      const r = await api.call('registry.evaluate', { name: detail.name, version: detail.version });
                      return {
                        text: t(r.passed ? 'registry.gatesPassedFor' : 'registry.gatesFailedFor', {
                          model: specText(detail.name, 'title', model?.title ?? detail.name),
                          version: detail.version,
                        }),
                        ok: r.passed,
                      };
                    })
                  }
                >
                  {busy ? t('registry.working') : t('registry.evaluate')}
                </Button>
              </div>
              {detail.aliases.includes('production') ? (
                <p className="text-sm text-emerald-700">{t('registry.inProduction', { version: detail.version })}</p>
              ) : (
                <GatePanel
                  report={detail.gate}
                  busy={busy}
                  onPromote={(reason) =>
                    void act(async () => {
                      const r = await api.call('registry.promote', {
                        name: detail.name,
                        version: detail.version,
                        ...(reason ? { override: { reason } } : {}),
                      });
                      return promotedText({ name: detail.name, title: model?.title ?? detail.name }, r);
                    })
                  }
                />
              )}
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}
