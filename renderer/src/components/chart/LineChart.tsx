import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { t } from '../../i18n';
import { formatDateAt, formatDateTimeAt, formatHourAt } from '../../lib/dates';
import { axisWidth, formatTick, tickSpace } from './chartFormat';

/**
 * The one line chart of the app (monitoring, forecasts, training), on uPlot: axes with ticks and
 * units, a legend that shows the values under the pointer, null values break a line. The x axis
 * is time (seconds since epoch, shown on plant time) or a plain number (e.g. boosting rounds).
 */
export interface ChartSeries {
  label: string;
  /** A CSS colour, or a theme variable ("--color-slate-600") for a line that must read in both themes. */
  color: string;
  values: readonly (number | null)[];
  dash?: number[];
  width?: number;
}

export interface LineChartProps {
  x: readonly number[];
  xKind: 'time' | 'date' | 'number';
  xLabel?: string;
  unit: string;
  /** The y axis's name (what the values are), written beside it. */
  yLabel?: string;
  series: readonly ChartSeries[];
  height?: number;
  testId?: string;
  /** Spoken name of the chart (what it shows). */
  label: string;
  /** Draw a vertical marker at this x (e.g. where the forecast begins). */
  markerX?: number;
  /** y axis from zero (rates, tonnes) or fitted to the data (losses). */
  fromZero?: boolean;
}

const PLANT_TZ = 'Asia/Kolkata';
const IST_MIN = 330;

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export function LineChart({
  x,
  xKind,
  xLabel,
  unit,
  yLabel,
  series,
  height = 180,
  testId,
  label,
  markerX,
  fromZero = true,
}: LineChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = `${xKind}|${unit}|${yLabel ?? ''}|${series.map((s) => s.label).join('|')}|${markerX ?? ''}|${fromZero}`;
  // The props the chart is built from, read by the build effect below, which runs only when the
  // chart's shape changes (new data alone goes through setData).
  const latest = useRef({ x, xKind, xLabel, unit, yLabel, series, markerX, fromZero });
  useEffect(() => {
    latest.current = { x, xKind, xLabel, unit, yLabel, series, markerX, fromZero };
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const { x, xKind, xLabel, unit, yLabel, series, markerX, fromZero } = latest.current;
    const axisColor = cssVar('--color-slate-600', '#475569');
    const gridColor = cssVar('--color-slate-200', '#e2e8f0');
    const font = "11px system-ui, 'Noto Sans Devanagari', sans-serif";
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), PLANT_TZ),
      scales: {
        x: { time: xKind !== 'number' },
        y: fromZero ? { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] } : {},
      },
      axes: [
        {
          stroke: axisColor,
          font,
          grid: { stroke: gridColor, width: 1 },
          ticks: { stroke: gridColor },
          label: xLabel,
          labelFont: font,
          // Ticks as far apart as a date label is wide (a time axis shows dates at midnight).
          ...(xKind !== 'number'
            ? { space: (_u: uPlot, _i: number, min: number) => tickSpace(formatDateAt(min * 1000, IST_MIN)) }
            : {}),
          ...(xKind === 'number'
            ? { values: (_u: uPlot, splits: number[]) => splits.map((v) => (Number.isInteger(v) ? String(v) : '')) }
            : {}),
          ...(xKind === 'date'
            ? { values: (_u: uPlot, splits: number[]) => splits.map((v) => formatDateAt(v * 1000, IST_MIN)) }
            : {}),
          // Hours on the 24-hour plant clock, the date at midnight and for steps of a day or more:
          // the app's one date format, in the chosen language, rather than uPlot's English names.
          ...(xKind === 'time'
            ? {
                values: (_u: uPlot, splits: number[], _axis: number, _space: number, incr: number) =>
                  splits.map((v) =>
                    incr >= 86400 || formatHourAt(v * 1000, IST_MIN) === '00:00'
                      ? formatDateAt(v * 1000, IST_MIN)
                      : formatHourAt(v * 1000, IST_MIN),
                  ),
              }
            : {}),
        },
        {
          stroke: axisColor,
          font,
          grid: { stroke: gridColor, width: 1 },
          ticks: { stroke: gridColor },
          ...(yLabel ? { label: yLabel, labelFont: font } : {}),
          values: (_u: uPlot, splits: number[]) => {
            const [first, second] = splits;
            const step = first !== undefined && second !== undefined ? Math.abs(second - first) : 1;
            return splits.map((v) => formatTick(v, unit, step));
          },
          // Wide enough for the longest tick label, recomputed as the data changes.
          size: (_u: uPlot, values: string[] | null) => axisWidth(values ?? []),
        },
      ],
      series: [
        {
          label: xKind === 'number' ? (xLabel ?? 'x') : t('chart.time'),
          value: (_u, v) =>
            v == null
              ? '–'
              : xKind === 'number'
                ? String(v)
                : xKind === 'date'
                  ? formatDateAt(v * 1000, IST_MIN)
                  : formatDateTimeAt(v * 1000, IST_MIN),
        },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color.startsWith('--') ? cssVar(s.color, '#475569') : s.color,
          width: s.width ?? 1.6,
          dash: s.dash,
          spanGaps: false,
          points: { show: false },
          value: (_u: uPlot, v: number | null) =>
            v == null ? '–' : formatTick(v, unit, Math.abs(v) >= 100 ? 1 : 0.01),
        })),
      ],
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      hooks:
        markerX === undefined
          ? {}
          : {
              draw: [
                (u: uPlot) => {
                  const px = u.valToPos(markerX, 'x', true);
                  const ctx = u.ctx;
                  ctx.save();
                  ctx.strokeStyle = axisColor;
                  ctx.setLineDash([3, 3]);
                  ctx.beginPath();
                  ctx.moveTo(px, u.bbox.top);
                  ctx.lineTo(px, u.bbox.top + u.bbox.height);
                  ctx.stroke();
                  ctx.restore();
                },
              ],
            },
    };
    const data = [x.slice(), ...series.map((s) => s.values.slice())] as uPlot.AlignedData;
    const u = new uPlot(opts, data, el);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [shape, height]);

  useEffect(() => {
    plot.current?.setData([x.slice(), ...series.map((s) => s.values.slice())] as uPlot.AlignedData);
  }, [x, series]);

  const last = series
    .map((s) => {
      const v = [...s.values].reverse().find((n) => n !== null);
      return `${s.label}: ${v == null ? t('chart.noData') : formatTick(v, unit, 0.01)}`;
    })
    .join('; ');
  return (
    <figure data-testid={testId} aria-label={label} className="rp-chart">
      <div ref={host} role="img" aria-label={t('chart.latest', { label, values: last })} />
    </figure>
  );
}
