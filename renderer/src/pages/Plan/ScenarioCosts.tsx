import { useState } from 'react';
import type { CostParameters } from '../../../../core/domain/entities';
import { api } from '../../api/client';
import { t } from '../../i18n';
import { useScenarios } from './scenarioStore';
import { unitLabel } from './planText';

/** Cost parameters and horizon: each figure with its unit, saved when the field is left. */
const FIELDS: { path: string; label: () => string; unit: string }[] = [
  ...(
    [
      ['railBaseRsPerT', '₹/t'],
      ['railRsPerTKm', '₹/t·km'],
      ['twoPointSurchargeRs', '₹'],
      ['minWagonsPerDestination', 'wagons'],
      ['roadBaseRsPerT', '₹/t'],
      ['roadRsPerTKm', '₹/t·km'],
      ['truckT', 't'],
      ['freeTimeH', 'h'],
      ['demurrageRsPerWagonH', '₹/wagon·h'],
      ['loadingRsPerT', '₹/t'],
    ] as const
  ).map(([path, unit]) => ({ path, unit, label: () => t(`costs.${path}` as const) })),
  ...[1, 2, 3].map((p) => ({
    path: `latenessRsPerTDay.p${p}`,
    unit: '₹/t·day',
    label: () => t('costs.latenessP', { p }),
  })),
  ...[1, 2, 3].map((p) => ({ path: `unservedRsPerT.p${p}`, unit: '₹/t', label: () => t('costs.unservedP', { p }) })),
];

function get(costs: CostParameters, path: string): number {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], costs) as number;
}

export function ScenarioCosts() {
  const { detail, reload, selectedId } = useScenarios();
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (!detail || !selectedId) return null;
  const { costs, horizon } = detail.scenario;

  async function save(path: string, text: string) {
    const value = Number(text.replace(/[,\s]/g, ''));
    if (text.trim() === '' || !Number.isFinite(value)) {
      setErrors((e) => ({ ...e, [path]: t('costs.notNumber', { text }) }));
      return;
    }
    const [head = '', sub] = path.split('.');
    const patch = sub
      ? { [head]: { ...(costs as unknown as Record<string, Record<string, number>>)[head], [sub]: value } }
      : { [head]: value };
    try {
      await api.call('scenarios.editMeta', { id: selectedId!, costs: patch });
      setErrors((e) => {
        const n = { ...e };
        delete n[path];
        return n;
      });
      await reload();
    } catch (err) {
      const issues = (err as { issues?: { message: string }[]; message?: string }).issues;
      setErrors((e) => ({ ...e, [path]: issues?.[0]?.message ?? (err as Error).message }));
    }
  }

  async function saveHorizon(start: string, daysText: string) {
    const days = Number(daysText);
    if (!Number.isInteger(days) || days < 1 || days > 31) {
      setErrors((e) => ({ ...e, horizon: t('costs.badHorizon', { text: daysText }) }));
      return;
    }
    try {
      await api.call('scenarios.editMeta', {
        id: selectedId!,
        horizon: { start: `${start.slice(0, 16)}:00+05:30`, days },
      });
      setErrors((e) => {
        const n = { ...e };
        delete n.horizon;
        return n;
      });
      await reload();
    } catch (err) {
      const issues = (err as { issues?: { path: string; message: string }[]; message?: string }).issues;
      setErrors((e) => ({
        ...e,
        horizon: issues?.[0] ? `${issues[0].path}: ${issues[0].message}` : (err as Error).message,
      }));
    }
  }

  return (
    <div className="grid max-w-3xl grid-cols-1 gap-2 md:grid-cols-2" data-testid="costs-form">
      <form
        key={detail.summary.updatedAt}
        className="md:col-span-2 flex flex-wrap items-end gap-2 text-sm"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          void saveHorizon(String(f.get('start')), String(f.get('days')));
        }}
      >
        <label className="flex flex-col">
          {t('costs.planStartIst')}
          <input
            name="start"
            aria-label={t('costs.planStart')}
            defaultValue={horizon.start.slice(0, 16)}
            type="datetime-local"
            className="rounded border border-slate-300 px-1"
          />
        </label>
        <label className="flex flex-col">
          {t('costs.horizonDays')}
          <input
            name="days"
            aria-label={t('costs.horizonDays')}
            defaultValue={horizon.days}
            className="tabular w-20 rounded border border-slate-300 px-1 text-right"
          />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">
          {t('costs.saveHorizon')}
        </button>
        <span className="text-slate-500">{t('costs.effective', { date: costs.effectiveFrom })}</span>
        {errors.horizon && (
          <span role="alert" className="text-xs text-red-700">
            {errors.horizon}
          </span>
        )}
      </form>
      {FIELDS.map((f) => (
        <label
          key={f.path}
          className="flex items-center justify-between gap-2 rounded border border-slate-200 bg-white px-2 py-1 text-sm"
        >
          <span>
            {f.label()} <span className="text-slate-500">[{unitLabel(f.unit)}]</span>
          </span>
          <span className="flex flex-col items-end">
            <input
              key={`${detail.summary.updatedAt}-${f.path}`}
              aria-label={`${f.label()} [${unitLabel(f.unit)}]`}
              defaultValue={String(get(costs, f.path))}
              onBlur={(e) => {
                if (e.target.value !== String(get(costs, f.path))) void save(f.path, e.target.value);
              }}
              className="tabular w-28 rounded border border-slate-300 px-1 text-right"
            />
            {errors[f.path] && (
              <span role="alert" className="text-xs text-red-700">
                {errors[f.path]}
              </span>
            )}
          </span>
        </label>
      ))}
    </div>
  );
}
