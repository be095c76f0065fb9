import { Feature } from '@ledger/platform';
import type { OrchestratorContext } from '../orchestrator.context';

/** PLACEHOLDER (pipelines engineer): pipeline definitions, DefinePipeline over HTTP and the bus, their read model. */
export const pipelineFeature: Feature<OrchestratorContext> = { name: 'pipeline' };
