import { Feature } from '@ledger/platform';
import type { OrchestratorContext } from '../orchestrator.context';

/** PLACEHOLDER (pipelines engineer): the cross-service timeline of a version. */
export const timelineFeature: Feature<OrchestratorContext> = { name: 'timeline' };
