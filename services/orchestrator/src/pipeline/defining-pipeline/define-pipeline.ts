import { CommandMetadata, DefinePipelineInput, orchestratorEvents } from '@ledger/contracts';
import { CommandHandler } from '@ledger/eventstore';
import { DataSource } from 'typeorm';
import { SOURCE, type OrchestratorContext } from '../../orchestrator.context';
import { PipelineCommand, PipelineEvent, pipelineStreamId, PipelineState } from '../pipeline';
import { pipelineDecider } from '../pipeline.decider';
import { pipelinesProjection } from '../getting-pipelines/pipelines.projection';
import { pipelineViewFor, PipelineView } from '../getting-pipelines/pipeline-queries';

type PipelineHandler = CommandHandler<PipelineCommand, PipelineEvent, PipelineState>;

// One handler per database: it batches and caches per stream, so it is made once, not per request.
const handlers = new WeakMap<DataSource, PipelineHandler>();

function handlerOf(context: Pick<OrchestratorContext, 'db' | 'metadata'>): PipelineHandler {
  const known = handlers.get(context.db);
  if (known) return known;
  const handler = new CommandHandler(context.db, {
    decider: pipelineDecider,
    source: SOURCE,
    catalog: orchestratorEvents,
    newEventId: context.metadata.newId,
    inline: [pipelinesProjection],
  });
  handlers.set(context.db, handler);
  return handler;
}

/**
 * Declares a scope's pipeline (a model's, or `*`) and answers with the one its runs now follow.
 * A definition that is sound by schema but not beyond it (placeholders, N of M, schedules) is a 400.
 */
export async function definePipeline(
  context: Pick<OrchestratorContext, 'db' | 'metadata'>,
  input: DefinePipelineInput,
  metadata: CommandMetadata,
): Promise<PipelineView> {
  await handlerOf(context).handle(pipelineStreamId(input.model), { type: 'DefinePipeline', data: input, metadata });
  return pipelineViewFor(context.db, input.model);
}
