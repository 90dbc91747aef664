import { OpenFromLink } from './components/OpenFromLink';
import { Shell } from './components/Shell';
import { ForecastsPage } from './pages/Forecasts/ForecastsPage';
import { ModelsPage } from './pages/Models/ModelsPage';
import { MonitorPage } from './pages/Monitor/MonitorPage';
import { PlanPage } from './pages/Plan/PlanPage';
import { useLang } from './i18n';
import { useConnection } from './store/connection';
import { useNavigation } from './store/navigation';

export function App() {
  // The whole tree re-renders in the chosen language: `t` reads it when each component renders.
  const lang = useLang((s) => s.lang);
  const page = useNavigation((s) => s.page);
  const state = useConnection((s) => s.state);
  // Without the launch's key nothing can be read: say how to get in rather than show empty pages.
  if (state === 'no-token' || state === 'unauthorised')
    return (
      <Shell>
        <OpenFromLink refused={state === 'unauthorised'} />
      </Shell>
    );
  return (
    <Shell key={lang}>
      {page === 'plan' && <PlanPage />}
      {page === 'forecasts' && <ForecastsPage />}
      {page === 'models' && <ModelsPage />}
      {page === 'monitor' && <MonitorPage />}
    </Shell>
  );
}
