import type { SpecSummary } from '../../../../core/contract/api/training';
import { t } from '../../i18n';

/**
 * What the loss chart's y axis measures: the loss the model trains on (core/ml/objectives.ts) and
 * its unit. Squared and Huber losses are in the square of the target's unit, absolute and pinball
 * losses in the unit itself; log-loss has none.
 */
export function lossAxis(objective: SpecSummary['objective'], unit: string): { name: string; unit: string } {
  switch (objective) {
    case 'binary':
    case 'multiclass':
      return { name: t('train.loss.logloss'), unit: '' };
    case 'absolute':
    case 'quantile':
      return { name: t(`train.loss.${objective}`), unit };
    case 'squared':
    case 'huber':
      return { name: t(`train.loss.${objective}`), unit: !unit ? '' : /[/ ]/.test(unit) ? `(${unit})²` : `${unit}²` };
  }
}
