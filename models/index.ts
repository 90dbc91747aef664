import { demandSpec } from './demand';
import { freightCostSpec } from './freight-cost';
import { loadingThroughputSpec } from './loading-throughput';
import { rakeAvailabilitySpec } from './rake-availability';
import type { ModelSpec } from './spec';
import { transitDelaySpec } from './transit-delay';
import { transportModeSpec } from './transport-mode';

/** The six forecasting models of DOMAIN.md. */
export const MODEL_SPECS: ModelSpec[] = [
  demandSpec,
  rakeAvailabilitySpec,
  transitDelaySpec,
  loadingThroughputSpec,
  freightCostSpec,
  transportModeSpec,
];

export function getSpec(name: string): ModelSpec {
  const spec = MODEL_SPECS.find((s) => s.name === name);
  if (!spec) throw new Error(`No model spec '${name}'. Specs: ${MODEL_SPECS.map((s) => s.name).join(', ')}.`);
  return spec;
}

export type { HistoryData, ModelSpec } from './spec';
