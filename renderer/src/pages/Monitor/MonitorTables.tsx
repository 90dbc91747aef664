import { formatInstant } from '../../lib/dates';
import type { Alert, DriftReport, ModelStatusRow, SeriesSummary } from '../../../../core/contract/api/monitoring';
import { t, type MessageKey } from '../../i18n';
import { formatMs, formatPct } from '../../lib/format';
import { reasonsText } from '../../lib/refusalText';
import { aliasLabel, driftLabel, statusLabel } from '../../lib/modelLabels';

const ms = (v: number | null) => (v === null ? '–' : formatMs(v));
const th = 'px-2 py-1 text-left font-medium text-slate-600';
const td = 'px-2 py-1 tabular';
const SEVERITY: Record<Alert['severity'], MessageKey> = {
  warning: 'monitor.severity.warning',
  critical: 'monitor.severity.critical',
};

/**
 * The feature that moved most, in the statistics' own notation (PSI, KS D, p), which reads the
 * same in every language.
 */
function shiftText(f: DriftReport['features'][number]): string {
  const ks = f.ks ? `, KS D ${f.ks.d.toFixed(2)} (p ${f.ks.pValue.toExponential(1)})` : '';
  const on = f.comparedOn ? ` (${f.comparedOn})` : '';
  const against = f.reference ? ` [${f.reference.from} – ${f.reference.to}]` : '';
  return `${f.feature}${on}${against}: PSI ${f.psi.toFixed(3)}${ks}`;
}

const HISTORY_TABLE: Record<string, MessageKey> = {
  demand: 'monitor.table.demand',
  rake_placements: 'monitor.table.rake_placements',
  trips: 'monitor.table.trips',
  loading_events: 'monitor.table.loading_events',
  shipments: 'monitor.table.shipments',
};

/** Which rows were compared: the history recorded since training, or the inputs the model was asked. */
function comparedText(c: NonNullable<DriftReport['compared']>): string {
  if (c.kind === 'inputs') return t('monitor.compared.inputs');
  const table = HISTORY_TABLE[c.table] ? t(HISTORY_TABLE[c.table]!) : c.table;
  return t('monitor.compared.history', { table, after: c.after });
}

export function AlertList({ alerts }: { alerts: Alert[] }) {
  if (alerts.length === 0)
    return (
      <p className="text-sm text-emerald-700" data-testid="alerts-none">
        {t('monitor.noAlerts')}
      </p>
    );
  return (
    <ul className="space-y-1" data-testid="alerts">
      {alerts.map((a, i) => (
        <li
          key={i}
          className={`rounded border px-2 py-1 text-sm ${a.severity === 'critical' ? 'border-red-300 bg-red-50 text-red-800' : 'border-amber-300 bg-amber-50 text-amber-900'}`}
        >
          <span className="mr-2 font-mono text-xs uppercase">{t(SEVERITY[a.severity])}</span>
          {a.message}
        </li>
      ))}
    </ul>
  );
}

export function CallTable({ rows }: { rows: SeriesSummary[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t('monitor.noCalls')}</p>;
  return (
    <table className="w-full text-sm" data-testid="calls-table">
      <thead>
        <tr>
          <th className={th}>{t('monitor.col.call')}</th>
          <th className={th}>{t('monitor.calls')}</th>
          <th className={th}>{t('monitor.errors')}</th>
          <th className={th}>p50</th>
          <th className={th}>p95</th>
          <th className={th}>p99</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-slate-100" data-testid={`call-row-${r.key}`}>
            <td className="px-2 py-1 font-mono text-xs">{r.key}</td>
            <td className={td} data-testid="call-count">
              {r.count}
            </td>
            <td className={`${td} ${r.errors ? 'text-red-700' : ''}`}>
              {r.errors} {r.errors ? `(${formatPct(r.errorRate)})` : ''}
            </td>
            <td className={td}>{ms(r.p50)}</td>
            <td className={td}>{ms(r.p95)}</td>
            <td className={td}>{ms(r.p99)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ModelStatusTable({ rows, inference }: { rows: ModelStatusRow[]; inference: SeriesSummary[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t('monitor.noModels')}</p>;
  return (
    <table className="w-full text-sm" data-testid="model-status">
      <thead>
        <tr>
          <th className={th}>{t('models.col.model')}</th>
          <th className={th}>{t('monitor.col.alias')}</th>
          <th className={th}>{t('models.col.version')}</th>
          <th className={th}>{t('models.col.status')}</th>
          <th className={th}>{t('monitor.col.loadTime')}</th>
          <th className={th}>{t('monitor.col.inferenceP99')}</th>
          <th className={th}>{t('monitor.col.lastError')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const inf = inference.find((i) => i.key === `${r.name}@${r.version}`);
          return (
            <tr key={`${r.name}-${r.alias}`} className="border-t border-slate-100">
              <td className="px-2 py-1 font-mono text-xs">{r.name}</td>
              <td className="px-2 py-1">{aliasLabel(r.alias)}</td>
              <td className={td}>{r.version !== null ? `@${r.version}` : '–'}</td>
              <td
                className={`px-2 py-1 ${r.status === 'error' ? 'text-red-700' : r.status === 'loaded' ? 'text-emerald-700' : 'text-slate-600'}`}
              >
                {statusLabel(r.status)}
              </td>
              <td className={td}>{ms(r.loadMs)}</td>
              <td className={td}>{inf ? t('monitor.inferenceReq', { p99: ms(inf.p99), n: inf.count }) : '–'}</td>
              <td className="px-2 py-1 text-xs text-red-700">{r.lastError ?? ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function DriftTable({
  reports,
  onRetrain,
  busy,
}: {
  reports: DriftReport[];
  onRetrain(name: string): void;
  busy: string | null;
}) {
  if (reports.length === 0) return <p className="text-sm text-slate-500">{t('monitor.noDrift')}</p>;
  return (
    <table className="w-full text-sm" data-testid="drift-table">
      <thead>
        <tr>
          <th className={th}>{t('models.col.model')}</th>
          <th className={th}>{t('models.col.status')}</th>
          <th className={th}>{t('monitor.col.samples')}</th>
          <th className={th}>{t('monitor.col.largestShift')}</th>
          <th className={th}>{t('monitor.col.checked')}</th>
          <th className={th} />
        </tr>
      </thead>
      <tbody>
        {reports.map((r) => {
          const worst = [...r.features].sort((a, b) => b.psi - a.psi)[0];
          return (
            <tr key={r.name} className="border-t border-slate-100">
              <td className="px-2 py-1 font-mono text-xs">
                {r.name}
                {r.version !== null ? `@${r.version}` : ''}
              </td>
              <td
                className={`px-2 py-1 ${r.status === 'drift' ? 'text-red-700' : r.status === 'warn' ? 'text-amber-700' : 'text-slate-700'}`}
              >
                {driftLabel(r.status)}
              </td>
              <td className={td}>
                {r.samples}
                {r.compared && <div className="text-xs text-slate-500">{comparedText(r.compared)}</div>}
              </td>
              <td className="px-2 py-1 text-xs">{worst ? shiftText(worst) : reasonsText(r)}</td>
              <td className="px-2 py-1 text-xs">{formatInstant(r.createdAt)}</td>
              <td className="px-2 py-1">
                {(r.status === 'drift' || r.status === 'warn') && (
                  <button
                    type="button"
                    className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100"
                    disabled={busy !== null}
                    onClick={() => onRetrain(r.name)}
                  >
                    {busy === r.name ? t('monitor.retraining') : t('monitor.retrain')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
