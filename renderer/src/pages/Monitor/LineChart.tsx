import { LineChart as Chart } from '../../components/chart/LineChart';

/** Per-minute monitoring series on the shared chart; null values (a minute without calls) break the line. */
export interface Line {
  label: string;
  color: string;
  values: (number | null)[];
}

export function LineChart({
  lines,
  times,
  unit,
  height = 160,
  testId,
}: {
  lines: Line[];
  times: number[];
  unit: string;
  height?: number;
  testId?: string;
}) {
  return (
    <Chart
      testId={testId}
      label={lines.map((l) => l.label).join(', ')}
      xKind="time"
      x={times.map((t) => t / 1000)}
      unit={unit}
      height={height}
      series={lines}
    />
  );
}
