import { EmptyState } from '../../components/ui';

export function ForecastsPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Forecasts</h1>
      <EmptyState title="No forecasts yet">Demand, transit delay and loading throughput forecasts appear here.</EmptyState>
    </div>
  );
}
