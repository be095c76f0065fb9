import { Feature } from '@ledger/platform';
import type { OrchestratorContext } from './orchestrator.context';
import { pipelineFeature } from './pipeline';
import { routingFeature } from './run/routing-inputs';
import { runsFeature } from './run/runs.feature';
import { timelineFeature } from './timeline';

/**
 * The orchestrator's features: pipeline definitions, the runs (their HTTP and bus edges and read
 * models), the router that turns other services' events into run inputs, and the timeline.
 */
export const orchestratorFeatures: Feature<OrchestratorContext>[] = [
  pipelineFeature,
  runsFeature,
  routingFeature,
  timelineFeature,
];
