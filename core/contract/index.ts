import { systemContract, type SystemEvents } from './api/system';
import { monitoringContract, type MonitoringEvents } from './api/monitoring';
import { registryContract, type RegistryEvents } from './api/registry';
import { scenariosContract, type ScenariosEvents } from './api/scenarios';
import { trainingContract, type TrainingEvents } from './api/training';
import { plansContract, type PlansEvents } from './api/plans';
import { forecastsContract } from './api/forecasts';
import { planLoopContract } from './api/plan-loop';
import { joinContracts } from './join';

/**
 * The whole contract: one table of every call the host serves, joined from the features'
 * declarations. A name declared by two features stops start-up (an object spread would silently
 * keep the last one).
 */
export const contract = joinContracts(
  systemContract,
  monitoringContract,
  registryContract,
  scenariosContract,
  trainingContract,
  plansContract,
  forecastsContract,
  planLoopContract,
);

export type Contract = typeof contract;
export type CallName = keyof Contract & string;
export type Events = SystemEvents & MonitoringEvents & RegistryEvents & ScenariosEvents & TrainingEvents & PlansEvents;

export { ContractError, type ContractErrorData, type ErrorCode, type FieldIssue } from './errors';
export type { CallDef, PayloadOf, ProgressOf, ResultOf } from './define';
