import { ScenarioWorkspace } from './ScenarioWorkspace';
import { PlanWorkspace } from './PlanWorkspace';
import { useScenarios } from './scenarioStore';

export function PlanPage() {
  const scenarioId = useScenarios((s) => s.selectedId);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Dispatch plan</h1>
      <ScenarioWorkspace />
      <PlanWorkspace scenarioId={scenarioId} />
    </div>
  );
}
