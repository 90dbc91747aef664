import { useEffect } from 'react';
import { Button, Card, ErrorBanner } from '../../components/ui';
import { t } from '../../i18n';
import { specText } from '../../lib/modelLabels';
import { TrainLossChart } from './TrainLossChart';
import { TrainResult } from './TrainResult';
import { trainProgressText, trainShareDone } from './trainProgressText';
import { useTraining } from './TrainStore';

/** One row per forecasting model: Train, a live loss chart with elapsed/ETA and Cancel, then the metrics. */
export function TrainPanel() {
  const { specs, syntheticHistory, runs, results, finalProgress, outcome, errors, loadError, load, train, cancel } =
    useTraining();
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Card title={t('train.title')}>
      <ErrorBanner error={loadError} />
      {syntheticHistory && (
        <p
          role="status"
          data-testid="train-synthetic-history"
          className="mb-2 rounded border border-amber-300 bg-amber-50 px-2 py-1 text-sm text-amber-900"
        >
          {t('train.syntheticHistory', { seed: String(syntheticHistory.seed), days: syntheticHistory.days })}
        </p>
      )}
      <ul className="divide-y divide-slate-100">
        {specs.map((s) => {
          const run = runs[s.name];
          const p = run?.last;
          return (
            <li key={s.name} className="py-3" data-testid={`train-spec-${s.name}`}>
              {/* The button stays beside the text, however long the description runs. */}
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0 flex-1">
                  <p className="font-medium">{specText(s.name, 'title', s.title)}</p>
                  <p className="text-xs text-slate-500">
                    {t('train.spec', {
                      description: specText(s.name, 'description', s.description),
                      target: s.target,
                      unit: s.unit,
                      table: s.table,
                    })}{' '}
                    {s.latest ? t('train.latest', { version: s.latest.version }) : t('train.notTrained')}
                  </p>
                </div>
                <div className="shrink-0">
                  {/* Stays where it is, disabled, while the model trains: the second click of a
                      double-click lands here, never on Cancel. */}
                  <Button data-testid={`train-button-${s.name}`} disabled={!!run} onClick={() => void train(s.name)}>
                    {run ? t('train.training') : t('train.train')}
                  </Button>
                </div>
              </div>
              {run && (
                <div className="mt-2" data-testid={`train-progress-${s.name}`}>
                  <div className="flex items-center justify-between gap-3">
                    <div className="min-w-0 flex-1">
                      <div
                        className="h-2 w-full overflow-hidden rounded bg-slate-200"
                        role="progressbar"
                        aria-label={t('train.shareDone')}
                        aria-valuemin={0}
                        aria-valuemax={100}
                        aria-valuenow={Math.round(trainShareDone(run) * 100)}
                      >
                        <div
                          className="h-2 bg-brand-600 transition-all"
                          style={{ width: `${trainShareDone(run) * 100}%` }}
                        />
                      </div>
                      <p className="tabular mt-1 text-sm text-slate-600" data-testid={`train-stage-${s.name}`}>
                        {trainProgressText(run)}
                      </p>
                    </div>
                    <Button variant="danger" data-testid={`train-cancel-${s.name}`} onClick={() => cancel(s.name)}>
                      {t('opt.cancel')}
                    </Button>
                  </div>
                  {run.history.length > 0 && (
                    <TrainLossChart
                      history={run.history}
                      rounds={p?.rounds ?? run.history.length}
                      testId={`train-chart-${s.name}`}
                      objective={s.objective}
                      unit={s.unit}
                    />
                  )}
                </div>
              )}
              {!run && outcome[s.name] === 'cancelled' && (
                <p className="mt-2 text-sm text-slate-600" data-testid={`train-cancelled-${s.name}`}>
                  {t('train.cancelled')}
                </p>
              )}
              <ErrorBanner error={errors[s.name]} />
              {!run && results[s.name] && (
                <>
                  {finalProgress[s.name] && (
                    <p className="tabular mt-2 text-sm text-slate-600" data-testid={`train-progress-${s.name}`}>
                      {t(results[s.name]!.metrics.stoppedEarly ? 'train.finishedEarly' : 'train.finished', {
                        round: finalProgress[s.name]!.round,
                        rounds: finalProgress[s.name]!.rounds,
                        best: results[s.name]!.metrics.bestRound,
                      })}
                    </p>
                  )}
                  <TrainLossChart
                    history={results[s.name]!.metrics.history}
                    rounds={results[s.name]!.metrics.history.length}
                    objective={s.objective}
                    unit={s.unit}
                  />
                  <TrainResult result={results[s.name]!} unit={s.unit} />
                </>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
