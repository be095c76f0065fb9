import { MessageCatalog } from '../catalog';
import { CreatePrincipal, DisablePrincipal, RevokeToken, SetPrincipalRoles } from './principal-commands';
import { PrincipalCreated, PrincipalDisabled, PrincipalRolesSet, TokenIssued, TokenRevoked } from './principal-events';

export * from './principal-events';
export * from './principal-commands';
export * from './tokens';

export const identityEvents = new MessageCatalog([
  PrincipalCreated,
  PrincipalRolesSet,
  PrincipalDisabled,
  TokenIssued,
  TokenRevoked,
]);
/** Issuing a token is not among them: its secret can only be handed back over HTTP. */
export const identityCommands = new MessageCatalog([CreatePrincipal, SetPrincipalRoles, DisablePrincipal, RevokeToken]);
