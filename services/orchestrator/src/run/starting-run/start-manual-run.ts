import { CommandMetadata, IllegalStateError, stableId, StartPipelineRunInput } from '@ledger/contracts';
import { announceAppend } from '@ledger/eventstore';
import type { OrchestratorContext } from '../../orchestrator.context';
import { pipelineFor } from '../../pipeline';
import { StartedRun, startingRun } from './start-run';

/**
 * StartPipelineRun, from HTTP or the bus: the runId derives from the command's id, so a resent
 * command answers with the run it started the first time.
 */
export async function startManualRun(
  context: OrchestratorContext,
  input: StartPipelineRunInput,
  metadata: CommandMetadata,
): Promise<StartedRun> {
  const commandId = metadata.commandId ?? metadata.newId;
  const runId = stableId(`run:manual:${commandId}`);
  const started = await context.db.transaction(async (tx) => {
    const pipeline = await pipelineFor(tx, input.name);
    if (!pipeline.definition.triggers.some((trigger) => trigger.on === 'manual'))
      throw new IllegalStateError(
        `the pipeline of model "${input.name}" has no manual trigger: it cannot be started by hand`,
      );
    return startingRun(tx, {
      runId,
      name: input.name,
      version: input.version,
      trigger: { kind: 'manual', id: commandId, by: metadata.actor.id },
      parameters: input.parameters,
      pipeline,
      metadata: {
        ...metadata,
        correlationId: metadata.correlationId,
        causationId: commandId,
        commandId: `start:${runId}`,
      },
    });
  });
  announceAppend(context.db);
  return started;
}
