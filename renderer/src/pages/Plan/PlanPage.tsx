import { ScenarioWorkspace } from './ScenarioWorkspace';

export function PlanPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Dispatch plan</h1>
      <ScenarioWorkspace />
    </div>
  );
}
