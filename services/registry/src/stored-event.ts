import { registryEvents } from '@ledger/contracts';
import { catalogProjection, StoredEvent } from '@ledger/eventstore';

/** Registry read models: one handler per registry event type they apply (see catalogProjection). */
export const registryProjection = catalogProjection(registryEvents);

/**
 * The current-schema payload of a stored registry event. Projections read through this so a
 * rebuild over events written by an older schema version gives the same rows.
 */
export function eventData<T>(event: StoredEvent): T {
  return registryEvents.current(event.type, event.schemaVersion, event.data) as T;
}
