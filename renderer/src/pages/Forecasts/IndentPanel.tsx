import { useEffect, useState } from 'react';
import type { IndentResult } from '../../../../core/contract/api/forecasts';
import { api, saveBytes } from '../../api/client';
import { Button, Card, ErrorBanner } from '../../components/ui';
import { t } from '../../i18n';
import { parseNumber } from '../../lib/numberInput';
import { useAction } from '../../lib/useAction';
import { useScenarios } from '../Plan/scenarioStore';
import { IndentTable } from './IndentTable';
import { indentScenario } from './planningDay';

const MAX_DAYS = 14;

/** A fetched indent with what it was asked for: the export sends the same, whatever the fields say now. */
interface ShownIndent {
  scenarioId: string;
  days: number;
  result: IndentResult;
}

/**
 * The rake indent: how many rakes of which wagon type to ask the railway for, per day and loading
 * point, for a scenario's open orders, stock and the demand forecast; exported for the indent.
 */
export function IndentPanel() {
  const scenarios = useScenarios((s) => s.list);
  // The list could not be read (no answer has arrived and the store holds the error).
  const listError = useScenarios((s) => (s.listed ? null : s.error));
  const [chosenId, setChosenId] = useState<string>('');
  const [daysText, setDaysText] = useState(String(MAX_DAYS));
  const [shown, setShown] = useState<ShownIndent | null>(null);
  const { busy, error, run } = useAction();
  // The scenario store's list, which the Plan page keeps (and the page below reads too): asked for
  // here only when no page has read it yet.
  useEffect(() => void useScenarios.getState().ensureListed(), []);
  const openId = useScenarios((s) => s.selectedId);
  const scenarioId = indentScenario(scenarios, chosenId, openId);
  const daysInput = parseNumber(daysText, { min: 1, max: MAX_DAYS, whole: true });
  const days = daysInput.ok ? daysInput.value : null;
  const suggest = (asked: { scenarioId: string; days: number }) =>
    run(async () => setShown({ ...asked, result: await api.call('forecasts.indent', asked) }));
  const exportAs = (format: 'xlsx' | 'csv') =>
    run(async () => {
      if (!shown) return;
      const f = await api.call('forecasts.exportIndent', { scenarioId: shown.scenarioId, days: shown.days, format });
      await saveBytes(f.fileName, f.base64);
    });
  return (
    <Card
      title={t('indent.title')}
      actions={
        shown ? (
          <div className="flex gap-2">
            <Button variant="secondary" disabled={busy} onClick={() => void exportAs('xlsx')}>
              {t('plan.exportXlsx')}
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => void exportAs('csv')}>
              {t('indent.exportCsv')}
            </Button>
          </div>
        ) : undefined
      }
    >
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          {t('indent.scenario')}
          <select
            aria-label={t('indent.scenarioAria')}
            className="ml-2 rounded border border-slate-300 px-2 py-1"
            value={scenarioId}
            onChange={(e) => {
              setChosenId(e.target.value);
              setShown(null);
            }}
          >
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('indent.days')}
          <input
            aria-label={t('indent.daysAria')}
            aria-invalid={days === null}
            aria-describedby={days === null ? 'indent-days-error' : undefined}
            type="number"
            min={1}
            max={MAX_DAYS}
            value={daysText}
            onChange={(e) => setDaysText(e.target.value)}
            onBlur={() => {
              if (days !== null) setDaysText(String(days));
            }}
            className="ml-2 w-16 rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-500"
          />
        </label>
        <Button
          disabled={busy || !scenarioId || days === null}
          data-testid="btn-indent"
          onClick={() => {
            if (days !== null) void suggest({ scenarioId, days });
          }}
        >
          {t('indent.suggest')}
        </Button>
      </div>
      {days === null && (
        <p id="indent-days-error" role="alert" className="mt-1 text-sm text-red-700" data-testid="indent-days-error">
          {t('indent.daysInvalid', { max: MAX_DAYS })}
        </p>
      )}
      <ErrorBanner error={error ?? listError} />
      {shown && (
        <div className="mt-3 space-y-2" data-testid="indent">
          {shown.days !== days && (
            <p role="status" className="text-sm text-amber-800" data-testid="indent-stale">
              {t('indent.stale', { days: shown.days })}
            </p>
          )}
          <IndentTable indent={shown.result} />
        </div>
      )}
    </Card>
  );
}
