import { useMemo } from 'react';
import { LineChart } from '../../components/chart/LineChart';

/** Training and validation loss per boosting round, drawn live as rounds arrive, on the shared chart. */
export function TrainLossChart({
  history,
  testId,
}: {
  history: { round: number; trainLoss: number; validLoss: number | null }[];
  rounds: number;
  testId?: string;
}) {
  const { x, series } = useMemo(
    () => ({
      x: history.map((h) => h.round),
      series: [
        { label: 'training loss', color: '#2563eb', values: history.map((h) => h.trainLoss) },
        { label: 'validation loss', color: '#ea580c', values: history.map((h) => h.validLoss) },
      ],
    }),
    [history],
  );
  return (
    <div className="max-w-xl">
      <LineChart
        testId={testId}
        label="Training and validation loss by round"
        xKind="number"
        xLabel="round"
        x={x}
        unit=""
        series={series}
        fromZero={false}
        height={170}
      />
    </div>
  );
}
