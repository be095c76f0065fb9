import { CommandMetadata, ForbiddenError } from '@ledger/contracts';
import { Queryable } from '@ledger/eventstore';
import type { Principal } from '../principal';

/** Whom a permission check is about: the actor of a command, with the roles it holds. */
export interface Subject {
  name: string;
  roles: readonly string[];
}

/** Resolves the subject of a command; undefined when authentication is off (nothing is checked). */
export interface AccessControl {
  subjectOf(metadata: CommandMetadata): Promise<Subject | undefined>;
}

export const OPEN_ACCESS: AccessControl = { subjectOf: async () => undefined };

const PRINCIPAL = Symbol('command-principal');

/**
 * Keeps the request's authenticated principal with the metadata built from it, so the command's
 * check needs no lookup. Not enumerable: it never reaches a stored event.
 */
export function withCommandPrincipal(metadata: CommandMetadata, principal: Principal | undefined): CommandMetadata {
  if (principal) Object.defineProperty(metadata, PRINCIPAL, { value: principal, enumerable: false });
  return metadata;
}

const principalOfCommand = (metadata: CommandMetadata): Principal | undefined =>
  (metadata as { [PRINCIPAL]?: Principal })[PRINCIPAL];

/**
 * Authentication on: the actor of an HTTP command is the principal that authenticated; a bus
 * command's actor (the producing service account, or whom a delegate acts for) is looked up in
 * the service's identity read model. An unknown or disabled actor may do nothing — except one a
 * delegate vouches for (`via`, e.g. a user of the gateway's identity provider), who has no roles.
 */
export function identityAccess(db: Queryable): AccessControl {
  return {
    async subjectOf(metadata) {
      const { actor } = metadata;
      const principal = principalOfCommand(metadata);
      if (principal && principal.name === actor.id && !actor.via) return principal;
      const rows: { roles: string[]; disabled: boolean }[] = await db.query(
        `SELECT roles, disabled FROM auth_principals WHERE name = $1 LIMIT 1`,
        [actor.id],
      );
      const known = rows[0];
      if (known?.disabled) throw new ForbiddenError(`actor "${actor.id}" is disabled`);
      if (known) return { name: actor.id, roles: known.roles };
      if (actor.via) return { name: actor.id, roles: [] };
      throw new ForbiddenError(`actor "${actor.id}" is not a known principal`);
    },
  };
}

export const isAdmin = (subject: Subject): boolean => subject.roles.includes('admin');
