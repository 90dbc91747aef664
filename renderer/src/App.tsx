import { Shell } from './components/Shell';
import { ForecastsPage } from './pages/Forecasts/ForecastsPage';
import { ModelsPage } from './pages/Models/ModelsPage';
import { MonitorPage } from './pages/Monitor/MonitorPage';
import { PlanPage } from './pages/Plan/PlanPage';
import { useNavigation } from './store/navigation';

export function App() {
  const page = useNavigation((s) => s.page);
  return (
    <Shell>
      {page === 'plan' && <PlanPage />}
      {page === 'forecasts' && <ForecastsPage />}
      {page === 'models' && <ModelsPage />}
      {page === 'monitor' && <MonitorPage />}
    </Shell>
  );
}
