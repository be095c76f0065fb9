import { Feature } from '@ledger/platform';
import type { OrchestratorContext } from '../orchestrator.context';

/** PLACEHOLDER (pipelines engineer): runs over HTTP and the bus (start, approve, reject, cancel, retry, skip), their read models and metrics. */
export const runsFeature: Feature<OrchestratorContext> = { name: 'runs' };
