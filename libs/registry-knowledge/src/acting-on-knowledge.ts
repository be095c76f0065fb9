import { EntityManager } from 'typeorm';
import { Projection, StoredEvent } from '@ledger/eventstore';

/**
 * The knowledge projection, and after each event of `types` is applied, in the same transaction
 * and under the same checkpoint, what the service does about it (start a validation run, trigger
 * a rollout): it sees the registry exactly as it stood at that event, and a redelivery or a
 * rebuild reaches it again only with the same event (its commands' ids derive from the event's).
 */
export function actingOnKnowledge(
  knowledge: Projection,
  types: readonly string[],
  act: (tx: EntityManager, event: StoredEvent) => Promise<void>,
): Projection {
  return {
    name: knowledge.name,
    version: knowledge.version,
    handles: knowledge.handles,
    async apply(tx, event) {
      await knowledge.apply(tx, event);
      if (types.includes(event.type)) await act(tx, event);
    },
    reset: knowledge.reset,
    appends: true,
  };
}
