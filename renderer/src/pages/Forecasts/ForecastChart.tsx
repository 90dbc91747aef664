import { useMemo } from 'react';
import { LineChart } from '../../components/chart/LineChart';
import { dateToX } from '../../components/chart/chartFormat';
import { t } from '../../i18n';

/** Actuals with the forecast and the naive forecast after them, by day, on the shared chart. */
export function ForecastChart({
  actuals,
  forecast,
  unit,
  testId,
}: {
  actuals: { date: string; value: number | null }[];
  forecast: { date: string; value: number; naive: number | null }[];
  unit: string;
  testId?: string;
}) {
  const { x, series } = useMemo(() => {
    const x = [...actuals.map((a) => dateToX(a.date)), ...forecast.map((f) => dateToX(f.date))];
    const pad = (before: number, vals: (number | null)[], after: number) => [
      ...Array(before).fill(null),
      ...vals,
      ...Array(after).fill(null),
    ];
    return {
      x,
      series: [
        {
          label: t('forecast.actual'),
          // The theme's text grey: dark on the light theme, light on the dark one.
          color: '--color-slate-600',
          values: pad(
            0,
            actuals.map((a) => a.value),
            forecast.length,
          ),
        },
        {
          label: t('forecast.forecast'),
          color: '#ea580c',
          width: 2.2,
          values: pad(
            actuals.length,
            forecast.map((f) => f.value),
            0,
          ),
        },
        {
          label: t('forecast.naive'),
          color: '#94a3b8',
          dash: [5, 4],
          values: pad(
            actuals.length,
            forecast.map((f) => f.naive),
            0,
          ),
        },
      ],
    };
  }, [actuals, forecast]);
  const markerX = forecast[0] ? dateToX(forecast[0].date) - 43200 : undefined;
  return (
    <LineChart
      testId={testId}
      label={t('forecast.chartLabel', { unit })}
      xKind="date"
      x={x}
      unit={unit}
      series={series}
      markerX={markerX}
      height={200}
    />
  );
}
