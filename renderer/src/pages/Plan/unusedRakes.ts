import type { Rake } from '../../../../core/domain/entities';
import type { Plan } from '../../../../core/domain/plan';
import { t, useLang } from '../../i18n';
import { idleReasonText } from './reasonText';
import { formatDateTime } from '../../lib/dates';
import { rakeStatusLabel } from './planText';

/**
 * Rakes of the scenario that the plan does not load, with why: the solver's own reason for a rake
 * placed in the horizon and left idle (its cheapest load against leaving those tonnes, or what
 * blocks it), else whether it is placed at all.
 */
export function unusedRakes(plan: Plan, scenarioRakes: readonly Rake[]): { rake: Rake; reason: string }[] {
  const used = new Set(plan.rakes.map((r) => r.rakeId));
  const lang = useLang.getState().lang;
  const idle = new Map((plan.idleRakes ?? []).map((r) => [r.rakeId, idleReasonText(r, lang)]));
  const end = Date.parse(plan.scenario.horizonStart) + plan.scenario.horizonDays * 864e5;
  return scenarioRakes
    .filter((r) => !used.has(r.id))
    .map((rake) => ({
      rake,
      reason:
        rake.status === 'cancelled' || rake.status === 'dispatched' || Date.parse(rake.expectedPlacement) >= end
          ? t('plan.unusedNotPlaced', {
              status:
                Date.parse(rake.expectedPlacement) >= end
                  ? t('plan.placementAt', { time: formatDateTime(rake.expectedPlacement) })
                  : rakeStatusLabel(rake.status),
            })
          : (idle.get(rake.id) ?? t('plan.unusedReason')),
    }));
}
