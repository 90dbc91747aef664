import type { IndentResult } from '../../../../core/contract/api/forecasts';
import { t } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { formatT } from '../../lib/format';
import { demandSourceText } from './sourceText';

/**
 * A fetched indent: its summary, what rakes already placed or expected take off it, what is on no
 * rake, one row per day, loading point and wagon type, and its notes.
 */
export function IndentTable({ indent }: { indent: IndentResult }) {
  const rakes = indent.rows.reduce((s, r) => s + r.rakes, 0);
  return (
    <>
      <p className="text-sm text-slate-600">
        {t('indent.summary', {
          rakes,
          indented: formatT(indent.indentedT),
          demand: formatT(indent.demandT),
          source: demandSourceText(indent.demandFrom),
        })}
      </p>
      {indent.known.rakes > 0 && (
        <p className="text-sm text-slate-600" data-testid="indent-known">
          {t('indent.known', {
            rakes: indent.known.rakes,
            types: indent.known.byType.map((x) => `${x.wagonType} ${x.rakes}`).join(', '),
            covered: formatT(indent.known.coveredT),
          })}
        </p>
      )}
      {indent.leftT > 0 && (
        <p className="text-sm text-slate-600" data-testid="indent-left">
          {t('indent.leftOver', { left: formatT(indent.leftT) })}
        </p>
      )}
      <div className="max-h-80 overflow-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th>{t('col.date')}</th>
              <th>{t('forecast.col.loadingPoint')}</th>
              <th>{t('col.wagonType')}</th>
              <th className="text-right">{t('indent.col.rakes')}</th>
              <th className="text-right">{t('indent.col.expected')}</th>
              <th className="text-right">{t('indent.col.openOrders')}</th>
              <th className="text-right">{t('indent.col.forecast')}</th>
              <th className="text-right">{t('indent.col.covered')}</th>
              <th>{t('indent.col.products')}</th>
            </tr>
          </thead>
          <tbody>
            {indent.rows.map((r) => (
              <tr
                key={`${r.date}|${r.loadingPoint}|${r.wagonType}`}
                className="border-t border-slate-100"
                data-testid="indent-row"
              >
                <td className="tabular whitespace-nowrap">{formatDate(r.date)}</td>
                <td>{r.loadingPoint}</td>
                <td>{r.wagonType}</td>
                <td className="tabular text-right">{r.rakes}</td>
                <td className="tabular text-right">{formatT(r.expectedT)}</td>
                <td className="tabular text-right">{formatT(r.openOrdersT)}</td>
                <td className="tabular text-right">{formatT(r.forecastT)}</td>
                <td className="tabular text-right">{formatT(r.coveredT)}</td>
                <td className="text-xs">{r.products.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {indent.notes.length > 0 && (
        <details className="text-xs text-slate-600">
          <summary>{t('indent.notes', { n: indent.notes.length })}</summary>
          <ul className="list-disc pl-6">
            {indent.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
