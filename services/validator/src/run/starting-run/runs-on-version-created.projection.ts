import { EntityManager } from 'typeorm';
import { newId, Projection, StoredEvent, systemMetadataSource, commandMetadata } from '@ledger/eventstore';
import { actingOnKnowledge, versionFactsById } from '@ledger/registry-knowledge';
import { runRunner } from '../../validator.context';
import { runStreamId, StartValidationRun } from '../run.workflow';
import { prepareRun } from './prepare-run';

/**
 * Starts a version's run in the transaction that records the version in the validator's
 * knowledge, with the projection's checkpoint: the run sees exactly the registry as it was when
 * the version was created (its champion, its policy), and it starts once, whatever the
 * redeliveries or a rebuild — the start's commandId is derived from the VersionCreated's id.
 */
async function startRunFor(tx: EntityManager, event: StoredEvent): Promise<void> {
  const { modelId, version } = event.data as { modelId: string; version: number };
  const subject = await versionFactsById(tx, modelId, version);
  if (!subject) return; // deleted before the knowledge caught up: nothing left to validate
  const context = await prepareRun(tx, {
    subject,
    dryRun: false,
    trigger: { kind: 'VersionCreated', id: event.id },
  });
  const metadata = event.metadata as { correlationId?: string; actor?: { id: string } };
  const input: StartValidationRun = {
    type: 'StartValidationRun',
    data: context,
    metadata: commandMetadata(systemMetadataSource, {
      actor: { id: 'validator', kind: 'service' },
      correlationId: metadata.correlationId,
      causationId: event.id,
      commandId: `start:${context.runId}`,
    }),
  };
  await runRunner(tx.connection, newId).handleIn(tx, runStreamId(context.runId), input);
}

/** The knowledge projection, starting a run for every VersionCreated once the version is recorded. */
export const startingRuns = (knowledge: Projection): Projection =>
  actingOnKnowledge(knowledge, ['VersionCreated'], startRunFor);
