import { RegistryPanel } from './RegistryPanel';

export function ModelsPage() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Models</h1>
      <RegistryPanel />
    </div>
  );
}
