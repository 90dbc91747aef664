import type { ReactNode } from 'react';
import { t } from '../../i18n';

/** One forecast table with its title and the source it came from (a model version or a fallback). */
export function ForecastSection({
  title,
  source,
  head,
  children,
}: {
  title: string;
  source: string;
  head: readonly string[];
  children: ReactNode;
}) {
  return (
    <section>
      <h3 className="text-sm font-semibold">{title}</h3>
      <p className="text-xs text-slate-500">{t('forecast.source', { source })}</p>
      <table className="tabular mt-1 w-full text-left text-sm">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            {head.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}
