import type { ModelSpec } from '../../models';
import type { TrainRequest } from '../ml/pipeline-types';

/**
 * How a model spec trains: its target, features, objective and baseline on the history's dated
 * rows, with the caller's parameters over the spec's own. One mapping for the trainer and the
 * tests that judge the specs, so the two cannot drift apart.
 */
export function specTrainOptions(spec: ModelSpec, params: TrainRequest['params'] = {}): TrainRequest {
  return {
    name: spec.name,
    title: spec.title,
    spec: spec.name,
    target: spec.target,
    task: spec.task,
    objective: spec.objective,
    quantiles: spec.quantiles,
    features: spec.features,
    categorical: spec.categorical,
    dateColumn: 'date',
    params: { ...spec.params, ...params },
    baseline: spec.baseline,
  };
}
