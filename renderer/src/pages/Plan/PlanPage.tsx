import { ScenarioWorkspace } from './ScenarioWorkspace';
import { PlanWorkspace } from './PlanWorkspace';
import { t } from '../../i18n';
import { useScenarios } from './scenarioStore';

export function PlanPage() {
  const scenarioId = useScenarios((s) => s.selectedId);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t('page.plan')}</h1>
      <ScenarioWorkspace />
      <PlanWorkspace scenarioId={scenarioId} />
    </div>
  );
}
