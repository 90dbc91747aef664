import { useMemo } from 'react';
import { LineChart } from '../../components/chart/LineChart';
import { t } from '../../i18n';
import type { SpecSummary } from '../../../../core/contract/api/training';
import { lossAxis } from './lossAxis';

/** Training and validation loss per boosting round, drawn live as rounds arrive, on the shared chart. */
export function TrainLossChart({
  history,
  testId,
  objective,
  unit,
}: {
  history: { round: number; trainLoss: number; validLoss: number | null }[];
  rounds: number;
  testId?: string;
  /** The loss the model trains on and the target's unit: the y axis is named and measured by them. */
  objective: SpecSummary['objective'];
  unit: string;
}) {
  const axis = lossAxis(objective, unit);
  const { x, series } = useMemo(
    () => ({
      x: history.map((h) => h.round),
      series: [
        { label: t('train.trainingLoss'), color: '#2563eb', values: history.map((h) => h.trainLoss) },
        { label: t('train.validationLoss'), color: '#ea580c', values: history.map((h) => h.validLoss) },
      ],
    }),
    [history],
  );
  return (
    <div className="max-w-xl">
      <LineChart
        testId={testId}
        label={t('train.lossChart')}
        xKind="number"
        xLabel={t('train.round')}
        x={x}
        unit={axis.unit}
        yLabel={axis.name}
        series={series}
        fromZero={false}
        height={170}
      />
    </div>
  );
}
