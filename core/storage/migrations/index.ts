import type { Migration } from '../migrate';
import { m001Foundation } from './001-foundation';
import { m010Scenarios } from './010-scenarios';
import { m011History } from './011-history';
import { m030Training } from './030-training';
import { m040Registry } from './040-registry';
import { m041Monitoring } from './041-monitoring';
import { m042Drift } from './042-drift';
import { m043MetricFaults } from './043-metric-faults';
import { m020Plans } from './020-plans';
import { m050PlanVersions } from './050-plan-versions';
import { m055ScenarioSources } from './055-scenario-sources';
import { m056HistoryOrigin } from './056-history-origin';
import { m058PlanPlannerScenario } from './058-plan-planner-scenario';
import { m059HistoryDateIndexes } from './059-history-date-indexes';
import { m060JobOwner } from './060-job-owner';
import { m061HistoryDemandLane } from './061-history-demand-lane';
import { m062ModelTrainingSpan } from './062-model-training-span';
import { m063SmoothedBaselines } from './063-smoothed-baselines';
import { m064DriftHistoryNouns } from './064-drift-history-nouns';

/**
 * Every schema change, in order. Numbers are unique and increasing (gaps are allowed so features
 * can reserve ranges: 1–9 foundation, 10–19 plant data, 20–29 plans, 30–39 training,
 * 40–49 registry and monitoring). Never edit a shipped migration: add a new one.
 */
export const MIGRATIONS: Migration[] = [
  m001Foundation,
  m010Scenarios,
  m011History,
  m020Plans,
  m030Training,
  m040Registry,
  m041Monitoring,
  m042Drift,
  m043MetricFaults,
  m050PlanVersions,
  m055ScenarioSources,
  m056HistoryOrigin,
  m058PlanPlannerScenario,
  m059HistoryDateIndexes,
  m060JobOwner,
  m061HistoryDemandLane,
  m062ModelTrainingSpan,
  m063SmoothedBaselines,
  m064DriftHistoryNouns,
];
