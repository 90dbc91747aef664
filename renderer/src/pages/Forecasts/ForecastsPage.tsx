import { t } from '../../i18n';
import { ForecastDemand } from './ForecastDemand';
import { ForecastOperational } from './ForecastOperational';
import { IndentPanel } from './IndentPanel';

export function ForecastsPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t('nav.forecasts')}</h1>
      <ForecastDemand />
      <ForecastOperational />
      <IndentPanel />
    </div>
  );
}
