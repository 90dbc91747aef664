import { t } from '../../i18n';
import { ForecastDemand } from './ForecastDemand';
import { ForecastOperational } from './ForecastOperational';
import { IndentPanel } from './IndentPanel';

/**
 * The indent panel comes first: the forecasts below it arrive after the page opens (late on a
 * loaded machine), and anything under them would move while a planner reaches for it.
 */
export function ForecastsPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t('nav.forecasts')}</h1>
      <IndentPanel />
      <ForecastDemand />
      <ForecastOperational />
    </div>
  );
}
