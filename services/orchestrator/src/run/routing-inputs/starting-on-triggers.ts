import { EntityManager } from 'typeorm';
import { PipelineRunTrigger, PipelineTrigger, stableId } from '@ledger/contracts';
import { StoredEvent } from '@ledger/eventstore';
import { versionFactsById } from '@ledger/registry-knowledge';
import { parseStepCommandId } from '../run-messages';
import { startingRun } from '../starting-run/start-run';
import { EffectivePipeline as PipelineOf, pipelineFor } from '../../pipeline';
import { ORCHESTRATOR_ACTOR, RoutedEvent } from './routed-input';
import { runById } from './run-slots';

type RegistryChange = { modelId: string; version: number; alias?: string; to?: string };

/** Whether the pipeline starts a run on this registry event. */
export function triggeredBy(triggers: readonly PipelineTrigger[], event: Pick<StoredEvent, 'type' | 'data'>): boolean {
  const data = event.data as RegistryChange;
  return triggers.some(
    (trigger) =>
      (trigger.on === 'VersionCreated' && event.type === 'VersionCreated') ||
      (trigger.on === 'AliasSet' && event.type === 'AliasSet' && trigger.alias === data.alias) ||
      (trigger.on === 'StageTransitioned' && event.type === 'VersionStageTransitioned' && trigger.stage === data.to),
  );
}

const KIND: Record<string, PipelineRunTrigger['kind']> = {
  VersionCreated: 'VersionCreated',
  AliasSet: 'AliasSet',
  VersionStageTransitioned: 'StageTransitioned',
};

/** A change one of our runs made, which would start the same pipeline on the same version again. */
async function causedByOwnRun(tx: EntityManager, event: RoutedEvent, pipeline: PipelineOf, version: number) {
  const causation = parseStepCommandId(String(event.metadata.causationId ?? ''));
  if (!causation) return false;
  const run = await runById(tx, causation.runId);
  return run !== undefined && run.version === version && run.scope === pipeline.model;
}

/**
 * A registry event that matches a trigger of the model's pipeline starts a run of it: its runId
 * derives from the pipeline's scope and the event, in the event's chain, with the knowledge as it
 * stood at the event (this runs in the knowledge projection's transaction).
 */
export async function startOnTrigger(tx: EntityManager, event: RoutedEvent): Promise<void> {
  const data = event.data as RegistryChange;
  const facts = await versionFactsById(tx, data.modelId, data.version);
  if (!facts) return; // deleted before the knowledge caught up: nothing to run on
  const pipeline = await pipelineFor(tx, facts.name);
  if (!triggeredBy(pipeline.definition.triggers, event)) return;
  if (await causedByOwnRun(tx, event, pipeline, facts.version)) return;
  const runId = stableId(`run:${pipeline.model}:${event.id}`);
  const actor = (event.metadata.actor as { id?: string } | undefined)?.id ?? null;
  await startingRun(tx, {
    runId,
    name: facts.name,
    version: facts.version,
    trigger: { kind: KIND[event.type], id: event.id, by: actor },
    parameters: {},
    pipeline,
    metadata: {
      now: event.routedAt,
      newId: stableId(`new:start:${runId}`),
      actor: ORCHESTRATOR_ACTOR,
      correlationId: String(event.metadata.correlationId ?? event.id),
      causationId: event.id,
      commandId: `start:${runId}`,
    },
  });
}
