import { Actor, ActorSchema, ForbiddenError, ValidationError } from '@ledger/contracts';
import { hasRole, Principal } from './principal';

const ANONYMOUS: Actor = { id: 'anonymous', kind: 'user' };

/**
 * Who acts for a request. Authenticated, it is the principal; X-Actor then names someone else
 * only for a service account with the delegate role (a gateway, a CI bridge), and the log keeps
 * that account as `via`. Anyone else naming another actor would be forging the audit trail.
 * Unauthenticated (authentication off), X-Actor is taken as said, as before.
 */
export function actorOf(principal: Principal | undefined, header: string | undefined): Actor {
  if (!principal) return header === undefined ? ANONYMOUS : parseActor(header);
  const self = { id: principal.name, kind: principal.kind };
  if (header === undefined) return self;
  if (!mayDelegate(principal))
    throw new ForbiddenError(
      `X-Actor needs a service account with the delegate role; ${principal.name} may act only as itself`,
    );
  return { ...parseActor(header), via: self };
}

const mayDelegate = (principal: Principal) => principal.kind === 'service' && hasRole(principal, 'delegate');

/** X-Actor is `alice`, `user:alice` or `service:trainer`. */
export function parseActor(header: string): Actor {
  const match = /^(user|service):(.*)$/.exec(header);
  const parsed = ActorSchema.safeParse(match ? { kind: match[1], id: match[2] } : { kind: 'user', id: header });
  if (parsed.success) return { id: parsed.data.id, kind: parsed.data.kind };
  throw new ValidationError(
    'X-Actor header: must be "<id>", "user:<id>" or "service:<id>" with an id of 1 to 256 characters',
  );
}
