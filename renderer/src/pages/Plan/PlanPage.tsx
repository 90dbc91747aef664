import { EmptyState } from '../../components/ui';

export function PlanPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Dispatch plan</h1>
      <EmptyState title="No scenario yet">Scenarios, rake formation and the optimized plan appear here.</EmptyState>
    </div>
  );
}
