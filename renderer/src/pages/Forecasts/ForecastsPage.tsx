import { ForecastDemand } from './ForecastDemand';
import { ForecastOperational } from './ForecastOperational';

export function ForecastsPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Forecasts</h1>
      <ForecastDemand />
      <ForecastOperational />
    </div>
  );
}
