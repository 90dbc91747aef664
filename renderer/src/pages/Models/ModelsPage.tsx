import { EmptyState } from '../../components/ui';

export function ModelsPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Models</h1>
      <EmptyState title="No models yet">Train, evaluate, promote and roll back the forecasting models here.</EmptyState>
    </div>
  );
}
