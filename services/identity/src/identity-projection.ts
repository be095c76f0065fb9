import { identityEvents } from '@ledger/contracts';
import { catalogProjection, EventMetadata, StoredEvent } from '@ledger/eventstore';

/** Identity read models: one handler per identity event type they apply (see catalogProjection). */
export const identityProjection = catalogProjection(identityEvents);

/** When the event happened, from its metadata: an inline apply and a rebuild write identical rows. */
export const occurredAt = (event: Pick<StoredEvent, 'metadata'>): string =>
  (event.metadata as unknown as EventMetadata).occurredAt;

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
