import { Feature } from '@ledger/platform';
import type { OrchestratorContext } from '../orchestrator.context';
import { TIMELINE_MIGRATION, timelineProjection } from './getting-timeline/timeline.projection';
import { TimelineHttp } from './getting-timeline/timeline.http';

/** The cross-service timeline of a version, from the inbox (registry, validator, deployer) and the runs' own events. */
export const timelineFeature: Feature<OrchestratorContext> = {
  name: 'timeline',
  http: [TimelineHttp],
  projections: [timelineProjection],
  migrations: [TIMELINE_MIGRATION],
};
