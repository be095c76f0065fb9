import { EventMetadata } from './envelope';
import { StoredEvent } from './event-log';

/**
 * When the event happened, from its metadata. Read models use this, not the row's created_at
 * or now(): an inline apply and a rebuild must write identical rows.
 */
export function occurredAt(event: Pick<StoredEvent, 'metadata'>): string {
  return (event.metadata as unknown as EventMetadata).occurredAt;
}

/** Who acted: the principal recorded with the event (a delegate's `via` aside). */
export function actorIdOf(event: Pick<StoredEvent, 'metadata'>): string {
  return (event.metadata as unknown as EventMetadata).actor.id;
}

/** Postgres' unique violation on a given constraint (TypeORM copies the driver's fields onto its error). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const candidate = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const driver = candidate?.driverError ?? candidate;
  return driver?.code === '23505' && driver.constraint === constraint;
}
