import { t } from '../../i18n';
import { RegistryPanel } from './RegistryPanel';
import { TrainPanel } from './TrainPanel';

export function ModelsPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">{t('nav.models')}</h1>
      <TrainPanel />
      <RegistryPanel />
    </div>
  );
}
