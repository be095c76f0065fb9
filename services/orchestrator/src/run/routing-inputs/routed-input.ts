import { EntityManager } from 'typeorm';
import { CommandMetadata, stableId } from '@ledger/contracts';
import { newId, StoredEvent } from '@ledger/eventstore';
import { runRunner } from '../../orchestrator.context';
import { RunInput, runStreamId } from '../run-messages';

export const ORCHESTRATOR_ACTOR = { id: 'orchestrator', kind: 'service' as const };

/** When an event happened where it happened (an inbox record keeps its source's time). */
export const occurredAtOf = (event: Pick<StoredEvent, 'metadata' | 'createdAt'>): string =>
  String(event.metadata.occurredAt ?? new Date(event.createdAt).toISOString());

/**
 * An event as the router takes it, with when it took it (from the service's clock): the time a
 * run decides at. Not the event's own time: after a backlog (the orchestrator was down, Kafka
 * lagged) a step's timeout or wait would count from the past and fire at once.
 */
export type RoutedEvent = StoredEvent & { routedAt: string };

/**
 * An input's metadata from the event that caused it: in the run's chain, caused by the event,
 * and with a commandId derived from the event (and the run: one event may concern several), so
 * a redelivery or a rebuild of the router decides it once.
 */
export function routedMetadata(
  event: Pick<RoutedEvent, 'id' | 'routedAt'>,
  runId: string,
  correlationId: string,
  purpose = 'route',
): CommandMetadata {
  const commandId = `${purpose}:${event.id}:${runId}`;
  return {
    now: event.routedAt,
    newId: stableId(`new:${commandId}`),
    actor: ORCHESTRATOR_ACTOR,
    correlationId,
    causationId: event.id,
    commandId,
  };
}

/** Hands an input to its run in the caller's transaction (the router's, with its checkpoint). */
export async function handToRun(tx: EntityManager, input: RunInput): Promise<void> {
  await runRunner(tx.connection, newId).handleIn(tx, runStreamId(input.data.runId), input);
}
