import type { StoredEvent } from '@ledger/eventstore';

/** When an event happened (its command's time), for read models. */
export const occurredAt = (event: Pick<StoredEvent, 'metadata' | 'createdAt'>): string =>
  (event.metadata as { occurredAt?: string }).occurredAt ?? new Date(event.createdAt).toISOString();

/** Who caused it: a person, or a service (the deployer's own triggers and timers). */
export const actorOf = (event: Pick<StoredEvent, 'metadata'>): string =>
  (event.metadata as { actor?: { id: string } }).actor?.id ?? 'unknown';
