import { IllegalStateError, ValidationError } from '@ledger/contracts';
import { DELEGATE_ROLE, PrincipalState } from './principal';

/** Rules more than one decision applies. */

/** Acting on behalf of others is for service accounts (a job runner), never for a person. */
export function requireRolesFit(kind: PrincipalState['kind'], roles: readonly string[]): void {
  if (kind !== 'service' && roles.includes(DELEGATE_ROLE)) {
    throw new ValidationError(`roles: the ${DELEGATE_ROLE} role is only for service accounts`, { roles });
  }
}

/**
 * A disabled principal is final in this increment (there is no event to enable it again): it
 * gets no new roles or tokens. Revoking its tokens stays possible: that only takes access away.
 */
export function requireEnabled(state: PrincipalState, what: string): void {
  if (state.disabled)
    throw new IllegalStateError(`principal "${state.name}" is disabled and cannot ${what}`, { name: state.name });
}

/** Roles are a set: the same roles in another order are no change. */
export const sameRoles = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((role) => b.includes(role));
