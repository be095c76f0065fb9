import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ForbiddenError } from '@ledger/contracts';

/** Who a request authenticated as (from an API token, Basic or Bearer, or a trusted JWT). */
export interface Principal {
  principalId: string;
  name: string;
  kind: 'user' | 'service';
  roles: readonly string[];
}

const PRINCIPAL = Symbol('principal');
type WithPrincipal = { [PRINCIPAL]?: Principal };

/** Set once by the authentication middleware of the service host. */
export function attachPrincipal(req: object, principal: Principal): void {
  (req as WithPrincipal)[PRINCIPAL] = principal;
}

/** The request's principal; undefined only when authentication is off for the service. */
export function principalOf(req: object): Principal | undefined {
  return (req as WithPrincipal)[PRINCIPAL];
}

export const hasRole = (principal: Principal | undefined, role: string): boolean =>
  principal === undefined || principal.roles.includes('admin') || principal.roles.includes(role);

/**
 * Refuses a principal without the role (admins have every role). With authentication off
 * there is no principal and nothing to refuse: a throwaway local run.
 */
export function requireRole(principal: Principal | undefined, role: string): void {
  if (!hasRole(principal, role))
    throw new ForbiddenError(`this needs the ${role} role, which ${principal!.name} does not have`);
}

/** Controller parameter: `@CurrentPrincipal() principal: Principal | undefined`. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal | undefined =>
  principalOf(context.switchToHttp().getRequest<object>()),
);
