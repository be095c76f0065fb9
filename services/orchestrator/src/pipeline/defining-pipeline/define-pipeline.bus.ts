import { DefinePipeline } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import type { OrchestratorContext } from '../../orchestrator.context';
import { definePipeline } from './define-pipeline';

/** DefinePipeline from ml.orchestrator.commands: the same use case as PUT /api/v1/pipelines/{model}. */
export const definePipelineOnBus = busCommand<OrchestratorContext, typeof DefinePipeline.schema>(
  DefinePipeline,
  (context, data, metadata) => definePipeline(context, data, metadata),
);
